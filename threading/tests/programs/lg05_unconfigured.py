# Checks: logging without basicConfig: a named logger's warning goes to the "last resort"
# handler (message only, WARNING and up); a module-level logging.warning() call configures
# the root logger on the spot ("WARNING:root:..."), after which named loggers use that format.
import logging

named = logging.getLogger("service")
named.info("dropped: default level is WARNING")
named.warning("last resort prints only the message")
logging.warning("first root call configures basicConfig")
named.error("now through the root handler")
logging.info("still dropped")
print(logging.getLogger().handlers[0].__class__.__name__)
