# Checks: bytearray item and slice assignment and deletion: extended-slice deletion with positive and
# negative steps, a slice replaced by an iterable of ints, extended-slice assignment (sizes must
# match), an empty or reversed slice as an insertion point, self-assignment, and CPython's errors
# for ints, str, floats and out-of-range items on the right-hand side, bad indices and del past the end.
b = bytearray(b"abcdefgh")
del b[::3]; print(b)
b = bytearray(b"abcdefgh")
del b[::-2]; print(b)
b[1:2] = [65, 66, 67]; print(b)
b[::2] = b"wxyz"[:len(b[::2])]; print(b)
for bad in [5, "s", 1.5, [300], ["a"]]:
    try:
        b[0:1] = bad
    except Exception as e:
        print(type(e).__name__, e)
try:
    b[::2] = b"12345678"
except Exception as e:
    print(type(e).__name__, e)
try:
    del b[99]
except Exception as e:
    print(type(e).__name__, e)
try:
    b["x"] = 1
except Exception as e:
    print(type(e).__name__, e)
b[3:1] = b"QQ"; print(b)
b[-100:1] = b""; print(b)
b[:] = b; print(b)
x = bytearray(b"ab"); x += b"cd"; print(x, x.copy(), x.pop(0), x)
