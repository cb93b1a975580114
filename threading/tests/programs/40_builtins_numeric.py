# Checks: len, abs, min, max, sum (int and float), sorted, list, range builtins.
xs = [5, -3, 8, 0, 8, -10]
print(len(xs), len("hello"), len({"a": 1}), len((1, 2)), len(range(3, 10, 2)), len(""))
print(abs(-3), abs(3), abs(-2.5), abs(0), abs(-0.0))
print(min(xs), max(xs), min(3, 1, 2), max(1.5, 2), min("pear", "apple"), max("abc"))
print(sum(xs), sum([]), sum([0.1] * 10), sum([1, 2.5]), sum(range(101)))
print(sorted(xs), xs)
print(sorted("banana"), sorted(["b", "a", "C"]), sorted((3, 1, 2)))
print(sorted([[2, 1], [1, 5], [1, 2]]), sorted([(1, "b"), (1, "a"), (0, "z")]))
print(sorted({"z": 1, "a": 2}), sorted([2.5, 1, -0.5]))
print(list("abc"), list((1, 2)), list(range(3)), list({"k": 1, "j": 2}), list([]))
print(min([4, 2, 8]), max([[1], [0, 9]]), max([-1.0, -2.0]))
try:
    max([])
except ValueError as e:
    print("caught", e)
