# Checks: @dataclass generates __init__ (positional and keyword, defaults), __repr__ and __eq__;
# field(default_factory=list) gives each instance its own list; a mutable plain default is
# refused with CPython's ValueError; __post_init__ runs after __init__; inheritance adds fields.
from dataclasses import dataclass, field

@dataclass
class Point:
    x: int
    y: int = 0

@dataclass
class Inventory:
    owner: str
    items: list = field(default_factory=list)
    count: int = field(default=0, repr=False)

    def __post_init__(self):
        self.owner = self.owner.title()

@dataclass
class Point3(Point):
    z: int = 0

p = Point(1, 2)
print(p, Point(3), Point(y=5, x=4), p == Point(1, 2), p == Point(2, 1))
a, b = Inventory("ann"), Inventory("bob")
a.items.append("apple")
print(a, b, a.count)
print(Point3(1, 2, 3), Point3(1) == Point3(1, 0, 0))
try:
    @dataclass
    class Bad:
        values: list = []
except ValueError as e:
    print("ValueError:", e)
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
