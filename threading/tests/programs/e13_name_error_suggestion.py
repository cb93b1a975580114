# Checks: an uncaught NameError for a misspelt local: CPython 3.11 appends "Did you mean:
# 'total'?" to the traceback's last line (not to str(e), which is printed first).
def compute(values):
    total = 0
    for v in values:
        total += v
    try:
        return totl
    except NameError as e:
        print("str(e):", e)
    return totl

print(compute([1, 2, 3]))
