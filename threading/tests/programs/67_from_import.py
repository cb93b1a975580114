# Checks: `from threading import Thread, Lock` alongside `import threading`; the names are the same objects.
from threading import Thread, Lock
import threading

total = 0
lk = Lock()

def add(n):
    global total
    for _ in range(n):
        with lk:
            total += 1

ts = [Thread(target=add, args=(500,)) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(total)
print(Thread is threading.Thread, Lock is threading.Lock)
named = Thread(target=add, args=(0,), name="solo")
named.start()
named.join()
print(named.name, named.is_alive())
