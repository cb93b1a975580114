# Checks: int methods and related builtins: bit_length, to_bytes/from_bytes (both byte
# orders, signed), pow with a modulus (and the modular inverse), abs, and int() of bools.
print((255).bit_length(), (-256).bit_length(), (0).bit_length(), (2 ** 100).bit_length())
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (-2).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xfe", "little", signed=True))
print(int.from_bytes(bytes(range(1, 17)), "big"))
print(pow(3, 200, 1000), pow(2, 10 ** 18, 10 ** 9 + 7), pow(3, -1, 7), pow(-2, 3, 5))
print(abs(-(10 ** 20)), int(True) + int(False), (7).__add__(3), (5).real, (5).imag)
try:
    (300).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
