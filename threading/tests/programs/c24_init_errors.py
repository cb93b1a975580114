# Checks: CPython 3.11's TypeError messages when calling classes and methods wrongly:
# missing/extra arguments to __init__ and methods name the qualified method, a class without
# __init__ takes no arguments, and __init__ returning a value is an error.
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount):
        self.balance += amount

class Empty:
    pass

class Weird:
    def __init__(self):
        return 5

attempts = [
    lambda: Account(),
    lambda: Account("a", 1, 2),
    lambda: Account("a", bonus=3),
    lambda: Account("a").deposit(),
    lambda: Account("a").deposit(1, 2),
    lambda: Account.deposit(5),
    lambda: Empty(1),
    lambda: Empty(x=1),
    lambda: Weird(),
    lambda: Account(owner="a", owner2="b"),
    lambda: Account("a", owner="b"),
]
for attempt in attempts:
    try:
        attempt()
        print("no error")
    except TypeError as e:
        print("TypeError:", e)
    except AttributeError as e:
        print("AttributeError:", e)
