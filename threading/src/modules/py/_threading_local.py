"""Thread-local data: threading.local, whose attributes are per thread.

A private part of the `threading` module, which re-exports `local`.
(CPython's threading.local is the C type _thread._local; error messages
about a plain local name it so here too.)

How it works. A `local` object keeps one attribute dict per thread, keyed
by the Thread object (not the ident: idents are reused as soon as a thread
ends). Every attribute access looks up the calling thread's dict first:

    obj.x      -> dicts[current_thread()]["x"], else the class attribute
    obj.x = v  -> dicts[current_thread()]["x"] = v

A thread that touches the object for the first time gets an empty dict,
and a subclass's __init__ runs again for it with the arguments the object
was created with. When a Thread ends it drops its dicts (it keeps a list
of the `local` objects it has a dict in: Thread._local_impls).

Left out: nothing of the API; see `local`'s docstring for the one
difference in attribute lookup.

Natives: none. Needs from threading (set by it at import, to avoid an
import cycle): _current_thread, a function returning the calling Thread,
whose `_local_impls` list this file appends to.
"""

_current_thread = None   # threading.current_thread, handed in by threading


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
    thread = _current_thread()
    try:
        return impl.dicts[thread]
    except KeyError:
        pass
    attrs = impl.dicts[thread] = {}
    thread._local_impls.append(impl)  # so the thread's end drops `attrs`
    if type(self).__init__ is not object.__init__:
        self.__init__(*impl.args, **impl.kwargs)
    return attrs


class _local:
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
        thread = _current_thread()
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
    return '_thread._local' if type(obj) is _local else type(obj).__name__


# CPython's class is `_thread._local`, exported as `threading.local`: so
# `type(threading.local()).__name__` is '_local' there, and here too.
local = _local
