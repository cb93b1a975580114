# Checks: map, filter, zip (and strict=True), reversed, enumerate(start=), sorted with key and
# reverse (stable), min/max with key and default, any/all short-circuit, sum with start.
words = ["pear", "fig", "apple", "kiwi", "date"]
print(list(map(len, words)), list(map(str.upper, words[:2])))
print(list(filter(lambda w: "a" in w, words)), list(reversed(words)))
print(list(enumerate(words, start=1))[:2], list(zip(words, range(3))))
print(sorted(words, key=len), sorted(words, key=len, reverse=True), sorted(words, reverse=True))
print(min(words, key=len), max(words, key=lambda w: w[-1]), min([], default="none"), max(3, 9, 4))
def check(n):
    print("  checking", n)
    return n > 2
print(any(check(n) for n in [1, 3, 5]), all(check(n) for n in [3, 1, 5]))
print(sum([1, 2, 3], 10), sum([[1], [2]], []), sum(x / 2 for x in range(4)))
try:
    list(zip([1, 2], [3], strict=True))
except ValueError as e:
    print("ValueError:", e)
print(list(reversed(range(3))), list(reversed("abc")), list(reversed((1, 2))))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
