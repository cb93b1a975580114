# Checks: del of a local/global name (NameError/UnboundLocalError afterwards), of list items
# and slices, dict keys (KeyError for a missing one), object attributes, several targets at
# once, and del inside a loop over a copy.
x = 5
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
nums = list(range(10))
del nums[0]
del nums[-1]
del nums[2:4]
del nums[::2]
print(nums)
table = {"a": 1, "b": 2, "c": 3}
del table["b"]
try:
    del table["zz"]
except KeyError as e:
    print("KeyError:", e)
class Obj:
    pass
o = Obj()
o.attr = 1
o.other = 2
del o.attr, table["a"]
print(vars(o), table)
def local_del():
    value = 1
    del value
    try:
        return value
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(local_del())
items = {1: "a", 2: "b", 3: "c"}
for k in list(items):
    if k % 2:
        del items[k]
print(items)
