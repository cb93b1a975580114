# Checks: Thread subclasses with their own __init__ signatures (positional and keyword-only),
# passing target/args/kwargs through to Thread.__init__ so the inherited run() calls the
# target; a subclass that extends run() with super().run().
import threading

results = {}
lock = threading.Lock()

def record(key, value, *, scale=1):
    with lock:
        results[key] = value * scale

class Tagged(threading.Thread):
    def __init__(self, tag, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tag = tag

class Wrapped(threading.Thread):
    def run(self):
        record("before-" + self.name, 0)
        super().run()
        record("after-" + self.name, 1)

threads = [
    Tagged("a", target=record, args=("a", 2)),
    Tagged("b", target=record, args=("b", 3), kwargs={"scale": 10}),
    Wrapped(target=record, args=("w", 5), name="wrap"),
    Wrapped(name="empty"),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
print([getattr(t, "tag", None) for t in threads])
