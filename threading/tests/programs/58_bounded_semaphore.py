# Checks: BoundedSemaphore behaves like Semaphore but over-release raises
# ValueError("Semaphore released too many times"); a plain Semaphore may be over-released.
import threading

b = threading.BoundedSemaphore(2)
print(b.acquire(), b.acquire(), b.acquire(blocking=False))
b.release()
b.release()
try:
    b.release()
except ValueError as e:
    print("caught", e)
with b:
    print("with ok")
plain = threading.Semaphore(1)
plain.release()
print(plain.acquire(blocking=False), plain.acquire(blocking=False), plain.acquire(blocking=False))
one = threading.BoundedSemaphore()
print(one.acquire(blocking=False), one.acquire(blocking=False))
one.release()
try:
    one.release()
except ValueError as e:
    print("caught again", e)
