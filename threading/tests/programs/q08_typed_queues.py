# Checks: PEP 585 subscripts on the threading stdlib's generic classes, as a typed
# producer/consumer program writes them: Queue[int], deque[str], defaultdict[str, int],
# Future[int] print as CPython's aliases, compare equal to a rebuilt alias, and calling
# the alias makes a working instance of the origin class.
import threading
from collections import Counter, defaultdict, deque
from concurrent.futures import Future, ThreadPoolExecutor
from queue import LifoQueue, PriorityQueue, Queue, SimpleQueue

GenericAlias = type(list[int])

jobs: Queue[int] = Queue[int]()
log: deque[str] = deque[str](maxlen=3)
tally: defaultdict[str, int] = defaultdict[str, int](int)


def worker() -> None:
    while (n := jobs.get()) is not None:
        log.append(f"got {n}")
        tally["even" if n % 2 == 0 else "odd"] += 1
        jobs.task_done()
    jobs.task_done()


t = threading.Thread(target=worker)
t.start()
for n in range(5):
    jobs.put(n)
jobs.put(None)
jobs.join()
t.join()
print(sorted(tally.items()), list(log))

for alias in (Queue[int], LifoQueue[str], PriorityQueue[tuple[int, str]], SimpleQueue[bytes],
              deque[int], defaultdict[str, list[int]], Counter[str], Future[int]):
    print(alias, alias.__origin__.__name__, alias.__args__)

print(GenericAlias(Queue, int) == Queue[int], Queue[int] == Queue[str])
print(type(Queue[int]()).__name__, hash(deque[int]) == hash(GenericAlias(deque, (int,))))

with ThreadPoolExecutor(max_workers=2) as pool:
    fut: Future[int] = pool.submit(sum, [1, 2, 3])
    print(fut.result())
