# Checks: list comprehensions with one for and an optional if; over range/str/list/dict;
# the loop variable does not leak; a comprehension inside a def reads the def's locals.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0])
print([c.upper() for c in "abc"])
d = {"a": 1, "b": 2, "c": 3}
print([k for k in d if d[k] > 1])
print([(k, v) for k, v in d.items()])
x = "outer"
print([x for x in [1, 2]], x)
def scaled(n, factor):
    return [i * factor for i in range(n) if i != 1]
print(scaled(4, 10))
print([[j for j in range(i)] for i in range(4)])
print([w for w in "a bb ccc".split() if len(w) > 1])
print(sum([i for i in range(101)]))
print([])
