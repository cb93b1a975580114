# Checks: itertools.count (start, step, floats), cycle, repeat (with and without times),
# islice (stop; start, stop, step) over infinite iterators, and chain/chain.from_iterable.
import itertools

print(list(itertools.islice(itertools.count(), 5)), list(itertools.islice(itertools.count(10, -3), 4)))
print(list(itertools.islice(itertools.count(0.5, 0.25), 3)))
print(list(itertools.islice(itertools.cycle("abc"), 7)), list(itertools.repeat("x", 3)))
print(list(zip(range(3), itertools.repeat(0))), list(map(pow, range(4), itertools.repeat(2))))
print(list(itertools.islice(range(20), 2, 12, 3)), list(itertools.islice("abcdef", None, 2)))
print(list(itertools.chain("ab", [1, 2], (None,))), list(itertools.chain.from_iterable([[1], [2, 3], []])))
counter = itertools.count(1)
print(next(counter), next(counter), next(counter))
