# Checks: collections.deque: append/appendleft/pop/popleft, extend/extendleft (reversed),
# rotate both ways, maxlen dropping from the opposite end, indexing, repr with and without
# maxlen, and IndexError on an empty pop.
from collections import deque

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d)
print(d.pop(), d.popleft(), d)
d.extend([7, 8])
d.extendleft([-1, -2])
print(d, d[0], d[-1], len(d), 7 in d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
recent = deque(maxlen=3)
for n in range(6):
    recent.append(n)
print(recent, recent.maxlen)
recent.appendleft(99)
print(recent, list(reversed(recent)))
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
print(deque("ab") + deque("c"), deque(range(3)) == deque([0, 1, 2]), d.count(7), d.index(8))
