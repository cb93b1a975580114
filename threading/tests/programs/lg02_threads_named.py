# Checks: logging from named threads with %(threadName)s: threads run one after another
# (start/join), so the stderr order is fixed; the main thread logs as MainThread.
import logging
import threading

logging.basicConfig(level=logging.DEBUG, format="[%(levelname)-8s] (%(threadName)-10s) %(message)s")

def worker(n):
    logging.debug("starting with %d", n)
    logging.info("result %d", n * n)

logging.info("main starting")
for i in range(3):
    t = threading.Thread(target=worker, args=(i,), name=f"worker-{i}")
    t.start()
    t.join()
t = threading.Thread(target=worker, args=(9,))
t.start()
t.join()
logging.warning("main done")
