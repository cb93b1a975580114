# Checks: the library list's objects as a program meets them: the reprs of threads, locks,
# semaphores, events, barriers, timers, queues, futures, loggers, handlers, struct_time,
# partial, lru_cache info, itertools, collections, array, dataclasses (addresses and idents
# masked), and CPython's exceptions and messages for the common misuses of each.
import threading, queue, concurrent.futures, random, logging, time, sys, os, functools
import itertools, math, contextlib, dataclasses, collections, array, io, socket

def show(label, value):
    text = repr(value)
    out, i = "", 0
    while i < len(text):
        if text.startswith("0x", i):
            j = i + 2
            while j < len(text) and text[j] in "0123456789abcdef":
                j += 1
            out, i = out + "0xADDR", j
        elif text.startswith("started ", i):
            j = i + 8
            while j < len(text) and text[j].isdigit():
                j += 1
            out, i = out + "started N", j
        else:
            out, i = out + text[i], i + 1
    text = out
    print(f"{label}: {text}")

def err(label, call):
    try:
        call()
        print(f"{label}: no error")
    except BaseException as e:
        print(f"{label}: {type(e).__name__}: {e}")

show("main", threading.current_thread())
t = threading.Thread(target=print, name="w")
show("thread", t)
show("lock", threading.Lock())
l = threading.Lock(); l.acquire(); show("locked", l)
show("rlock", threading.RLock())
show("cond", threading.Condition())
show("sem", threading.Semaphore(2))
show("bsem", threading.BoundedSemaphore(2))
show("event", threading.Event())
show("barrier", threading.Barrier(2))
show("timer", threading.Timer(1, print))
show("local", type(threading.local()).__name__)
show("queue", queue.Queue())
show("simplequeue", queue.SimpleQueue())
show("future", concurrent.futures.Future())
f = concurrent.futures.Future(); f.set_result(3); show("future done", f)
f = concurrent.futures.Future(); f.set_exception(KeyError(1)); show("future exc", f)
f = concurrent.futures.Future(); f.cancel(); show("future cancelled", f)
err("cancelled result", f.result)
err("timeout", lambda: concurrent.futures.Future().result(timeout=0))
show("timeouterror", concurrent.futures.TimeoutError is TimeoutError)
ex = concurrent.futures.ThreadPoolExecutor(max_workers=2)
show("ex", type(ex).__name__)
ex.shutdown()
err("submit after shutdown", lambda: ex.submit(print))
err("bad workers", lambda: concurrent.futures.ThreadPoolExecutor(max_workers=0))
show("random", type(random.Random()).__name__)
show("logger", logging.getLogger("a.b"))
show("root", logging.getLogger())
show("handler", logging.StreamHandler(sys.stdout))
show("levelname", (logging.getLevelName(10), logging.getLevelName("INFO"), logging.getLevelName(5)))
show("gmtime", time.gmtime(0))
show("partial", functools.partial(max, 1))
@functools.lru_cache(maxsize=2)
def sq(x): return x * x
sq(1); sq(1); sq(2)
show("cache_info", sq.cache_info())
show("count", itertools.count(5))
show("repeat", itertools.repeat(1, 3))
show("deque", collections.deque([1, 2], maxlen=3))
show("defaultdict", collections.defaultdict(list, {1: [2]}))
show("counter", collections.Counter("abracadabra").most_common(2))
P = collections.namedtuple("P", "x y")
show("namedtuple", P(1, y=2))
show("asdict", P(1, 2)._asdict())
show("array", array.array("i", [1, 2]))
show("array d", array.array("d", [1.5]))
err("array bad", lambda: array.array("z"))
s = io.StringIO("a\nb\n"); show("stringio", s.readlines())
@dataclasses.dataclass(order=True, frozen=True)
class D:
    x: int
    y: list = dataclasses.field(default_factory=list)
show("dataclass", D(1))
err("frozen", lambda: setattr(D(1), "x", 2))
show("dc order", D(1) < D(2))
show("fields", [f.name for f in dataclasses.fields(D)])
err("mutable default", lambda: dataclasses.dataclass(type("E", (), {"__annotations__": {"x": list}, "x": []})))
err("sys.exit str", lambda: sys.exit("bye"))
show("argv", type(sys.argv).__name__)
show("environ get", os.environ.get("NO_SUCH_VAR_X", "dflt"))
show("cpu", os.cpu_count() > 0)
show("sock", socket.socket)
err("barrier broken", lambda: threading.Barrier(1, timeout=0).abort() or threading.Barrier(2).wait(timeout=0))
err("sem release", lambda: threading.BoundedSemaphore(1).release())
err("rlock release", lambda: threading.RLock().release())
err("lock release", lambda: threading.Lock().release())
err("cond wait", lambda: threading.Condition().wait())
err("join self", lambda: threading.current_thread().join())
err("join unstarted", lambda: threading.Thread().join())
err("start twice", lambda: (lambda th: (th.start(), th.join(), th.start()))(threading.Thread(target=int)))
err("q get_nowait", lambda: queue.Queue().get_nowait())
err("q put_nowait", lambda: (lambda q: (q.put(1), q.put_nowait(2)))(queue.Queue(1)))
err("q task_done", lambda: queue.Queue().task_done())
err("choice empty", lambda: random.choice([]))
err("log bad args", lambda: logging.getLogger("z").setLevel("NOPE"))
show("enumerate", sorted(t.name for t in threading.enumerate()))
show("TIMEOUT_MAX", threading.TIMEOUT_MAX)
show("excepthook", threading.excepthook is threading.__excepthook__)
show("daemon default", threading.Thread().daemon)
err("set daemon started", lambda: setattr(threading.current_thread(), "daemon", True))

# threading.local is CPython's _thread._local.
class C(threading.local):
    pass
print(type(threading.local()).__name__, threading.local.__name__, C.__mro__[1].__name__)
try:
    threading.local().nope
except AttributeError as e:
    print(e)
try:
    C().nope
except AttributeError as e:
    print(e)
