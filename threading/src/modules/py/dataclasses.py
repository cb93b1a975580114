"""Classes generated from annotated fields: @dataclass.

Mirrors CPython 3.11's dataclasses for: dataclass(init, repr, eq, order,
unsafe_hash, frozen, match_args), field(default, default_factory, init,
repr, hash, compare, metadata), fields, asdict, astuple, replace,
is_dataclass, MISSING, FrozenInstanceError, __post_init__, fields
inherited from dataclass bases, typing.ClassVar annotations skipped.

How methods are made without exec. CPython writes each method's source
(`def __init__(self, x, y=0): self.x = x ...`) and exec()s it. MiniPy has
no exec, so each method here is a closure over the list of fields:

    @dataclass(order=True)            __init__(self, *args, **kwargs)
    class Job:                            bind args to (priority, name) with
        priority: int                     Python's own TypeError messages,
        name: str = "?"                   then self.priority = ..., ...
                                      __repr__  -> "Job(priority=1, name='?')"
                                      __eq__/__lt__... compare the tuples
                                          (self.priority, self.name)

The fields are the class's __annotations__, in order; a class attribute
of the same name is the default (or a field(...) describing it).

Differences from CPython: a traceback through a generated method shows
this file's frame (CPython's shows `File "<string>"` without a source
line); asdict/astuple do not deep-copy values other than dataclasses,
lists, tuples and dicts; the class __doc__ is a plain field list.
Left out: kw_only and KW_ONLY, slots, weakref_slot, InitVar,
make_dataclass.

Natives: sys (modules, to recognise typing.ClassVar when typing is
loaded), _thread.get_ident; sibling collections (_bind_arguments).
Needs from the language: class-body annotations recorded in the class's
__annotations__, cls.__dict__ and cls.__mro__ readable, attributes of
classes and functions settable (__qualname__ too).
"""

import sys
from _thread import get_ident as _get_ident
from collections import _bind_arguments

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'fields',
           'asdict', 'astuple', 'replace', 'is_dataclass', 'MISSING']


class FrozenInstanceError(AttributeError):
    """Raised when assigning to or deleting a field of a frozen dataclass."""


class _MISSING_TYPE:
    pass


MISSING = _MISSING_TYPE()        # "no default", since None is a valid one
_HAS_DEFAULT_FACTORY = object()  # what __init__ binds for a factory default

_FIELDS = '__dataclass_fields__'
_PARAMS = '__dataclass_params__'

# A field's kind: an instance field, or a ClassVar (not a field at all).
_FIELD = 'FIELD'
_FIELD_CLASSVAR = 'FIELD_CLASSVAR'


class Field:
    """What field(...) returns and __dataclass_fields__ holds."""

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = False
        self._field_type = None

    def __repr__(self):
        return ('Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,'
                'repr=%r,hash=%r,compare=%r,metadata=%r,kw_only=%r,_field_type=%s)'
                % (self.name, self.type, self.default, self.default_factory,
                   self.init, self.repr, self.hash, self.compare, self.metadata,
                   self.kw_only, self._field_type))


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None):
    """Describe one field: its default or default_factory, and whether it
    takes part in __init__, __repr__, comparisons and __hash__."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata)


class _DataclassParams:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen


def _is_classvar(annotation):
    typing = sys.modules.get('typing')
    if isinstance(annotation, str):
        return annotation.startswith(('ClassVar', 'typing.ClassVar'))
    if typing is None:
        return False
    return (annotation is typing.ClassVar
            or getattr(annotation, '__origin__', None) is typing.ClassVar)


def _get_field(cls, name, annotation):
    default = getattr(cls, name, MISSING)
    f = default if isinstance(default, Field) else field(default=default)
    f.name = name
    f.type = annotation
    f._field_type = _FIELD_CLASSVAR if _is_classvar(annotation) else _FIELD
    if f._field_type is _FIELD_CLASSVAR and f.default_factory is not MISSING:
        raise TypeError(f'field {f.name} cannot have a default factory')
    # A list, dict or set default would be shared by every instance.
    if f._field_type is _FIELD and f.default.__class__.__hash__ is None:
        raise ValueError(f'mutable default {type(f.default)} for field '
                         f'{f.name} is not allowed: use default_factory')
    return f


def _set_new_attribute(cls, name, value):
    # Never replace a method the class defines itself; True if it does.
    if name in cls.__dict__:
        return True
    if callable(value):
        value.__qualname__ = f"{cls.__qualname__}.{value.__name__}"
    setattr(cls, name, value)
    return False


# --- The generated methods ------------------------------------------------------

def _make_init(cls, fields, frozen, has_post_init):
    init_fields = [f for f in fields if f.init]
    seen_default = False
    for f in init_fields:
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f'non-default argument {f.name!r} follows default argument')
    names = [f.name for f in init_fields]
    defaults = {}
    for f in init_fields:
        if f.default_factory is not MISSING:
            defaults[f.name] = _HAS_DEFAULT_FACTORY
        elif f.default is not MISSING:
            defaults[f.name] = f.default
    qualname = f'{cls.__qualname__}.__init__'

    def __init__(self, /, *args, **kwargs):
        bound = dict(zip(names, _bind_arguments(qualname, names, defaults, args, kwargs)))
        for f in fields:
            if f.init:
                value = bound[f.name]
                if value is _HAS_DEFAULT_FACTORY:
                    value = f.default_factory()
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            else:
                continue  # the class attribute holds the default
            if frozen:
                object.__setattr__(self, f.name, value)
            else:
                setattr(self, f.name, value)
        if has_post_init:
            self.__post_init__()
    return __init__


def _make_repr(fields):
    names = [f.name for f in fields if f.repr]
    running = set()  # (id, thread) of reprs in progress: a cycle prints "..."

    def __repr__(self):
        key = (id(self), _get_ident())
        if key in running:
            return '...'
        running.add(key)
        try:
            inner = ', '.join(f'{name}={getattr(self, name)!r}' for name in names)
            return f'{self.__class__.__qualname__}({inner})'
        finally:
            running.discard(key)
    return __repr__


def _field_tuple(obj, names):
    return tuple(getattr(obj, name) for name in names)


def _make_compare(name, names):
    # One comparison of the field tuples; a different class -> NotImplemented.
    if name == '__eq__':
        def compare(self, other):
            if other.__class__ is self.__class__:
                return _field_tuple(self, names) == _field_tuple(other, names)
            return NotImplemented
    elif name == '__lt__':
        def compare(self, other):
            if other.__class__ is self.__class__:
                return _field_tuple(self, names) < _field_tuple(other, names)
            return NotImplemented
    elif name == '__le__':
        def compare(self, other):
            if other.__class__ is self.__class__:
                return _field_tuple(self, names) <= _field_tuple(other, names)
            return NotImplemented
    elif name == '__gt__':
        def compare(self, other):
            if other.__class__ is self.__class__:
                return _field_tuple(self, names) > _field_tuple(other, names)
            return NotImplemented
    else:
        def compare(self, other):
            if other.__class__ is self.__class__:
                return _field_tuple(self, names) >= _field_tuple(other, names)
            return NotImplemented
    compare.__name__ = name
    return compare


def _make_frozen_methods(cls, fields):
    names = {f.name for f in fields}

    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __setattr__, __delattr__


def _make_hash(fields):
    names = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]

    def __hash__(self):
        return hash(_field_tuple(self, names))
    return __hash__


# What to do about __hash__, keyed by (unsafe_hash, eq, frozen, the class
# defines __hash__ itself): CPython's table.
_ADD, _SET_NONE, _RAISE = 'add', 'set None', 'raise'
_hash_action = {
    (False, False, False, False): None, (False, False, False, True): None,
    (False, False, True, False): None, (False, False, True, True): None,
    (False, True, False, False): _SET_NONE, (False, True, False, True): None,
    (False, True, True, False): _ADD, (False, True, True, True): None,
    (True, False, False, False): _ADD, (True, False, False, True): _RAISE,
    (True, False, True, False): _ADD, (True, False, True, True): _RAISE,
    (True, True, False, False): _ADD, (True, True, False, True): _RAISE,
    (True, True, True, False): _ADD, (True, True, True, True): _RAISE,
}


# --- The decorator -------------------------------------------------------------------

def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args):
    setattr(cls, _PARAMS, _DataclassParams(init, repr, eq, order, unsafe_hash, frozen))

    # Fields of dataclass bases come first, most basic base first.
    fields = {}
    any_frozen_base = False
    has_dataclass_bases = False
    for base in cls.__mro__[-1:0:-1]:
        base_fields = getattr(base, _FIELDS, None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if getattr(base, _PARAMS).frozen:
                any_frozen_base = True

    annotations = cls.__dict__.get('__annotations__', {})
    for name, annotation in annotations.items():
        f = _get_field(cls, name, annotation)
        fields[f.name] = f
        # The class attribute becomes the plain default (or goes away).
        if isinstance(getattr(cls, f.name, None), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a non-frozen one')
    setattr(cls, _FIELDS, fields)

    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING or
                             (class_hash is None and '__eq__' in cls.__dict__))
    if order and not eq:
        raise ValueError('eq must be true if order is true')

    field_list = [f for f in fields.values() if f._field_type is _FIELD]
    if init:
        _set_new_attribute(cls, '__init__', _make_init(
            cls, field_list, frozen, hasattr(cls, '__post_init__')))
    if repr:
        _set_new_attribute(cls, '__repr__', _make_repr(field_list))
    compared = [f.name for f in field_list if f.compare]
    if eq:
        _set_new_attribute(cls, '__eq__', _make_compare('__eq__', compared))
    if order:
        for name in ('__lt__', '__le__', '__gt__', '__ge__'):
            if _set_new_attribute(cls, name, _make_compare(name, compared)):
                raise TypeError(f'Cannot overwrite attribute {name} '
                                f'in class {cls.__name__}. Consider using '
                                'functools.total_ordering')
    if frozen:
        for fn in _make_frozen_methods(cls, field_list):
            if _set_new_attribute(cls, fn.__name__, fn):
                raise TypeError(f'Cannot overwrite attribute {fn.__name__} '
                                f'in class {cls.__name__}')

    action = _hash_action[bool(unsafe_hash), bool(eq), bool(frozen), has_explicit_hash]
    if action == _ADD:
        hash_fn = _make_hash(field_list)
        hash_fn.__qualname__ = f"{cls.__qualname__}.__hash__"
        cls.__hash__ = hash_fn
    elif action == _SET_NONE:
        cls.__hash__ = None
    elif action == _RAISE:
        raise TypeError(f'Cannot overwrite attribute __hash__ in class {cls.__name__}')

    if not getattr(cls, '__doc__'):
        cls.__doc__ = cls.__name__ + '(' + ', '.join(f.name for f in field_list) + ')'
    if match_args:
        _set_new_attribute(cls, '__match_args__', tuple(f.name for f in field_list if f.init))
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True, kw_only=False,
              slots=False, weakref_slot=False):
    """Add __init__, __repr__, __eq__ (and with order=True the orderings,
    with frozen=True read-only fields) generated from the annotations."""
    if kw_only or slots or weakref_slot:
        raise NotImplementedError('dataclass(kw_only=, slots=, weakref_slot=) '
                                  'is not supported by MiniPy')

    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args)

    if cls is None:
        return wrap  # called with arguments: @dataclass(order=True)
    return wrap(cls)


# --- Helpers on dataclass instances -------------------------------------------------

def fields(class_or_instance):
    """The Field objects of a dataclass or instance, in order."""
    try:
        all_fields = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in all_fields.values() if f._field_type is _FIELD)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def asdict(obj, *, dict_factory=dict):
    """The instance as a dict of its fields, recursing into dataclasses,
    lists, tuples and dicts."""
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):  # a namedtuple
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory))
                         for k, v in obj.items())
    return obj  # Simplification: CPython returns copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    """The instance as a tuple of its fields, recursing as asdict does."""
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory)
                              for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory))
                         for k, v in obj.items())
    return obj


def replace(obj, /, **changes):
    """A new instance like obj with some fields changed (through __init__)."""
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in getattr(obj, _FIELDS).values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with '
                                 'init=False, it cannot be specified with replace()')
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
