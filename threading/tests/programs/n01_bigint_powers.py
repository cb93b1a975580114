# Checks: ints beyond 64 bits: 2**64 and neighbours, the i64 boundaries (promotion on
# overflow in +, -, *, unary minus, abs), huge powers, and demotion back to small results.
print(2 ** 63, 2 ** 64, 2 ** 64 - 1, 2 ** 100)
big = 9223372036854775807
print(big + 1, -big - 2, big * big, -(-big - 1), abs(-big - 1))
print(3 ** 200)
print(10 ** 40 + 1, (10 ** 40 + 1) - 10 ** 40, (2 ** 64) // (2 ** 60))
print(7 ** 77 % 1000, len(str(2 ** 10000)), str(2 ** 1000)[:20])
print(2 ** 64 == 18446744073709551616, 2 ** 64 > 2 ** 63, -(2 ** 64) < -(2 ** 63))
x = 1
for i in range(1, 70):
    x *= 2
print(x, x.bit_length(), (x - 1).bit_length(), type(x).__name__)
print(sum([2 ** 62, 2 ** 62, 2 ** 62]), max(2 ** 70, 5), min(-(2 ** 70), 5))
print(pow(2, 100), pow(-3, 41), (-2) ** 63, (-2) ** 64)
