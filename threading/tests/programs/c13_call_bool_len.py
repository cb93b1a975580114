# Checks: __call__ makes instances callable (callable() agrees); __bool__ and, failing that,
# __len__ decide truthiness in if/while/not/and/or; a __bool__ returning a non-bool errors.
class Multiplier:
    def __init__(self, k):
        self.k = k
        self.calls = 0

    def __call__(self, x):
        self.calls += 1
        return x * self.k

triple = Multiplier(3)
print(triple(5), list(map(triple, [1, 2])), triple.calls)
print(callable(triple), callable(Multiplier), callable(5), callable(print))

class Gauge:
    def __init__(self, level):
        self.level = level

    def __bool__(self):
        return self.level > 0

class Bag:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

for obj in [Gauge(0), Gauge(2), Bag(0), Bag(3)]:
    print(type(obj).__name__, bool(obj), "yes" if obj else "no", not obj)
print(Gauge(1) and "and-right", Bag(0) or "or-right")

class Bad:
    def __bool__(self):
        return 1

try:
    bool(Bad())
except TypeError as e:
    print("TypeError:", e)
