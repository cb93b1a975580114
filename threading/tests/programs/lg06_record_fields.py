# Checks: LogRecord fields in the format string: %(funcName)s, %(lineno)d, %(levelno)s,
# %(module)s, %(filename)s, %(message)s, and padding/precision in the format spec.
import logging

logging.basicConfig(level=logging.DEBUG,
                    format="%(filename)s:%(lineno)d %(funcName)s() %(levelno)s %(module)s %(levelname).4s %(message)s")

def handler():
    logging.info("inside handler")

class Service:
    def start(self):
        logging.getLogger("svc").warning("starting %s", type(self).__name__)

handler()
Service().start()
logging.debug("at module level")
