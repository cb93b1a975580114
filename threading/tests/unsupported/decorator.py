# expect-line: 10
# construct: decorator
# A function decorator. (The decorator function itself, lines 5-6, is plain MiniPy.)
def identity(fn):
    return fn


print("before")

@identity
def hello():
    return "hello"

print(hello())
