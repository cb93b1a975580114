# Checks: a watchdog built on threading.Timer: each heartbeat cancels the pending timer and
# arms a new one, so a job that keeps beating is never flagged; a job that stops beating
# trips the watchdog, which sets an Event the main thread waits on. (The healthy phase uses a
# 60 s timeout so that no scheduling delay can trip it.)
import threading

class Watchdog:
    def __init__(self, timeout, on_expire):
        self.timeout = timeout
        self.on_expire = on_expire
        self.timer = None
        self.beats = 0

    def beat(self):
        if self.timer is not None:
            self.timer.cancel()
        self.beats += 1
        self.timer = threading.Timer(self.timeout, self.on_expire)
        self.timer.daemon = True
        self.timer.start()

    def stop(self):
        if self.timer is not None:
            self.timer.cancel()

tripped = threading.Event()
dog = Watchdog(60, tripped.set)
for _ in range(20):
    dog.beat()
dog.stop()
print("healthy job tripped:", tripped.is_set(), "beats:", dog.beats)
short = Watchdog(0.05, tripped.set)
short.beat()
print("stalled job tripped:", tripped.wait(timeout=60), "beats:", short.beats)
