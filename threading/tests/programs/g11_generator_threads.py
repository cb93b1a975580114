# Checks: a generator feeding worker threads: next() on a shared generator is guarded by a
# lock (a generator cannot be resumed by two threads at once); every item is consumed once;
# results are sorted before printing.
import threading

def jobs(n):
    for i in range(n):
        yield i, i * i

source = jobs(200)
source_lock = threading.Lock()
done = []
done_lock = threading.Lock()

def worker():
    while True:
        with source_lock:
            job = next(source, None)
        if job is None:
            return
        i, square = job
        with done_lock:
            done.append((i, square + 1))

threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
done.sort()
print(len(done), done[:3], done[-1], sum(s for _, s in done))

def running():
    yield "first"
    yield next(me)

me = running()
next(me)
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)
