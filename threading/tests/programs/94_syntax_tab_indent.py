# Checks: mixing a tab and spaces in one block's indentation is a TabError (an IndentationError).
# The file is compiled before anything runs, so none of the prints above the error
# may appear: stdout is empty and the exit code is 1.
import threading

def helper(n):
    return n * 2

print("must not be printed")
print(helper(21))
def f():
    x = 1
	return x
print(f())
