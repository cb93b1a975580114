# Checks: a PriorityQueue of objects whose class defines __lt__ (and __eq__): items come out
# in __lt__ order; a dataclass(order=True) with a compare=False payload works the same way.
import queue
from dataclasses import dataclass, field

class Job:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name

    def __lt__(self, other):
        return self.priority < other.priority

    def __repr__(self):
        return f"Job({self.priority}, {self.name!r})"

q = queue.PriorityQueue()
for p, n in [(3, "low"), (1, "urgent"), (2, "normal")]:
    q.put(Job(p, n))
print([q.get() for _ in range(3)])

@dataclass(order=True)
class Task:
    priority: int
    description: str = field(compare=False)

tq = queue.PriorityQueue()
tq.put(Task(5, "sweep"))
tq.put(Task(1, "deploy"))
tq.put(Task(3, "test"))
while not tq.empty():
    print(tq.get())
