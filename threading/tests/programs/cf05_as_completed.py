# Checks: as_completed yields futures in the order they finish: here the main thread decides
# the order by releasing one task at a time, so the sequence is deterministic; futures that
# are already done come out first; a timeout raises TimeoutError.
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed, TimeoutError

events = {name: threading.Event() for name in ["a", "b", "c"]}

def task(name):
    events[name].wait()
    return name.upper()

with ThreadPoolExecutor(max_workers=3) as pool:
    futures = {pool.submit(task, name): name for name in events}
    stream = as_completed(futures)
    for name in ["c", "a", "b"]:
        events[name].set()
        done = next(stream)
        print("finished:", futures[done], done.result())
    ready = pool.submit(lambda: "instant")
    ready.result()
    print([f.result() for f in as_completed([ready])])
    blocker = threading.Event()
    slow = pool.submit(blocker.wait)
    try:
        for f in as_completed([slow], timeout=0.02):
            print("never")
    except TimeoutError as e:
        print("TimeoutError:", e)
    blocker.set()
