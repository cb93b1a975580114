# Checks: CPython 3.11's default 4300-digit limit for int <-> decimal str conversion: exactly
# 4300 digits convert, one more raises ValueError with CPython's message (both directions);
# hex() of the same numbers is not limited; sys.get_int_max_str_digits() reports the limit.
import sys

print(sys.get_int_max_str_digits())
digits = "9" * 4300
print(len(str(int(digits))))
print(len(str(int(digits))))
try:
    int("9" * 4301)
except ValueError as e:
    print("ValueError:", e)
try:
    str(10 ** 4300)
except ValueError as e:
    print("ValueError:", e)
print(len(hex(10 ** 5000)), int("f" * 5000, 16) % 1000)
