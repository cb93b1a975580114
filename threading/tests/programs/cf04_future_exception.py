# Checks: a task that raises: result() re-raises the same exception object, exception()
# returns it, done() is True and cancelled() False; a successful future's exception() is
# None; the pool keeps working after a failure.
from concurrent.futures import ThreadPoolExecutor

class QuotaError(Exception):
    pass

def fetch(n):
    if n == 3:
        raise QuotaError(f"quota exceeded at {n}")
    return n * 100

with ThreadPoolExecutor(max_workers=2) as pool:
    futures = {n: pool.submit(fetch, n) for n in range(5)}
    for n, f in futures.items():
        try:
            print(n, f.result())
        except QuotaError as e:
            print(n, "failed:", e, "| same object:", f.exception() is e)
    bad = futures[3]
    print(bad.done(), bad.cancelled(), type(bad.exception()).__name__, futures[0].exception())
    print(pool.submit(fetch, 7).result())
