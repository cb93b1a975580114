# Checks: plain invalid syntax (a doubled operator in an assignment).
print("fine")
x = = 1
