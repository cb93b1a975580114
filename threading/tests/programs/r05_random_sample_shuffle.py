# Checks: more of CPython's algorithms on a seeded Random: shuffle of a long list, sample of
# a range and of a population with repeats (counts=), choices with cum_weights, randrange
# with big bounds (beyond 64 bits), and the ValueError messages for bad arguments.
import random

r = random.Random(99)
items = list(range(20))
r.shuffle(items)
print(items)
print(r.sample(range(10 ** 6), 4), r.sample(["x", "y"], counts=[3, 1], k=4))
print(r.choices("abc", cum_weights=[1, 5, 6], k=6))
print(r.randrange(2 ** 70), r.randint(-(2 ** 65), 2 ** 65))
for bad in [lambda: r.randrange(0), lambda: r.sample([1, 2], 3), lambda: r.choice([]),
            lambda: r.randint(5, 1)]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
