# Checks: `break` outside a loop is a SyntaxError ("'break' outside loop").
print("never printed")
if True:
    break
