# Checks: a blocking get with a generous timeout receives an item put later by another thread;
# get(block=False) succeeds when an item is present; Empty after the queue is drained.
import queue
import threading

q = queue.Queue()
got = []
start = threading.Event()

def consumer():
    start.set()
    got.append(q.get(timeout=5))
    got.append(q.get(True, 5))

t = threading.Thread(target=consumer)
t.start()
start.wait()
q.put("first")
q.put("second")
t.join()
print(got)
q.put(3)
print(q.get(block=False), q.empty())
try:
    q.get(block=False)
except queue.Empty:
    print("drained")
