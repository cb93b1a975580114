# A pool of futures: results in submission order, done-callbacks that run on
# the worker that completes the future, a failing task whose exception comes
# back through result(), cancellation, wait() and as_completed(). Gates
# (Events) decide which task finishes when, so the output is fixed.
import concurrent.futures as cf
import logging
import threading

def square(n):
    return n * n

with cf.ThreadPoolExecutor(max_workers=3) as pool:
    print(list(pool.map(square, range(6))))
    print(list(pool.map(pow, [2, 3], [5, 2])))

# Callbacks run on the thread that completes the future.
callback_threads = []

def note(fut):
    callback_threads.append((threading.current_thread().name, fut.result()))

gate = threading.Event()
began = threading.Event()

def slow_task():
    began.set()
    gate.wait()
    return "slow done"

pool = cf.ThreadPoolExecutor(max_workers=2, thread_name_prefix="fetcher")
slow = pool.submit(slow_task)
slow.add_done_callback(note)
began.wait()
print("running:", slow.running(), "done:", slow.done())
gate.set()
print(slow.result())
pool.shutdown()
slow.add_done_callback(note)  # already done: runs at once, on this thread
print(callback_threads)

# A failing task: result() raises its exception, exception() returns it.
def divide(a, b):
    return a / b

with cf.ThreadPoolExecutor(max_workers=1) as pool:
    bad = pool.submit(divide, 1, 0)
    good = pool.submit(divide, 6, 3)
    print("good:", good.result(), "exception():", repr(bad.exception()))
    try:
        bad.result()
    except ZeroDivisionError as err:
        print("result() raised", type(err).__name__, err)

# Cancelling: a task still queued behind a blocked one can be cancelled.
gate = threading.Event()
started = threading.Event()

def blocker():
    started.set()
    gate.wait()
    return "unblocked"

pool = cf.ThreadPoolExecutor(max_workers=1)
first = pool.submit(blocker)
queued = pool.submit(square, 7)
started.wait()
print("cancel running:", first.cancel(), "cancel queued:", queued.cancel())
print(queued.cancelled(), queued.done(), first.running())
try:
    queued.result()
except cf.CancelledError:
    print("CancelledError")
try:
    first.result(timeout=0.01)
except cf.TimeoutError:
    print("TimeoutError while blocked:", cf.TimeoutError is TimeoutError)
gate.set()
print(first.result())
pool.shutdown(wait=True)

# wait(): FIRST_COMPLETED returns as soon as one finishes.
gate = threading.Event()
with cf.ThreadPoolExecutor(max_workers=2) as pool:
    quick = pool.submit(square, 3)
    held = pool.submit(gate.wait)
    done, not_done = cf.wait([quick, held], return_when=cf.FIRST_COMPLETED)
    print(done == {quick}, not_done == {held})
    failing = pool.submit(divide, 1, 0)
    done, not_done = cf.wait([failing, held], return_when=cf.FIRST_EXCEPTION)
    print(done == {failing}, not_done == {held})
    done, not_done = cf.wait([held], timeout=0.01)
    print(len(done), len(not_done))
    gate.set()
    result = cf.wait([quick, held, failing])
    print(len(result.done), len(result.not_done), type(result).__name__)

# as_completed(): each future once, in the order they finish.
gates = [threading.Event() for _ in range(3)]
with cf.ThreadPoolExecutor(max_workers=3) as pool:
    futures = {pool.submit(lambda i=i: gates[i].wait() and i): i for i in range(3)}
    order = []
    for i in (2, 0, 1):
        gates[i].set()
        finished = next(cf.as_completed([f for f in futures if f not in order]))
        order.append(finished)
    print([futures[f] for f in order])
    stuck_gate = threading.Event()
    try:
        stuck = pool.submit(stuck_gate.wait)
        for f in cf.as_completed([stuck], timeout=0.01):
            pass
    except cf.TimeoutError as err:
        print("as_completed:", err)
    stuck_gate.set()

# Workers are created lazily, named ThreadPoolExecutor-N_M.
names = set()
lock = threading.Lock()
barrier = threading.Barrier(3)

def who():
    barrier.wait()
    with lock:
        names.add(threading.current_thread().name)

with cf.ThreadPoolExecutor(max_workers=3) as pool:
    for _ in range(3):
        pool.submit(who)
print(sorted(names))

# An exception in a callback is logged (not raised) by concurrent.futures.
logging.basicConfig(format="%(levelname)s:%(name)s:%(msg)s")

def broken_callback(fut):
    raise RuntimeError("callback bug")

with cf.ThreadPoolExecutor(max_workers=1) as pool:
    f = pool.submit(square, 2)
    f.result()
    f.add_done_callback(broken_callback)
print("still running after the callback bug")

# shutdown(cancel_futures=True) cancels what has not started.
gate = threading.Event()
started = threading.Event()
pool = cf.ThreadPoolExecutor(max_workers=1)
running = pool.submit(blocker)
started.wait()
pending = [pool.submit(square, n) for n in range(3)]
pool.shutdown(wait=False, cancel_futures=True)
print([p.cancelled() for p in pending])
gate.set()
print(running.result())
try:
    pool.submit(square, 1)
except RuntimeError as err:
    print("RuntimeError:", err)

# A pool that is never shut down: at exit, the hook concurrent.futures
# registered with threading wakes its idle workers so the program ends.
leftover = cf.ThreadPoolExecutor(max_workers=2)
print(leftover.submit(square, 12).result(), sorted(t.name for t in threading.enumerate())[-1])
