# Checks: unbounded recursion raises RecursionError; caught, the program goes on; uncaught,
# CPython prints a traceback that folds the repeated frames into "[Previous line repeated N
# more times]" and exits 1.
import sys

def depth(n):
    return depth(n + 1)

try:
    depth(0)
except RecursionError as e:
    print("caught:", e)
print(sys.getrecursionlimit())

def countdown(n):
    if n == 0:
        return 0
    return 1 + countdown(n - 1)

print(countdown(900))
countdown(5000)
