# Checks: functools.partial (positional and keyword binding, later keywords override, the
# func/args/keywords attributes), reduce with and without an initial value (TypeError when
# empty), and wraps copying __name__, __doc__, __qualname__ and __wrapped__.
import functools

def volume(length, width, height=1):
    return length * width * height

area = functools.partial(volume, height=1)
slab = functools.partial(volume, 10, height=2)
print(area(3, 4), slab(5), slab(5, height=10), slab.func is volume, slab.args, slab.keywords)
print(functools.reduce(lambda a, b: a * 10 + b, [1, 2, 3]), functools.reduce(max, [], "empty"))
try:
    functools.reduce(max, [])
except TypeError as e:
    print("TypeError:", e)

def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        return fn(*args)
    return wrapper

@timed
def documented(x):
    """Return x doubled."""
    return 2 * x

print(documented(4), documented.__name__, documented.__doc__, documented.__qualname__)
print(documented.__wrapped__(5), documented.__wrapped__.__name__)
