# The small tools: Counter and OrderedDict, deque and defaultdict,
# io.StringIO, operator's getters, bisect and heapq.
import bisect
import heapq
import io
import operator
from collections import Counter, OrderedDict, defaultdict, deque

words = "the quick brown fox jumps over the lazy dog the end".split()
counts = Counter(words)
print(counts.most_common(2), counts["the"], counts["missing"], counts.total())
print(counts)
counts.update(["fox", "fox"])
counts.subtract({"the": 3})
print(counts.most_common(3), sorted(counts.elements())[:5])
a, b = Counter(a=3, b=1, c=0), Counter(a=1, b=2, d=-1)
print(a + b, a - b, a | b, a & b, +b, -b)
print(a == Counter(a=3, b=1), Counter(a=1) <= Counter(a=2, b=1), Counter())
c = Counter("mississippi")
c += Counter("sip")
print(c, list(c.keys()))
del c["zzz"]

od = OrderedDict(one=1, two=2, three=3)
od.move_to_end("one")
od.move_to_end("three", last=False)
print(od, od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))

groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(dict(groups))
window = deque(maxlen=3)
for n in range(6):
    window.append(n)
print(window, window.popleft(), list(window))

buf = io.StringIO()
print("line one", file=buf)
buf.write("line two\nline three")
print(buf.getvalue().splitlines())
buf.seek(0)
print(repr(buf.readline()), buf.read(4), buf.tell(), list(buf))
reader = io.StringIO("a\nb\nc")
print(reader.readlines(), reader.read(), reader.getvalue())
over = io.StringIO("hello world")
over.write("J")
over.seek(0, 2)
over.write("!")
print(over.getvalue(), over.truncate(5), over.getvalue())
over.close()
try:
    over.write("x")
except ValueError as err:
    print("ValueError:", err)
with io.StringIO() as s:
    print(s.write("abc"), s.closed)
print(s.closed)

rows = [("ann", 31, "oslo"), ("bob", 25, "rome"), ("cy", 31, "lima")]
print(sorted(rows, key=operator.itemgetter(1, 0)))
print(list(map(operator.itemgetter(2), rows)), operator.itemgetter(1)(rows[0]))
class P:
    def __init__(self, name):
        self.name = name
        self.inner = self
print(operator.attrgetter("name")(P("x")), operator.attrgetter("inner.inner.name", "name")(P("y")))
print(operator.methodcaller("split", ",")("a,b"), operator.add(2, 3), operator.mul("ab", 2),
      operator.neg(4), operator.not_(0), operator.contains([1], 1), operator.index(7))
print(repr(operator.itemgetter(1, "k")), repr(operator.attrgetter("a.b")), repr(operator.methodcaller("f", 1, x=2)))

scores = [10, 20, 20, 30, 40]
print(bisect.bisect(scores, 20), bisect.bisect_left(scores, 20), bisect.bisect_right(scores, 25, 0, 3))
bisect.insort(scores, 25)
bisect.insort_left(scores, 20)
by_age = sorted(rows, key=operator.itemgetter(1))
print(scores, bisect.bisect(by_age, 31, key=operator.itemgetter(1)),
      bisect.bisect_left(by_age, 31, key=operator.itemgetter(1)))

heap = []
for n in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(heap, n)
print(heap, [heapq.heappop(heap) for _ in range(3)], heap)
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data, heapq.heapreplace(data, 6), heapq.heappushpop(data, 0), data)
print(heapq.nsmallest(3, [5, 1, 4, 1, 3]), heapq.nlargest(2, rows, key=operator.itemgetter(1)))
try:
    heapq.heappop([])
except IndexError as err:
    print("IndexError:", err)
