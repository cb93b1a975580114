# Checks: for over range (steps incl. negative, empty), list, tuple, str, dict keys, dict.items(),
# enumerate, zip (shortest wins); break and continue; the loop variable keeps its last value.
for i in range(3):
    print("r", i)
print(list(range(10, 0, -3)), list(range(0)), list(range(5, 1)), list(range(-3, 3, 2)))
print(list(range(2, 11, 4)), list(range(0, -10, -4)))
for x in [1, "two", 3.0]:
    print(x)
for x in (None, True):
    print(x)
for ch in "hey":
    print(ch, end=".")
print()
d = {"b": 2, "a": 1}
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, "=", v)
for i, w in enumerate(["p", "q", "r"]):
    print(i, w)
for a, b in zip([1, 2, 3], "xy"):
    print(a, b)
for i in range(100):
    if i == 2:
        continue
    if i == 4:
        break
    print("i", i)
print("last", i)
print(list(enumerate("ab")), list(zip((1, 2), [3, 4])))
