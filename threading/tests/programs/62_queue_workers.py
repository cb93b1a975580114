# Checks: a worker pool fed by queue.Queue with task_done/join, results collected in a second
# queue; None sentinels stop the workers; output sorted so any interleaving prints the same.
import queue
import threading

tasks = queue.Queue()
results = queue.Queue()

def worker():
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            break
        results.put((item, item * item))
        tasks.task_done()

pool = [threading.Thread(target=worker, name="w" + str(i)) for i in range(3)]
for t in pool:
    t.start()
for n in range(20):
    tasks.put(n)
tasks.join()
print("all tasks done, results:", results.qsize())
for _ in pool:
    tasks.put(None)
for t in pool:
    t.join()
out = []
while not results.empty():
    out.append(results.get())
print(sorted(out)[:4], len(out), sum([b for a, b in out]))
print(tasks.qsize(), [t.is_alive() for t in pool])
