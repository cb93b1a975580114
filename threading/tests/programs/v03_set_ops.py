# Checks: sets of ints print in CPython's hash-table order (including negatives and values
# that collide); | & - ^ and the method forms; add/discard/remove (KeyError), pop, subset
# tests, and iteration order after growth and deletions.
print({10, 3, 7, 100, 33, -1}, {8, 16, 24, 32, 1}, {-5, -4, -3, 0, 1})
a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([9, 8]), a.intersection(range(3, 10)), a.difference({1}), a.symmetric_difference(b))
print(a <= a | b, {1, 2} < a, a >= {5}, a.isdisjoint({0, 10}), {1}.issubset([1, 2]), a.issuperset([]))
s = set()
for n in [33, 1, 65, 97, 2, 129]:
    s.add(n)
print(s, len(s))
s.discard(65)
s.discard(1000)
s.remove(1)
print(s)
try:
    s.remove(1)
except KeyError as e:
    print("KeyError:", e)
print(s.pop(), s)
big = set(range(0, 200, 7))
print(big)
big -= set(range(0, 200, 2))
print(big, sorted(big)[:3])
print(set(), set([3, 3, 3]), {(1, 2), (1, 2)}, set("aaa"), len({True, 1, 1.0}))
