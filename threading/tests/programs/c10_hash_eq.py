# Checks: __hash__ with __eq__ lets instances be dict keys and set members (equal objects
# collapse); defining __eq__ alone makes instances unhashable (TypeError message); the
# default identity hash/eq for plain classes.
class Coord:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return isinstance(other, Coord) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"C{self.x}{self.y}"

seen = {Coord(1, 2): "first"}
seen[Coord(1, 2)] = "second"
print(len(seen), seen)
print(len({Coord(0, 0), Coord(0, 0), Coord(0, 1)}), Coord(3, 4) in {Coord(3, 4)})
print(hash(Coord(1, 2)) == hash((1, 2)))

class OnlyEq:
    def __eq__(self, other):
        return True

print(OnlyEq() == 5, OnlyEq.__hash__)
try:
    {OnlyEq(): 1}
except TypeError as e:
    print("TypeError:", e)

class Plain:
    pass

a, b = Plain(), Plain()
print(a == a, a == b, len({a, b, a}), hash(a) == hash(a))
