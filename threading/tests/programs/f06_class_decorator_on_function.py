# Checks: a class used as a decorator (its __call__ wraps the function and counts calls),
# decorators on methods (the wrapper receives self), and a memoising decorator with a dict.
class CountCalls:
    def __init__(self, fn):
        self.fn = fn
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.fn(*args, **kwargs)

@CountCalls
def add(a, b):
    return a + b

print(add(1, 2), add(3, 4), add.calls, type(add).__name__)

def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper

@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), len(fib.cache))

def logged(method):
    def wrapper(self, *args):
        print(f"  {type(self).__name__}.{method.__name__}{args}")
        return method(self, *args)
    return wrapper

class Account:
    def __init__(self):
        self.balance = 0

    @logged
    def deposit(self, amount):
        self.balance += amount
        return self.balance

acct = Account()
acct.deposit(10)
print(acct.deposit(5))
