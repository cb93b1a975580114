# Checks: repeating a keyword argument in a call is a SyntaxError ("keyword argument
# repeated: x") found at compile time.
def f(**kwargs):
    return kwargs

print("never printed")
print(f(x=1, x=2))
