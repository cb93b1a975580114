# Checks: queue.SimpleQueue: unbounded FIFO with put/get/put_nowait/get_nowait/qsize/empty,
# get(timeout) raising queue.Empty, no task_done or join, and use between threads.
import queue
import threading

sq = queue.SimpleQueue()
sq.put(1)
sq.put_nowait(2)
print(sq.qsize(), sq.empty(), sq.get(), sq.get_nowait(), sq.empty())
try:
    sq.get(timeout=0.01)
except queue.Empty:
    print("Empty after timeout")
print(hasattr(sq, "task_done"), hasattr(sq, "join"), hasattr(sq, "maxsize"))

def echo(inbox, outbox):
    while True:
        item = inbox.get()
        if item is None:
            break
        outbox.put(item.upper())

inbox, outbox = queue.SimpleQueue(), queue.SimpleQueue()
t = threading.Thread(target=echo, args=(inbox, outbox))
t.start()
for word in ["alpha", "beta", "gamma"]:
    inbox.put(word)
inbox.put(None)
t.join()
print([outbox.get() for _ in range(outbox.qsize())])
