"""Binary min-heaps kept in plain lists (queue.PriorityQueue's engine).

Mirrors CPython 3.11's heapq: heappush, heappop, heapify, heapreplace,
heappushpop, nsmallest, nlargest. The sift algorithms are CPython's, step
for step, so that items that compare equal come out in the same order as
under CPython (a PriorityQueue of objects ordered by priority only shows
it). Items are compared with `<` only.

Left out: merge and the private max-heap helpers. nsmallest/nlargest are
the plain `sorted(...)[:n]` they are documented to equal (CPython keeps a
heap of n items instead; the results are the same).

Natives: none.

The invariant, for every index k that has children:
    heap[k] <= heap[2*k + 1]  and  heap[k] <= heap[2*k + 2]
so heap[0] is the smallest item.
"""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'heappushpop',
           'nlargest', 'nsmallest']


def heappush(heap, item):
    """Add item, keeping the invariant."""
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def heappop(heap):
    """Remove and return the smallest item."""
    if not heap:
        raise IndexError('index out of range')  # CPython's C message
    last = heap.pop()
    if heap:
        smallest = heap[0]
        heap[0] = last
        _siftup(heap, 0)
        return smallest
    return last


def heapreplace(heap, item):
    """Pop the smallest item, then push item (one sift instead of two)."""
    if not heap:
        raise IndexError('index out of range')
    smallest = heap[0]
    heap[0] = item
    _siftup(heap, 0)
    return smallest


def heappushpop(heap, item):
    """Push item, then pop the smallest (which may be item itself)."""
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _siftup(heap, 0)
    return item


def heapify(x):
    """Rearrange list x into a heap, in place, in linear time."""
    for i in reversed(range(len(x) // 2)):
        _siftup(x, i)


def nsmallest(n, iterable, key=None):
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    return sorted(iterable, key=key, reverse=True)[:n]


def _siftdown(heap, startpos, pos):
    # Move heap[pos] up towards the root while it is smaller than its parent
    # (CPython's names: "down" from the root's point of view).
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup(heap, pos):
    # Floyd's trick, as CPython: walk the hole at `pos` down to a leaf along
    # the smaller children without comparing against the moving item, then
    # sift the item back up from there. Fewer comparisons than stopping
    # early, and the exact order of equal items depends on it.
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)
