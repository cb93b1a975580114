# Checks: \N not followed by a brace is a malformed escape (a SyntaxError), not kept as written.
print("never printed")
word = "\Nope"
