# Checks: global statement (one and two names), reading globals without global,
# locals shadowing globals, and UnboundLocalError caught as its base class NameError.
counter = 0
a = 1
b = 2

def bump():
    global counter
    counter += 1

def set_both(x, y):
    global a, b
    a = x
    b = y

def shadow():
    a = 100
    return a

def reader():
    return counter * 10

for _ in range(5):
    bump()
print(counter, reader())
set_both("x", "y")
print(a, b)
print(shadow(), a)

def make_global():
    global fresh
    fresh = "created"

make_global()
print(fresh)

def broken():
    total = counter + 1
    counter = total
    return counter

try:
    broken()
except NameError as e:
    print("caught", e)
try:
    print(not_defined_anywhere)
except NameError as e:
    print("caught", e)
