# Checks: __repr__ and __str__: print uses __str__, containers use their items' __repr__,
# str() falls back to __repr__, f-strings with !r and !s, and format() of an object.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"

    def __str__(self):
        return f"({self.x}, {self.y})"

class Tag:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "<" + self.name + ">"

p = Point(1, "two")
print(p)
print(repr(p), str(p))
print([p, Point(0, 0)], (p,), {"origin": Point(0, 0)})
print(f"{p} {p!r} {p!s}")
print(Tag("b"), str(Tag("i")), [Tag("em")])
print("%s and %r" % (p, p))
print("{} / {!r}".format(p, p))
print(format(p), format(Tag("x")))
