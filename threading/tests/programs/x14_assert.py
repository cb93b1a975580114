# Checks: assert with a message evaluated only on failure, AssertionError's args, and an
# uncaught failing assert: the traceback with the assert line, exit code 1.
def message():
    print("  building message")
    return "values differ"

assert 1 + 1 == 2, message()
try:
    assert [] , message()
except AssertionError as e:
    print("AssertionError:", e, e.args)
try:
    assert False
except AssertionError as e:
    print("bare:", repr(e))
def check_positive(n):
    assert n > 0, f"expected positive, got {n}"
    return n
print(check_positive(3))
check_positive(-2)
print("never reached")
