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

Natives: _thread (allocate_lock, RLock, start_new_thread, get_ident,
get_native_id, TIMEOUT_MAX, error), itertools.count, sys.stderr,
sys.exc_info, sys.excepthook, traceback.print_exception; _warnings.warn if
present (for the deprecated methods' DeprecationWarning). Siblings:
_threading_sync (Condition, Semaphore, BoundedSemaphore, Event, Barrier)
and _threading_local (local).
"""

import sys as _sys
import _thread
from itertools import count as _count
# The synchronisation primitives live in their own file (one mechanism:
# everything built on a Condition); they are threading's names all the same.
from _threading_sync import (Condition, Semaphore, BoundedSemaphore, Event,
                             Barrier, BrokenBarrierError)
import _threading_local

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
    try:
        # MiniPy's printer of uncaught exceptions: what CPython's C hook
        # prints, with 3.11's "Did you mean" (traceback.py has none).
        from traceback import _print_uncaught as print_exception
    except ImportError:
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


# Thread-local data lives in its own file too. It keys each thread's
# attributes by the Thread object, which it gets from current_thread()
# (handed down here, so that the file imports nothing of this module).
_threading_local._current_thread = current_thread
local = _threading_local.local
