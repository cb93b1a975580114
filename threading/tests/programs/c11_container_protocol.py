# Checks: a user container with __len__, __getitem__ (ints and slices), __setitem__,
# __contains__, __iter__; len(), in, indexing, iteration, list() and truthiness use them.
class Ring:
    def __init__(self, items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Ring(self.items[index])
        return self.items[index % len(self.items)]

    def __setitem__(self, index, value):
        self.items[index % len(self.items)] = value

    def __contains__(self, value):
        print("  (contains", value, end=")\n")
        return value in self.items

    def __iter__(self):
        return iter(self.items)

    def __repr__(self):
        return f"Ring({self.items})"

r = Ring([10, 20, 30])
print(len(r), r[0], r[4], r[-1])
r[5] = 99
print(r, r[1:], 20 in r, 7 in r)
print(list(r), [x // 10 for x in r], sum(r))
print(bool(r), bool(Ring([])))
for i, x in enumerate(r):
    print(i, x)

class Squares:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i

print(list(Squares()), 9 in Squares(), 5 in Squares())
