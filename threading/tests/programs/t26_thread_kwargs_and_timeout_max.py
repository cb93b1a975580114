# Checks: Thread(target, args, kwargs) passes both; a target returning a value has it
# discarded; threading.TIMEOUT_MAX is a large float and Lock.acquire accepts it.
import threading

out = {}

def configure(name, *extras, retries=0, verbose=False):
    out[name] = (extras, retries, verbose)
    return "ignored"

t = threading.Thread(target=configure, args=("svc", 1, 2), kwargs={"retries": 3, "verbose": True})
t.start()
t.join()
print(out)
print(type(threading.TIMEOUT_MAX).__name__, threading.TIMEOUT_MAX > 1e6)
lock = threading.Lock()
print(lock.acquire(timeout=threading.TIMEOUT_MAX), lock.locked())
lock.release()
try:
    lock.acquire(timeout=-2)
except ValueError as e:
    print("ValueError:", e)
try:
    lock.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)
