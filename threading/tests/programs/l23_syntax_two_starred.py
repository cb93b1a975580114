# Checks: two starred targets in one assignment is a SyntaxError ("multiple starred
# expressions in assignment").
print("never printed")
first, *middle, *rest = range(5)
