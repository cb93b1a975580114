"""ThreadPoolExecutor: a pool of worker threads that run submitted calls
(CPython's concurrent/futures/thread.py).

The life of a submitted call:

    submit(fn, x) --> _WorkItem(future, fn, x) --> work queue (SimpleQueue)
                                                        |
        worker thread "ThreadPoolExecutor-N_M": get() <-+
            future.set_running_or_notify_cancel()   (False if cancelled)
            fn(x) -> future.set_result / set_exception
                  -> wakes result() callers, wait()/as_completed() waiters
                  -> runs the done-callbacks on this worker thread

Workers are created lazily: submit() starts a new one only when no worker
is idle and fewer than max_workers exist (default min(32, cpu_count + 4)).
A None in the work queue wakes a worker to check for shutdown; each worker
that exits passes the None on to the next.

Difference from CPython: CPython's workers hold only a weak reference to
their executor, so an executor dropped without shutdown() lets its workers
go when it is garbage-collected; MiniPy has no weak references, so here
such workers stay (idle) until interpreter exit, where the hook registered
with threading._register_atexit wakes and joins them, as in CPython.

Natives: os.cpu_count, itertools.count; siblings threading, queue,
concurrent.futures._base.
"""

import os
import threading
import queue
from itertools import count as _count
from concurrent.futures import _base


class BrokenThreadPool(_base.BrokenExecutor):
    """A worker thread's initializer failed."""


_threads_queues = {}    # live worker Thread -> its work queue (for _python_exit)
_shutdown = False       # the interpreter is exiting
_global_shutdown_lock = threading.Lock()


def _python_exit():
    # Registered with threading._register_atexit: runs at interpreter exit
    # before the non-daemon threads are joined. Wakes every idle worker.
    global _shutdown
    with _global_shutdown_lock:
        _shutdown = True
    items = list(_threads_queues.items())
    for t, q in items:
        q.put(None)
    for t, q in items:
        t.join()


threading._register_atexit(_python_exit)


class _WorkItem:
    """One submitted call and the future for its outcome."""

    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            self = None  # break the cycle exc -> traceback -> frame -> self
        else:
            self.future.set_result(result)


def _worker(executor, work_queue, initializer, initargs):
    # The body of every pool thread.
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _base.LOGGER.critical('Exception in initializer:', exc_info=True)
            executor._initializer_failed()
            _threads_queues.pop(threading.current_thread(), None)
            return
    try:
        while True:
            work_item = work_queue.get(block=True)
            if work_item is not None:
                work_item.run()
                del work_item
                executor._idle_semaphore.release()  # one more idle worker
                continue
            # A None wakes us to look for shutdown. Pass it on, so that every
            # worker of this pool sees one.
            if _shutdown or executor._shutdown:
                executor._shutdown = True
                work_queue.put(None)
                return
    except BaseException:
        _base.LOGGER.critical('Exception in worker', exc_info=True)
    finally:
        _threads_queues.pop(threading.current_thread(), None)


class ThreadPoolExecutor(_base.Executor):
    """Runs calls on a pool of at most max_workers threads."""

    _counter = _count().__next__  # numbers the pools: ThreadPoolExecutor-N

    def __init__(self, max_workers=None, thread_name_prefix='',
                 initializer=None, initargs=()):
        if max_workers is None:
            # CPython 3.8+'s default: enough for I/O-bound work, capped so a
            # many-core machine does not start hundreds of threads.
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)  # counts idle workers
        self._threads = set()
        self._broken = False     # or the message of BrokenThreadPool
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = (thread_name_prefix or
                                    ("ThreadPoolExecutor-%d" % self._counter()))
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        """Schedule fn(*args, **kwargs); returns its Future."""
        with self._shutdown_lock, _global_shutdown_lock:
            if self._broken:
                raise BrokenThreadPool(self._broken)
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if _shutdown:
                raise RuntimeError('cannot schedule new futures after '
                                   'interpreter shutdown')
            f = _base.Future()
            w = _WorkItem(f, fn, args, kwargs)
            self._work_queue.put(w)
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        # An idle worker will take the item: no new thread.
        if self._idle_semaphore.acquire(timeout=0):
            return
        num_threads = len(self._threads)
        if num_threads < self._max_workers:
            thread_name = '%s_%d' % (self._thread_name_prefix or self, num_threads)
            t = threading.Thread(name=thread_name, target=_worker,
                                 args=(self, self._work_queue,
                                       self._initializer, self._initargs))
            t.start()
            self._threads.add(t)
            _threads_queues[t] = self._work_queue

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            # Fail every queued call.
            while True:
                try:
                    work_item = self._work_queue.get_nowait()
                except queue.Empty:
                    break
                if work_item is not None:
                    work_item.future.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        """No more submits; with cancel_futures, cancel the queued calls;
        with wait, return when every worker has exited."""
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        work_item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if work_item is not None:
                        work_item.future.cancel()
            self._work_queue.put(None)  # wakes one worker, which wakes the next
        if wait:
            for t in self._threads:
                t.join()
