# Checks: ** for ints and floats, negative exponent giving float, precedence with unary minus, right associativity.
print(2 ** 10, 3 ** 0, 0 ** 0, (-2) ** 3, (-2) ** 4)
print(2 ** -1, 10 ** -2, 4 ** -2)
print(2.0 ** 3, 2 ** 0.5, 9 ** 0.5, 1.5 ** 2)
print(-2 ** 2)
print(2 ** 3 ** 2)
print(2 ** 62)
print(10 ** 18)
print((-1) ** 101, (-1.0) ** 2)
x = 3
print(x ** 2 + 1, -x ** 2)
print(0.5 ** -2)
