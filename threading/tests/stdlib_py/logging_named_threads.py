# Logging from named worker threads: the record fields a threaded program
# reaches for, the logger hierarchy, lazy %-arguments, exceptions with their
# tracebacks, and the '{' style. Workers log one after another (each is
# joined before the next starts), so the output is fixed.
import logging
import threading
import time

logging.basicConfig(level=logging.DEBUG,
                    format="%(levelname)-8s %(threadName)-10s %(name)s: %(message)s")

log = logging.getLogger("shop")
stock_log = logging.getLogger("shop.stock")

def restock(item, count):
    stock_log.info("restocking %d x %s", count, item)
    if count < 0:
        stock_log.error("negative count for %r", item)

for n, (item, count) in enumerate([("apples", 3), ("pears", -1)]):
    worker = threading.Thread(target=restock, args=(item, count), name=f"stocker-{n}")
    worker.start()
    worker.join()

# Levels: the parent's level filters the child's records.
log.setLevel(logging.WARNING)
stock_log.info("hidden: shop is at WARNING and shop.stock inherits it")
stock_log.warning("shown")
print(stock_log.getEffectiveLevel(), logging.getLevelName(stock_log.getEffectiveLevel()),
      stock_log.isEnabledFor(logging.INFO), stock_log.parent is log, log.parent is logging.root)
stock_log.setLevel(logging.DEBUG)
stock_log.debug("shop.stock now has its own level")
print(logging.getLevelName(25), logging.getLevelName("ERROR"), logging.getLevelName(logging.CRITICAL))
logging.addLevelName(25, "NOTICE")
stock_log.log(25, "a custom level")

# Arguments are merged only when a handler emits the record.
class Expensive:
    def __str__(self):
        print("(formatting Expensive)")
        return "expensive"

stock_log.debug("value: %s", Expensive())
quiet = logging.getLogger("quiet")
quiet.setLevel(logging.INFO)
quiet.debug("never formatted: %s", Expensive())
stock_log.info("mapping args: %(a)s and %(b)s", {"a": 1, "b": 2})

# exception() appends the traceback being handled.
def parse(text):
    return int(text)

try:
    parse("seven")
except ValueError:
    log.exception("could not parse %r", "seven")
log.error("explicit exc_info", exc_info=ValueError("made up"))

# A second handler with the '{' style and a filter on the logger name.
handler = logging.StreamHandler()
handler.setFormatter(logging.Formatter("{levelname}|{name}|{funcName}|{lineno}|{message}", style="{"))
handler.addFilter(logging.Filter("shop.stock"))
log.addHandler(handler)

def report():
    stock_log.warning("through both handlers")
    log.warning("only through the root's handler")

report()
log.removeHandler(handler)

# The '$' style (string.Template fields), and its validation.
dollar = logging.StreamHandler()
dollar.setFormatter(logging.Formatter("$$ ${levelname} $name: $message", style="$"))
log.addHandler(dollar)
log.warning("in dollars")
log.removeHandler(dollar)
for bad in ("no fields", "cost: $5"):
    try:
        logging.Formatter(bad, style="$")
    except ValueError as err:
        print("ValueError:", err)

# Record fields, and asctime from a fixed timestamp.
record = logging.makeLogRecord({"name": "rec", "msg": "hi %s", "args": ("there",),
                                "created": 86400.25, "msecs": 250.0, "levelno": 20,
                                "levelname": "INFO"})
fmt = logging.Formatter("%(asctime)s %(name)s %(message)s")
fmt.converter = time.gmtime
print(fmt.format(record))
fixed = logging.Formatter("[%(asctime)s] %(message)s", datefmt="%Y/%m/%d")
fixed.converter = time.gmtime
print(fixed.format(record))
real = logging.LogRecord("r", logging.INFO, "/a/b/c.py", 7, "m", (), None, func="fn")
print(real.filename, real.module, real.pathname, real.lineno, real.funcName, real.levelname,
      real.threadName, real.thread == threading.get_ident(), real.processName,
      isinstance(real.relativeCreated, float), real.msecs == int((real.created % 1) * 1000))
print(repr(real))
try:
    logging.Formatter("no fields here")
except ValueError as err:
    print("ValueError:", err)
try:
    logging.basicConfig(bogus=1, force=True)
except ValueError as err:
    print("ValueError:", err)
print(logging.root.handlers)

# A LoggerAdapter adds per-connection context to every record.
adapter_handler = logging.StreamHandler()
adapter_handler.setFormatter(logging.Formatter("%(threadName)s conn=%(conn)s %(message)s"))
conn_log = logging.getLogger("conn")
conn_log.propagate = False
conn_log.addHandler(adapter_handler)

def serve(n):
    logging.LoggerAdapter(conn_log, {"conn": n}).warning("served %d bytes", 10 * n)

for n in range(2):
    t = threading.Thread(target=serve, args=(n,), name=f"conn-{n}")
    t.start()
    t.join()
