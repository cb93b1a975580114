# Checks: an unterminated string literal is a SyntaxError.
print("ok")
s = "never closed
print(s)
