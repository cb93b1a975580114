# Checks: try/except/finally execution order, finally on normal exit, on exception,
# on return inside try, and after a re-raised (new) exception; nested try.
def f(x):
    try:
        print("try", x)
        if x == 1:
            raise ValueError("one")
        if x == 2:
            return "returned"
        print("try end", x)
    except ValueError as e:
        print("except", e)
    finally:
        print("finally", x)
    return "normal"

print(f(0))
print(f(1))
print(f(2))

def g():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", e)
        raise RuntimeError("converted")
    finally:
        print("outer finally")

try:
    g()
except RuntimeError as e:
    print("top caught", e)
try:
    print("no error")
except Exception:
    print("not reached")
finally:
    print("done")
