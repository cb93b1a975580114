# A tiny job scheduler on queue.PriorityQueue: jobs come out by priority
# (tuples, and objects that define __lt__), one worker processes them and
# the producer waits with join() until every job is task_done(). Then the
# other queue kinds, and the non-blocking and timed operations.
import queue
import threading

jobs = queue.PriorityQueue()
done_order = []

def worker():
    while True:
        priority, name = jobs.get()
        if name is None:
            jobs.task_done()
            break
        done_order.append((priority, name))
        jobs.task_done()

# Queue everything first, then start the worker: the order is the heap's.
for priority, name in [(3, "write report"), (1, "fix outage"), (2, "review"),
                       (1, "call back"), (5, "lunch")]:
    jobs.put((priority, name))
jobs.put((99, None))
t = threading.Thread(target=worker)
t.start()
jobs.join()
t.join()
print(done_order)

class Job:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name

    def __lt__(self, other):
        return self.priority < other.priority

    def __repr__(self):
        return f"Job({self.priority}, {self.name!r})"

# Equal priorities: the order is whatever the heap algorithm gives.
pq = queue.PriorityQueue()
for n, p in enumerate([2, 1, 2, 1, 3, 2, 1, 2]):
    pq.put(Job(p, f"job{n}"))
print([pq.get() for _ in range(pq.qsize())])

lifo = queue.LifoQueue()
for n in range(4):
    lifo.put(n)
print([lifo.get() for _ in range(4)])

fifo = queue.Queue(maxsize=2)
fifo.put_nowait("a")
fifo.put("b")
print(fifo.full(), fifo.qsize(), fifo.empty())
try:
    fifo.put_nowait("c")
except queue.Full:
    print("Full")
try:
    fifo.put("c", timeout=0.01)
except queue.Full:
    print("Full after timeout")
print(fifo.get(), fifo.get_nowait(), fifo.empty())
try:
    fifo.get(timeout=0.01)
except queue.Empty:
    print("Empty after timeout")
try:
    fifo.get(timeout=-1)
except ValueError as err:
    print("ValueError:", err)
try:
    fifo.task_done(); fifo.task_done(); fifo.task_done()
except ValueError as err:
    print("ValueError:", err)

# A bounded queue makes the producer wait for the consumer.
small = queue.Queue(maxsize=1)
received = []

def consume():
    for _ in range(5):
        received.append(small.get())

c = threading.Thread(target=consume)
c.start()
for n in range(5):
    small.put(n)
c.join()
print(received)

simple = queue.SimpleQueue()
simple.put(1)
simple.put_nowait(2)
print(simple.qsize(), simple.get(), simple.get_nowait(), simple.empty())
try:
    simple.get(block=False)
except queue.Empty:
    print("SimpleQueue Empty")
print(type(simple).__module__, queue.Empty.__module__, queue.Full.__module__)

# An uncaught queue.Empty ends the program with CPython's traceback.
queue.Queue().get_nowait()
