# Checks: a source file that is not UTF-8 (a Latin-1 byte 0xE9) is a SyntaxError; no encoding
# declaration is supported, so nothing runs: stdout is empty and the exit code is 1.
import threading

def helper(n):
    return n * 2

print("must not be printed")
print(helper(21))
print("café")
