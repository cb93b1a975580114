# Checks: concurrent.futures.wait with FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED
# returns (done, not_done) sets; the main thread controls which tasks finish, so the split is
# deterministic; a timeout returns with work still pending.
import threading
from concurrent.futures import (ThreadPoolExecutor, wait, FIRST_COMPLETED,
                                FIRST_EXCEPTION, ALL_COMPLETED)

gates = [threading.Event() for _ in range(3)]

def job(i, fail=False):
    gates[i].wait()
    if fail:
        raise ValueError(f"job {i} failed")
    return i

with ThreadPoolExecutor(max_workers=3) as pool:
    futures = [pool.submit(job, 0), pool.submit(job, 1, fail=True), pool.submit(job, 2)]
    done, pending = wait(futures, timeout=0.02)
    print("timeout:", len(done), len(pending))
    gates[0].set()
    done, pending = wait(futures, return_when=FIRST_COMPLETED)
    print("first completed:", [f.result() for f in done], len(pending))
    gates[1].set()
    done, pending = wait(futures, return_when=FIRST_EXCEPTION)
    print("first exception:", sorted(str(f.exception()) for f in done), len(pending))
    gates[2].set()
    done, pending = wait(futures, return_when=ALL_COMPLETED)
    print("all completed:", len(done), len(pending), futures[2].result())
print(FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED)
