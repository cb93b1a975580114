"""Thread-safe queues: FIFO, LIFO, priority, and the simple unbounded one.

Mirrors CPython 3.11's queue module: Queue, LifoQueue, PriorityQueue,
SimpleQueue, Empty, Full; put/get with block and timeout, put_nowait,
get_nowait, qsize, empty, full, task_done, join.

How a Queue works (CPython's design). One mutex guards the items; three
condition variables share it:

    not_empty       get() waits here while there is nothing to take
    not_full        put() waits here while maxsize items are queued
    all_tasks_done  join() waits here until every item was task_done()

    put(x):  with mutex: wait on not_full while full; append x;
             unfinished_tasks += 1; notify not_empty
    get():   with mutex: wait on not_empty while empty; take one;
             notify not_full

The subclasses change only the four storage hooks (_init, _qsize, _put,
_get): a deque for FIFO, a list used as a stack for LIFO, a heap for
priority.

`Queue[int]` works as in CPython (`__class_getitem__ =
classmethod(GenericAlias)`, GenericAlias being `type(list[int])`). SimpleQueue is the pure-Python
version of CPython's C one (a deque and a Semaphore): the same behaviour,
though CPython's C version is reentrant and this one is not.

Natives: _collections.deque, time.monotonic; siblings threading, heapq.
"""

import threading
from _collections import deque
from heapq import heappush, heappop
from time import monotonic as time

GenericAlias = type(list[int])  # CPython: types.GenericAlias

__all__ = ['Empty', 'Full', 'Queue', 'PriorityQueue', 'LifoQueue', 'SimpleQueue']


class Empty(Exception):
    'Exception raised by Queue.get(block=0)/get_nowait().'
    __module__ = '_queue'  # CPython defines it in C: tracebacks say _queue.Empty


class Full(Exception):
    'Exception raised by Queue.put(block=0)/put_nowait().'


class Queue:
    """A FIFO queue; maxsize <= 0 means unbounded."""

    __class_getitem__ = classmethod(GenericAlias)

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        self.mutex = threading.Lock()
        self.not_empty = threading.Condition(self.mutex)
        self.not_full = threading.Condition(self.mutex)
        self.all_tasks_done = threading.Condition(self.mutex)
        self.unfinished_tasks = 0  # put() adds one, task_done() takes one

    def task_done(self):
        """Tell the queue that one item taken by get() has been processed."""
        with self.all_tasks_done:
            unfinished = self.unfinished_tasks - 1
            if unfinished <= 0:
                if unfinished < 0:
                    raise ValueError('task_done() called too many times')
                self.all_tasks_done.notify_all()
            self.unfinished_tasks = unfinished

    def join(self):
        """Block until every item put has been marked task_done()."""
        with self.all_tasks_done:
            while self.unfinished_tasks:
                self.all_tasks_done.wait()

    def qsize(self):
        """The number of queued items (already stale when you read it)."""
        with self.mutex:
            return self._qsize()

    def empty(self):
        with self.mutex:
            return not self._qsize()

    def full(self):
        with self.mutex:
            return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        """Add item, waiting for a free slot if the queue is bounded and
        full (up to timeout seconds, then Full; at once if not block)."""
        with self.not_full:
            if self.maxsize > 0:
                if not block:
                    if self._qsize() >= self.maxsize:
                        raise Full
                elif timeout is None:
                    while self._qsize() >= self.maxsize:
                        self.not_full.wait()
                elif timeout < 0:
                    raise ValueError("'timeout' must be a non-negative number")
                else:
                    deadline = time() + timeout
                    while self._qsize() >= self.maxsize:
                        remaining = deadline - time()
                        if remaining <= 0.0:
                            raise Full
                        self.not_full.wait(remaining)
            self._put(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()

    def get(self, block=True, timeout=None):
        """Remove and return an item, waiting while the queue is empty (up
        to timeout seconds, then Empty; at once if not block)."""
        with self.not_empty:
            if not block:
                if not self._qsize():
                    raise Empty
            elif timeout is None:
                while not self._qsize():
                    self.not_empty.wait()
            elif timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            else:
                deadline = time() + timeout
                while not self._qsize():
                    remaining = deadline - time()
                    if remaining <= 0.0:
                        raise Empty
                    self.not_empty.wait(remaining)
            item = self._get()
            self.not_full.notify()
            return item

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    # The storage hooks, called with the mutex held.
    def _init(self, maxsize):
        self.queue = deque()

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.popleft()


class PriorityQueue(Queue):
    """Retrieves the smallest item first (items compared with `<`;
    typically (priority, data) tuples)."""

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        heappush(self.queue, item)

    def _get(self):
        return heappop(self.queue)


class LifoQueue(Queue):
    """Retrieves the most recently added item first (a stack)."""

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


class SimpleQueue:
    """An unbounded FIFO queue without task tracking: put never blocks.

    A deque holds the items and a Semaphore counts them, so get() blocks
    exactly while the count is zero.
    """

    __module__ = '_queue'  # CPython's is the C type _queue.SimpleQueue

    __class_getitem__ = classmethod(GenericAlias)

    def __init__(self):
        self._queue = deque()
        self._count = threading.Semaphore(0)

    def put(self, item, block=True, timeout=None):
        """Add item; block and timeout exist for Queue compatibility."""
        self._queue.append(item)
        self._count.release()

    def get(self, block=True, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("'timeout' must be a non-negative number")
        if not block:
            timeout = None  # ignored when not blocking, as in CPython
        if not self._count.acquire(block, timeout):
            raise Empty
        return self._queue.popleft()

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    def empty(self):
        return len(self._queue) == 0

    def qsize(self):
        return len(self._queue)
