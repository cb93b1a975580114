# Logging with nothing configured: WARNING and above reach stderr through
# logging.lastResort with just the message; the first module-level call
# configures the root logger with BASIC_FORMAT.
import logging

log = logging.getLogger("app.db")
log.info("not shown: below WARNING")
log.warning("shown by lastResort: %d rows", 3)
try:
    {}["missing"]
except KeyError:
    log.exception("lookup failed")
print(logging.root.handlers, logging.lastResort)
logging.warning("the module-level call configures the root logger")
logging.info("still below WARNING")
print(logging.root.handlers)
log.error("now through the root's handler")
logging.getLogger().setLevel("DEBUG")
logging.debug("root level set by name")
logging.disable(logging.INFO)
logging.info("disabled")
logging.warning("above the disable level")
print(logging.getLogger("app") is logging.getLogger("app"), logging.getLogger("app.db").parent.name)
print(logging.getLogger("a.b.c").parent.name)
logging.getLogger("a")
print(logging.getLogger("a.b.c").parent.name)
print(logging.getLogger("a.b").parent.name, logging.getLogger("a.b.c").parent.name)
print(logging.getLogger("x").getChild("y").name)
