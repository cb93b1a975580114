# Checks: round() on ints and floats: banker's rounding at .5, negative ndigits, ndigits on
# floats following the binary value (2.675 -> 2.67), rounding big ints, and the result types.
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(3.7))
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(1234.5678, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(10 ** 25 + 5 * 10 ** 10, -11), round(2 ** 70, -5))
print(type(round(1.5)).__name__, type(round(1.5, 0)).__name__, type(round(7, 1)).__name__)
print(round(5), round(5, 2), round(-0.0), round(1e20), round(123.456, 1))
