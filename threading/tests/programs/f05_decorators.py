# Checks: function decorators: a plain wrapper, a decorator factory with arguments, stacked
# decorators (applied bottom-up, run top-down), functools.wraps keeping __name__/__doc__,
# and a decorator that registers without wrapping.
import functools

def shout(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper() + "!"
    return wrapper

def repeat(times):
    def decorate(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return decorate

def trace(label):
    def decorate(fn):
        def wrapper(*args):
            print(f"  {label} before")
            result = fn(*args)
            print(f"  {label} after")
            return result
        return wrapper
    return decorate

handlers = []

def handler(fn):
    handlers.append(fn.__name__)
    return fn

@shout
def greet(name):
    """Say hello."""
    return "hello " + name

@repeat(3)
def roll(n):
    return n * 2

@trace("outer")
@trace("inner")
def work(x):
    print("  working on", x)
    return x + 1

@handler
def on_start():
    return "started"

print(greet("world"), greet.__name__, greet.__doc__)
print(roll(4), roll.__name__)
print(work(1))
print(handlers, on_start())
