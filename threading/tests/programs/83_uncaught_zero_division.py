# Checks: a runtime ZeroDivisionError uncaught inside a function called from a loop:
# traceback through two frames, "ZeroDivisionError: division by zero", exit code 1.
def ratio(a, b):
    return a / b

def table(rows):
    for r in rows:
        print(r, ratio(10, r))

table([5, 2, 1, 0, 4])
