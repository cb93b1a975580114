# Checks: `nonlocal x` with no enclosing binding of x is a SyntaxError ("no binding for
# nonlocal 'x' found") raised at compile time.
print("never printed")

def outer():
    def inner():
        nonlocal missing
        missing = 1
    return inner
