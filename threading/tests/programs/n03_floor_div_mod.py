# Checks: floor division and modulo with every sign combination, for small and big ints
# (the result's sign follows the divisor), divmod agreeing with // and %, and the identity
# a == (a // b) * b + a % b.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, -5)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b))
big = 10 ** 30 + 7
for a, b in [(big, 97), (-big, 97), (big, -97), (-big, -97), (big, 10 ** 20), (-big, -(10 ** 21))]:
    q, r = divmod(a, b)
    print(q, r, q * b + r == a, a // b == q, a % b == r)
print(-(2 ** 63) // -1, (-(2 ** 63)) % -1, -(2 ** 63) // 1)
print(-1 // (2 ** 70), 1 // -(2 ** 70), -1 % (2 ** 70))
print(divmod(-7.5, 2), divmod(7, -2.5), -7.5 // 2, -7.5 % 2)
try:
    divmod(2 ** 70, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
