# Checks: a tutorial bank: Account objects with their own Lock, a Bank that transfers between
# accounts by locking both in a fixed order (by account number) so threads never deadlock;
# overdrafts raise a user exception that the worker counts; money is conserved.
import random
import threading

class InsufficientFunds(Exception):
    pass

class Account:
    def __init__(self, number, balance):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"account {self.number}: {self.balance} < {amount}")
        self.balance -= amount

    def deposit(self, amount):
        self.balance += amount

class Bank:
    def __init__(self, balances):
        self.accounts = [Account(i, b) for i, b in enumerate(balances)]

    def transfer(self, src, dst, amount):
        a, b = self.accounts[src], self.accounts[dst]
        first, second = (a, b) if a.number < b.number else (b, a)
        with first.lock, second.lock:
            a.withdraw(amount)
            b.deposit(amount)

    def total(self):
        return sum(acc.balance for acc in self.accounts)

bank = Bank([500, 300, 200, 0])
refused = []
refused_lock = threading.Lock()

def customer(seed):
    rng = random.Random(seed)
    for _ in range(300):
        src, dst = rng.sample(range(4), 2)
        try:
            bank.transfer(src, dst, rng.randint(1, 80))
        except InsufficientFunds:
            with refused_lock:
                refused.append(seed)

threads = [threading.Thread(target=customer, args=(s,)) for s in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("total", bank.total(), "accounts", len(bank.accounts), "non-negative", all(a.balance >= 0 for a in bank.accounts))
print("all locks free", not any(a.lock.locked() for a in bank.accounts))
