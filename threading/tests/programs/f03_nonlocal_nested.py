# Checks: nonlocal through several levels of nesting (it binds the nearest enclosing
# function's variable), global vs nonlocal side by side, and a closure over a parameter.
level = "global"

def outer():
    level = "outer"

    def middle():
        def inner():
            nonlocal level
            level = "set by inner"
        inner()
        return level

    def reset():
        global level
        level = "global reset"

    before = level
    seen = middle()
    reset()
    return before, seen, level

print(outer(), level)

def tally(label):
    n = 0
    def bump():
        nonlocal n
        n += 1
        return f"{label}:{n}"
    return bump

b = tally("x")
b()
print(b(), tally("y")())

def chain():
    a = 1
    def f():
        b = a + 1
        def g():
            nonlocal b
            b += a
            return a, b
        return g()
    return f()

print(chain())
