# Checks: functions returning functions, passing functions to functions, map with several
# iterables, filter(None, ...), reduce, and a small pipeline built from a list of callables.
from functools import reduce

def compose(*fns):
    def run(x):
        for fn in reversed(fns):
            x = fn(x)
        return x
    return run

pipeline = compose(str, abs, lambda n: n - 10)
print(pipeline(3), repr(pipeline(30)))
print(list(map(pow, [2, 3, 4], [5, 2, 1])))
print(list(map(lambda a, b, c: a + b + c, "ab", "cd", "efg")))
print(list(filter(None, [0, 1, "", "x", None, [], [0]])))
print(reduce(lambda acc, x: acc * x, range(1, 8)), reduce(max, [3, 9, 2], 0))

def apply_all(fns, value):
    return [fn(value) for fn in fns]

print(apply_all([len, str.upper, lambda s: s[::-1]], "stressed"))
steps = [lambda x: x + 1, lambda x: x * 3, str]
acc = 4
for step in steps:
    acc = step(acc)
print(repr(acc))
