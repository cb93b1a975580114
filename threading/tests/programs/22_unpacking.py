# Checks: tuple unpacking in assignment and for loops, swap, unpacking from list/str/tuple, ValueError on mismatch.
a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = [7, 8, 9]
print(x, y, z)
p, q = "hi"
print(p, q)
(m, n) = (3, 4)
print(m, n)
for k, v in [("a", 1), ("b", 2)]:
    print(k, v)
for i, ch in enumerate("xy"):
    print(i, ch)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("caught", e)
try:
    a, b, c = (1, 2)
except ValueError as e:
    print("caught", e)
f0, f1 = 0, 1
for _ in range(10):
    f0, f1 = f1, f0 + f1
print(f0)
