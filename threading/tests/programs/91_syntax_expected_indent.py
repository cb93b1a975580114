# Checks: a block header with no indented body is an IndentationError naming the if.
x = 1
if x > 0:
print("no indent")
