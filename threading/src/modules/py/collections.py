"""Container types: namedtuple, Counter, OrderedDict, and the native deque
and defaultdict.

Mirrors the parts of CPython 3.11's collections that threading programs
use:
  - namedtuple(typename, field_names, *, rename, defaults, module): a tuple
    subclass with a descriptor per field, _make, _replace, _asdict, _fields,
    _field_defaults, and CPython's repr and argument errors.
  - Counter: a dict of counts (most_common, elements, total, update,
    subtract, + - | & and their in-place forms, unary + and -, comparisons).
  - OrderedDict: a dict subclass (dicts keep insertion order) adding
    move_to_end, popitem(last=...), order-sensitive equality between
    OrderedDicts and CPython 3.11's repr.
  - deque and defaultdict: the native ones, re-exported.

How namedtuple works without exec. CPython writes the source of the class
and exec()s it, so that __new__ has the real signature `(_cls, x, y)`.
MiniPy has no exec, so the class is built with type(name, (tuple,), ns)
from closures: __new__ takes *args/**kwargs and binds them to the fields
itself (_bind_arguments), raising the TypeError messages Python would
raise for that signature. Each field is a _tuplegetter reading one index.

Left out: ChainMap, UserDict, UserList, UserString, Counter.fromkeys
(CPython refuses it too). The submodule collections.abc (a package
member, `collections.abc.py`) has the container ABCs as plain classes.

Natives: _collections (deque, defaultdict), sys._getframe (f_globals,
for a namedtuple's __module__); builtins type(name, bases, dict),
property, classmethod, str.isidentifier.
"""

import sys as _sys
from _collections import deque, defaultdict

__all__ = ['deque', 'defaultdict', 'namedtuple', 'Counter', 'OrderedDict']

# The keywords a field name may not be (CPython asks the keyword module).
_KEYWORDS = frozenset((
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break',
    'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally',
    'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
    'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'))


def _quoted_list(names):
    # 'a'  /  'a' and 'b'  /  'a', 'b', and 'c'   (CPython's wording)
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f"{quoted[0]} and {quoted[1]}"
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _bind_arguments(qualname, names, defaults, args, kwargs, implicit=1):
    """Binds a call's args and kwargs to the parameters `names` as Python
    binds `def f(self, *names)` (`defaults`: name -> default value),
    raising CPython's TypeError messages. `implicit` counts the self/cls
    parameter in the messages. Returns the list of values. dataclasses
    uses it too."""
    count = len(names)
    if len(args) > count:
        most = count + implicit
        least = most - len(defaults)
        given = len(args) + implicit
        if least == most:
            takes = f"{most} positional argument{'' if most == 1 else 's'}"
        else:
            takes = f"from {least} to {most} positional arguments"
        raise TypeError(f"{qualname}() takes {takes} but {given} were given")
    for key in kwargs:
        if key not in names:
            raise TypeError(f"{qualname}() got an unexpected keyword argument '{key}'")
        if names.index(key) < len(args):
            raise TypeError(f"{qualname}() got multiple values for argument '{key}'")
    values = list(args)
    missing = []
    for name in names[len(args):]:
        if name in kwargs:
            values.append(kwargs[name])
        elif name in defaults:
            values.append(defaults[name])
        else:
            missing.append(name)
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise TypeError(f"{qualname}() missing {len(missing)} required positional "
                        f"argument{plural}: {_quoted_list(missing)}")
    return values


# --- namedtuple ---------------------------------------------------------------

class _tuplegetter:
    # A namedtuple field: reads slot `index` of the tuple; assignment and
    # deletion fail with CPython's messages. (CPython's is the C descriptor
    # _collections._tuplegetter; a property would say "property 'x' of
    # 'Point' object has no setter" instead of "can't set attribute".) No
    # docstring: `__doc__` is a slot, each field's own.

    __slots__ = ('_index', '__doc__')

    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance[self._index]

    def __set__(self, instance, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, instance):
        raise AttributeError("can't delete attribute")


_tuplegetter.__module__ = '_collections'


def _field_property(index, doc):
    return _tuplegetter(index, doc)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A new tuple subclass whose items are also attributes:
    Point = namedtuple('Point', 'x y'); Point(1, y=2).y == 2."""
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or name in _KEYWORDS
                    or name.startswith('_') or name in seen):
                field_names[index] = f'_{index}'
            seen.add(name)
    for name in [typename] + field_names:
        if not name.isidentifier():
            raise ValueError('Type names and field names must be valid '
                             f'identifiers: {name!r}')
        if name in _KEYWORDS:
            raise ValueError('Type names and field names cannot be a '
                             f'keyword: {name!r}')
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError(f'Field names cannot start with an underscore: {name!r}')
        if name in seen:
            raise ValueError(f'Encountered duplicate field name: {name!r}')
        seen.add(name)

    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError('Got more default values than field names')
        # The defaults belong to the rightmost fields.
        field_defaults = dict(zip(field_names[len(field_names) - len(defaults):], defaults))

    field_names = tuple(field_names)
    num_fields = len(field_names)
    new_qualname = f'{typename}.__new__'

    def __new__(_cls, /, *args, **kwargs):
        values = _bind_arguments(new_qualname, field_names, field_defaults, args, kwargs)
        return tuple.__new__(_cls, values)

    __new__.__qualname__ = new_qualname
    __new__.__doc__ = f'Create new instance of {typename}({", ".join(field_names)})'

    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f'Expected {num_fields} arguments, got {len(result)}')
        return result

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(name, value) for name, value in zip(field_names, self)])
        if kwds:
            raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
        return result

    def __repr__(self):
        inner = ', '.join(f'{name}={value!r}' for name, value in zip(field_names, self))
        return f'{self.__class__.__name__}({inner})'

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    namespace = {
        '__doc__': f'{typename}({", ".join(field_names)})',
        '__slots__': (),
        '_fields': field_names,
        '_field_defaults': field_defaults,
        '__new__': __new__,
        '_make': classmethod(_make),
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__match_args__': field_names,
    }
    for index, name in enumerate(field_names):
        namespace[name] = _field_property(index, f'Alias for field number {index}')
    cls = type(typename, (tuple,), namespace)

    # The class belongs to the module that called namedtuple().
    if module is None:
        try:
            module = _sys._getframe(1).f_globals.get('__name__', '__main__')
        except (AttributeError, ValueError):
            pass
    if module is not None:
        cls.__module__ = module
    return cls


# --- Counter ------------------------------------------------------------------

class Counter(dict):
    """A dict from elements to their counts; a missing element counts 0.
    Counter('abca') == Counter({'a': 2, 'b': 1, 'c': 1})."""

    def __init__(self, iterable=None, /, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        """The n most common (element, count) pairs, most common first;
        equal counts keep insertion order (a stable sort, as CPython)."""
        ranked = sorted(self.items(), key=_count_of, reverse=True)
        return ranked if n is None else ranked[:n]

    def elements(self):
        """Each element repeated as many times as its count (counts below
        one are skipped)."""
        for element, count in self.items():
            for _ in range(count):
                yield element

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def update(self, iterable=None, /, **kwds):
        """Add counts: from a mapping of counts, or one per element of an
        iterable."""
        if iterable is not None:
            if hasattr(iterable, 'items'):
                if self:
                    for element, count in iterable.items():
                        self[element] = count + self.get(element, 0)
                else:
                    super().update(iterable)  # fast path: nothing to add to
            else:
                for element in iterable:
                    self[element] = self.get(element, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        """Subtract counts (they may go to zero or below)."""
        if iterable is not None:
            if hasattr(iterable, 'items'):
                for element, count in iterable.items():
                    self[element] = self.get(element, 0) - count
            else:
                for element in iterable:
                    self[element] = self.get(element, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    def __reduce__(self):
        return self.__class__, (dict(self),)

    def __delitem__(self, element):
        if element in self:  # deleting a missing element is not an error
            super().__delitem__(element)

    def __repr__(self):
        if not self:
            return f'{self.__class__.__name__}()'
        return f'{self.__class__.__name__}({dict(self.most_common())!r})'

    # Comparisons treat missing elements as zero counts (3.10+).
    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] <= other[e] for c in (self, other) for e in c)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] >= other[e] for c in (self, other) for e in c)

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    # Multiset arithmetic: results keep only positive counts.
    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for element, count in self.items():
            new = count + other[element]
            if new > 0:
                result[element] = new
        for element, count in other.items():
            if element not in self and count > 0:
                result[element] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for element, count in self.items():
            new = count - other[element]
            if new > 0:
                result[element] = new
        for element, count in other.items():
            if element not in self and count < 0:
                result[element] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for element, count in self.items():
            other_count = other[element]
            new = other_count if count < other_count else count
            if new > 0:
                result[element] = new
        for element, count in other.items():
            if element not in self and count > 0:
                result[element] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for element, count in self.items():
            other_count = other[element]
            new = count if count < other_count else other_count
            if new > 0:
                result[element] = new
        return result

    def __pos__(self):
        """Drops zero and negative counts."""
        result = Counter()
        for element, count in self.items():
            if count > 0:
                result[element] = count
        return result

    def __neg__(self):
        """Negates the counts, keeping the (now) positive ones."""
        result = Counter()
        for element, count in self.items():
            if count < 0:
                result[element] = 0 - count
        return result

    def _keep_positive(self):
        for element in [e for e, count in self.items() if not count > 0]:
            del self[element]
        return self

    def __iadd__(self, other):
        for element, count in other.items():
            self[element] += count
        return self._keep_positive()

    def __isub__(self, other):
        for element, count in other.items():
            self[element] -= count
        return self._keep_positive()

    def __ior__(self, other):
        for element, other_count in other.items():
            if other_count > self[element]:
                self[element] = other_count
        return self._keep_positive()

    def __iand__(self, other):
        for element, count in self.items():
            other_count = other[element]
            if other_count < count:
                self[element] = other_count
        return self._keep_positive()


def _count_of(item):
    return item[1]


# --- OrderedDict --------------------------------------------------------------

class OrderedDict(dict):
    """A dict that can reorder its keys. Plain dicts keep insertion order
    since 3.7, so only the reordering is added here.

    Simplification: move_to_end(key, last=False) and popitem(last=False)
    rebuild the dict, O(n); CPython keeps a linked list for O(1).
    """

    def move_to_end(self, key, last=True):
        value = self.pop(key)  # KeyError for a missing key, as CPython
        if last:
            self[key] = value
        else:
            rest = list(self.items())
            self.clear()
            self[key] = value
            for k, v in rest:
                self[k] = v

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        key = next(reversed(self)) if last else next(iter(self))
        return key, self.pop(key)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def copy(self):
        return self.__class__(self)

    def __repr__(self):
        if not self:
            return f'{self.__class__.__name__}()'
        return f'{self.__class__.__name__}({list(self.items())!r})'
