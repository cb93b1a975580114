# Checks: int's and float's special methods called by name: arithmetic with NotImplemented for
# operands the type does not know, reflected forms, pow with a modulus, divmod, comparisons, unary
# methods, bool's bitwise methods, unbound calls through the class, and the slot wrappers' errors.
print((7).__add__(3), (7).__add__(0.5), (0.5).__radd__(7), (7).__lt__("x"), (2).__pow__(10), (2).__pow__(10, 7), (3).__rpow__(2))
print((7).__divmod__(2), (7.5).__rdivmod__(2), (-3).__abs__(), (5).__neg__(), (5).__invert__(), (0).__bool__(), True.__and__(False), True.__and__(1))
print(int.__add__(1, 2), float.__mul__(1.5, 2), (1).__eq__(1.0), (1.0).__eq__(1), (1).__truediv__(2), (7).__floordiv__(0.5))
try:
    int.__add__("a", 1)
except TypeError as e:
    print(e)
try:
    (5).__add__()
except TypeError as e:
    print(e)
class V:
    def __radd__(self, o): return "radd"
print(5 + V(), (5).__add__(V()), sum([V()], 0) if False else "")
try:
    (2).__pow__()
except TypeError as e:
    print(repr(str(e)))
