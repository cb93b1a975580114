# Checks: a generator function runs lazily (nothing before the first next), pauses at each
# yield, raises StopIteration when done (and again afterwards); list(), for, sum() drain it;
# generator objects are their own iterators.
def countdown(n):
    print("  start", n)
    while n > 0:
        yield n
        n -= 1
    print("  done")

g = countdown(3)
print(type(g).__name__, iter(g) is g)
print(next(g))
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration")
print(next(g, "exhausted"))
print(list(countdown(2)), sum(countdown(4)))
for x in countdown(1):
    print("got", x)

def evens(limit):
    for n in range(limit):
        if n % 2 == 0:
            yield n

print(list(evens(9)), max(evens(9)), 4 in evens(9), list(zip(evens(6), "abc")))
