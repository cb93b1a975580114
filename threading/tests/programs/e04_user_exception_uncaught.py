# Checks: an uncaught user-defined exception with a custom __str__ and extra fields: the last
# traceback line is "ClassName: <str(exc)>" for a class defined in __main__; raised from a
# method two frames deep; exit code 1.
class InsufficientFunds(Exception):
    def __init__(self, balance, amount):
        super().__init__(balance, amount)
        self.balance = balance
        self.amount = amount

    def __str__(self):
        return f"balance {self.balance} is less than {self.amount}"

class Wallet:
    def __init__(self, balance):
        self.balance = balance

    def pay(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self.balance, amount)
        self.balance -= amount
        return self.balance

w = Wallet(10)
print(w.pay(4))
print(w.pay(7))
