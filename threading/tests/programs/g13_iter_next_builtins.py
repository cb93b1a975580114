# Checks: iter() and next() on built-in iterables (list, tuple, str, dict, set of ints,
# range), next with a default, iter(callable, sentinel), iterators being exhausted, and
# the TypeError for next() on a non-iterator.
it = iter([1, 2, 3])
print(next(it), list(it), next(it, "empty"))
d = {"a": 1, "b": 2}
print(list(iter(d)), next(iter(d.items())), next(iter("xyz")))
r = iter(range(10, 13))
print(next(r), next(r), next(r), next(r, None))
print(next(iter({3, 1, 2})), type(iter([])).__name__, type(iter(range(2))).__name__)
numbers = [5, 4, 0, 7]
def pop_front():
    return numbers.pop(0)
print(list(iter(pop_front, 0)), numbers)
try:
    next([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
a = iter("ab")
b = iter(a)
print(a is b, list(zip(a, "12")))
