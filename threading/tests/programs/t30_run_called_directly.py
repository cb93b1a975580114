# Checks: calling Thread.run() directly runs the target in the calling thread (no new thread:
# current_thread() is MainThread and is_alive() stays False); start() afterwards still works
# once; run() of a subclass override is an ordinary method call.
import threading

seen = []

def who(tag):
    seen.append((tag, threading.current_thread().name))

t = threading.Thread(target=who, args=("direct",), name="never-started")
t.run()
print(seen, t.is_alive(), t.ident)
u = threading.Thread(target=who, args=("started",), name="real")
u.start()
u.join()
print(seen[-1])

class Echo(threading.Thread):
    def run(self):
        seen.append(("override", threading.current_thread().name))

e = Echo(name="echo")
e.run()
e.start()
e.join()
print(seen[-2:])
