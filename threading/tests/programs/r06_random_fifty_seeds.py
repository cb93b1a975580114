# Checks: seeded random is bit-exact with CPython 3.11 through the whole MiniPy stack (the
# Mersenne Twister leaf, seeding, random.py's algorithms): for 50 seeds of every accepted
# type, 1,000 outputs each of random(), getrandbits(64), randint(0, 10**12), gauss, a
# shuffle of 1,000 items and a sample of 1,000 are folded into exact checksums (floats via
# as_integer_ratio) and the first values are printed in full; then the other draws, the
# shared module-level generator, getstate/setstate, version-1 seeding and the errors.
import random

MODULUS = 2**61 - 1

def fold(acc, value):
    if isinstance(value, float):
        num, den = value.as_integer_ratio()
        value = num * 1000003 + den
    return (acc * 1000003 + value) % MODULUS

seeds = list(range(20)) + [-1, -12345, 2**31, 2**32 - 1, 2**32, 2**63, 2**64 + 7,
                           10**30, 3**100, -(7**40)]
seeds += ["", "a", "hello world", "threading", "ünïcödé", b"", b"bytes",
          b"\x00\xff" * 10, bytearray(b"mutable"), "x" * 1000]
seeds += [0.5, 1e100, -3.25, True, False, 123456789, 987654321012345678,
          "seed-48", "seed-49", 2**100 + 1]
assert len(seeds) == 50

for seed in seeds:
    r = random.Random(seed)
    sums = {}
    firsts = {}
    for name, draw in [("random", r.random),
                       ("getrandbits64", lambda: r.getrandbits(64)),
                       ("randint", lambda: r.randint(0, 10**12)),
                       ("gauss", r.gauss)]:
        acc = 0
        values = [draw() for _ in range(1000)]
        for v in values:
            acc = fold(acc, v)
        sums[name] = acc
        firsts[name] = values[:2]
    deck = list(range(1000))
    r.shuffle(deck)
    acc = 0
    for v in deck:
        acc = fold(acc, v)
    sums["shuffle"] = acc
    picked = r.sample(range(10**9), 1000)
    acc = 0
    for v in picked:
        acc = fold(acc, v)
    sums["sample"] = acc
    print(repr(seed)[:40], firsts["random"], firsts["getrandbits64"][0], firsts["randint"][0],
          firsts["gauss"][0], deck[:3], picked[:2])
    print("   ", " ".join(f"{k}={v}" for k, v in sums.items()))

# The other draws, and the module-level functions sharing one generator.
random.seed(2024)
print(random.random(), random.randint(1, 6), random.randrange(0, 100, 5),
      random.randrange(50, 0, -7), random.choice("abcdef"), random.uniform(1, 2))
print(random.choices(range(10), k=5), random.choices("xyz", weights=[1, 0, 3], k=6),
      random.choices("xyz", cum_weights=[1, 1, 4], k=6))
print(random.sample(range(100), 10), random.sample("abcdefg", 3),
      random.sample(["red", "blue"], 4, counts=[3, 2]))
print(random.triangular(0, 10, 3), random.normalvariate(5, 2), random.lognormvariate(0, 0.5),
      random.expovariate(1.5), random.paretovariate(2), random.weibullvariate(1, 1.5))
print(random.getrandbits(0), random.getrandbits(1), random.getrandbits(200), random.randbytes(6))
state = random.getstate()
first = [random.random() for _ in range(3)]
random.setstate(state)
print(first == [random.random() for _ in range(3)], state[0], len(state[1]))
random.seed("legacy", version=1)
print(random.random())
for bad in [(0,), (3, 3), (1, 9, 0), (9, 1)]:
    try:
        random.randrange(*bad)
    except ValueError as err:
        print("ValueError:", err)
for call in (lambda: random.choice([]), lambda: random.sample({1, 2}, 1),
             lambda: random.seed([1]), lambda: random.choices("ab", [1], k=2),
             lambda: random.sample(range(3), 4)):
    try:
        call()
    except (IndexError, TypeError, ValueError) as err:
        print(type(err).__name__ + ":", err)
