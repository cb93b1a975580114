# Checks: queue.Queue put/get FIFO, qsize, empty, get(block=False) and get(timeout=) raising
# queue.Empty (whose message is empty), maxsize, task_done errors.
import queue

q = queue.Queue()
print(q.empty(), q.qsize())
for x in ["a", 1, None, [2]]:
    q.put(x)
print(q.empty(), q.qsize())
print(q.get(), q.get(), q.get(), q.get())
try:
    q.get(block=False)
except queue.Empty as e:
    print("empty (non-blocking) [" + str(e) + "]")
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("empty (timeout)")
try:
    q.get(True, 0.01)
except queue.Empty:
    print("empty (positional timeout)")
bounded = queue.Queue(maxsize=2)
bounded.put(1)
bounded.put(2)
print(bounded.qsize(), bounded.empty())
print(bounded.get(False), bounded.get(block=True))
q2 = queue.Queue(3)
q2.put("x")
q2.get()
q2.task_done()
try:
    q2.task_done()
except ValueError as e:
    print("caught", e)
q2.join()
print("joined")
