# Checks: generator expressions: lazy evaluation (side effects appear only when consumed),
# the only-argument form without extra parentheses, single use, the first iterable evaluated
# at once (errors there surface immediately), and several for/if clauses.
def noisy(n):
    print("  producing", n)
    return n

gen = (noisy(n) * 10 for n in range(3))
print("created", type(gen).__name__)
print(next(gen))
print(list(gen), list(gen))
print(sum(x * x for x in range(10)), max(len(w) for w in "a bb ccc".split()))
print(any(n > 5 for n in [1, 7]), all(n > 0 for n in []), sorted((c for c in "gen"), reverse=True))
pairs = ((a, b) for a in range(3) for b in range(a) if (a + b) % 2)
print(list(pairs))
try:
    bad = (x for x in 42)
except TypeError as e:
    print("TypeError at creation:", e)
lazy_error = (1 // x for x in [1, 0])
print(next(lazy_error))
try:
    next(lazy_error)
except ZeroDivisionError as e:
    print("ZeroDivisionError when consumed:", e)
print(dict((k, len(k)) for k in ["one", "three"]), tuple(str(i) for i in range(3)))
