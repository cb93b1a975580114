# Checks: & | ^ ~ << >> on positive and negative ints, small and beyond 64 bits (two's
# complement semantics of infinite width), shifts by large amounts, and the negative shift
# count error.
vals = [0, 1, -1, 12, -12, 2 ** 64 + 5, -(2 ** 70)]
for a in vals:
    print(a, ~a, a & 0xFF, a | 3, a ^ -1, a << 3, a >> 2)
print(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010)
print(1 << 100, (1 << 100) >> 99, -1 >> 100, -(2 ** 100) >> 1)
print((2 ** 64 - 1) & (2 ** 63), (2 ** 128 - 1) ^ (2 ** 64 - 1) == 2 ** 128 - 2 ** 64)
print(-5 & 0xF, -5 | 0, -(2 ** 64) & (2 ** 65 - 1), 5 >> 1000, -5 >> 1000)
mask = (1 << 32) - 1
print(hex(0xDEADBEEF << 16 & mask), bin(-10 & 0xFF))
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
print(True & False, True | 2, True ^ True, type(True & True).__name__)
