# Checks: a class whose public methods each take one RLock and call each other (re-entrant
# acquisition by the owner); transfers between threads keep the total exact.
import threading

class Ledger:
    def __init__(self):
        self.lock = threading.RLock()
        self.entries = {}

    def credit(self, who, amount):
        with self.lock:
            self.entries[who] = self.balance(who) + amount

    def balance(self, who):
        with self.lock:
            return self.entries.get(who, 0)

    def transfer(self, src, dst, amount):
        with self.lock:
            self.credit(src, -amount)
            self.credit(dst, amount)

    def total(self):
        with self.lock:
            return sum(self.balance(w) for w in list(self.entries))

ledger = Ledger()
ledger.credit("a", 1000)
ledger.credit("b", 1000)

def shuffle(src, dst):
    for i in range(500):
        ledger.transfer(src, dst, i % 7)

threads = [threading.Thread(target=shuffle, args=p) for p in [("a", "b"), ("b", "a"), ("a", "c")]]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(ledger.total(), sorted(ledger.entries.items()))
