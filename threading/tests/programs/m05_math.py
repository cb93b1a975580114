# Checks: the math module: constants, sqrt/isqrt, floor/ceil/trunc (ints, also for big
# floats), gcd/lcm, factorial/comb/perm, log family, exp, pow, trig, hypot, fsum vs sum,
# prod, isclose, copysign, fabs, fmod, modf, isnan/isinf, inf/nan.
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.isqrt(10 ** 20 + 1), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7))
print(math.floor(1e20), type(math.floor(2.5)).__name__, math.gcd(48, 180), math.lcm(4, 6, 10))
print(math.factorial(20), math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]))
print(math.log(math.e), math.log(8, 2), math.log2(1024), math.log10(0.001), math.exp(1))
print(math.pow(2, 0.5), math.sin(0), math.cos(math.pi), round(math.tan(math.pi / 4), 12))
print(math.atan2(1, 1), math.degrees(math.pi), math.radians(180), math.hypot(3, 4))
print(sum([0.1] * 10), math.fsum([0.1] * 10), math.isclose(0.1 + 0.2, 0.3))
print(math.copysign(3, -0.0), math.fabs(-2), math.fmod(-7, 3), -7 % 3, math.modf(2.5))
print(math.isnan(math.nan), math.isinf(-math.inf), math.isfinite(1e308), math.nan == math.nan)
try:
    math.isqrt(-1)
except ValueError as e:
    print("ValueError:", e)
