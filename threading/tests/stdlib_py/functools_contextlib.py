# Decorators and context managers a threaded program leans on: a timing
# decorator made with functools.wraps, a cache shared by threads
# (lru_cache, cache_info), partial, reduce, total_ordering, cmp_to_key, and
# contextmanager / suppress / closing / nullcontext / redirect_stdout.
import functools
import io
import threading
from contextlib import contextmanager, suppress, closing, nullcontext, redirect_stdout

def traced(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        print(f"-> {func.__name__}{args}")
        return func(*args, **kwargs)
    return wrapper

@traced
def add(a, b):
    "Adds two numbers."
    return a + b

print(add(2, 3), add.__name__, add.__doc__, add.__wrapped__.__name__, add.__qualname__)

@functools.lru_cache(maxsize=3)
def slow_square(n):
    return n * n

start = threading.Barrier(3)
def hammer(base):
    start.wait()
    for n in range(5):
        slow_square(n % 3)
threads = [threading.Thread(target=hammer, args=(b,)) for b in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
info = slow_square.cache_info()
print(info.hits + info.misses, info.maxsize, info.currsize, type(info).__name__)
slow_square.cache_clear()
for n in [1, 2, 3, 1, 4, 2]:
    slow_square(n)
print(slow_square.cache_info(), slow_square.cache_parameters())

@functools.lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), fib.cache_info())

@functools.cache
def tripled(n):
    print("computing", n)
    return 3 * n
print(tripled(4), tripled(4), tripled.cache_info())

base2 = functools.partial(int, base=2)
print(base2("1011"), base2.func is int, base2.args, base2.keywords)
nested = functools.partial(functools.partial(max, 3), 9)
print(nested(4), nested.args, repr(functools.partial(max, 1, default=2)).startswith("functools.partial(<built-in function max>, 1, default=2"))
print(functools.reduce(lambda a, b: a * b, range(1, 7)), functools.reduce(max, [], 0))
try:
    functools.reduce(max, [])
except TypeError as err:
    print("TypeError:", err)

@functools.total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))

vs = [Version("1.10"), Version("1.2"), Version("0.9")]
print(sorted(vs), Version("1.2") >= Version("1.2"), Version("2.0") > Version("1.9"), Version("1.0") <= Version("0.1"))
print(sorted(["b", "A", "c"], key=functools.cmp_to_key(lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))))

@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")

with tag("p") as t:
    print("inside", t)
try:
    with tag("div"):
        raise KeyError("boom")
except KeyError as err:
    print("propagated:", err)

@contextmanager
def swallowing():
    try:
        yield
    except ZeroDivisionError:
        print("swallowed")

with swallowing():
    1 / 0
print("after swallowing")

@tag("section")
def decorated():
    print("decorated body")
decorated()
decorated()

with suppress(KeyError, IndexError):
    [][1]
print("suppressed")

class Resource:
    def close(self):
        print("closed")

with closing(Resource()) as r:
    print("using", type(r).__name__)
with nullcontext(42) as value:
    print("nullcontext", value)
buffer = io.StringIO()
with redirect_stdout(buffer):
    print("captured line")
print(repr(buffer.getvalue()))

@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as err:
    print("RuntimeError:", err)

# cached_property: computed once per instance, then an ordinary attribute.
class Report:
    def __init__(self, rows):
        self.rows = rows

    @functools.cached_property
    def total(self):
        print("summing", len(self.rows), "rows")
        return sum(self.rows)

report = Report([1, 2, 3])
results = []
readers = [threading.Thread(target=lambda: results.append(report.total)) for _ in range(3)]
for t in readers:
    t.start()
for t in readers:
    t.join()
print(results, report.total, "total" in report.__dict__, type(Report.total).__name__)
