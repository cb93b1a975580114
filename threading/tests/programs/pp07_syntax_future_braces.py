# CPython's answer to braces as block delimiters: a compile-time
# SyntaxError, so the print below never runs.
from __future__ import braces
print("never printed")
