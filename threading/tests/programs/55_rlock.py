# Checks: RLock is reentrant (nested with, recursive function), non-owner release raises
# RuntimeError, and an RLock held by main blocks another thread's non-blocking acquire.
import threading

rl = threading.RLock()
with rl:
    with rl:
        print("nested ok")

def countdown(n):
    with rl:
        if n == 0:
            return "bottom"
        return countdown(n - 1)

print(countdown(5))
print(rl.acquire(), rl.acquire())
rl.release()
rl.release()
try:
    rl.release()
except RuntimeError as e:
    print("caught", e)
result = {}

def probe():
    result["got"] = rl.acquire(blocking=False)

rl.acquire()
t = threading.Thread(target=probe)
t.start()
t.join()
rl.release()
print(result)
