# Checks: starred assignment targets (first, *rest / *init, last / middle), nested targets,
# star targets in for loops, the star always giving a list, and CPython's ValueError
# messages when there are too few values.
first, *rest = [1, 2, 3, 4]
*init, last = "abcd"
head, *middle, tail = range(5)
print(first, rest, init, last, head, middle, tail)
a, *b = (9,)
print(a, b, type(b).__name__)
(x, y), *others = [(1, 2), (3, 4), (5, 6)]
print(x, y, others)
for key, *values in [("a", 1, 2), ("b",), ("c", 3)]:
    print(key, values)
[p, [q, *r]] = [1, [2, 3, 4]]
print(p, q, r)
try:
    one, two, *more = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    one, two = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    one, two, three = "ab"
except ValueError as e:
    print("ValueError:", e)
