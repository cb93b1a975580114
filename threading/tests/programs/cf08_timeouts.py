# Checks: Future.result(timeout) and exception(timeout) raise TimeoutError while the task is
# blocked; Executor.map(timeout=) raises TimeoutError for a result that is not ready in time;
# concurrent.futures.TimeoutError is the built-in TimeoutError in 3.11.
import concurrent.futures
import threading
from concurrent.futures import ThreadPoolExecutor

gate = threading.Event()
with ThreadPoolExecutor(max_workers=2) as pool:
    fut = pool.submit(gate.wait)
    for attempt in [lambda: fut.result(timeout=0.01), lambda: fut.exception(timeout=0)]:
        try:
            attempt()
        except TimeoutError as e:
            print("TimeoutError", repr(str(e)))
    results = pool.map(lambda x: gate.wait() and x, [1, 2], timeout=0.02)
    try:
        print(list(results))
    except TimeoutError:
        print("map timed out")
    gate.set()
    print(fut.result(timeout=5))
print(concurrent.futures.TimeoutError is TimeoutError)
