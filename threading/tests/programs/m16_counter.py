# Checks: collections.Counter: counting an iterable, most_common (ties keep first-seen order),
# missing keys count 0, update/subtract, + - & | between counters (dropping non-positive
# counts), total(), elements(), and repr ordered by count.
from collections import Counter

words = "the cat and the hat and the bat".split()
c = Counter(words)
print(c)
print(c.most_common(2), c["the"], c["dog"], c.total())
c.update(["cat", "cat"])
c.subtract({"the": 5})
print(c)
a, b = Counter(a=3, b=1), Counter(a=1, b=2, c=1)
print(a + b, a - b, a & b, a | b)
print(sorted(Counter("banana").elements()), Counter("hello").most_common())
print(+Counter(x=2, y=-1), Counter() == Counter(), list(Counter("aab").keys()))
