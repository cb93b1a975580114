# Checks: is / is not (None, True, aliases vs copies), in / not in over list, tuple, str, dict, range.
xs = [1, 2, 3]
ys = xs
zs = [1, 2, 3]
print(xs is ys, xs is zs, xs == zs, xs is not zs)
v = None
print(v is None, v is not None, True is True, False is not True)
print(2 in xs, 5 in xs, 5 not in xs)
print("b" in ("a", "b"), "ell" in "hello", "hx" in "hello", "" in "abc")
d = {"k": 1, "j": 2}
print("k" in d, 1 in d, "z" not in d)
print(3 in range(5), 5 in range(5), 4 in range(0, 10, 2))
print([1] in [[1], [2]], (1, 2) in [(1, 2)])
ys.append(4)
print(xs, len(zs))
