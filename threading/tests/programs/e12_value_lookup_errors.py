# Checks: CPython 3.11's messages for ValueError, IndexError, KeyError, ZeroDivisionError,
# OverflowError and NameError raised by the runtime, as str(e) and repr(e).
import math

cases = [
    lambda: int("3.5"),
    lambda: float("abc"),
    lambda: math.sqrt(-1),
    lambda: math.log(0),
    lambda: [1, 2, 3][10],
    lambda: "abc"[5],
    lambda: (1,)[-2],
    lambda: [].pop(),
    lambda: {"a": 1}["b"],
    lambda: {(1, 2): 0}[(2, 1)],
    lambda: 5 % 0,
    lambda: 5.0 / 0,
    lambda: 2 ** 10000 * 1.0,
    lambda: math.exp(1000),
    lambda: undefined_name,
    lambda: "a b".split(""),
    lambda: [1, 2].index(3),
    lambda: bytes(-1),
]
for case in cases:
    try:
        value = case()
        print("no error:", type(value).__name__)
    except Exception as e:
        print(type(e).__name__, "|", e, "|", repr(e))
