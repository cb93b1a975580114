# Checks: hex(), bin(), oct() of small, negative and big ints; int(text, base) for bases 2-36
# and base 0 with prefixes; format specs x X o b with # and widths; int() error messages.
for n in [0, 255, -255, 2 ** 64, -(2 ** 70) - 1]:
    print(hex(n), bin(n) if abs(n) < 2 ** 20 else len(bin(n)), oct(n))
print(int("ff", 16), int("-0b101", 0), int("0o17", 0), int("0x_1f", 16), int("z", 36))
print(int("1" * 70, 2), int("  -42  "), int("1_000"), int("0", 0))
print(format(255, "x"), format(255, "#X"), format(8, "o"), format(5, "08b"), format(2 ** 70, "x"))
print(f"{255:#06x} {-255:x} {1 << 40:_x} {123456789:_} {10**20:,}")
for text, base in [("12", 2), ("0x1g", 16), ("", 10), ("08", 0), ("1 2", 10)]:
    try:
        int(text, base)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("5", 1)
except ValueError as e:
    print("ValueError:", e)
