# Checks: hash() of ints, bools, floats equal to ints and tuples of ints as CPython computes
# them (hash(-1) is -2, hash reduces modulo 2**61 - 1); equal numbers hash equal. No str
# hashes (they are randomised per process).
print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(2 ** 64))
print(hash(-(2 ** 64)), hash(10 ** 30), hash(True), hash(False))
print(hash(1.0) == hash(1), hash(2 ** 70) == hash(float(2 ** 70)), hash(0.5))
print(hash(()), hash((1, 2)), hash((1, (2, 3))), hash((-1,)))
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) != hash((2, 1)))
d = {1: "int", 1.0: "float", True: "bool"}
print(d)
try:
    hash([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
