# Checks: a statement keyword used as an expression (return outside a function) is a SyntaxError.
print("x")
return 5
