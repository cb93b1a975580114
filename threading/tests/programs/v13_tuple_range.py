# Checks: tuple methods (count, index), concatenation and repetition, comparison, nesting,
# immutability errors; range objects: repr, len, indexing, slicing, membership, count/index,
# equality of ranges with the same items, and empty ranges.
t = (1, 2, 3, 2)
print(t.count(2), t.index(3), t + (4,), t * 2, (1,) * 0, t[1:3], tuple("ab"), tuple([1]))
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), ((1, 2), [3]))
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
try:
    t.index(9)
except ValueError as e:
    print("ValueError:", e)
r = range(3, 20, 4)
print(r, len(r), r[0], r[-1], r[1:3], 7 in r, 8 in r, r.index(11), r.count(15))
print(range(0) == range(5, 5), range(1, 4, 2) == range(1, 5, 2), list(range(5, 0, -2)), range(-3))
print(bool(range(0)), list(range(2, -3, -1)), sum(range(101)), max(range(7)))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
a, (b, c), *d = 1, (2, 3), 4, 5
print(a, b, c, d)
