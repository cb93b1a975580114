# Checks: how call errors name the callable (CPython's _PyObject_FunctionStr): module-qualified
# for Python functions and classes (`__main__.f()`), bare for builtins (`print()`), `list.append()`
# for a built-in method; the __qualname__ and __module__ of built-in functions and methods.
import math
import time


class Shape:
    def area(self, scale):
        return scale


def make(kind):
    return kind


callables = [make, Shape.area, Shape().area, Shape, print, [].append, len, dict, lambda: 0]
for fn in callables:
    for call in (lambda: fn(*5), lambda: fn(**{"a": 1}, **{"a": 2}), lambda: fn(**3),
                 lambda: fn(1, *5)):
        try:
            call()
        except TypeError as e:
            print(e)

print(time.sleep.__qualname__, time.sleep.__module__, math.sqrt.__module__)
print(len.__qualname__, len.__module__, print.__module__)
print(dict.fromkeys.__qualname__, str.join.__qualname__, [].append.__qualname__)
print([].append.__module__, "x".upper.__module__)
