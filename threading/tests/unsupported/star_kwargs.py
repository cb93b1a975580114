# expect-line: 8
# construct: **kwargs
# A variadic keyword parameter in a definition.
def plain(a, b=2):
    return a + b

print(plain(1))
def options(name, **extra):
    return name + str(len(extra))

print(options("x", a=1, b=2))
