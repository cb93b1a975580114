# Checks: mixing a tab and spaces in indentation is a TabError (an IndentationError).
def f():
    x = 1
	return x
print(f())
