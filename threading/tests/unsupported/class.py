# expect-line: 9
# construct: class
# A class definition. MiniPy has no classes: it must stop with a SyntaxError or
# NotImplementedError that names `class` and line 9, before printing anything.
import threading

print("before")

class Counter:
    def __init__(self):
        self.n = 0

c = Counter()
print(c.n)
