# Checks: logging from a pool of worker threads handing work over a Queue; every log call
# goes through the handler's lock, so lines never interleave; the order of the lines
# depends on scheduling, so the workers log into a list-backed handler that the main thread
# sorts before printing (a custom Handler subclass with emit()).
import logging
import queue
import threading

class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))

collector = ListHandler()
collector.setFormatter(logging.Formatter("%(threadName)s %(levelname)s %(message)s"))
log = logging.getLogger("pool")
log.setLevel(logging.DEBUG)
log.addHandler(collector)
log.propagate = False

tasks = queue.Queue()

def worker():
    while True:
        n = tasks.get()
        if n is None:
            break
        level = logging.WARNING if n % 5 == 0 else logging.DEBUG
        log.log(level, "task %02d -> %d", n, n * n)

threads = [threading.Thread(target=worker, name=f"w{i}") for i in range(3)]
for t in threads:
    t.start()
for n in range(15):
    tasks.put(n)
for _ in threads:
    tasks.put(None)
for t in threads:
    t.join()
by_task = sorted(collector.lines, key=lambda line: line.split("task ")[1])
print(len(by_task), [line.split(" ", 1)[1] for line in by_task[:6]])
print(sum(1 for line in collector.lines if "WARNING" in line))
