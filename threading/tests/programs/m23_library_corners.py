# Checks: the library list's names no other corpus program reaches: a Future driven by
# hand (set_running_or_notify_cancel, set_result, set_exception), the wait() constants,
# Logger / StreamHandler / Formatter / LogRecord (makeRecord, handle) on a StringIO,
# struct_time from gmtime, asin/acos/dist, the SHUT_* constants, setswitchinterval.
import threading, concurrent.futures, logging, time, math, socket, sys, io

# Names no other corpus program reaches.
fut = concurrent.futures.Future()
print(fut.done(), fut.running(), fut.set_running_or_notify_cancel(), fut.running())
fut.set_result(42)
print(fut.done(), fut.result(), fut.exception())
failed = concurrent.futures.Future()
failed.set_exception(ValueError("no"))
print(type(failed.exception()).__name__, failed.exception())
print(concurrent.futures.FIRST_COMPLETED, concurrent.futures.FIRST_EXCEPTION,
      concurrent.futures.ALL_COMPLETED)

stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(name)s|%(levelname)s|%(threadName)s|%(message)s"))
logger = logging.getLogger("audit.child")
logger.addHandler(handler)
logger.setLevel(logging.DEBUG)
logger.propagate = False
print(isinstance(logger, logging.Logger), logger.name, logger.parent.name)
logger.debug("%d items in %s", 3, "box")
record = logger.makeRecord("audit", logging.INFO, "f.py", 7, "hi %s", ("there",), None)
print(isinstance(record, logging.LogRecord), record.getMessage(), record.levelname, record.lineno)
handler.handle(record)
print(stream.getvalue(), end="")

t = time.gmtime(86400 * 365)
print(isinstance(t, time.struct_time), t.tm_year, t.tm_yday, t[:6], time.strftime("%Y-%m-%d %H:%M", t))
print(type(time.localtime()).__name__, len(time.localtime(0)))
print(round(math.asin(0.5), 12), round(math.acos(0.5), 12), math.dist((0, 0), (3, 4)))
print(socket.SHUT_RD, socket.SHUT_WR, socket.SHUT_RDWR, int(socket.AF_INET), int(socket.SOCK_STREAM))
old = sys.getswitchinterval()
sys.setswitchinterval(0.001)
print(sys.getswitchinterval(), old)
