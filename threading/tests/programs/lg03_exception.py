# Checks: logging.exception inside an except block logs at ERROR and appends the traceback of
# the exception being handled; logger.error(..., exc_info=True) does the same.
import logging

logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
log = logging.getLogger("jobs")

def risky(n):
    return 10 // n

for n in [5, 0]:
    try:
        print("result", risky(n))
    except ZeroDivisionError:
        logging.exception("risky(%d) failed", n)
try:
    {}["missing"]
except KeyError:
    log.error("lookup failed", exc_info=True)
print("still running")
