# Checks: float repr (shortest round-trip), float formatting with e/f/g/%, is_integer,
# as_integer_ratio, float() of strings, and float arithmetic corner cases (-0.0, 1e16).
for x in [0.1 + 0.2, 1 / 3, 1e16, 1.5e-7, 123456789.0, 1e22, 1e-5, 0.0001, -0.0, 2.5e300]:
    print(repr(x), str(x), f"{x:e}", f"{x:g}", f"{x:.3}")
print(f"{0.25:%} {1/3:.1%} {1234.5:,.2f} {-1.5:+08.2f} {3.0:.0f} {2.5:.0f}")
print((2.5).is_integer(), (3.0).is_integer(), (0.75).as_integer_ratio(), (-0.5).as_integer_ratio())
print(float("1e3"), float("-inf"), float("  2.5 "), float("1_000.5"), 0.0 == -0.0)
print(1e16 + 1, 1e16 + 2, 9007199254740993.0, 0.1 * 3, 100 * 1.1)
print("%e|%.2e|%g|%G|%.3g" % (12345.678, 0.000123, 1e-10, 1e20, 1234567))
