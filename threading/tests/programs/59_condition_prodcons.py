# Checks: Condition wait/notify with a bounded buffer: one producer, one consumer, items
# arrive in order; a while-loop guards every wait.
import threading

cond = threading.Condition()
buf = []
received = []
N = 30

def producer():
    for i in range(N):
        with cond:
            while len(buf) >= 3:
                cond.wait()
            buf.append(i)
            cond.notify()

def consumer():
    for _ in range(N):
        with cond:
            while len(buf) == 0:
                cond.wait()
            received.append(buf.pop(0))
            cond.notify()

c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start()
p.start()
p.join()
c.join()
print(received == list(range(N)), len(received), received[:5], received[-1])
print(buf)
