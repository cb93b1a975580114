# Checks: * and ** unpacking in calls (several of each, mixed with plain arguments), in list,
# tuple, set and dict displays, and print(*xs, sep=...); duplicate keywords are a TypeError.
def describe(a, b, c=0, *rest, **kw):
    return (a, b, c, rest, kw)

args = [1, 2]
more = (3, 4, 5)
opts = {"x": 1}
extra = {"y": 2}
print(describe(*args))
print(describe(*args, *more))
print(describe(0, *more, **opts, **extra))
print(describe(**{"a": "A", "b": "B"}, z=26))
print([*args, *more, 6], (*args,), {*args, *args, 9})
print({**opts, **extra, "x": "override"})
print({"first": 0, **opts})
print(*"abc", sep="-")
print(*range(3), *[7, 8])
try:
    describe(1, 2, **{"c": 3}, **{"c": 4})
except TypeError as e:
    print("TypeError:", e)
try:
    describe(*5)
except TypeError as e:
    print("TypeError:", e)
try:
    describe(**[1])
except TypeError as e:
    print("TypeError:", e)
