# Checks: \N{ without its closing brace is a malformed escape, spanning to the end of the literal.
print("never printed")
dash = "\N{EM DASH"
