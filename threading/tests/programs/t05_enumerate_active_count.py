# Checks: threading.enumerate() lists the main thread and every started, unfinished thread
# (not unstarted or finished ones); active_count() agrees; names printed sorted.
import threading

release = threading.Event()
started = threading.Barrier(4)

def wait_for_release():
    started.wait()
    release.wait()

workers = [threading.Thread(target=wait_for_release, name=f"w{i}") for i in range(3)]
unstarted = threading.Thread(target=wait_for_release, name="unstarted")
print(sorted(t.name for t in threading.enumerate()), threading.active_count())
for w in workers:
    w.start()
started.wait()
names = sorted(t.name for t in threading.enumerate())
print(names, threading.active_count(), len(threading.enumerate()))
print(unstarted in threading.enumerate(), threading.main_thread() in threading.enumerate())
release.set()
for w in workers:
    w.join()
print(sorted(t.name for t in threading.enumerate()), threading.active_count())
