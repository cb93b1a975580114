# Checks: dict methods beyond the basics: setdefault, pop with and without default (KeyError),
# popitem (last in), update from pairs and keywords, fromkeys, copy (shallow), clear, dict()
# constructors, the | and |= merge operators, del, and equality ignoring order.
d = {"a": 1}
print(d.setdefault("a", 9), d.setdefault("b", 2), d)
print(d.pop("a"), d.pop("zzz", "default"), d)
try:
    d.pop("zzz")
except KeyError as e:
    print("KeyError:", e)
d.update([("c", 3), ("d", 4)], e=5)
d.update({"c": 30})
print(d, d.popitem(), d)
print(dict.fromkeys("xy"), dict.fromkeys(range(3), []), dict(zip("ab", [1, 2])), dict(a=1, b=2))
nested = {"list": [1]}
shallow = nested.copy()
shallow["list"].append(2)
shallow["new"] = 1
print(nested, shallow)
merged = {"x": 1, "y": 2} | {"y": 20, "z": 30}
merged |= {"w": 0}
print(merged)
del merged["x"]
print(merged, {1: "a", 2: "b"} == {2: "b", 1: "a"}, list(merged.items()))
merged.clear()
print(merged, len(merged), bool(merged))
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print("ValueError:", e)
