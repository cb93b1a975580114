# Checks: a connection pool class limited by a BoundedSemaphore(2): at most two "connections"
# are ever in use at once (tracked maximum), every job gets one, and releasing too often is
# a ValueError.
import threading

class Pool:
    def __init__(self, size):
        self.slots = threading.BoundedSemaphore(size)
        self.lock = threading.Lock()
        self.in_use = 0
        self.peak = 0
        self.served = 0

    def __enter__(self):
        self.slots.acquire()
        with self.lock:
            self.in_use += 1
            self.peak = max(self.peak, self.in_use)
            self.served += 1
        return self

    def __exit__(self, *exc):
        with self.lock:
            self.in_use -= 1
        self.slots.release()

pool = Pool(2)

def job(n):
    for _ in range(n):
        with pool:
            sum(range(50))

threads = [threading.Thread(target=job, args=(25,)) for _ in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(pool.served, pool.in_use, pool.peak <= 2, pool.peak >= 1)
try:
    pool.slots.release()
except ValueError as e:
    print("ValueError:", e)
