# Checks: Thread args of different shapes: empty tuple, 1-tuple, list, several values, a target
# with default parameters; the main thread reads results only after join.
import threading

log = []
lk = threading.Lock()

def record(a="d1", b="d2"):
    with lk:
        log.append(a + "/" + b)

def noargs():
    with lk:
        log.append("noargs")

ts = [
    threading.Thread(target=noargs),
    threading.Thread(target=noargs, args=()),
    threading.Thread(target=record),
    threading.Thread(target=record, args=("x",)),
    threading.Thread(target=record, args=["p", "q"]),
    threading.Thread(target=record, args=("m", "n"), name="named"),
]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(log))
print(ts[-1].name, ts[0].name, ts[2].name)
