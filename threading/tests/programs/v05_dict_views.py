# Checks: dict views: repr of keys()/values()/items(), views are live (see later changes),
# len/in/iteration, set operations on keys and items views, reversed(dict), list(dict), and
# the RuntimeError for changing a dict's size while iterating it.
d = {1: "one", 2: "two", 3: "three"}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i)
d[4] = "four"
del d[1]
print(k, v, len(i), 2 in k, (2, "two") in i, "two" in v)
print(k & {2, 3, 9}, k | {7}, k - {2}, i & {(2, "two")}, {3} ^ k)
print(list(reversed(d)), list(reversed(d.values())), list(d), sorted(d, reverse=True))
print(type(k).__name__, type(v).__name__, type(i).__name__)
try:
    for key in d:
        d[key * 10] = "x"
except RuntimeError as e:
    print("RuntimeError:", e)
e = dict.fromkeys([5, 6], 0)
e.update({6: 1, 7: 2})
print(e, e.keys() == {5, 6, 7}, list(e.items())[-1])
