"""Helpers for `with` statements: contextmanager, suppress, closing,
nullcontext, redirect_stdout, redirect_stderr, ContextDecorator.

Mirrors CPython 3.11's contextlib for those names. How @contextmanager
turns a generator into a context manager:

    @contextmanager                     with tag("p") as t:
    def tag(name):                          body
        print("<p>")     <- __enter__: next(gen) runs up to the yield,
        try:                             whose value is bound to t
            yield name
        finally:         <- __exit__ without an exception: next(gen) runs
            print("</p>")   the rest and must end (StopIteration);
                            with an exception: gen.throw(exc) raises it at
                            the yield; if the generator swallows it, the
                            with statement continues after the block.

Left out: ExitStack, AsyncExitStack, asynccontextmanager, aclosing, chdir,
AbstractContextManager (MiniPy has no abc), suppress's handling of
exception groups.

Natives: sys (stdout, stderr); sibling functools (wraps).
"""

import sys
from functools import wraps

__all__ = ["contextmanager", "closing", "nullcontext", "ContextDecorator",
           "redirect_stdout", "redirect_stderr", "suppress"]


class ContextDecorator:
    """Lets a context manager decorate a function: the function body then
    runs inside `with cm:`."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @wraps(func)
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner


class _GeneratorContextManager(ContextDecorator):
    """Helper for @contextmanager decorator."""

    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        doc = getattr(func, "__doc__", None)
        if doc is None:
            doc = type(self).__doc__
        self.__doc__ = doc

    def _recreate_cm(self):
        # One generator serves one `with`: a decorated function makes a new
        # one per call.
        return self.__class__(self.func, self.args, self.kwds)

    def __enter__(self):
        del self.args, self.kwds, self.func  # only needed for recreation
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            else:
                try:
                    raise RuntimeError("generator didn't stop")
                finally:
                    self.gen.close()
        else:
            if value is None:
                value = typ()  # so that "the same exception" can be recognised
            try:
                self.gen.throw(typ, value, traceback)
            except StopIteration as exc:
                # The generator swallowed the exception and ended: suppress
                # it, unless it was a StopIteration raised in the block.
                return exc is not value
            except RuntimeError as exc:
                if exc is value:
                    exc.__traceback__ = traceback
                    return False
                # A StopIteration thrown in comes back wrapped (PEP 479).
                if isinstance(value, StopIteration) and exc.__cause__ is value:
                    value.__traceback__ = traceback
                    return False
                raise
            except BaseException as exc:
                # The generator let the exception through: __exit__ says so
                # by returning False rather than raising it again.
                if exc is not value:
                    raise
                exc.__traceback__ = traceback
                return False
            try:
                raise RuntimeError("generator didn't stop after throw()")
            finally:
                self.gen.close()


def contextmanager(func):
    """Decorator: a generator function that yields once becomes a context
    manager factory."""
    @wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return helper


class closing:
    """with closing(thing) as t: ... calls thing.close() at the end."""

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class nullcontext:
    """A context manager that does nothing (enter_result is bound by as)."""

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class suppress:
    """with suppress(KeyError): ... ignores those exceptions."""

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


class _RedirectStream:
    _stream = None  # the name of the sys attribute to swap

    def __init__(self, new_target):
        self._new_target = new_target
        self._old_targets = []  # a stack, so that the object can be reused

    def __enter__(self):
        self._old_targets.append(getattr(sys, self._stream))
        setattr(sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        setattr(sys, self._stream, self._old_targets.pop())


class redirect_stdout(_RedirectStream):
    """with redirect_stdout(io.StringIO()) as f: print(...) writes to f.
    (It swaps sys.stdout for every thread, as CPython's does.)"""
    _stream = "stdout"


class redirect_stderr(_RedirectStream):
    """Like redirect_stdout, for sys.stderr."""
    _stream = "stderr"
