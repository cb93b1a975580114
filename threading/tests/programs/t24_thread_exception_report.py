# Checks: an uncaught exception in an overridden run() of a Thread subclass: the default
# excepthook prints "Exception in thread NAME:" and the traceback to stderr; join() returns
# normally; the exit code stays 0.
import threading

class Fragile(threading.Thread):
    def __init__(self, divisor):
        super().__init__(name=f"fragile-{divisor}")
        self.divisor = divisor

    def run(self):
        self.result = 100 // self.divisor

ok = Fragile(4)
bad = Fragile(0)
ok.start()
ok.join()
bad.start()
bad.join()
print(ok.result, hasattr(bad, "result"), bad.is_alive())
