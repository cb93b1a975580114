# Checks: the mutating set methods (update with several iterables, intersection_update,
# difference_update, symmetric_difference_update, copy, clear), their operator forms, set
# comparisons, and sets of ints printing in CPython's order after each step.
s = {3, 1, 2}
s.update([5, 4], (40,), range(60, 62))
print(s)
c = s.copy()
s.intersection_update(range(0, 50))
print(s, c == s, len(c))
s.difference_update({1, 2}, [40])
print(s)
s.symmetric_difference_update({5, 99, 100})
print(s)
s |= {17}
s &= {3, 4, 17, 99, 1000}
s -= {4}
s ^= {0}
print(s, sorted(s))
c.clear()
print(c, len(c), bool(c))
print({1, 2} == {2, 1}, {1, 2} != {1, 2, 3}, {1} < {1, 2}, {1, 2} <= {1, 2}, {3} > set())
print(set(range(10)) - set(range(0, 10, 3)), {n % 4 for n in range(-5, 6)})
