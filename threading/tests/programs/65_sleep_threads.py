# Checks: sleeping threads overlap (time.sleep releases the GIL): 5 threads sleeping 0.04 s each
# all finish; the wall time is at least 0.04 s; finish order is recorded under a lock and sorted.
import threading
import time

finished = []
lk = threading.Lock()

def nap(i):
    time.sleep(0.04)
    with lk:
        finished.append(i)

start = time.perf_counter()
ts = [threading.Thread(target=nap, args=(i,), name=f"napper-{i}") for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
wall = time.perf_counter() - start
print(sorted(finished), wall >= 0.04)
print([t.name for t in ts])
