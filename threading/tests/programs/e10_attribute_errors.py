# Checks: CPython 3.11's AttributeError messages (as str(e)): instance, class, module, None,
# built-in values, read-only built-in attributes, and a failing property getter.
import math

class Foo:
    kind = "foo"

    @property
    def broken(self):
        return self.missing_inside

cases = [
    lambda: Foo().bar,
    lambda: Foo.bar,
    lambda: math.tau2,
    lambda: None.strip(),
    lambda: (5).append(1),
    lambda: "s".nope,
    lambda: [].push,
    lambda: Foo().broken,
]
for case in cases:
    try:
        case()
    except AttributeError as e:
        print("AttributeError:", e)
try:
    (5).real = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    del Foo().kind
except AttributeError as e:
    print("AttributeError:", e)
