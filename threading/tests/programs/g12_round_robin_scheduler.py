# Checks: cooperative multitasking with generators: a round-robin scheduler runs tasks that
# yield to give up their turn; tasks can spawn tasks and return results; the interleaving is
# fully deterministic.
from collections import deque

class Scheduler:
    def __init__(self):
        self.ready = deque()
        self.results = {}

    def spawn(self, name, gen):
        self.ready.append((name, gen))

    def run(self):
        while self.ready:
            name, gen = self.ready.popleft()
            try:
                request = next(gen)
            except StopIteration as stop:
                self.results[name] = stop.value
                print(f"  {name} finished -> {stop.value}")
                continue
            if isinstance(request, tuple) and request[0] == "spawn":
                self.spawn(request[1], request[2])
            self.ready.append((name, gen))

def counter(label, n):
    total = 0
    for i in range(n):
        print(f"  {label} step {i}")
        total += i
        yield
    return total

def parent():
    yield ("spawn", "child", counter("child", 2))
    yield
    return "parent ok"

s = Scheduler()
s.spawn("a", counter("a", 3))
s.spawn("b", counter("b", 2))
s.spawn("p", parent())
s.run()
print(s.results)
