# Checks: the module-level random generator is one generator shared by every thread (under a
# lock, as CPython's is): with one seed, the multiset of values drawn by 4 threads together
# equals a single-threaded run of the same number of draws, whichever thread drew which.
import random
import threading

random.seed(2024)
expected = sorted(random.getrandbits(32) for _ in range(400))
random.seed(2024)
drawn = []
lock = threading.Lock()

def draw(n):
    mine = [random.getrandbits(32) for _ in range(n)]
    with lock:
        drawn.extend(mine)

threads = [threading.Thread(target=draw, args=(100,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(drawn), sorted(drawn) == expected, expected[:3])
