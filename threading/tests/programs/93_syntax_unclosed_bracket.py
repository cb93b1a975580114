# Checks: an unclosed bracket is a SyntaxError pointing at the opening bracket.
print("start")
xs = [1, 2,
      3
print(xs)
