# Checks: recursion (fib, factorial, mutual recursion), moderately deep recursion that stays
# under the limit, and RecursionError caught (also as its base class RuntimeError).
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print([fib(i) for i in range(15)])

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print(fact(20))

def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

print(is_even(10), is_odd(7), is_even(7))

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

print(depth(500))

def forever(n):
    return forever(n + 1)

try:
    forever(0)
except RecursionError as e:
    print("caught", e)
try:
    forever(0)
except RuntimeError as e:
    print("caught as RuntimeError", e)
print(depth(100))
