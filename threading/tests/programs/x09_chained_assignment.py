# Checks: chained assignment binds every target to the same object (aliasing), targets are
# assigned left to right, mixing names, subscripts and attributes, and augmented assignment
# evaluating its target once.
a = b = c = []
a.append(1)
print(a, b, c, a is c)
x = y = 0
x += 1
print(x, y)
class Box:
    pass
box = Box()
d = {}
box.v = d["k"] = lst = [7]
lst.append(8)
print(box.v, d, box.v is d["k"])
order = []
def key(name):
    order.append(name)
    return name
store = {}
store[key("first")] = store[key("second")] = key("value")
print(store, order)
calls = []
def index():
    calls.append("index")
    return 0
arr = [10]
arr[index()] += 5
print(arr, calls)
i, arr[i] = 0, 99
print(i, arr)
