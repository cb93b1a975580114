# Checks: functools.lru_cache: memoised recursion, cache_info() hits/misses/maxsize/currsize,
# eviction with a small maxsize (least recently used first), maxsize=None, the bare
# decorator form, cache_clear(), and unhashable arguments raising TypeError.
import functools

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(100), fib.cache_info())
calls = []

@functools.lru_cache(maxsize=2)
def square(n):
    calls.append(n)
    return n * n

for n in [1, 2, 1, 3, 2, 1]:
    square(n)
print(calls, square.cache_info())
square.cache_clear()
print(square.cache_info())

@functools.lru_cache
def shout(word):
    return word.upper()

print(shout("a"), shout("a"), shout.cache_info().hits)
try:
    shout(["list"])
except TypeError as e:
    print("TypeError:", e)
