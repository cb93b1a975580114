# Checks: sys.exit() inside a thread ends only that thread, silently (no report on stderr);
# the main thread continues and the process exits 0.
import sys
import threading

progress = []

def worker():
    progress.append("started")
    sys.exit(4)
    progress.append("never")

t = threading.Thread(target=worker)
t.start()
t.join()
print(progress, t.is_alive())
print("main finishes normally")
