# Checks: a BoundedBuffer class built on threading.Condition (wait while full / while empty,
# notify_all after each change) used by 3 producers and 3 consumers: nothing is lost or
# duplicated and the buffer never exceeds its capacity (tracked maximum).
import threading

class BoundedBuffer:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.cond = threading.Condition()
        self.high_water = 0

    def put(self, item):
        with self.cond:
            while len(self.items) >= self.capacity:
                self.cond.wait()
            self.items.append(item)
            self.high_water = max(self.high_water, len(self.items))
            self.cond.notify_all()

    def get(self):
        with self.cond:
            while not self.items:
                self.cond.wait()
            item = self.items.pop(0)
            self.cond.notify_all()
            return item

buf = BoundedBuffer(4)
taken = []
taken_lock = threading.Lock()

def produce(base):
    for i in range(100):
        buf.put(base + i)

def consume(n):
    for _ in range(n):
        item = buf.get()
        with taken_lock:
            taken.append(item)

threads = [threading.Thread(target=produce, args=(b,)) for b in (0, 1000, 2000)]
threads += [threading.Thread(target=consume, args=(100,)) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(taken), len(set(taken)), sum(taken), buf.high_water <= 4, buf.items)
