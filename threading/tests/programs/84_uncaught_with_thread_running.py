# Checks: the main thread dies of an uncaught KeyError while a non-daemon worker still runs:
# Python joins the worker before exiting, so its output still appears; exit code 1.
import threading
import time

ready = threading.Event()

def slow():
    ready.wait()
    time.sleep(0.02)
    print("worker finished")

t = threading.Thread(target=slow)
t.start()
d = {"present": 1}
print("looking up")
ready.set()
d["absent"]
