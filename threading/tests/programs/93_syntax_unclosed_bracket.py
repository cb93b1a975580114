# Checks: an unclosed bracket is a SyntaxError pointing at the opening bracket.
# The file is compiled before anything runs, so none of the prints above the error
# may appear: stdout is empty and the exit code is 1.
import threading

def helper(n):
    return n * 2

print("must not be printed")
print(helper(21))
xs = [1, 2,
      3
print(xs)
