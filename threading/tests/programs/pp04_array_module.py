# The array module: compact arrays of one C type (pyperformance's raytrace
# renders into array.array('B')). Every type code's range and type errors,
# the constructor's initializers, the named methods, and the sequence
# protocol (indexing, slices, comparisons, +, *, iteration, repr).
import array


def attempt(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


print(array.typecodes, array.ArrayType is array.array)
samples = [-2**70, -2**63, -2**31 - 1, -32769, -129, -1, 0, 255, 256, 2**16, 2**32, 2**63, 2**64, 1.5, "x", True]
for code in array.typecodes:
    a = array.array(code)
    print(code, a.itemsize, a.typecode, a)
    for v in samples:
        def store(v=v):
            a.append(v)
            return a[-1]
        attempt("   " + repr(v), store)

# Initializers: list, tuple, bytes, str ('u' only), arrays, other iterables.
attempt("list", lambda: array.array('d', [1, 2.5]))
attempt("tuple", lambda: array.array('i', (3, 4)))
attempt("bytes", lambda: array.array('h', b"\x01\x00\x02\x00"))
attempt("odd bytes", lambda: array.array('h', b"\x01\x00\x02"))
attempt("str", lambda: array.array('u', "hey"))
attempt("str into b", lambda: array.array('b', "ab"))
attempt("unicode array into b", lambda: array.array('b', array.array('u', "ab")))
attempt("array other code", lambda: array.array('d', array.array('i', [1, 2])))
attempt("range", lambda: array.array('h', range(3)))
attempt("generator", lambda: array.array('q', (i * i for i in range(4))))
attempt("not iterable", lambda: array.array('B', 3))
attempt("bad code", lambda: array.array('z', [1]))
attempt("bad code, not iterable", lambda: array.array('z', 5))
attempt("no args", lambda: array.array())
attempt("three args", lambda: array.array('b', [], 1))
attempt("keyword", lambda: array.array('b', x=1))
attempt("long code", lambda: array.array('bb'))
attempt("int code", lambda: array.array(1))

a = array.array('i', [1, 2, 3])
attempt("a[5]", lambda: a[5])
attempt("a[-1]", lambda: a[-1])
attempt("a[5] = 1", lambda: a.__setitem__(5, 1))
attempt("del a[5]", lambda: a.__delitem__(5))
attempt("a['x']", lambda: a["x"])
attempt("a[0:2] = list", lambda: a.__setitem__(slice(0, 2), [1, 2]))
attempt("a[0:2] = array b", lambda: a.__setitem__(slice(0, 2), array.array('b', [1, 2])))
attempt("a[0:3:2] = 3 items", lambda: a.__setitem__(slice(0, 3, 2), array.array('i', [1, 2, 3])))
attempt("pop empty", lambda: array.array('i').pop())
attempt("pop 7", lambda: a.pop(7))
attempt("index 9", lambda: a.index(9))
attempt("index 2 from 2", lambda: a.index(2, 2))
attempt("index 3 from -1", lambda: a.index(3, -1))
attempt("remove 9", lambda: a.remove(9))
attempt("extend other code", lambda: a.extend(array.array('b')))
attempt("a + list", lambda: a + [1])
attempt("a + array b", lambda: a + array.array('b'))
attempt("a * -1", lambda: a * -1)
attempt("2 * a", lambda: 2 * a)
attempt("a * 'x'", lambda: a * 'x')
attempt("frombytes str", lambda: a.frombytes("x"))
attempt("frombytes 3", lambda: a.frombytes(b"xyz"))
attempt("fromlist tuple", lambda: a.fromlist((1,)))
attempt("fromlist bad item", lambda: a.fromlist([4, "x"]))
attempt("after", lambda: a)
attempt("tounicode", lambda: a.tounicode())
attempt("fromunicode", lambda: a.fromunicode("x"))
attempt("u fromunicode 1", lambda: array.array('u').fromunicode(1))
attempt("compare", lambda: (a == array.array('d', [1.0, 2.0, 3.0]), a < array.array('i', [1, 2, 4]), a == [1, 2, 3]))
attempt("prefix", lambda: (a < a + a, a <= a, a > a[:2], a != a[:], a >= array.array('i', [2])))
attempt("class", lambda: (a.__class__, type(a).__name__, type(iter(a)), isinstance(a, array.array)))
attempt("f overflow to inf", lambda: array.array('f', [0.1, 1e300]))
attempt("d from huge int", lambda: array.array('d', [2**1100]))
attempt("insert far left", lambda: (a.insert(-10, 5), a.insert(100, 6), a))
attempt("Q max", lambda: array.array('Q', [2**64 - 1]).tolist())
attempt("u tobytes", lambda: array.array('u', 'hi').tobytes())
attempt("u tounicode", lambda: (array.array('u', 'hi').tounicode(), array.array('u', 'hi').tolist()))
attempt("slices", lambda: (array.array('i', [1, 2, 3, 4])[::2], array.array('i', [1, 2, 3, 4])[::-1], a[1:-1]))
attempt("count, in", lambda: (a.count(2), 2 in a, 2.0 in a, 7 in a, str(a)))
attempt("copy", lambda: a.__copy__() == a and a.__copy__() is not a)
attempt("extend bad item", lambda: (array.array('i', [1]).extend([2, "x"])))
attempt("extend iterator", lambda: (array.array('i', [1]).extend(iter([2, 3]))))
attempt("extend int", lambda: (array.array('i', [1]).extend(5)))


def mutations():
    b = array.array('h', [1, 256])
    b.byteswap()
    print("byteswap", b, b.tobytes())
    b = array.array('h', range(10))
    del b[1:8:3]
    del b[:2]
    print("del slices", b)
    b = array.array('h', range(10))
    b[1:3] = array.array('h', [7, 7, 7, 7])
    b[::4] = array.array('h', [0, 0, 0])
    b[5:2] = array.array('h', [-1])
    print("set slices", b, len(b))
    b[:] = b
    b *= 2
    print("imul", len(b), b[:4])
    b += array.array('h', [42])
    b.reverse()
    print("iadd reverse", b[:3], b.pop(), b.pop(0), len(b))
    b.frombytes(array.array('h', [5]).tobytes())
    b.fromlist([6])
    b.remove(7)
    print("tail", b[-4:], b.count(7), b.index(0))
    try:
        b += [1]
    except TypeError as e:
        print("TypeError:", e)
    info = b.buffer_info()
    print("buffer_info", type(info[0]).__name__, info[1] == len(b))


mutations()

# Growth while iterating: the iterator reads the current length.
grow = array.array('b', [1, 2])
seen = []
for x in grow:
    seen.append(x)
    if len(grow) < 5:
        grow.append(x + 10)
print("grown while iterating", seen, grow)


class Pixels(array.array):
    def brightest(self):
        return max(self)


p = Pixels('B', [3, 200, 17])
print(p, p.brightest(), type(p[:2]).__name__, type(p + p).__name__, type(p * 2).__name__)
try:
    hash(p)
except TypeError:
    print("arrays are unhashable")

# The raytrace pattern: a canvas of bytes, then sums over it.
canvas = array.array('B', [0] * (4 * 3 * 3))
for i in range(4 * 3):
    canvas[i * 3 + 2] = 255
canvas[5] = max(0, min(255, int(0.5 * 255)))
print(len(canvas), sum(canvas), sum(i * b for i, b in enumerate(canvas)) % 1000003, canvas.tobytes()[:9])
