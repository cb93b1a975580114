# Checks: a class statement whose bases have no consistent C3 order raises TypeError with
# CPython's message; duplicate bases are refused; the program goes on after catching them.
class X: pass
class Y: pass
class XY(X, Y): pass
class YX(Y, X): pass

try:
    class Broken(XY, YX):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Twice(X, X):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Wrong(X, XY):
        pass
except TypeError as e:
    print("TypeError:", e)

class Fine(XY, X):
    pass
print([k.__name__ for k in Fine.__mro__])
