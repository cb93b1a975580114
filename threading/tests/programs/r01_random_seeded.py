# Checks: random with a fixed seed reproduces CPython 3.11's Mersenne Twister sequence
# bit for bit: random(), getrandbits, randint, randrange (with step), choice, choices (with
# weights and k), shuffle, sample, uniform and gauss; re-seeding restarts the sequence.
import random

random.seed(42)
print([random.random() for _ in range(3)])
print(random.getrandbits(64), random.getrandbits(7), random.getrandbits(130))
print([random.randint(1, 6) for _ in range(10)], random.randint(0, 10 ** 12))
print(random.randrange(100), random.randrange(10, 20), random.randrange(0, 100, 5), random.randrange(-5, 5))
deck = list("ABCDEFGHIJ")
print(random.choice(deck), random.choices(deck, k=4), random.choices(deck, weights=range(10), k=3))
random.shuffle(deck)
print(deck, random.sample(range(100), 5), random.sample(deck, 3))
print(random.uniform(1.5, 2.5), random.gauss(0, 1), random.gauss(10, 2))
random.seed(42)
print(random.random())
