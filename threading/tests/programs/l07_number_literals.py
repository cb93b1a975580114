# Checks: int literals in hex, octal, binary with _ separators (any case), big literals
# beyond 64 bits, float literals with _ and exponents, and their printed forms.
print(0xFF, 0o777, 0b1010, 0XaB, 0O17, 0B11)
print(1_000_000, 0x_dead_beef, 0b_1111_0000)
print(18446744073709551616, 0xFFFFFFFFFFFFFFFFFFFF)
print(-9223372036854775808, -9223372036854775809)
print(1_000.5, 1e3, 1E-3, 1_0e1_0, 0.000_1)
print(123456789012345678901234567890 % 97)
print(0, 00, 0_0, -0)
print(1.0e308 * 10, -1e400)
print(.5 + 5., 1e0)
