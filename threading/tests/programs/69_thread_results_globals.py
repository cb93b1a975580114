# Checks: threads return values are discarded; results go through globals and a list
# under a lock; a thread can start and join other threads (nested).
import threading

lk = threading.Lock()
log = []

def leaf(i):
    with lk:
        log.append(i)
    return i * 100

def branch(base):
    kids = [threading.Thread(target=leaf, args=(base + j,)) for j in range(3)]
    for k in kids:
        k.start()
    for k in kids:
        k.join()

roots = [threading.Thread(target=branch, args=(b,)) for b in (0, 10, 20)]
for r in roots:
    r.start()
for r in roots:
    r.join()
print(sorted(log))
print(len(log), threading.active_count())
