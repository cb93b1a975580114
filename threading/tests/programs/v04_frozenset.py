# Checks: frozenset: repr, hashable (usable as dict key and set member), operators returning
# frozensets (type of the left operand wins with mixed set/frozenset), equality with set,
# and the missing mutators (AttributeError).
f = frozenset([3, 1, 2])
print(f, frozenset(), repr(frozenset({9})))
g = f | {10}
print(g, type(g).__name__, type({10} | f).__name__, f & {1, 5}, f - {1})
print(f == {1, 2, 3}, f == frozenset([1, 2, 3]), hash(f) == hash(frozenset([3, 2, 1])))
routes = {frozenset({1, 2}): "a-b", frozenset({2, 3}): "b-c"}
print(routes[frozenset([2, 1])], len(routes))
groups = {frozenset({1}), frozenset({1}), frozenset({2, 1})}
print(len(groups), sorted(sorted(x) for x in groups))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
print(sorted(f), 2 in f, len(f), f.issubset(range(5)))
