# Checks: the library as tutorials combine it: logging through basicConfig(stream=...) from
# pool threads with funcName/lineno and logger.exception, levels, disable, {- and $-style
# formatters, LoggerAdapter, Filter; Future.cancel on a busy one-worker pool, map over two
# iterables, wait/as_completed/exception timeouts; PriorityQueue tuple order, Empty;
# Barrier action, Condition.wait_for timeout, Timer args, local in another thread, and a
# settable threading.excepthook.
import logging, threading, sys, io, time
import concurrent.futures as cf
import queue

stream = io.StringIO()
logging.basicConfig(stream=stream, level=logging.DEBUG,
                    format="%(levelname)-8s %(name)s %(threadName).5s %(funcName)s:%(lineno)d %(message)s")
log = logging.getLogger(__name__)
def work(n):
    log.info("work %d", n)
    if n == 3:
        raise ValueError("three")
    return n * n
with cf.ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as ex:
    futs = [ex.submit(work, i) for i in range(5)]
    for f in futs:
        try:
            print(f.result())
        except ValueError as e:
            log.exception("failed: %s", e)
print(sorted(line for line in stream.getvalue().splitlines() if line.startswith(("INFO", "ERROR"))))
print(stream.getvalue().count("Traceback"), "ValueError: three" in stream.getvalue())
log.setLevel(logging.WARNING)
print(log.isEnabledFor(logging.INFO), log.getEffectiveLevel(), logging.getLogger().level)
logging.disable(logging.CRITICAL)
log.critical("hidden")
logging.disable(logging.NOTSET)
print(logging.getLevelName(logging.WARNING), logging.WARN, logging.FATAL)
h = logging.StreamHandler(sys.stdout)
h.setFormatter(logging.Formatter("{levelname}:{name}:{message}", style="{"))
other = logging.getLogger("other")
other.addHandler(h)
other.propagate = False
other.warning("brace %s", "style")
other.removeHandler(h)
h2 = logging.StreamHandler(sys.stdout)
h2.setFormatter(logging.Formatter("$levelname/$message", style="$"))
other.addHandler(h2)
other.error("dollar")
print(len(other.handlers), other.hasHandlers())
adapter = logging.LoggerAdapter(other, {"k": 1})
adapter.error("adapted")
class F(logging.Filter):
    def filter(self, record):
        return "keep" in record.getMessage()
other.addFilter(F())
other.error("drop me"); other.error("keep me")
print(logging.getLogger("a.b.c").parent.name)
# executor odds
ex = cf.ThreadPoolExecutor(max_workers=1)
started, release = threading.Event(), threading.Event()
def hold():
    started.set()
    release.wait()
f1 = ex.submit(hold)
started.wait()  # f1 is running: it cannot be cancelled; f2 waits behind it and can
f2 = ex.submit(pow, 2, 10)
print(f2.cancel(), f2.cancelled(), f1.cancel())
release.set()
ex.shutdown(wait=True)
with cf.ThreadPoolExecutor() as mapper:
    print(list(mapper.map(lambda a, b: a + b, [1, 2], [10, 20])))
done, not_done = cf.wait([f1], timeout=0)
print(len(done), len(not_done))
try:
    list(cf.as_completed([cf.Future()], timeout=0))
except cf.TimeoutError as e:
    print("as_completed:", e)
try:
    cf.Future().exception(timeout=0)
except TimeoutError as e:
    print("exception timeout", repr(e))
q = queue.PriorityQueue()
for item in [(2, "b"), (1, "a"), (2, "a")]:
    q.put(item)
print([q.get() for _ in range(3)])
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("empty", repr(queue.Empty()))
b = threading.Barrier(2, action=lambda: print("action ran"))
t = threading.Thread(target=b.wait, name="other")
t.start(); print("index", b.wait() in (0, 1)); t.join()
c = threading.Condition()
with c:
    print(c.wait_for(lambda: False, timeout=0.01))
tm = threading.Timer(0.01, print, args=("timer fired",))
tm.start(); tm.join()
print(threading.Timer(1, print).interval)
loc = threading.local()
loc.x = 1
def show():
    print("has x in thread:", hasattr(loc, "x"))
th = threading.Thread(target=show); th.start(); th.join()
print(threading.active_count(), threading.main_thread().name, threading.current_thread() is threading.main_thread())
def hook(args):
    print("hook:", args.exc_type.__name__, args.exc_value, args.thread.name)
threading.excepthook = hook
th = threading.Thread(target=lambda: 1 / 0, name="bad"); th.start(); th.join()
