# Checks: basicConfig style="{" and style="$" formats, and asctime rendered through datefmt:
# a datefmt without strftime directives makes %(asctime)s deterministic ("<clock>"); a
# second basicConfig call is ignored unless force=True.
import logging

logging.basicConfig(level=logging.INFO, style="{", format="{levelname}|{name}|{message}")
logging.info("brace style %s", "args")
logging.basicConfig(level=logging.INFO, format="ignored %(message)s")
logging.info("still brace style")
logging.basicConfig(level=logging.INFO, style="$", format="$levelname-$message", force=True)
logging.warning("dollar style")
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="<clock>", force=True)
logging.error("with a fixed datefmt")
