# Checks: the most common threading pattern: a class that subclasses threading.Thread, calls
# super().__init__(name=...), overrides run(), and keeps its result on self for the main
# thread to read after join().
import threading

class SumWorker(threading.Thread):
    def __init__(self, numbers, label):
        super().__init__(name=label)
        self.numbers = numbers
        self.total = None

    def run(self):
        self.total = sum(self.numbers)
        self.ran_in = threading.current_thread().name

workers = [SumWorker(range(i * 100, (i + 1) * 100), f"sum-{i}") for i in range(4)]
print([w.name for w in workers], [w.total for w in workers])
for w in workers:
    w.start()
for w in workers:
    w.join()
print([w.total for w in workers], sum(w.total for w in workers))
print([w.ran_in for w in workers], [w.is_alive() for w in workers])
print(isinstance(workers[0], threading.Thread), SumWorker.__mro__[1].__name__)
