# Checks: cancelling futures: a queued (not yet running) future can be cancelled, a running
# one cannot; result() of a cancelled future raises CancelledError; shutdown with
# cancel_futures=True cancels everything still queued; running()/done()/cancelled() states.
import threading
from concurrent.futures import ThreadPoolExecutor, CancelledError

started = threading.Event()
release = threading.Event()

def hold():
    started.set()
    release.wait()
    return "held"

pool = ThreadPoolExecutor(max_workers=1)
running = pool.submit(hold)
started.wait()
queued = [pool.submit(str, i) for i in range(4)]
print(running.running(), running.cancel(), queued[0].running(), queued[0].cancel())
print(queued[0].cancelled(), queued[0].done())
try:
    queued[0].result()
except CancelledError:
    print("CancelledError")
release.set()
print(running.result(), queued[1].result())
release.clear()
started.clear()
blocker = pool.submit(hold)
started.wait()
later = [pool.submit(str, i) for i in range(3)]
pool.shutdown(wait=False, cancel_futures=True)
print([f.cancelled() for f in later], blocker.running())
release.set()
pool.shutdown(wait=True)
print(blocker.result(), blocker.done())
