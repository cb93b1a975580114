//! An instance's Python `__add__`/`__sub__`/`__mul__` run by the frame
//! loop (`vm/dunder_call.rs`: the method's frame pushed over the operands,
//! resumed as `BinaryOp`) and every road off that path, under every GIL
//! mode, against what `python3` 3.11 prints: vectors added, subtracted
//! and scaled, results stored, used and discarded; `NotImplemented` going
//! on to another class's `__radd__` and to the `TypeError`; a subclass
//! whose reflected method goes first; a method that raises (the operands
//! dropped with the frame); methods the fast path leaves alone (a
//! default parameter, a generator, a lambda, a builtin, `+=`); a method
//! replaced mid-loop and then deleted; the operator inside a generator;
//! recursion through `__add__` to the limit; two threads; and the
//! traceback of an uncaught error inside `__sub__`.

mod eras;

const PROGRAM: &str = r#"import threading

class V:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        return NotImplemented
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __repr__(self):
        return "V(%r, %r)" % (self.x, self.y)

def walk(n):
    p = V(0, 0)
    step = V(1, 2)
    for i in range(n):
        p = p + step
        q = p - step * 0.5
        p - q
    return p, q, (p + q) * 2

print(walk(5))

# NotImplemented: the reflected method of another class, then the TypeError
class R:
    def __radd__(self, o):
        return "R.__radd__(%r)" % (o,)
print(V(1, 1) + R())
for other in (3, "s", None):
    try:
        V(1, 1) + other
    except TypeError as e:
        print("TypeError:", e)

# a subclass overriding the reflected method goes first (the plain path)
class W(V):
    def __rsub__(self, o):
        return "W.__rsub__ first"
print(V(5, 5) - W(1, 1), W(5, 5) - V(1, 1))

# the method raises; the operands are dropped with the frame
class Boom:
    def __init__(self):
        self.n = 0
    def __mul__(self, k):
        self.n += 1
        if k == 0:
            raise ZeroDivisionError("k is zero")
        return self.n * k
b = Boom()
out = []
for k in (2, 0, 3, 0):
    try:
        out.append(b * k)
    except ZeroDivisionError as e:
        out.append(str(e))
print(out)

# shapes the fast path leaves alone: a default, a generator, a lambda,
# a builtin, in-place operators
class Odd:
    def __add__(self, o, extra=10):
        return o + extra
    def __sub__(self, o):
        yield o
        yield -o
    __mul__ = lambda self, k: ("lambda", k)
    __floordiv__ = max
o = Odd()
print(o + 1, list(o - 4), o * 3)
try:
    o // 2
except TypeError as e:
    print("TypeError:", e)
acc = V(0, 0)
for i in range(3):
    acc += V(i, 1)
print(acc)

# the method replaced mid-loop, then removed
class M:
    def __add__(self, o):
        return "first"
log = []
for i in range(6):
    if i == 2:
        M.__add__ = lambda self, o: "second"
    if i == 3:
        def third(self, o):
            return "third %d" % o
        M.__add__ = third
    if i == 5:
        del M.__add__
    try:
        log.append(M() + i)
    except TypeError as e:
        log.append("TypeError: %s" % e)
print(log)

# a value kept in a local, used in an expression, discarded, in a generator
def gen(n):
    v = V(1, 0)
    for i in range(n):
        v = v + V(0, i)
        yield (v * 2).y
print(list(gen(4)))

# recursion through __add__ hits the limit cleanly
class Deep:
    def __init__(self, n):
        self.n = n
    def __add__(self, o):
        return Deep(self.n + 1) + o
import sys
sys.setrecursionlimit(150)
try:
    Deep(0) + 1
except RecursionError:
    print("RecursionError")

# two threads adding vectors into their own totals
totals = {}
def worker(name):
    t = V(0, 0)
    one = V(1, 1)
    for i in range(2000):
        t = t + one
    totals[name] = t
ts = [threading.Thread(target=worker, args=(k,)) for k in "ab"]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(totals.items()))
"#;

const SAYS: &str = "(V(5, 10), V(4.5, 9.0), V(19.0, 38.0))
R.__radd__(V(1, 1))
TypeError: unsupported operand type(s) for +: 'V' and 'int'
TypeError: unsupported operand type(s) for +: 'V' and 'str'
TypeError: unsupported operand type(s) for +: 'V' and 'NoneType'
W.__rsub__ first V(4, 4)
[2, 'k is zero', 9, 'k is zero']
11 [4, -4] ('lambda', 3)
TypeError: 'int' object is not iterable
V(3, 3)
['first', 'first', 'second', 'third 3', 'third 4', \"TypeError: unsupported operand type(s) for +: 'M' and 'int'\"]
[0, 2, 6, 12]
RecursionError
[('a', V(2000, 2000)), ('b', V(2000, 2000))]
";

#[test]
fn binary_dunders_and_their_fallbacks_match_cpython() {
    eras::assert_prints("dunders.py", PROGRAM, SAYS);
}

const RAISES: &str = r#"class V:
    def __init__(self, x):
        self.x = x
    def __sub__(self, o):
        return V(self.x - o.x)

def f(a, b):
    return a - b

print(f(V(3), V(1)).x)
f(V(3), 5)
"#;

const RAISES_OUT: &str = "2
";

const RAISES_ERR: &str = "Traceback (most recent call last):
  File \"tb.py\", line 11, in <module>
    f(V(3), 5)
  File \"tb.py\", line 8, in f
    return a - b
           ~~^~~
  File \"tb.py\", line 5, in __sub__
    return V(self.x - o.x)
                      ^^^
AttributeError: 'int' object has no attribute 'x'
";

#[test]
fn an_error_inside_a_dunder_shows_its_frame_in_the_traceback() {
    eras::assert_fails("tb.py", RAISES, 1, RAISES_OUT, RAISES_ERR);
}
