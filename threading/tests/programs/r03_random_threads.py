# Checks: each worker thread owns a random.Random seeded with its index, so its draws are
# reproducible whatever the interleaving; results are reported by index. Workers also sleep
# for a random (tiny) time, which changes the finish order but not the output.
import random
import threading
import time

results = {}

def simulate(index):
    rng = random.Random(1000 + index)
    time.sleep(rng.random() / 200)
    rolls = [rng.randint(1, 6) for _ in range(5)]
    results[index] = (rolls, sum(rolls), rng.choice(["heads", "tails"]))

threads = [threading.Thread(target=simulate, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for i in sorted(results):
    print(i, results[i])
