# Checks: a priority-queue scheduler: jobs are queued with priorities before a single worker
# thread starts, so the worker runs them strictly by priority (FIFO within a priority via a
# sequence number); a sentinel with the lowest priority stops it after all jobs.
import itertools
import queue
import threading

class Scheduler:
    STOP = float("inf")

    def __init__(self):
        self.jobs = queue.PriorityQueue()
        self.sequence = itertools.count()
        self.log = []

    def submit(self, priority, name, fn, *args):
        self.jobs.put((priority, next(self.sequence), name, fn, args))

    def worker(self):
        while True:
            priority, _, name, fn, args = self.jobs.get()
            if priority == self.STOP:
                break
            self.log.append(f"p{priority} {name} -> {fn(*args)}")
            self.jobs.task_done()

s = Scheduler()
s.submit(2, "resize", lambda w, h: w * h, 640, 480)
s.submit(1, "auth", str.upper, "token")
s.submit(3, "cleanup", len, [1, 2, 3])
s.submit(1, "health", lambda: "ok")
s.submit(2, "thumb", max, 3, 9)
s.jobs.put((Scheduler.STOP, next(s.sequence), "stop", None, ()))
t = threading.Thread(target=s.worker)
t.start()
t.join()
print("\n".join(s.log))
