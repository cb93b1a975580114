# Checks: an unexpected indent is an IndentationError.
# The file is compiled before anything runs, so none of the prints above the error
# may appear: stdout is empty and the exit code is 1.
import threading

def helper(n):
    return n * 2

print("must not be printed")
print(helper(21))
print("b")
    print("c")
