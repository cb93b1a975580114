# Checks: logging.basicConfig(level, format) on stderr: records below the level are dropped,
# %-style arguments are merged lazily (an object's __str__ runs only when the record is
# emitted), log(level, ...) and the level names.
import logging

class Expensive:
    def __str__(self):
        print("  (formatting Expensive)")
        return "expensive value"

logging.basicConfig(level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s")
logging.debug("dropped %s", Expensive())
logging.info("kept %s and %d", Expensive(), 42)
logging.warning("warn %r", "quoted")
logging.error("error with %d%%", 50)
logging.critical("critical")
logging.log(logging.WARNING, "via log() at %s", "WARNING")
logging.log(5, "below DEBUG: dropped")
print(logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL)
print(logging.getLevelName(logging.ERROR), logging.getLevelName(30), logging.getLevelName("INFO"))
print(logging.getLogger().level, logging.getLogger().getEffectiveLevel())
