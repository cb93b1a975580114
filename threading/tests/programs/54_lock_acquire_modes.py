# Checks: Lock.acquire return values: blocking=False on a held lock, timeout expiring, success;
# releasing an unlocked Lock raises RuntimeError; a lock held by main blocks a worker until released.
import threading

lock = threading.Lock()
print(lock.acquire())
print(lock.acquire(False))
print(lock.acquire(blocking=False))
print(lock.acquire(timeout=0.01))
print(lock.acquire(True, 0.01))
lock.release()
print(lock.acquire(blocking=False))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("caught", e)
log = []

def grab():
    got = lock.acquire(timeout=5)
    log.append("worker got " + str(got))
    lock.release()

lock.acquire()
t = threading.Thread(target=grab)
t.start()
log.append("main releasing")
lock.release()
t.join()
print(log)
