# Checks: dict display, get (with and without default), keys/values/items (wrapped in list()),
# in, len, item get/set, insertion order kept on update, KeyError on a missing key.
d = {"one": 1, "two": 2}
d["three"] = 3
d["one"] = 11
print(d, len(d))
print(d.get("two"), d.get("nine"), d.get("nine", 0), d.get("one", 0))
print(list(d.keys()), list(d.values()), list(d.items()))
print("two" in d, "nine" in d, 2 in d)
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
for k, v in counts.items():
    if v > 1:
        print(k, v)
print(sorted(counts.keys()), sum(counts.values()))
try:
    print(d["nine"])
except KeyError as e:
    print("caught KeyError", e)
m = {1: "int", 1.5: "float", "1": "str", (1, 2): "tuple", None: "none"}
print(m[1], m[1.5], m["1"], m[(1, 2)], m[None])
print({"nested": {"deep": [1, {"x": None}]}})
empty = {}
print(empty, len(empty), empty.get("a", "dflt"))
for k in {"b": 0, "a": 0}:
    print(k)
