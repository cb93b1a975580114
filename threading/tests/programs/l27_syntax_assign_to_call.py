# Checks: assigning to a function call is a SyntaxError with 3.11's hint ("cannot assign to
# function call here. Maybe you meant '==' instead of '='?").
def value():
    return 1

print("never printed")
if value() = 1:
    pass
