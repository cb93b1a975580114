# Checks: bounded Queue behaviour: put_nowait and put(timeout) raise queue.Full, full()
# reports it, get(timeout) raises queue.Empty, a blocked put is released by a get from
# another thread, and Full/Empty are Exceptions with empty messages.
import queue
import threading

q = queue.Queue(maxsize=2)
q.put("a")
q.put("b")
print(q.full(), q.qsize(), q.maxsize)
try:
    q.put_nowait("c")
except queue.Full as e:
    print("Full", repr(str(e)))
try:
    q.put("c", timeout=0.01)
except queue.Full:
    print("Full after timeout")
try:
    q.put("c", block=False)
except queue.Full:
    print("Full without blocking")
done = threading.Event()

def blocked_putter():
    q.put("c")
    done.set()

t = threading.Thread(target=blocked_putter)
t.start()
print(done.wait(0.02), q.get())
t.join()
print(done.is_set(), [q.get_nowait() for _ in range(2)])
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("Empty after timeout")
print(issubclass(queue.Full, Exception), issubclass(queue.Empty, Exception))
