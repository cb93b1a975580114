# Checks: Queue.join() waits until task_done() was called for every item: a pool of worker
# threads (daemon, never stopped) processes jobs; the main thread joins the queue, not the
# workers; a failing job is recorded, not fatal; too many task_done() calls raise ValueError.
import queue
import threading

class Pool:
    def __init__(self, workers):
        self.tasks = queue.Queue()
        self.results = []
        self.lock = threading.Lock()
        for i in range(workers):
            threading.Thread(target=self.work, daemon=True, name=f"pool-{i}").start()

    def work(self):
        while True:
            fn, arg = self.tasks.get()
            try:
                value = fn(arg)
            except Exception as e:
                value = repr(e)
            with self.lock:
                self.results.append(value)
            self.tasks.task_done()

pool = Pool(3)
for n in range(30):
    pool.tasks.put((lambda x: x ** 3, n))
pool.tasks.join()
print(len(pool.results), sum(pool.results), pool.tasks.unfinished_tasks)
for n in range(5):
    pool.tasks.put((lambda x: 1 // (x - 2) if x == 2 else x, n))
pool.tasks.join()
print(len(pool.results), sorted(str(r) for r in pool.results[30:]))
try:
    pool.tasks.task_done()
except ValueError as e:
    print("ValueError:", e)
