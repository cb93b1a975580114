# Producer and consumers around a Condition (wait_for with a predicate,
# notify, notify_all), a Semaphore that admits two at a time, a
# BoundedSemaphore's over-release, an RLock taken twice, and Events.
import threading

items = []
cond = threading.Condition()
taken = []

def consumer(name):
    with cond:
        cond.wait_for(lambda: items)
        taken.append((name, items.pop(0)))

consumers = [threading.Thread(target=consumer, args=(f"c{n}",)) for n in range(3)]
for t in consumers:
    t.start()
for n in range(3):
    with cond:
        items.append(n)
        cond.notify()
for t in consumers:
    t.join()
print(sorted(v for _, v in taken), len(taken))

with cond:
    print("wait_for timeout:", cond.wait_for(lambda: False, timeout=0.01))
    print("wait timeout:", cond.wait(0.01))
try:
    cond.notify()
except RuntimeError as err:
    print("RuntimeError:", err)
try:
    cond.wait()
except RuntimeError as err:
    print("RuntimeError:", err)

# A Condition over an RLock held twice still lets others in while waiting.
rlock = threading.RLock()
rcond = threading.Condition(rlock)
ready = []

def setter():
    with rcond:
        ready.append(True)
        rcond.notify_all()

with rlock:
    with rcond:
        t = threading.Thread(target=setter)
        t.start()
        rcond.wait_for(lambda: ready)
t.join()
print("rlock condition:", ready)

# At most two workers inside the semaphore at any moment.
slots = threading.Semaphore(2)
inside = 0
most_inside = 0
count_lock = threading.Lock()
start = threading.Barrier(5)

def limited():
    global inside, most_inside
    start.wait()
    for _ in range(50):
        with slots:
            with count_lock:
                inside += 1
                most_inside = max(most_inside, inside)
            with count_lock:
                inside -= 1

workers = [threading.Thread(target=limited) for _ in range(5)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("most inside:", most_inside <= 2, inside)
print(slots.acquire(blocking=False), slots.acquire(timeout=0.01), slots.acquire(False), slots.acquire(timeout=0.01))
slots.release(2)
try:
    threading.Semaphore(-1)
except ValueError as err:
    print("ValueError:", err)
bounded = threading.BoundedSemaphore(1)
bounded.acquire()
bounded.release()
try:
    bounded.release()
except ValueError as err:
    print("ValueError:", err)
print(repr(bounded).split(": ")[1], repr(threading.Semaphore(3)).split(": ")[1])

lock = threading.RLock()
with lock:
    with lock:
        print("re-entered")
plain = threading.Lock()
print(plain.acquire(), plain.acquire(False), plain.locked())
plain.release()
try:
    plain.release()
except RuntimeError as err:
    print("RuntimeError:", err)

ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
ev.set()
print(ev.is_set(), ev.wait(), repr(ev).split(": ")[1])
ev.clear()
print(ev.is_set(), repr(ev).split(": ")[1])
