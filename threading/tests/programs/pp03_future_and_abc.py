# `from __future__ import annotations` (forward references in annotations
# are never evaluated) and the collections.abc classes a program subclasses:
# Iterator, Generator, Sequence and MutableSequence with their mixin
# methods, and the refusal to instantiate a class with abstract methods.
# (pyperformance's generators benchmark opens with these two imports.)
from __future__ import annotations

import __future__
from collections.abc import Iterator, Generator, Sequence, MutableSequence, Sized, Hashable
import collections.abc


class Node:
    def __init__(self, value: int, rest: Node | None = None) -> None:
        self.value = value
        self.rest = rest

    def __iter__(self) -> Iterator[int]:
        node = self
        while node is not None:
            yield node.value
            node = node.rest


print(list(Node(1, Node(2, Node(3)))))
print(__future__.annotations, __future__.annotations.getMandatoryRelease())
print(__future__.division.getOptionalRelease(), __future__.CO_FUTURE_ANNOTATIONS)
print(len(__future__.all_feature_names), __future__.all_feature_names[-1])


class Countdown(Iterator):
    def __init__(self, start):
        self.n = start

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


c = Countdown(3)
print(iter(c) is c, list(c), isinstance(c, Iterator), issubclass(Countdown, collections.abc.Iterable))


class Echo(Generator):
    """A generator written as a class: send() answers, throw() ends it."""

    def __init__(self):
        self.last = None
        self.closed = False

    def send(self, value):
        if self.closed:
            raise StopIteration
        self.last = value
        return ("echo", value)

    def throw(self, typ, val=None, tb=None):
        self.closed = True
        raise StopIteration


e = Echo()
print(next(e), e.send(5), e.send("x"))
e.close()
print("closed:", e.closed)


class Squares(Sequence):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("Squares index out of range")
        return i * i


s = Squares(6)
print(list(s), 16 in s, 17 in s, list(reversed(s)), s.index(9), s.count(4), len(s))
print(s.index(16, 2), s.index(1, -6, 3))
try:
    s.index(2)
except ValueError as exc:
    print("ValueError", repr(exc))


class Stack(MutableSequence):
    def __init__(self, items=()):
        self._items = list(items)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __setitem__(self, i, v):
        self._items[i] = v

    def __delitem__(self, i):
        del self._items[i]

    def insert(self, i, v):
        self._items.insert(i, v)

    def __repr__(self):
        return f"Stack({self._items})"


st = Stack([1, 2])
st.append(3)
st.extend([4, 5])
st += [6]
print(st, st.pop(), st.pop(0), st)
st.remove(3)
st.reverse()
print(st, len(st), 4 in st)
st.extend(st)
print(st)
st.clear()
print(st, len(st))

for abstract in [Iterator, Sequence, MutableSequence, Sized, Hashable]:
    try:
        abstract()
    except TypeError as exc:
        print(exc)


class HalfDone(MutableSequence):
    def __getitem__(self, i):
        return i

    def __len__(self):
        return 0


try:
    HalfDone()
except TypeError as exc:
    print(exc)
