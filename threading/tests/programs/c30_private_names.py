# Checks: private name mangling: self.__balance is stored as _Account__balance, a class-body
# __count and a method __audit are mangled too (and reached as self.__audit() inside the class),
# a subclass's own __balance does not clash with its base's, dunder names are left alone, the
# unmangled name is an AttributeError outside the class, and getattr with a string is not mangled.
import threading


class Account:
    __count = 0

    def __init__(self, balance):
        self.__balance = balance
        self.__lock = threading.Lock()
        Account.__count += 1

    def __audit(self, amount):
        return amount >= 0

    def deposit(self, amount):
        if not self.__audit(amount):
            raise ValueError("negative deposit")
        with self.__lock:
            self.__balance += amount

    @property
    def balance(self):
        return self.__balance

    @classmethod
    def opened(cls):
        return cls.__count


class Savings(Account):
    def __init__(self, balance, rate):
        super().__init__(balance)
        self.__balance = "savings' own"
        self.rate = rate

    def describe(self):
        return self.__balance, self.balance


acct = Savings(100, 0.02)
workers = [threading.Thread(target=acct.deposit, args=(10,)) for _ in range(5)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(acct.describe(), Account.opened(), sorted(vars(acct)))
print(acct._Account__balance, acct._Savings__balance, hasattr(acct, "__balance"))
print(getattr(acct, "_Account__count"), "_Account__audit" in vars(Account))
try:
    acct.__balance
except AttributeError as e:
    print("AttributeError:", e)
try:
    acct.deposit(-1)
except ValueError as e:
    print("ValueError:", e)
