# Checks: a readers-writer lock class built from a Condition: many readers may hold it at
# once, a writer holds it alone; counters prove no reader ever overlapped a writer and at
# most one writer was inside; the shared data ends exact.
import threading

class RWLock:
    def __init__(self):
        self.cond = threading.Condition()
        self.readers = 0
        self.writing = False

    def acquire_read(self):
        with self.cond:
            while self.writing:
                self.cond.wait()
            self.readers += 1

    def release_read(self):
        with self.cond:
            self.readers -= 1
            if self.readers == 0:
                self.cond.notify_all()

    def acquire_write(self):
        with self.cond:
            while self.writing or self.readers:
                self.cond.wait()
            self.writing = True

    def release_write(self):
        with self.cond:
            self.writing = False
            self.cond.notify_all()

rw = RWLock()
data = {"value": 0}
violations = []
stats_lock = threading.Lock()
writers_inside = [0]

def reader():
    for _ in range(200):
        rw.acquire_read()
        if rw.writing:
            violations.append("reader saw a writer")
        _ = data["value"]
        rw.release_read()

def writer():
    for _ in range(100):
        rw.acquire_write()
        with stats_lock:
            writers_inside[0] += 1
            if writers_inside[0] != 1 or rw.readers:
                violations.append("writer not alone")
        data["value"] += 1
        with stats_lock:
            writers_inside[0] -= 1
        rw.release_write()

threads = [threading.Thread(target=reader) for _ in range(3)] + [threading.Thread(target=writer) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(data["value"], violations, rw.readers, rw.writing)
