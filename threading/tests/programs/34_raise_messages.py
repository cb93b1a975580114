# Checks: raise Name("msg") for every built-in exception MiniPy lists, caught by name and printed;
# exceptions raised in a callee caught by the caller; except Exception catches them all.
def thrower(kind):
    if kind == 0:
        raise ValueError("bad value")
    if kind == 1:
        raise TypeError("bad type")
    if kind == 2:
        raise KeyError("missing")
    if kind == 3:
        raise IndexError("too far")
    if kind == 4:
        raise ZeroDivisionError("custom zero")
    if kind == 5:
        raise RuntimeError("runtime")
    if kind == 6:
        raise NameError("named")
    if kind == 7:
        raise OverflowError("overflowed")
    if kind == 8:
        raise RecursionError("too deep")
    if kind == 9:
        raise NotImplementedError("later")
    raise Exception("plain")

for k in range(11):
    try:
        thrower(k)
    except Exception as e:
        print(k, "caught", e)
try:
    thrower(0)
except TypeError:
    print("wrong handler")
except ValueError as e:
    print("right handler:", e)
try:
    raise ValueError()
except ValueError as e:
    print("empty message [" + str(e) + "]")
try:
    raise KeyError(42)
except KeyError as e:
    print("key", e)
