# Checks: and/or return operands (not bools), short-circuit (right side not evaluated), not, truthiness.
def side(v):
    print("side", v)
    return v

print(0 or "x", "" or 0, None or [], [] or "y", 3 or 4)
print(1 and 2, 0 and 2, "a" and "", [] and side(1))
print(side(0) and side(1))
print(side(1) or side(2))
print(side(1) and side(2))
print(side(0) or side(3))
print(not [], not [0], not "", not "a", not 0.0, not None, not {})
x = None
print(x is None or x > 3)
print(1 if [] else 2, 1 if [0] else 2)
print(0 or 0.0 or "" or None)
print(1 and 2 and 3, 1 and 0 and side(9))
