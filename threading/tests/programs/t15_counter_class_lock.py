# Checks: a Counter class whose increment method takes self.lock keeps `self.value += 1` exact
# under 4 threads x 10,000 increments; a second counter object has its own lock and value.
import threading

class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def increment(self):
        with self.lock:
            self.value += 1

hits, misses = Counter(), Counter()

def work(n):
    for i in range(n):
        if i % 4:
            hits.increment()
        else:
            misses.increment()

threads = [threading.Thread(target=work, args=(10000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(hits.value, misses.value, hits.value + misses.value)
