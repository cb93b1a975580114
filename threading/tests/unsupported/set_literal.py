# expect-line: 7
# construct: set
# A set display. (A dict display `{}` / `{k: v}` on line 6 is fine.)
xs = [3, 1, 2]
print(sorted(xs))
d = {"a": 1}
s = {1, 2, 3}
print(len(s), len(d))
