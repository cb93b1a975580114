"""Abstract base classes of the container protocols, as plain classes.

Mirrors the part of CPython 3.11's collections.abc that programs subclass
or name in annotations: the one-method protocols (Hashable, Awaitable,
AsyncIterable, AsyncIterator, Iterable, Iterator, Reversible, Sized,
Container, Callable), Generator and Coroutine with their `close` mixin,
Collection, and Sequence / MutableSequence with all their mixin methods.
A class that inherits one of them and supplies the abstract methods gets
the rest (`class Countdown(Iterator)` only writes `__next__`; a
`Sequence` subclass only `__getitem__` and `__len__`).

How it differs from CPython, and why. CPython builds these classes with
the metaclass `abc.ABCMeta`, which does three things; MiniPy has no
metaclasses (MINIPY.md puts them out of scope), so:
  1. "Can't instantiate abstract class X with abstract method m": kept.
     The shared base `_Abstract` checks it in `__new__` (ABCMeta computes
     the same set once, when the class is created; here it is computed
     the first time the class is instantiated and cached).
  2. Structural checks: CPython says `isinstance([], Iterable)` is True
     because list has `__iter__` (`__subclasshook__`). Here isinstance and
     issubclass see real inheritance only, so that answer is False.
     Simplification: a faithful version needs the interpreter to consult
     `__instancecheck__` on a metaclass.
  3. Virtual subclasses (`Sequence.register(tuple)`): refused with
     NotImplementedError, rather than registering something isinstance
     would then ignore.
The ABCs share the private base `_Abstract`, so their `__mro__` shows one
class more than CPython's. `Iterator[int]` (`__class_getitem__`) is left out: MiniPy has no
types.GenericAlias. Annotations that use it are fine under
`from __future__ import annotations`, which never evaluates them (that is
how pyperformance's generators benchmark uses `Iterator`).

Left out: Set, MutableSet, Mapping, MutableMapping, the mapping views,
AsyncGenerator, ByteString, Buffer. Natives: none.
"""

__all__ = ["Awaitable", "Coroutine", "AsyncIterable", "AsyncIterator",
           "Hashable", "Iterable", "Iterator", "Reversible", "Generator",
           "Sized", "Container", "Callable", "Collection",
           "Sequence", "MutableSequence"]

def _abstract(method):
    """Marks `method` abstract, as abc.abstractmethod does."""
    method.__isabstractmethod__ = True
    return method


# Class -> sorted tuple of the abstract method names it leaves unimplemented.
_still_abstract = {}


def _abstract_names(cls):
    names = _still_abstract.get(cls)
    if names is None:
        declared = set()
        for klass in cls.__mro__:
            for name, value in klass.__dict__.items():
                if getattr(value, "__isabstractmethod__", False):
                    declared.add(name)
        names = tuple(sorted(name for name in declared
                             if getattr(getattr(cls, name, None), "__isabstractmethod__", False)))
        _still_abstract[cls] = names
    return names


class _Abstract:
    """What ABCMeta adds to every class it builds (see the module notes)."""

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        missing = _abstract_names(cls)
        if missing:
            plural = "s" if len(missing) > 1 else ""
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} "
                            f"with abstract method{plural} {', '.join(missing)}")
        return object.__new__(cls)

    @classmethod
    def register(cls, subclass):
        raise NotImplementedError(
            f"{cls.__name__}.register: virtual subclasses need abc.ABCMeta, "
            "a metaclass, which is outside MiniPy")


# --- one-method protocols -------------------------------------------------------

class Hashable(_Abstract):
    __slots__ = ()

    @_abstract
    def __hash__(self):
        return 0


class Awaitable(_Abstract):
    __slots__ = ()

    @_abstract
    def __await__(self):
        yield


class Coroutine(Awaitable):
    __slots__ = ()

    @_abstract
    def send(self, value):
        """Sends a value into the coroutine: the next value it yields, or
        StopIteration when it finishes."""
        raise StopIteration

    @_abstract
    def throw(self, typ, val=None, tb=None):
        """Raises an exception inside the coroutine."""
        if val is None:
            if tb is None:
                raise typ
            val = typ()
        if tb is not None:
            val = val.with_traceback(tb)
        raise val

    def close(self):
        """Raises GeneratorExit inside the coroutine; it must not go on."""
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError("coroutine ignored GeneratorExit")


class AsyncIterable(_Abstract):
    __slots__ = ()

    @_abstract
    def __aiter__(self):
        return AsyncIterator()


class AsyncIterator(AsyncIterable):
    __slots__ = ()

    @_abstract
    async def __anext__(self):
        """The next item, or StopAsyncIteration when exhausted."""
        raise StopAsyncIteration

    def __aiter__(self):
        return self


class Iterable(_Abstract):
    __slots__ = ()

    @_abstract
    def __iter__(self):
        while False:
            yield None


class Iterator(Iterable):
    __slots__ = ()

    @_abstract
    def __next__(self):
        """The next item, or StopIteration when exhausted."""
        raise StopIteration

    def __iter__(self):
        return self


class Reversible(Iterable):
    __slots__ = ()

    @_abstract
    def __reversed__(self):
        while False:
            yield None


class Generator(Iterator):
    __slots__ = ()

    def __next__(self):
        """The next value: send(None)."""
        return self.send(None)

    @_abstract
    def send(self, value):
        """Sends a value into the generator: the next value it yields, or
        StopIteration when it finishes."""
        raise StopIteration

    @_abstract
    def throw(self, typ, val=None, tb=None):
        """Raises an exception inside the generator."""
        if val is None:
            if tb is None:
                raise typ
            val = typ()
        if tb is not None:
            val = val.with_traceback(tb)
        raise val

    def close(self):
        """Raises GeneratorExit inside the generator; it must not go on."""
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError("generator ignored GeneratorExit")


class Sized(_Abstract):
    __slots__ = ()

    @_abstract
    def __len__(self):
        return 0


class Container(_Abstract):
    __slots__ = ()

    @_abstract
    def __contains__(self, x):
        return False


class Collection(Sized, Iterable, Container):
    __slots__ = ()


class Callable(_Abstract):
    __slots__ = ()

    @_abstract
    def __call__(self, *args, **kwds):
        return False


# --- sequences --------------------------------------------------------------------

class Sequence(Reversible, Collection):
    """A read-only sequence: supply __getitem__ and __len__."""

    __slots__ = ()

    @_abstract
    def __getitem__(self, index):
        raise IndexError

    def __iter__(self):
        # Index until IndexError (the old sequence protocol), so that a
        # sequence whose length changes while it is walked stops cleanly.
        i = 0
        try:
            while True:
                v = self[i]
                yield v
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in reversed(range(len(self))):
            yield self[i]

    def index(self, value, start=0, stop=None):
        """The first index of value (in self[start:stop]); ValueError if absent."""
        if start is not None and start < 0:
            start = max(len(self) + start, 0)
        if stop is not None and stop < 0:
            stop += len(self)
        i = start
        while stop is None or i < stop:
            try:
                v = self[i]
            except IndexError:
                break
            if v is value or v == value:
                return i
            i += 1
        raise ValueError

    def count(self, value):
        """How many items equal value."""
        return sum(1 for v in self if v is value or v == value)


class MutableSequence(Sequence):
    """A mutable sequence: supply __getitem__, __setitem__, __delitem__,
    __len__ and insert."""

    __slots__ = ()

    @_abstract
    def __setitem__(self, index, value):
        raise IndexError

    @_abstract
    def __delitem__(self, index):
        raise IndexError

    @_abstract
    def insert(self, index, value):
        """Inserts value before index."""
        raise IndexError

    def append(self, value):
        """Appends value at the end."""
        self.insert(len(self), value)

    def clear(self):
        """Removes every item."""
        try:
            while True:
                self.pop()
        except IndexError:
            pass

    def reverse(self):
        """Reverses the items in place."""
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def extend(self, values):
        """Appends every item of values (a copy first if values is self)."""
        if values is self:
            values = list(values)
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        """Removes and returns the item at index (default: the last)."""
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        """Removes the first item equal to value; ValueError if absent."""
        del self[self.index(value)]

    def __iadd__(self, values):
        self.extend(values)
        return self
