# Checks: time.sleep, time.time, time.perf_counter, time.monotonic; prints only derived facts
# (sleep lasts at least as asked, clocks never go backwards, time.time looks like an epoch).
import time

t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
time.sleep(0.02)
p1 = time.perf_counter()
m1 = time.monotonic()
t1 = time.time()
print(p1 - p0 >= 0.02, m1 - m0 >= 0.015, m1 >= m0)
print(t0 > 1600000000.0, t1 >= t0 - 1.0)
time.sleep(0)
time.sleep(0.001)
p2 = time.perf_counter()
print(p2 >= p1)
print(len(str(int(t0))))
elapsed = p2 - p0
print(f"{elapsed >= 0.02}")
