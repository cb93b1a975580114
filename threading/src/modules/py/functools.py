"""Tools for functions: wraps, partial, reduce, lru_cache, total_ordering,
cmp_to_key.

Mirrors CPython 3.11's functools for: update_wrapper, wraps
(WRAPPER_ASSIGNMENTS, WRAPPER_UPDATES), partial (nested partials
flattened, CPython's repr), reduce, lru_cache (maxsize, typed,
cache_info, cache_clear, cache_parameters, used bare or called), cache,
cached_property (with 3.11's lock), total_ordering, cmp_to_key.

partial and reduce are written here in Python, where CPython has them in
C (_functools): they are short, and a native version would have to call
back into Python anyway. lru_cache keeps its entries in a dict, which
remembers insertion order: a hit moves the entry to the end, and when the
cache is full the first (least recently used) entry goes.

    @lru_cache(maxsize=2)      calls f(1) f(2) f(1) f(3)
    cache after each call:     {1} {1,2} {2,1} {1,3}    (f(2) evicted)

Left out: singledispatch, singledispatchmethod, partialmethod.
lru_cache's bookkeeping is guarded by a lock (CPython's C version relies
on the GIL); the cached function itself runs unlocked, so two threads may
both compute a missing entry, as in CPython.

Natives: _thread.RLock; sibling collections (namedtuple for CacheInfo).
"""

from _thread import RLock as _RLock
from collections import namedtuple

__all__ = ['update_wrapper', 'wraps', 'WRAPPER_ASSIGNMENTS', 'WRAPPER_UPDATES',
           'total_ordering', 'cache', 'cmp_to_key', 'lru_cache', 'reduce',
           'partial', 'cached_property']

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS,
                   updated=WRAPPER_UPDATES):
    """Make wrapper look like wrapped: copy its name, doc ..., merge its
    __dict__, and point wrapper.__wrapped__ at it."""
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            setattr(wrapper, attr, value)
    for attr in updated:
        getattr(wrapper, attr).update(getattr(wrapped, attr, {}))
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Decorator form of update_wrapper, for writing decorators."""
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned,
                   updated=updated)


class partial:
    """partial(f, *args, **kw)(*more, **kw2) == f(*args, *more, **{**kw, **kw2})."""

    def __new__(cls, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            # partial(partial(f, 1), 2) is stored as partial(f, 1, 2).
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self = super().__new__(cls)
        self.func = func
        self.args = args
        self.keywords = keywords
        return self

    def __call__(self, /, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(x) for x in self.args)
        parts.extend(f"{k}={v!r}" for (k, v) in self.keywords.items())
        name = type(self).__qualname__ if type(self) is not partial else "functools.partial"
        return f"{name}({', '.join(parts)})"


_initial_missing = object()


def reduce(function, sequence, initial=_initial_missing):
    """Fold: reduce(f, [a, b, c], x) == f(f(f(x, a), b), c)."""
    it = iter(sequence)
    if initial is _initial_missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


# --- lru_cache ----------------------------------------------------------------

_CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])
_CacheInfo.__module__ = 'functools'

_kwd_mark = object()  # separates positional from keyword arguments in keys


def _make_key(args, kwds, typed):
    # A hashable key for one call: the arguments, keyword pairs after a
    # marker, and with typed=True the argument types (so 1 and 1.0 differ).
    key = args
    if kwds:
        key += (_kwd_mark,)
        for item in kwds.items():
            key += item
    if typed:
        key += tuple(type(v) for v in args)
        if kwds:
            key += tuple(type(v) for v in kwds.values())
    return key


def lru_cache(maxsize=128, typed=False):
    """Memoise a function, keeping the maxsize most recently used results
    (all of them if maxsize is None)."""
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        # Used bare: @lru_cache
        user_function, maxsize = maxsize, 128
        wrapper = _lru_cache_wrapper(user_function, maxsize, typed)
        wrapper.cache_parameters = lambda: {'maxsize': maxsize, 'typed': typed}
        return update_wrapper(wrapper, user_function)
    elif maxsize is not None:
        raise TypeError('Expected first argument to be an integer, a callable, or None')

    def decorating_function(user_function):
        wrapper = _lru_cache_wrapper(user_function, maxsize, typed)
        wrapper.cache_parameters = lambda: {'maxsize': maxsize, 'typed': typed}
        return update_wrapper(wrapper, user_function)

    return decorating_function


def _lru_cache_wrapper(user_function, maxsize, typed):
    cache = {}               # key -> result, least recently used first
    stats = [0, 0]           # hits, misses
    lock = _RLock()          # guards cache and stats, not the call

    def wrapper(*args, **kwds):
        if maxsize == 0:     # no caching, only counting
            stats[1] += 1
            return user_function(*args, **kwds)
        key = _make_key(args, kwds, typed)
        with lock:
            if key in cache:
                result = cache.pop(key)
                cache[key] = result      # now the most recently used
                stats[0] += 1
                return result
            stats[1] += 1
        result = user_function(*args, **kwds)
        with lock:
            if key not in cache:         # another thread may have added it
                cache[key] = result
                if maxsize is not None and len(cache) > maxsize:
                    del cache[next(iter(cache))]
        return result

    def cache_info():
        with lock:
            return _CacheInfo(stats[0], stats[1], maxsize, len(cache))

    def cache_clear():
        with lock:
            cache.clear()
            stats[0] = stats[1] = 0

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    return wrapper


def cache(user_function, /):
    """An unbounded lru_cache."""
    return lru_cache(maxsize=None)(user_function)


# --- cached_property ----------------------------------------------------------

_NOT_FOUND = object()


class cached_property:
    """A property computed once per instance, then stored in the instance's
    __dict__ under the same name (which shadows this non-data descriptor
    from then on).

    CPython 3.11 computes under one RLock per property, shared by all
    instances: two threads reading the property of two different objects
    wait for each other (3.12 dropped the lock for that reason). Kept here,
    because it is 3.11's behaviour.
    """

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__
        self.lock = _RLock()

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError("Cannot assign the same cached_property to two different "
                            f"names ({self.attrname!r} and {name!r}).")

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError("Cannot use cached_property instance without calling "
                            "__set_name__ on it.")
        try:
            cache = instance.__dict__
        except AttributeError:
            raise TypeError(f"No '__dict__' attribute on {type(instance).__name__!r} "
                            f"instance to cache {self.attrname!r} property.") from None
        val = cache.get(self.attrname, _NOT_FOUND)
        if val is _NOT_FOUND:
            with self.lock:
                # Another thread may have filled it while we waited.
                val = cache.get(self.attrname, _NOT_FOUND)
                if val is _NOT_FOUND:
                    val = self.func(instance)
                    cache[self.attrname] = val
        return val


# --- total_ordering -----------------------------------------------------------
# Each derived operator is built from the root the class defines, and
# returns NotImplemented when the root does.

def _gt_from_lt(self, other):
    op_result = type(self).__lt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result and self != other


def _le_from_lt(self, other):
    op_result = type(self).__lt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return op_result or self == other


def _ge_from_lt(self, other):
    op_result = type(self).__lt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result


def _ge_from_le(self, other):
    op_result = type(self).__le__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result or self == other


def _lt_from_le(self, other):
    op_result = type(self).__le__(self, other)
    if op_result is NotImplemented:
        return op_result
    return op_result and self != other


def _gt_from_le(self, other):
    op_result = type(self).__le__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result


def _lt_from_gt(self, other):
    op_result = type(self).__gt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result and self != other


def _ge_from_gt(self, other):
    op_result = type(self).__gt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return op_result or self == other


def _le_from_gt(self, other):
    op_result = type(self).__gt__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result


def _le_from_ge(self, other):
    op_result = type(self).__ge__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result or self == other


def _gt_from_ge(self, other):
    op_result = type(self).__ge__(self, other)
    if op_result is NotImplemented:
        return op_result
    return op_result and self != other


def _lt_from_ge(self, other):
    op_result = type(self).__ge__(self, other)
    if op_result is NotImplemented:
        return op_result
    return not op_result


_convert = {
    '__lt__': [('__gt__', _gt_from_lt), ('__le__', _le_from_lt), ('__ge__', _ge_from_lt)],
    '__le__': [('__ge__', _ge_from_le), ('__lt__', _lt_from_le), ('__gt__', _gt_from_le)],
    '__gt__': [('__lt__', _lt_from_gt), ('__ge__', _ge_from_gt), ('__le__', _le_from_gt)],
    '__ge__': [('__le__', _le_from_ge), ('__gt__', _gt_from_ge), ('__lt__', _lt_from_ge)],
}


def total_ordering(cls):
    """Class decorator: given __eq__ and one of < > <= >=, add the rest."""
    # The operators the class (or a base other than object) defines.
    roots = {op for op in _convert if getattr(cls, op, None) is not getattr(object, op, None)}
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = max(roots)  # prefer __lt__ to __le__ to __gt__ to __ge__
    for opname, opfunc in _convert[root]:
        if opname not in roots:
            opfunc.__name__ = opname  # shared by every class, as in CPython
            setattr(cls, opname, opfunc)
    return cls


def cmp_to_key(mycmp):
    """Turn an old-style cmp(a, b) -> -1/0/1 function into a key= function."""
    class K:
        __slots__ = ['obj']

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None
    return K
