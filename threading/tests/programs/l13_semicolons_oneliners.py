# Checks: simple statements joined by semicolons, one-line compound statements (if, while,
# for, def, class, try), a trailing semicolon, and `...` as a statement.
a = 1; b = 2; c = a + b; print(c)
if c > 2: print("big"); print("still big")
n = 3
while n: n -= 1
print(n)
for i in range(3): print(i, end=" ")
print()
def double(x): return x * 2
class Empty: pass
print(double(21), Empty.__name__);
try: print(1 // 0)
except ZeroDivisionError: print("caught")
def todo(): ...
print(todo(), ..., Ellipsis)
