# expect-line: 9
# construct: %-formatting
# printf-style string formatting with `%` on a str. (Integer `%` on line 6 is fine.)
# MiniPy may only detect this when the operation runs; it must still name the line.
n = 17
print(n % 5)
name = "Ada"
print(f"{name} ok")
msg = "hello %s, you are %d" % (name, n)
print(msg)
