# Checks: daemon threads: the daemon= argument and attribute, inheritance of daemon status
# from the creating thread, RuntimeError when changing it after start, and the process
# exiting (status 0) while a daemon thread is still blocked forever.
import threading

never = threading.Event()
seen = {}

def blocked_forever():
    seen["daemon-started"] = True
    never.wait()
    print("never printed")

def spawner():
    child = threading.Thread(target=lambda: None)
    seen["child-daemon"] = child.daemon

d = threading.Thread(target=blocked_forever, daemon=True)
print(d.daemon, threading.main_thread().daemon, threading.current_thread().daemon)
d.start()
try:
    d.daemon = False
except RuntimeError as e:
    print("RuntimeError:", e)
s = threading.Thread(target=spawner, daemon=True)
s.start()
s.join()
n = threading.Thread(target=spawner)
n.start()
n.join()
print(seen["child-daemon"], d.is_alive())
late = threading.Thread(target=lambda: None)
late.daemon = True
print(late.daemon, late.is_alive())
print("main exits while the daemon waits")
