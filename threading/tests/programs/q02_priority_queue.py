# Checks: queue.PriorityQueue orders by the items themselves: ints, (priority, label) tuples
# with ties broken by the label, and (priority, counter, payload) entries whose payloads are
# never compared; comparing incomparable payloads raises TypeError.
import queue

pq = queue.PriorityQueue()
for n in [5, 1, 4, 1, 3]:
    pq.put(n)
print([pq.get() for _ in range(5)])
jobs = queue.PriorityQueue()
for entry in [(2, "write"), (1, "read"), (3, "close"), (1, "open"), (2, "flush")]:
    jobs.put(entry)
print([jobs.get() for _ in range(jobs.qsize())])
tasks = queue.PriorityQueue()
counter = 0
for prio, payload in [(1, {"x": 1}), (0, {"y": 2}), (1, {"z": 3})]:
    tasks.put((prio, counter, payload))
    counter += 1
while not tasks.empty():
    print(tasks.get())
bad = queue.PriorityQueue()
bad.put((1, {"a": 1}))
try:
    bad.put((1, {"b": 2}))
except TypeError as e:
    print("TypeError:", e)
