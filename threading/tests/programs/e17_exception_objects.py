# Checks: exception objects: args for zero, one and many arguments, str() vs repr(), the
# built-in hierarchy (names along __mro__), exceptions as values in a list, and raising a
# class vs an instance; OSError's errno/strerror fields (errno 5 keeps the
# class OSError; CPython maps some errnos to subclasses).
excs = [ValueError(), ValueError("one"), ValueError("a", 2), KeyError("k"), KeyError(1, 2), OSError(5, "Input/output error")]
for e in excs:
    print(repr(e), "|", str(e), "|", e.args)
err = OSError(5, "Input/output error")
print(err.errno, err.strerror, isinstance(err, Exception))
for cls in [KeyError, ZeroDivisionError, ConnectionRefusedError, TimeoutError, UnboundLocalError,
            RecursionError, NotImplementedError, StopIteration, GeneratorExit, FileNotFoundError]:
    print(cls.__name__, [c.__name__ for c in cls.__mro__[1:]])
print(issubclass(ConnectionRefusedError, OSError), isinstance(KeyError(), LookupError))
try:
    raise IndexError
except IndexError as e:
    print(type(e).__name__, e.args, repr(e))
