# Exceptions that escape a thread's run(): the default threading.excepthook
# prints "Exception in thread NAME:" and the traceback on stderr; the
# program continues and exits 0. A custom hook replaces it; SystemExit in a
# thread is silent; a failing hook is reported through sys.excepthook.
import sys
import threading

def fail(kind):
    raise kind("went wrong")

t = threading.Thread(target=fail, args=(ValueError,), name="failing")
t.start()
t.join()
print("main continues; the failed thread is not alive:", t.is_alive())

class Crashing(threading.Thread):
    def run(self):
        {}["key"]

c = Crashing()
c.start()
c.join()

seen = []

def my_hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                 args.exc_traceback is not None))

threading.excepthook = my_hook
t = threading.Thread(target=fail, args=(KeyError,), name="hooked")
t.start()
t.join()
print(seen)

def exits():
    sys.exit(3)

threading.excepthook = threading.__excepthook__
t = threading.Thread(target=exits)
t.start()
t.join()
print("sys.exit in a thread is silent")

def broken_hook(args):
    raise RuntimeError("the hook itself failed")

threading.excepthook = broken_hook
t = threading.Thread(target=fail, args=(TypeError,), name="double")
t.start()
t.join()
threading.excepthook = threading.__excepthook__
print("done")
