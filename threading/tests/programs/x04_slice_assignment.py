# Checks: slice assignment that grows, shrinks and replaces a list; assignment to an empty
# slice (insertion); extended-slice assignment with a step (lengths must match: ValueError
# message); slice deletion with steps; any iterable on the right-hand side.
xs = list(range(8))
xs[2:4] = ["a", "b", "c", "d"]
print(xs)
xs[1:7] = []
print(xs)
xs[1:1] = range(3)
print(xs)
xs[:] = "hey"
print(xs)
ys = list(range(10))
ys[::2] = [0] * 5
print(ys)
ys[1::3] = "XYZ"
print(ys)
try:
    ys[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
del ys[::3]
print(ys)
zs = [1, 2, 3]
alias = zs
zs[len(zs):] = [4, 5]
zs[-1:] = (6 for _ in range(2))
print(zs, alias is zs)
ba = bytearray(b"abcdef")
ba[1:3] = b"XYZ"
print(ba)
