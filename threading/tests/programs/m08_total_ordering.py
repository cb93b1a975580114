# Checks: functools.total_ordering fills in the missing comparison methods from __eq__ and
# one of __lt__/__le__/__gt__/__ge__; sorting, min/max and every operator work.
import functools

@functools.total_ordering
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        return self.cents == other.cents

    def __lt__(self, other):
        return self.cents < other.cents

    def __repr__(self):
        return f"${self.cents / 100:.2f}"

a, b = Money(150), Money(99)
print(a > b, a >= b, a <= b, a < b, a == Money(150), a != b)
print(sorted([Money(5), Money(500), Money(50)]), max(a, b), min(a, b))

@functools.total_ordering
class Rank:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __ge__(self, other):
        return self.n >= other.n

print(Rank(1) < Rank(2), Rank(3) <= Rank(3), Rank(4) > Rank(2))
