# Checks: a class with __init__, instance attributes and methods; class attributes shared by
# all instances until an instance assignment shadows them; methods calling methods.
class Counter:
    step = 1
    created = 0

    def __init__(self, start=0):
        self.value = start
        Counter.created += 1

    def tick(self):
        self.value += self.step
        return self

    def ticks(self, n):
        for _ in range(n):
            self.tick()
        return self.value

a = Counter()
b = Counter(10)
print(a.ticks(3), b.ticks(2), Counter.created)
b.step = 5
print(b.ticks(2), a.ticks(1), Counter.step, b.step, a.step)
Counter.step = 100
print(a.tick().value, b.tick().value)
print(type(a).__name__, type(a) is Counter, a.__class__ is Counter)
print(Counter, type(Counter), type(a))
