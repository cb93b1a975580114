# Checks: str()/print of lists, tuples (incl. 1-tuple and empty), dicts, nesting, None/bool/float inside.
print([])
print(())
print({})
print((1,))
print((1, 2))
print([1, [2, [3, []]]])
print((1, (2, (3,))))
print({"a": 1, "b": [1, 2], "c": {"d": (3,)}})
print({1: "one", 2.5: None, 3: True})
print([None, True, False, 1.0, -2])
print({(1, 2): "pair"})
d = {}
d["z"] = 1
d["a"] = 2
d["m"] = 3
print(d)
d["z"] = 10
print(d)
t = 1, 2, 3
print(t)
print(str((1,)) + "!")
print(len(()), len((5,)), len([[]]))
print(range(5), range(1, 10, 2))
