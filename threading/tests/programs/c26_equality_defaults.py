# Checks: default == is identity; __eq__ returning NotImplemented on both sides falls back to
# identity; __ne__ is derived from __eq__; list.index/count/in and dict lookup call __eq__.
class Key:
    calls = 0

    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        Key.calls += 1
        if isinstance(other, Key):
            return self.k == other.k
        return NotImplemented

    def __hash__(self):
        return hash(self.k)

a, b, c = Key(1), Key(1), Key(2)
print(a == b, a != b, a == c, a != c, a == 1, 1 == a)
items = [c, b]
print(items.index(a), items.count(Key(1)), Key(2) in items, Key(3) in items)
print(Key.calls > 0)
d = {a: "one"}
print(d[b], d.get(Key(2), "none"))

class Nothing:
    def __eq__(self, other):
        return NotImplemented

n = Nothing()
print(n == n, n == Nothing(), n != n)
