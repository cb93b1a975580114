# Checks: a @synchronized decorator built from a closure over a Lock keeps a shared counter
# exact when 4 threads call the decorated function 5,000 times each; wraps keeps the name.
import functools
import threading

def synchronized(fn):
    lock = threading.Lock()

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with lock:
            return fn(*args, **kwargs)
    return wrapper

counts = {"hits": 0}

@synchronized
def hit(n=1):
    value = counts["hits"]
    counts["hits"] = value + n

def worker():
    for _ in range(5000):
        hit()

threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counts["hits"], hit.__name__)
