# Records the way threaded programs pass them around: dataclasses (with
# defaults, factories, ordering, frozen instances, __post_init__) and
# namedtuples, sorted in a priority queue and compared.
import queue
from collections import namedtuple
from dataclasses import dataclass, field, fields, asdict, astuple, replace, FrozenInstanceError

@dataclass(order=True)
class Task:
    priority: int
    name: str = field(compare=False)
    tags: list = field(default_factory=list, compare=False, repr=False)
    attempts: int = field(default=0, init=False, compare=False)

tasks = queue.PriorityQueue()
for p, n in [(3, "email"), (1, "deploy"), (2, "test")]:
    tasks.put(Task(p, n))
print([tasks.get() for _ in range(3)])
t = Task(5, "x", ["a"])
t.attempts += 1
print(t, t.tags, t.attempts, t == Task(5, "other"), Task(1, "a") < Task(2, "b"))
print([f.name for f in fields(Task)], asdict(t), astuple(t))
print(replace(t, priority=9))
for args, kwargs in [((), {}), ((1, "a", [], 4), {}), ((1,), {"nope": 2}), ((1,), {"priority": 2})]:
    try:
        Task(*args, **kwargs)
    except TypeError as err:
        print("TypeError:", err)

@dataclass(frozen=True)
class Point:
    x: float
    y: float = 0.0

    def norm2(self):
        return self.x * self.x + self.y * self.y

p = Point(3, 4)
print(p, p.norm2(), hash(p) == hash(Point(3, 4)), {p, Point(3, 4)} == {p})
try:
    p.x = 1
except FrozenInstanceError as err:
    print("FrozenInstanceError:", err)

@dataclass
class Account:
    owner: str
    balance: int = 0
    history: list = field(default_factory=list)

    def __post_init__(self):
        self.history.append(("open", self.balance))

a, b = Account("ann"), Account("ben", 10)
a.history.append(("deposit", 5))
print(a, b, a.history is not b.history)
print(Account.__hash__, Account("x") == Account("x"), Account("x") == "x")

@dataclass
class Base:
    id: int

@dataclass
class Derived(Base):
    label: str = "none"

print(Derived(1), Derived(2, "two"), [f.name for f in fields(Derived)])
for bad in ("mutable", "order"):
    try:
        if bad == "mutable":
            @dataclass
            class Bad:
                items: list = []
        else:
            @dataclass
            class Bad:
                a: int = 1
                b: int
    except (ValueError, TypeError) as err:
        print(type(err).__name__ + ":", err)

Pair = namedtuple("Pair", "left right")
Job = namedtuple("Job", ["priority", "name", "retries"], defaults=[0])
pair = Pair(1, right=2)
print(pair, pair.left, pair[1], pair == (1, 2), len(pair), list(pair))
print(pair._replace(left=10), pair._asdict(), Pair._make([5, 6]), Pair._fields)
job = Job(2, "index")
print(job, Job._field_defaults, job.retries, sorted([Job(3, "c"), Job(1, "a"), Job(2, "b")]))
left, right = pair
print(left, right, isinstance(pair, tuple), type(pair).__name__, Pair.__doc__)
for call in (lambda: Pair(1), lambda: Pair(1, 2, 3), lambda: Pair(1, 2, left=3),
             lambda: Pair(1, 2, up=3), lambda: Pair._make([1])):
    try:
        call()
    except TypeError as err:
        print("TypeError:", err)
for spec in ("a def", "a _b", "a a", "1a"):
    try:
        namedtuple("T", spec)
    except ValueError as err:
        print("ValueError:", err)
print(namedtuple("T", "a def a", rename=True)._fields)
