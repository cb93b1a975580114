# Checks: a tutorial-style pool of futures with done-callbacks collecting results and errors,
# two tasks failing: the callback sees the exception through fut.exception(), and the other
# results are intact; callbacks may run on any worker, so the collected items are sorted.
import threading
from concurrent.futures import ThreadPoolExecutor

results, errors = {}, {}
lock = threading.Lock()

def parse_record(text):
    key, value = text.split("=")
    return key, int(value)

def collect(fut):
    exc = fut.exception()
    with lock:
        if exc is None:
            key, value = fut.result()
            results[key] = value
        else:
            errors[fut.source] = f"{type(exc).__name__}: {exc}"

records = ["a=1", "b=2", "broken", "c=x", "d=4"]
with ThreadPoolExecutor(max_workers=3) as pool:
    for text in records:
        fut = pool.submit(parse_record, text)
        fut.source = text
        fut.add_done_callback(collect)
print(sorted(results.items()))
print(sorted(errors.items()))
