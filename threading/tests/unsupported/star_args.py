# expect-line: 7
# construct: *args
# A variadic positional parameter in a definition.
total = 0
print("before")

def add_all(*numbers):
    return sum(numbers)

print(add_all(1, 2, 3))
