# Checks: `nonlocal` at module level is a SyntaxError found before anything runs (stdout empty).
print("never printed")
nonlocal count
