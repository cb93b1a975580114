# Checks: `yield` outside a function is a SyntaxError found at compile time.
print("never printed")
yield 5
