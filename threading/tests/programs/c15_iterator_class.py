# Checks: the iterator protocol on classes: __iter__ returning self, __next__ raising
# StopIteration; for, list(), zip(), next() with a default, and an iterable class whose
# __iter__ returns a fresh iterator each time (so it can be iterated twice).
class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1

c = Countdown(3)
print(list(c), list(c))
print(next(Countdown(1)), next(Countdown(0), "empty"))
print(list(zip(Countdown(5), "abc")))

class Deck:
    def __init__(self, cards):
        self.cards = cards

    def __iter__(self):
        return DeckIterator(self.cards)

class DeckIterator:
    def __init__(self, cards):
        self.cards = cards
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.i == len(self.cards):
            raise StopIteration
        self.i += 1
        return self.cards[self.i - 1]

deck = Deck(["A", "K", "Q"])
print(list(deck), list(deck), "K" in deck, sorted(deck))
it = iter(deck)
print(next(it), next(it), next(it), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
