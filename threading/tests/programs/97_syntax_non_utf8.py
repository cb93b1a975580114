# Checks: a source file that is not UTF-8 is a SyntaxError (no encoding declaration).
print("café")
