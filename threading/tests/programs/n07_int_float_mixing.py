# Checks: big ints meeting floats: conversion with float(), true division of big ints
# (correctly rounded), comparisons between big ints and floats, int() of big floats, and the
# OverflowError / ValueError messages.
print(float(2 ** 64), float(2 ** 53 + 1), float(-(10 ** 30)))
print(2 ** 64 / 2 ** 10, (10 ** 30 + 1) / 10 ** 15, 1 / 3 * 3, 10 ** 20 / 3)
print(int(1e20), int(-2.5e19), int(1.9), int(-1.9), int(2.0 ** 70))
print(2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 + 1 > float(2 ** 53), 10 ** 400 > 1e308)
print(2 ** 0.5, 4 ** 0.5, 8 ** (1 / 3), 10 ** -2, (-8) ** 2, 2 ** -1)
for thunk in [lambda: float(10 ** 400), lambda: 10 ** 400 / 1.0, lambda: int(float("inf")),
              lambda: int(float("nan")), lambda: 2.0 ** 10000]:
    try:
        print(thunk())
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(float("inf"), -float("inf"), float("nan") == float("nan"), 1e308 * 10 == float("inf"))
