# Checks: // and % with negative operands (floor semantics), true division always float.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, 5), (1, 10)]
for a, b in pairs:
    print(a, b, a // b, a % b, a / b)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2)
print(7 // 2.0, -7 % 2.5)
print(10 / 2, 10 / 4, -1 / 8)
print(2 ** 62 // 3, -(2 ** 62) % 7)
print(1 / 2 * 2, 3 * (1 / 3))
print(-1 // 3, -1 % 3, 1 // -3, 1 % -3)
print(-9 // 3, -9 % 3, 0 // -4)
