# Checks: conditional expression a if c else b, nesting, laziness of the untaken branch.
def loud(v):
    print("loud", v)
    return v

for n in range(-1, 3):
    print(n, "neg" if n < 0 else "zero" if n == 0 else "pos")
print(loud(1) if True else loud(2))
print(loud(1) if False else loud(2))
x = 10
y = x * 2 if x > 5 else x - 1
print(y)
print([i if i % 2 == 0 else -i for i in range(6)])
s = "even" if len("abcd") % 2 == 0 else "odd"
print(s)
