# Checks: Producer and Consumer classes (subclassing Thread) connected by a queue.Queue with a
# sentinel per consumer: every item is consumed exactly once; per-consumer counts add up;
# output is independent of the interleaving.
import queue
import threading

STOP = object()

class Producer(threading.Thread):
    def __init__(self, q, start_at, count):
        super().__init__()
        self.q = q
        self.items = range(start_at, start_at + count)

    def run(self):
        for item in self.items:
            self.q.put(item)

class Consumer(threading.Thread):
    def __init__(self, q):
        super().__init__()
        self.q = q
        self.consumed = []

    def run(self):
        while True:
            item = self.q.get()
            if item is STOP:
                break
            self.consumed.append(item * 2)

q = queue.Queue(maxsize=5)
producers = [Producer(q, i * 1000, 50) for i in range(3)]
consumers = [Consumer(q) for _ in range(2)]
for t in producers + consumers:
    t.start()
for p in producers:
    p.join()
for _ in consumers:
    q.put(STOP)
for c in consumers:
    c.join()
everything = sorted(x for c in consumers for x in c.consumed)
print(len(everything), everything[:3], everything[-1], sum(everything))
print(sum(len(c.consumed) for c in consumers), q.empty())
