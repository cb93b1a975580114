# Checks: random.Random instances are independent of each other and of the module-level
# generator; seeds of several types (small, negative and big ints, str and bytes through
# CPython's SHA-512 "version 2" seeding, float); getstate/setstate round-trip.
import random

a, b = random.Random(7), random.Random(7)
print(a.random() == b.random(), a.randint(1, 100), b.randint(1, 100))
for seed in [0, 1, -1, 2 ** 64 + 1, 10 ** 40, "hello", b"hello", "", 3.5]:
    r = random.Random(seed)
    print(repr(seed), r.random(), r.getrandbits(16))
c = random.Random(123)
state = c.getstate()
first = [c.random() for _ in range(3)]
c.setstate(state)
print(first == [c.random() for _ in range(3)])
random.seed(5)
module_value = random.random()
other = random.Random(5)
random.seed(5)
other.random()
print(module_value == random.random())
try:
    random.Random([1, 2])
except TypeError as e:
    print("TypeError:", e)
