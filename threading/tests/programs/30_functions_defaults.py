# Checks: def with positional params and defaults, keyword arguments in calls, implicit None return,
# defaults evaluated once (a mutable default is shared between calls), functions as values.
def greet(name, greeting="hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("ann"))
print(greet("bob", "hi"))
print(greet("cy", punct="?"))
print(greet(greeting="yo", name="dee"))
print(greet("eve", "hey", "."))

def nothing():
    pass

print(nothing())

def early(x):
    if x > 0:
        return "positive"
    print("fell through")

print(early(1), early(-1))

def collect(item, bucket=[]):
    bucket.append(item)
    return bucket

print(collect(1), collect(2))
print(collect(3, []))

def apply(fn, v):
    return fn(v)

def double(v):
    return v * 2

print(apply(double, 21), apply(len, "four"), apply(str, 5) + "!")
f = double
print(f(4))

def multi():
    return 1, "two", [3]

a, b, c = multi()
print(a, b, c, multi())
