# Checks: slice objects: slice(stop)/slice(start, stop, step), their repr and attributes,
# indices() normalisation, using a slice object as a subscript, extended slices with positive
# and negative steps on lists, strings and tuples, and slicing ranges.
s = slice(1, 8, 2)
print(s, slice(5), slice(None, None, -1), s.start, s.stop, s.step)
print(s.indices(5), slice(-3, None).indices(10), slice(None, None, -2).indices(6))
data = list(range(10))
print(data[s], data[slice(3)], "abcdefghij"[s], tuple(data)[slice(-2, None)])
print(data[::3], data[::-1], data[8:2:-2], data[-1:-4:-1], data[::-3])
print("hello"[::-1], "hello"[4:0:-1], "hello"[10:], "hello"[-10:2])
print(range(10)[2:8:3], range(10)[::-1], list(range(0, 20, 5)[1:]))
try:
    data[::0]
except ValueError as e:
    print("ValueError:", e)
try:
    "abc"["a":]
except TypeError as e:
    print("TypeError:", e)
