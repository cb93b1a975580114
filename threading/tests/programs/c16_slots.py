# Checks: __slots__ limits instance attributes (AttributeError with CPython's message for a
# new name and for an unset slot), slotted instances have no __dict__, class attributes still
# readable, and a subclass without __slots__ gets a __dict__ again.
class Pixel:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x

p = Pixel(3)
p.y = 4
print(p.x, p.y, Pixel.__slots__)
try:
    p.z = 5
except AttributeError as e:
    print("AttributeError:", e)
q = Pixel(1)
try:
    print(q.y)
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(p, "__dict__"), hasattr(q, "y"))
del p.y
print(hasattr(p, "y"))

class ColorPixel(Pixel):
    pass

cp = ColorPixel(0)
cp.color = "red"
print(cp.x, cp.color, cp.__dict__)
