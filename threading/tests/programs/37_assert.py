# Checks: assert passing silently, failing with and without a message, caught by except Exception.
assert True
assert 1 + 1 == 2, "math works"
try:
    assert 1 > 2, "one is not greater than two"
except Exception as e:
    print("caught", e)
try:
    assert []
except Exception as e:
    print("caught empty [" + str(e) + "]")
def check(n):
    assert n >= 0, "negative: " + str(n)
    return n * 2
print(check(4))
try:
    check(-3)
except Exception as e:
    print("caught", e)
print("end")
