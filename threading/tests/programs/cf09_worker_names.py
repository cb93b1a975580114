# Checks: pool thread names: "ThreadPoolExecutor-N_M" with N counting executors created in the
# process and M the worker index; thread_name_prefix replaces the first part; workers are
# created lazily, one per submit while none is idle, up to max_workers (a barrier makes 3
# tasks need 3 threads at once).
import threading
from concurrent.futures import ThreadPoolExecutor

def name_after(barrier):
    barrier.wait()
    return threading.current_thread().name

with ThreadPoolExecutor(max_workers=3) as first:
    b = threading.Barrier(3)
    print(sorted(f.result() for f in [first.submit(name_after, b) for _ in range(3)]))
with ThreadPoolExecutor(max_workers=2) as second:
    b = threading.Barrier(2)
    print(sorted(second.map(name_after, [b, b])))
with ThreadPoolExecutor(max_workers=4, thread_name_prefix="fetch") as named:
    b = threading.Barrier(2)
    print(sorted(named.map(name_after, [b, b])))
with ThreadPoolExecutor(max_workers=1) as single:
    print(single.submit(lambda: threading.current_thread().name).result())
try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)
