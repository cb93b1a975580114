# Checks: collections.defaultdict with list, int, set and a lambda factory; missing keys are
# created on access (not by `in` or get), repr shows the factory, it is still a dict; a None
# factory raises KeyError.
from collections import defaultdict

groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(groups)
print(dict(groups), isinstance(groups, dict), groups.default_factory)
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(sorted(counts.items()), "z" in counts, counts.get("z"), len(counts))
counts["z"]
print(len(counts), counts["z"])
unique = defaultdict(set)
unique["k"].add(3)
unique["k"].add(1)
print(unique)
labelled = defaultdict(lambda: "n/a", {"a": "x"})
print(labelled["a"], labelled["b"], dict(labelled))
plain = defaultdict(None)
try:
    plain["missing"]
except KeyError as e:
    print("KeyError:", e)
