# Checks: arithmetic dunders on a Vector class: __add__ __sub__ __mul__ __rmul__ __truediv__
# __neg__ __abs__ __radd__ (so sum() works) and in-place __iadd__; NotImplemented falls back
# to the reflected method or CPython's TypeError.
class Vector:
    def __init__(self, *coords):
        self.coords = coords

    def __repr__(self):
        return "Vector" + repr(self.coords)

    def __add__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*[a + b for a, b in zip(self.coords, other.coords)])

    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented

    def __sub__(self, other):
        return self + (-other)

    def __neg__(self):
        return Vector(*[-a for a in self.coords])

    def __mul__(self, k):
        return Vector(*[a * k for a in self.coords])

    __rmul__ = __mul__

    def __truediv__(self, k):
        return Vector(*[a / k for a in self.coords])

    def __abs__(self):
        return sum(a * a for a in self.coords) ** 0.5

    def __iadd__(self, other):
        print("  in-place add")
        self.coords = (self + other).coords
        return self

v, w = Vector(1, 2), Vector(3, 4)
print(v + w, w - v, -v, v * 3, 2 * v, w / 2, abs(w))
print(sum([v, w, Vector(10, 10)]))
alias = v
v += w
print(v, alias is v, alias)
try:
    v + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "x" - v
except TypeError as e:
    print("TypeError:", e)
