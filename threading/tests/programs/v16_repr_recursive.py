# Checks: repr/str of self-referencing containers ([...] and {...}), nested mixed containers,
# strings with both quote kinds and escapes inside containers, and empty containers of each
# kind (set() and frozenset(), not {}).
a = [1, 2]
a.append(a)
print(a, len(a))
d = {"self": None}
d["self"] = d
print(d)
nested = {"k": [1, (2, 3), {4}, {"z": None}], "t": ((),), "s": "it's \"quoted\"\n"}
print(nested)
print([], (), {}, set(), frozenset(), "", b"", bytearray())
print(str([1.0, -0.0, 1e100, True, None]), repr(["\t", "\\", "\x00", "é", "\u2028"]))
pair = [[]]
pair[0].append(pair)
print(pair)
