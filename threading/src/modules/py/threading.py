"""Threads and their synchronisation objects, over the native `_thread` module.

Mirrors CPython 3.11's Lib/threading.py: Thread (target/args/kwargs/name/
daemon, run() overriding, start() that waits until the new thread runs,
join with a timeout), current_thread, main_thread, enumerate, active_count,
get_ident, get_native_id, excepthook, ExceptHookArgs, local, Lock, RLock,
Condition, Semaphore, BoundedSemaphore, Event, Barrier, Timer, TIMEOUT_MAX,
and _shutdown(), which the interpreter calls at exit to join the non-daemon
threads.

How a thread starts and ends (the same handshake as CPython's):

    start()                               the new OS thread: _bootstrap()
    -------                               -------------------------------
    _limbo[t] = t                         record ident and native id
    _thread.start_new_thread(...)  ---->  take t._finished_lock (held while alive)
    t._started.wait()    <------------    t._started.set()
      (returns)                           _active[ident] = t; del _limbo[t]
                                          run()   (excepthook on an exception)
    join():                               del _active[ident]
      t._finished_lock.acquire() <------  release t._finished_lock

Left out: settrace/setprofile (and their get* twins), stack_size, fork
support (_after_fork). The deprecated camelCase names (currentThread,
activeCount, getName, setName, isDaemon, setDaemon, isSet, notifyAll) are
kept, with their DeprecationWarning, because tutorials still call them. CPython releases a
thread's "tstate lock" from C after the thread state is gone; here the
thread releases it itself as the last thing it does (Simplification: a
joiner can wake a few instructions before the OS thread has exited).

Natives: _thread (allocate_lock, RLock with _is_owned/_release_save/
_acquire_restore, start_new_thread, get_ident, get_native_id, TIMEOUT_MAX,
error), _collections.deque, itertools.count, time.monotonic, sys.stderr,
sys.exc_info, sys.excepthook, traceback.print_exception; _warnings.warn if
present (for the deprecated methods' DeprecationWarning).
"""

import sys as _sys
import _thread
from time import monotonic as _time
from itertools import count as _count
from _collections import deque as _deque

try:
    from _warnings import warn as _warn
except ImportError:  # no warnings machinery: the deprecated names stay silent
    _warn = None

__all__ = ['get_ident', 'active_count', 'Condition', 'current_thread',
           'enumerate', 'main_thread', 'TIMEOUT_MAX',
           'Event', 'Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Thread',
           'Barrier', 'BrokenBarrierError', 'Timer', 'ThreadError',
           'local', 'excepthook', 'ExceptHookArgs', 'get_native_id']

_start_new_thread = _thread.start_new_thread
_allocate_lock = _thread.allocate_lock
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX

# A plain lock is the native lock itself: Lock() is a factory function, as
# in CPython, so `threading.Lock()` returns a `_thread.lock`.
Lock = _allocate_lock


def RLock(*args, **kwargs):
    """A reentrant lock: the owning thread may acquire it again; it is
    released when released as many times as it was acquired."""
    return _thread.RLock(*args, **kwargs)


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
            waiter.release()
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
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released above its initial value."""

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
            self._cond.notify(n)


class Event:
    """A flag that threads can wait for: set() wakes every waiter."""

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


# --- The registry of live threads ------------------------------------------

_counter = _count(1).__next__   # numbers the default names Thread-N, Dummy-N


def _newname(template):
    return template % _counter()


# _active maps ident -> Thread for running threads; _limbo holds threads
# between start() and their first instruction. An RLock, as in CPython, so
# that enumerate() may be called from code that already holds it.
_active_limbo_lock = RLock()
_active = {}
_limbo = {}

# The finished-locks of running non-daemon threads: _shutdown() waits for
# each of them to be released.
_shutdown_locks_lock = _allocate_lock()
_shutdown_locks = set()


# --- excepthook -------------------------------------------------------------

class ExceptHookArgs:
    """What threading.excepthook receives: exc_type, exc_value,
    exc_traceback and thread (CPython's is a struct sequence)."""

    def __init__(self, args):
        self.exc_type, self.exc_value, self.exc_traceback, self.thread = args

    def __repr__(self):
        return ("_thread._ExceptHookArgs(exc_type=%r, exc_value=%r, "
                "exc_traceback=%r, thread=%r)" % (self.exc_type, self.exc_value,
                                                  self.exc_traceback, self.thread))


def excepthook(args, /):
    """Report an exception that escaped Thread.run() on sys.stderr."""
    if args.exc_type == SystemExit:
        return  # a thread may end itself with sys.exit(), silently
    stderr = _sys.stderr
    if stderr is None:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    print(f"Exception in thread {name}:", file=stderr, flush=True)
    from traceback import print_exception
    print_exception(args.exc_type, args.exc_value, args.exc_traceback,
                    file=stderr)
    stderr.flush()


__excepthook__ = excepthook   # the original, to restore after replacing it


def _make_invoke_excepthook():
    # Called inside the `except:` of a failing run(). The hook is looked up
    # at call time, so `threading.excepthook = f` takes effect at once. (A
    # closure with CPython's name, so that a failing hook's traceback shows
    # the same frame.)
    def invoke_excepthook(thread):
        try:
            hook = excepthook if excepthook is not None else __excepthook__
            args = ExceptHookArgs([*_sys.exc_info(), thread])
            hook(args)
        except Exception as exc:
            # The hook itself failed: report that with sys.excepthook.
            exc.__suppress_context__ = True
            print("Exception in threading.excepthook:", file=_sys.stderr, flush=True)
            _sys.excepthook(*_sys.exc_info())
    return invoke_excepthook


_invoke_excepthook = _make_invoke_excepthook()


# --- Thread -------------------------------------------------------------------

class Thread:
    """A thread of control: pass `target` (and args/kwargs), or subclass
    and override run(). Call start() once, then join()."""

    _initialized = False

    def __init__(self, group=None, target=None, name=None,
                 args=(), kwargs=None, *, daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    name += f" ({target.__name__})"
                except AttributeError:  # a callable object without a name
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        # A thread is a daemon if its creator is, unless told otherwise.
        self._daemonic = current_thread().daemon if daemon is None else daemon
        self._ident = None
        self._native_id = None
        # Held by the thread from its start to its very end: join() waits
        # by acquiring it (CPython's "tstate lock").
        self._finished_lock = None
        self._started = Event()
        self._is_stopped = False
        self._local_impls = []  # the `local` objects this thread has a dict in
        self._initialized = True

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started.is_set():
            status = "started"
        self.is_alive()  # notices a finished thread
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        """Start run() in a new thread; returns once that thread runs."""
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        with _active_limbo_lock:
            _limbo[self] = self
        try:
            _start_new_thread(self._bootstrap, ())
        except Exception:
            with _active_limbo_lock:
                del _limbo[self]
            raise
        # Wait until the new thread runs: after start() returns, the thread
        # is alive and has its ident (a blocking wait, so the GIL is let go).
        self._started.wait()

    def run(self):
        """The thread's activity: calls target(*args, **kwargs)."""
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            # Drop references the thread no longer needs (as CPython does).
            del self._target, self._args, self._kwargs

    def _bootstrap(self):
        # The new OS thread starts here. Two frames, named as CPython's, so
        # that stacks printed from a thread (logging's error report) list
        # the same frames.
        self._bootstrap_inner()

    def _bootstrap_inner(self):
        try:
            self._ident = get_ident()
            self._native_id = get_native_id()
            self._finished_lock = _allocate_lock()
            self._finished_lock.acquire()
            if not self._daemonic:
                with _shutdown_locks_lock:
                    _shutdown_locks.add(self._finished_lock)
            self._started.set()
            with _active_limbo_lock:
                _active[self._ident] = self
                del _limbo[self]
            try:
                self.run()
            except:
                _invoke_excepthook(self)
        finally:
            self._finish()

    def _finish(self):
        # Leave the registry, drop this thread's `local` dicts, then release
        # the finished-lock: from here on join() returns and is_alive() is
        # False.
        with _active_limbo_lock:
            _active.pop(self._ident, None)
        for impl in self._local_impls:
            impl.dicts.pop(self, None)
        self._local_impls = []
        lock = self._finished_lock
        if lock is not None:
            if not self._daemonic:
                with _shutdown_locks_lock:
                    _shutdown_locks.discard(lock)
            lock.release()

    def _stop(self):
        self._is_stopped = True
        self._finished_lock = None

    def _wait_until_finished(self, blocking=True, timeout=-1):
        lock = self._finished_lock
        if lock is None:  # already known to be finished
            return
        if lock.acquire(blocking, timeout):
            lock.release()
            self._stop()

    def join(self, timeout=None):
        """Wait until the thread ends, or until timeout seconds passed (then
        check is_alive() to see which)."""
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is None:
            self._wait_until_finished()
        else:
            # A negative timeout acts as 0, as CPython's does.
            self._wait_until_finished(timeout=max(timeout, 0))

    def is_alive(self):
        assert self._initialized, "Thread.__init__() not called"
        if self._is_stopped or not self._started.is_set():
            return False
        self._wait_until_finished(False)
        return not self._is_stopped

    @property
    def name(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._name

    @name.setter
    def name(self, name):
        assert self._initialized, "Thread.__init__() not called"
        self._name = str(name)

    @property
    def ident(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._ident

    @property
    def native_id(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._native_id

    @property
    def daemon(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    # The Java-style names, deprecated since 3.10 but still in tutorials.
    def isDaemon(self):
        _deprecated('isDaemon() is deprecated, get the daemon attribute instead')
        return self.daemon

    def setDaemon(self, daemonic):
        _deprecated('setDaemon() is deprecated, set the daemon attribute instead')
        self.daemon = daemonic

    def getName(self):
        _deprecated('getName() is deprecated, get the name attribute instead')
        return self.name

    def setName(self, name):
        _deprecated('setName() is deprecated, set the name attribute instead')
        self.name = name


class Timer(Thread):
    """Calls function(*args, **kwargs) after `interval` seconds unless
    cancel() is called first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        """Stop the timer if it has not fired yet."""
        self.finished.set()

    def run(self):
        # Waiting on an Event, not sleeping, so that cancel() wakes us.
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):
    """The thread that imported this module (the interpreter's main thread)."""

    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._finished_lock = _allocate_lock()
        self._finished_lock.acquire()  # released by _shutdown()
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self


class _DummyThread(Thread):
    """Stands for a thread not started by this module (for example by
    _thread.start_new_thread), so that current_thread() always has an
    answer. It is a daemon, never joined, and stays registered."""

    def __init__(self):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self

    def _stop(self):
        pass

    def is_alive(self):
        return True

    def join(self, timeout=None):
        assert False, "cannot join a dummy thread"


# --- Module functions -----------------------------------------------------------

def current_thread():
    """The Thread object of the calling thread."""
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


def main_thread():
    return _main_thread


def currentThread():
    _deprecated('currentThread() is deprecated, use current_thread() instead')
    return current_thread()


def activeCount():
    _deprecated('activeCount() is deprecated, use active_count() instead')
    return active_count()


def active_count():
    """How many threads are alive (the length of enumerate())."""
    with _active_limbo_lock:
        return len(_active) + len(_limbo)


def enumerate():
    """The list of live Thread objects: started and not yet finished."""
    with _active_limbo_lock:
        return list(_active.values()) + list(_limbo.values())


_threading_atexits = []   # (func, args, kwargs), called by _shutdown()
_SHUTTING_DOWN = False


def _register_atexit(func, *args, **kwargs):
    """Register func to run at interpreter exit before the non-daemon
    threads are joined (concurrent.futures uses it to wake its workers)."""
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _threading_atexits.append((func, args, kwargs))


_main_thread = _MainThread()


def _shutdown():
    """Called by the interpreter at exit: run the _register_atexit calls,
    mark the main thread finished, then wait for every non-daemon thread.
    Daemon threads are not waited for; the interpreter stops them."""
    global _SHUTTING_DOWN
    if _main_thread._is_stopped:
        return  # already shut down
    _SHUTTING_DOWN = True
    for func, args, kwargs in reversed(_threading_atexits):
        func(*args, **kwargs)
    if _main_thread.ident == get_ident():
        # Threads may be joining the main thread: let them go.
        _main_thread._finished_lock.release()
        _main_thread._stop()
    # New threads may start while we wait, hence the loop.
    while True:
        with _shutdown_locks_lock:
            locks = list(_shutdown_locks)
            _shutdown_locks.clear()
        if not locks:
            break
        for lock in locks:
            lock.acquire()
            lock.release()


# --- Thread-local data ----------------------------------------------------------

class _LocalImpl:
    """The shared part of one `local` object."""

    def __init__(self, args, kwargs):
        self.args = args      # constructor arguments, replayed per thread
        self.kwargs = kwargs
        self.dicts = {}       # Thread object -> that thread's attribute dict


def _local_dict(self):
    # The calling thread's attribute dict of `local` object `self`, created
    # on first use. For a thread other than the creator, the subclass's
    # __init__ runs again with the original arguments.
    impl = object.__getattribute__(self, '_local__impl')
    thread = current_thread()
    try:
        return impl.dicts[thread]
    except KeyError:
        pass
    attrs = impl.dicts[thread] = {}
    thread._local_impls.append(impl)  # so the thread's end drops `attrs`
    if type(self).__init__ is not object.__init__:
        self.__init__(*impl.args, **impl.kwargs)
    return attrs


class local:
    """An object whose attributes are per thread: each thread sees only the
    values it set itself.

    Simplification: CPython finds the per-thread dict as the instance
    __dict__, so a property on a subclass wins over a per-thread value of
    the same name; here the per-thread value wins (and a property's setter
    is not called). Per-thread dicts are dropped when their Thread ends
    (CPython uses weak references; MiniPy has none).
    """

    def __new__(cls, *args, **kwargs):
        if (args or kwargs) and cls.__init__ is object.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        impl = _LocalImpl(args, kwargs)
        object.__setattr__(self, '_local__impl', impl)
        # The creating thread's dict exists now: its __init__ is the normal
        # one that follows __new__.
        thread = current_thread()
        impl.dicts[thread] = {}
        thread._local_impls.append(impl)
        return self

    def __getattribute__(self, name):
        attrs = _local_dict(self)
        if name == '__dict__':
            return attrs
        if name in attrs:
            return attrs[name]
        try:
            return object.__getattribute__(self, name)  # methods, class attrs
        except AttributeError:
            pass
        raise AttributeError(f"'{_local_type_name(self)}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        if name == '__dict__':
            raise AttributeError(
                f"'{_local_type_name(self)}' object attribute '__dict__' is read-only")
        _local_dict(self)[name] = value

    def __delattr__(self, name):
        attrs = _local_dict(self)
        if name not in attrs:
            raise AttributeError(name)
        del attrs[name]


def _local_type_name(obj):
    # CPython's `local` is the C type _thread._local; error messages say so.
    return '_thread._local' if type(obj) is local else type(obj).__name__
