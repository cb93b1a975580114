# Checks: the clocks only as derived facts: monotonic/perf_counter (and their _ns forms) never
# go backwards, sleep lasts at least as long as asked, the _ns forms are ints and agree with
# the float forms to within a second.
import time

t0, n0 = time.monotonic(), time.monotonic_ns()
p0, q0 = time.perf_counter(), time.perf_counter_ns()
time.sleep(0.02)
t1, n1 = time.monotonic(), time.monotonic_ns()
p1, q1 = time.perf_counter(), time.perf_counter_ns()
print(t1 - t0 >= 0.02, n1 - n0 >= 20_000_000, p1 - p0 >= 0.02, q1 >= q0)
print(type(n1).__name__, type(q1).__name__, abs(n1 / 1e9 - t1) < 1, abs(q1 / 1e9 - p1) < 1)
print(abs(time.time() - time.time_ns() / 1e9) < 1)
time.sleep(0)
print("sleep(0) returns")
