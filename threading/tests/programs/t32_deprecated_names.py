# Checks: the deprecated camelCase names of threading (getName, setName, isDaemon,
# setDaemon, Event.isSet, Condition.notifyAll, currentThread, activeCount) still work and
# print CPython's DeprecationWarning on stderr, once per calling line, when __main__ calls
# them; called from an imported module they stay silent (CPython's default filters).
import threading
import _legacy_names

worker = threading.Thread(target=lambda: None, name="worker")
for attempt in range(3):
    worker.setName(f"worker-{attempt}")
print(worker.getName(), worker.isDaemon())
worker.setDaemon(True)
print(worker.daemon, _legacy_names.describe(worker))

ready = threading.Event()
ready.set()
print(ready.isSet())
cond = threading.Condition()
with cond:
    cond.notifyAll()
print(threading.currentThread().name, threading.activeCount())
