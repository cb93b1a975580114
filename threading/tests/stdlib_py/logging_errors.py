# Mistakes in logging calls do not crash the program: the handler reports
# "--- Logging error ---" with the traceback, the call stack of the logging
# call (here inside a worker thread) and the message and arguments, then
# logging carries on. Deprecated spellings still work and warn.
import logging
import threading

logging.basicConfig(format="%(threadName)s:%(levelname)s:%(message)s")

def worker():
    logging.warning("two placeholders %s %s, one argument", 1)
    logging.warning("this one is fine: %d", 2)

t = threading.Thread(target=worker, name="reporter")
t.start()
t.join()
logging.error("wrong type %d", "x")
log = logging.getLogger("old")
log.warn("Logger.warn is deprecated")
logging.warn("so is logging.warn")
print(threading.currentThread().name, threading.activeCount())

class Unprintable:
    def __str__(self):
        raise RuntimeError("no str for you")

    def __repr__(self):
        return "<Unprintable>"

logging.warning(Unprintable())
logging.raiseExceptions = False
logging.warning("silent failure %d", "y")
print("still here")
