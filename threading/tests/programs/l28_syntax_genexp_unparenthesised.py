# Checks: a generator expression that is not the only argument must be parenthesised:
# SyntaxError ("Generator expression must be parenthesized").
print("never printed")
total = sum(x for x in range(3), 10)
