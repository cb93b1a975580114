# Checks: an unexpected indent is an IndentationError (exit 1, nothing printed).
print("a")
    print("b")
