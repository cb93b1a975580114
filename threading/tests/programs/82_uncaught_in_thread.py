# Checks: an uncaught exception inside a thread prints "Exception in thread NAME:" and a traceback
# to stderr; the thread ends, the main thread goes on, and the exit code is 0.
import threading

def fails(n):
    print("worker starting", n)
    raise RuntimeError("worker failed with " + str(n))

t = threading.Thread(target=fails, args=(7,), name="bad-worker")
t.start()
t.join()
print("main continues", t.is_alive())
u = threading.Thread(target=fails, args=(8,))
u.start()
u.join()
print("main done")
