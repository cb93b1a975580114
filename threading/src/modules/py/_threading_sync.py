"""Condition variables and what threading builds on them: Condition,
Semaphore, BoundedSemaphore, Event, Barrier, BrokenBarrierError.

A private part of the `threading` module (which re-exports every name);
the classes say `threading` as their module, as CPython's do. It is its
own file because it is its own mechanism: every primitive here is built
from one native lock type and a deque, in CPython's design.

    Condition   a lock plus a queue of waiters; each waiter blocks on a
                private lock of its own, which notify() releases
    Semaphore   a counter guarded by a Condition(Lock())
    Event       a flag guarded by a Condition(Lock())
    Barrier     a count and a state machine guarded by a Condition(Lock())

So every blocking wait in threading ends in a native `lock.acquire`,
which releases the GIL while it waits. Mirrors CPython 3.11's
Lib/threading.py for these classes, behaviour and messages included.

Left out: nothing of these classes (fork support aside).

Natives: _thread (allocate_lock, RLock with _is_owned/_release_save/
_acquire_restore), time.monotonic, _collections.deque; _warnings.warn if
present (isSet, notifyAll).
"""

import _thread
from time import monotonic as _time
from _collections import deque as _deque

try:
    from _warnings import warn as _warn
except ImportError:  # no warnings machinery: the deprecated names stay silent
    _warn = None

_allocate_lock = _thread.allocate_lock
Lock = _allocate_lock
RLock = _thread.RLock


def _deprecated(message):
    # stacklevel 3: the warning points at the line that called the
    # deprecated method, two frames above this helper.
    if _warn is not None:
        _warn(message, DeprecationWarning, stacklevel=3)


# --- Condition ------------------------------------------------------------

class Condition:
    """A condition variable: threads wait() until another thread notify()s.

    CPython's design, kept because its race shapes come from it: each waiter
    allocates a fresh lock, acquires it once, queues it, releases the
    condition's lock and then blocks acquiring its own lock a second time.
    notify() wakes a waiter by releasing that waiter's lock. No other
    primitive is needed than a plain lock.
    """

    __module__ = 'threading'  # a private file of the threading module

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        # An RLock held several times must be released completely before
        # waiting and restored afterwards: the native RLock exports the
        # three helpers that do it. A plain Lock uses the fallbacks below.
        try:
            self._release_save = lock._release_save
            self._acquire_restore = lock._acquire_restore
            self._is_owned = lock._is_owned
        except AttributeError:
            pass
        self._waiters = _deque()  # one private lock per waiting thread

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _release_save(self):
        self._lock.release()  # a plain lock has no state to save

    def _acquire_restore(self, saved_state):
        self._lock.acquire()

    def _is_owned(self):
        # A plain lock cannot tell who holds it; "held by someone" is the
        # best this fallback can say (CPython's fallback says the same).
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        """Release the lock, block until notified or timed out, re-acquire.
        Returns False if the timeout expired, True otherwise."""
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved_state = self._release_save()
        notified = False
        try:
            if timeout is None:
                waiter.acquire()
                notified = True
            elif timeout > 0:
                notified = waiter.acquire(True, timeout)
            else:
                notified = waiter.acquire(False)
            return notified
        finally:
            self._acquire_restore(saved_state)
            if not notified:
                # Timed out: nobody released our lock, so remove it ourselves
                # (a notify may have removed it meanwhile, hence the guard).
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        """Wait until predicate() is true; one deadline for all the waits.
        Returns the last value of predicate()."""
        deadline = None
        wait_time = timeout
        result = predicate()
        while not result:
            if wait_time is not None:
                if deadline is None:
                    deadline = _time() + wait_time
                else:
                    wait_time = deadline - _time()
                    if wait_time <= 0:
                        break
            self.wait(wait_time)
            result = predicate()
        return result

    def notify(self, n=1):
        """Wake up to n threads waiting on this condition (oldest first)."""
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        while waiters and n > 0:
            waiter = waiters[0]
            try:
                waiter.release()
            except RuntimeError:
                # Already released by a notify() that was interrupted before
                # it could dequeue it (CPython's gh-92530): not a wake-up.
                pass
            else:
                n -= 1
            try:
                waiters.remove(waiter)
            except ValueError:  # the waiter timed out and removed itself
                pass

    def notify_all(self):
        """Wake up every thread waiting on this condition."""
        self.notify(len(self._waiters))

    def notifyAll(self):
        _deprecated('notifyAll() is deprecated, use notify_all() instead')
        self.notify_all()


# --- Semaphores and Event -------------------------------------------------

class Semaphore:
    """A counter that acquire() decrements, blocking while it is zero, and
    release() increments."""

    __module__ = 'threading'  # a private file of the threading module

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def __repr__(self):
        cls = self.__class__
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}:"
                f" value={self._value}>")

    def acquire(self, blocking=True, timeout=None):
        """Decrement the counter, waiting while it is zero. Returns False
        only if not blocking or if the timeout expired."""
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        acquired = False
        deadline = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if deadline is None:
                        deadline = _time() + timeout
                    else:
                        timeout = deadline - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                acquired = True
        return acquired

    __enter__ = acquire

    def release(self, n=1):
        """Increment the counter by n and wake up to n waiters."""
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            self._value += n
            for _ in range(n):
                self._cond.notify()

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released above its initial value."""

    __module__ = 'threading'  # a private file of the threading module

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def __repr__(self):
        cls = self.__class__
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}:"
                f" value={self._value}/{self._initial_value}>")

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            for _ in range(n):
                self._cond.notify()


class Event:
    """A flag that threads can wait for: set() wakes every waiter."""

    __module__ = 'threading'  # a private file of the threading module

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def __repr__(self):
        cls = self.__class__
        status = 'set' if self._flag else 'unset'
        return f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: {status}>"

    def is_set(self):
        return self._flag

    def isSet(self):
        _deprecated('isSet() is deprecated, use is_set() instead')
        return self.is_set()

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        """Block until the flag is true; returns the flag (False only on a
        timeout)."""
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


# --- Barrier --------------------------------------------------------------

class BrokenBarrierError(RuntimeError):
    """Raised by Barrier.wait() when the barrier is broken or reset."""

    __module__ = 'threading'  # a private file of the threading module


# The barrier's states. It is cyclic: it fills with waiters, then drains
# (every waiter leaves) before the next round may fill it again.
_FILLING = 0      # accepting waiters
_DRAINING = 1     # the last party arrived: waiters are leaving with an index
_RESETTING = -1   # reset() while threads waited: they leave broken, then FILLING
_BROKEN = -2      # abort(), a timeout or a failing action: every wait fails


class Barrier:
    """Makes `parties` threads wait until all of them have called wait().

    wait() returns each thread a distinct index from 0 to parties-1; the
    thread that arrives last runs the optional `action` first.
    """

    __module__ = 'threading'  # a private file of the threading module

    def __init__(self, parties, action=None, timeout=None):
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = _FILLING
        self._count = 0  # threads inside wait() right now

    def __repr__(self):
        cls = self.__class__
        if self.broken:
            return f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: broken>"
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}:"
                f" waiters={self.n_waiting}/{self.parties}>")

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            # A new round cannot start until the previous one has drained.
            while self._state in (_DRAINING, _RESETTING):
                self._cond.wait()
            if self._state == _BROKEN:
                raise BrokenBarrierError
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._trip()
                else:
                    self._wait_for_trip(timeout)
                return index
            finally:
                self._count -= 1
                if self._count == 0 and self._state in (_DRAINING, _RESETTING):
                    # The last thread out opens the barrier for the next round.
                    self._state = _FILLING
                    self._cond.notify_all()

    def _trip(self):
        # The last party arrived: run the action, then release everybody.
        try:
            if self._action:
                self._action()
            self._state = _DRAINING
            self._cond.notify_all()
        except:
            self._break()
            raise

    def _wait_for_trip(self, timeout):
        if not self._cond.wait_for(lambda: self._state != _FILLING, timeout):
            self._break()  # a timeout breaks the barrier for everyone
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError

    def reset(self):
        """Return to the initial state; threads waiting now get
        BrokenBarrierError."""
        with self._cond:
            if self._count > 0:
                if self._state in (_FILLING, _BROKEN):
                    self._state = _RESETTING
            else:
                self._state = _FILLING
            self._cond.notify_all()

    def abort(self):
        """Break the barrier: current and future wait() calls fail."""
        with self._cond:
            self._break()

    def _break(self):
        self._state = _BROKEN
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        # Unlocked read, as in CPython: a snapshot, right in the steady state.
        if self._state == _FILLING:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == _BROKEN
