# Checks (plan extras: heapq, bisect and operator are embedded pure-Python modules in
# MINIPY-V2-PLAN.md though MINIPY.md's list does not name them): heappush/heappop/heapify/
# nlargest/nsmallest, bisect/insort, operator.itemgetter/attrgetter/add.
import bisect
import heapq
import operator

heap = []
for n in [5, 1, 8, 3, 2]:
    heapq.heappush(heap, n)
print(heap)
print([heapq.heappop(heap) for _ in range(3)], heap)
data = [9, 4, 7, 1]
heapq.heapify(data)
print(data, heapq.nlargest(2, [3, 9, 1, 7]), heapq.nsmallest(2, "zebra"))
scores = [10, 20, 30, 40]
print(bisect.bisect(scores, 25), bisect.bisect_left(scores, 30), bisect.bisect_right(scores, 30))
bisect.insort(scores, 35)
print(scores)
rows = [("b", 2), ("a", 3), ("c", 1)]
print(sorted(rows, key=operator.itemgetter(1)), list(map(operator.itemgetter(0), rows)))
print(operator.add(2, 3), operator.mul("ab", 2), operator.attrgetter("real")(5))
