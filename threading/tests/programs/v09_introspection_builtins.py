# Checks: vars() of an instance and of a module-like namespace, callable() on many kinds of
# objects, getattr/hasattr on built-in types (methods exist), setattr errors on built-in
# instances, and type() with one argument on instances and classes.
class Box:
    kind = "box"
    def __init__(self):
        self.size = 1
    def grow(self):
        self.size += 1

b = Box()
print(vars(b), callable(b.grow), callable(Box), callable(b), callable(len), callable("s"))
print(hasattr([], "append"), hasattr("", "append"), getattr([3, 1, 2], "count")(1))
print(getattr(Box, "kind"), getattr(b, "kind"), type(b) is Box, type(Box).__name__)
for target, name in [(5, "x"), ("s", "upper"), ([], "new")]:
    try:
        setattr(target, name, 1)
    except AttributeError as e:
        print("AttributeError:", e)
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
print(isinstance(vars(b), dict), sorted(vars(Box).keys() & {"kind", "grow", "__init__"}))
