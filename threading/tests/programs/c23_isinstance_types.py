# Checks: isinstance/issubclass with tuples of types, bool as a subclass of int, the built-in
# types as classes (type(x) is int, int.__name__, type(type)), and isinstance against object.
values = [0, True, 1.5, "s", b"b", None, [1], (1,), {1: 2}, {1}, range(2)]
for v in values:
    print(type(v).__name__, isinstance(v, (int, float)), isinstance(v, (list, tuple, set)))
print(isinstance(True, int), issubclass(bool, int), type(True) is int, type(True) is bool)
print(issubclass(int, (str, object)), isinstance(None, type(None)))
print(type(int), type(type), type(len).__name__, type(None).__name__)
print(int.__name__, str.__name__, dict.__name__, list.__mro__)
print(isinstance(int, type), isinstance(3, type), issubclass(type, object))
print(bool.__mro__)
try:
    isinstance(3, 4)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(3, int)
except TypeError as e:
    print("TypeError:", e)
