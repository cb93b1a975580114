# Checks: array.array with typecodes i, l, b, B, d, f: repr, append/extend/pop/insert/index,
# indexing and slicing (slices are arrays), itemsize, tolist, sum, buffer_info-free facts,
# and the OverflowError/TypeError messages for values that do not fit.
import array

ints = array.array("i", [3, 1, 2])
ints.append(10)
ints.extend([20, 30])
print(ints, ints[0], ints[-1], ints[1:3], ints.typecode, ints.itemsize)
print(ints.pop(), ints.index(10), ints.tolist(), sum(ints), len(ints))
ints.insert(0, -5)
ints[1] = 99
print(ints, array.array("i") == array.array("i", []), ints.count(99))
floats = array.array("d", [0.5, 1.25])
print(floats, floats.itemsize, array.array("f", [0.1])[0], array.array("B", b"hi"))
print(array.array("b", [1, -1]), array.array("l", range(3)).tolist())
for code, value in [("b", 200), ("B", -1), ("i", 2 ** 40), ("d", "x")]:
    try:
        array.array(code, [value])
    except (OverflowError, TypeError) as e:
        print(type(e).__name__ + ":", e)
