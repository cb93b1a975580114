# Checks: ThreadPoolExecutor.submit returns Futures whose result() is the function's return
# value (positional and keyword arguments), the with-block shuts the pool down and waits,
# and done() is True for every future afterwards.
from concurrent.futures import ThreadPoolExecutor

def power(base, exp=2):
    return base ** exp

with ThreadPoolExecutor(max_workers=3) as pool:
    futures = [pool.submit(power, n) for n in range(6)]
    cubes = [pool.submit(power, n, exp=3) for n in range(3)]
    print([f.result() for f in futures], [f.result() for f in cubes])
print(all(f.done() for f in futures + cubes), any(f.cancelled() for f in futures))
pool2 = ThreadPoolExecutor(2)
f = pool2.submit(sum, [1, 2, 3], 10)
print(f.result(), f.exception())
pool2.shutdown()
try:
    pool2.submit(power, 2)
except RuntimeError as e:
    print("RuntimeError:", e)
