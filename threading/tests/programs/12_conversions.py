# Checks: int(), float(), str() conversions and their ValueError messages.
print(int(7.9), int(-7.9), int(0.5), int(-0.5))
print(int("12"), int("-3"), int(" 42 "), int(True))
print(float("2.5"), float("1e3"), float(3), float("-0.0"), float(" .5 "))
print(str(12) + str(3.0) + str(None) + str(True))
print(int(float("9.99")))
print(float(int("7")) / 2)
try:
    int("abc")
except ValueError as e:
    print("caught", e)
try:
    int("1.5")
except ValueError as e:
    print("caught", e)
try:
    float("x")
except ValueError as e:
    print("caught", e)
print(int(1e15), int(-2.5e3))
print(str(1e16), str(-0.0), str(0.1 + 0.2))
print(len(str(12345)))
