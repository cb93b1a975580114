# Checks: forms tutorials use beyond MINIPY.md's core list, all as CPython 3.11: nested f-string
# format specs, positional-only parameters, ** and * in displays, return *a, b, Ellipsis, user
# descriptors (__get__, __set_name__), __getattr__/__setattr__, __new__, __init_subclass__ with
# class keywords, __format__, __index__, three-argument type(), PEP 614 decorator expressions,
# del of several targets, __slots__, generator send, and mixed numeric corner cases.
w, p, x = 10, 3, 3.14159
print(f"{x:{w}.{p}f}|{x=:.2f}|{x!r:>12}|{'nested' + f'{w}'}")
def posonly(a, b, /, c, *, d=4):
    return a, b, c, d
print(posonly(1, 2, 3), posonly(1, 2, c=3, d=5))
a, b = {"x": 1}, {"y": 2}
print({**a, **b}, {*[1, 2], *(3,)}, [*range(3), *"ab"])
def f():
    return *[1, 2], 3
print(f(), ..., Ellipsis is ..., type(...).__name__)
class D:
    def __get__(self, obj, cls):
        return "desc" if obj is not None else self
    def __set_name__(self, owner, name):
        self.name = name
class H:
    d = D()
    def __getattr__(self, name):
        return "missing:" + name
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)
h = H()
h.v = 21
print(h.d, H.d.name, h.nothing, h.v)
class N:
    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.made = args
        return inst
    def __init_subclass__(cls, **kw):
        super().__init_subclass__()
        cls.tag = kw.get("tag", "none")
    def __format__(self, spec):
        return "N" + spec
    def __index__(self):
        return 2
class M(N, tag="m"):
    pass
n = M(1, 2)
print(n.made, M.tag, f"{n:xyz}", [10, 20, 30][n], bin(n))
T = type("T", (object,), {"k": 5, "hello": lambda self: "hi"})
print(T().k, T().hello(), T.__name__)
buttons = [lambda fn: fn]
@buttons[0]
def g():
    return "pep614"
print(g())
print(sorted({3, 1, 2}, reverse=True), divmod(-7, 2), round(2.5), round(3.5), round(-0.5))
x = [1, 2, 3]
del x[0], x[-1]
print(x)
class Slotted:
    __slots__ = ("a",)
s = Slotted()
s.a = 1
print(s.a, hasattr(s, "__dict__"))
def gen():
    x = yield
    print("got", x)
    yield x * 2
gg = gen(); next(gg); print(gg.send(21))
import sys
print(sys.getrecursionlimit())
print("%(a)s-%(b)05.1f" % {"a": "k", "b": 2.25}, "{0!r:>6}{1:^5}".format("z", 7))
print(int("1" * 50) ** 3 % 1000007, (-2) ** 100 >> 90, ~(2**70), 7 // -2, -7 % 3)
assert isinstance(True, int) and issubclass(bool, int)
lst = list(range(10)); lst[::3] = "abcd"; print(lst)
print([y for x in range(4) if x % 2 for y in range(x) if y], {k: v for k, v in zip("ab", (1, 2))})
