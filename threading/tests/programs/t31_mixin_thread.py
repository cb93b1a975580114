# Checks: cooperative multiple inheritance with threading.Thread: a mixin whose __init__ takes
# its own keyword and passes **kwargs along with super(), a second mixin overriding run() and
# calling super().run(); the MRO is printed and every __init__ runs once.
import threading

class CountingMixin:
    def __init__(self, *, counter_name="count", **kwargs):
        super().__init__(**kwargs)
        self.counter_name = counter_name
        self.calls = 0

class TracingMixin:
    def run(self):
        self.trace = ["before " + self.name]
        super().run()
        self.trace.append("after " + self.name)

class Worker(TracingMixin, CountingMixin, threading.Thread):
    def __init__(self, items, **kwargs):
        super().__init__(**kwargs)
        self.items = items

    def run(self):
        super().run()
        self.total = sum(self.items)
        self.calls += 1

print([c.__name__ for c in Worker.__mro__])
w = Worker([1, 2, 3], counter_name="jobs", name="mixed")
w.start()
w.join()
print(w.counter_name, w.calls, w.total, w.trace, w.name)
