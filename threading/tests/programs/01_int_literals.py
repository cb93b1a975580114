# Checks: int literals (decimal, `_` separators), bool/None literals, basic int printing.
a = 1_000_000
b = 0
c = -42
d = 9_223_372_036_854_775_807
print(a, b, c)
print(d)
print(True, False, None)
print(1_2_3 + 7)
print(a // 1_000, a % 7)
print(-0, - -3, -(-7))
x = 12345678
print(x * 1000)
print(True == 1, False == 0)
print(10 == 10, 10 != 11)
