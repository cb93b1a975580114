# Checks: collections.namedtuple: field access by name and index, unpacking, repr, _fields,
# _replace, _asdict, _make, defaults=, field names from a string, equality with plain
# tuples, immutability, and the ValueError for an invalid field name.
from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
p = Point(3, y=4)
print(p, p.x, p[1], p == (3, 4), isinstance(p, tuple), len(p))
x, y = p
print(x + y, Point._fields, p._replace(x=10), p._asdict(), Point._make([5, 6]))
Config = namedtuple("Config", "host port debug", defaults=[8080, False])
print(Config("localhost"), Config("h", 1, True), Config._field_defaults)
try:
    p.x = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    namedtuple("Bad", ["ok", "not valid"])
except ValueError as e:
    print("ValueError:", e)
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]), max(Point(0, 9), Point(1, 0)))
