# Checks: a block header with no indented body is an IndentationError naming the if.
# The file is compiled before anything runs, so none of the prints above the error
# may appear: stdout is empty and the exit code is 1.
import threading

def helper(n):
    return n * 2

print("must not be printed")
print(helper(21))
x = 1
if x > 0:
print("no indent")
