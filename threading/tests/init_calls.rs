//! `C(a, b)` bound by the instantiation fast path (`vm/init_call.rs`:
//! the instance made, `__init__`'s frame bound from the stack and entered
//! in the loop, resumed as `Init`) and every road off it, under every GIL
//! mode, against what `python3` 3.11 prints: exact arguments and a
//! default filling the tail; a class reached as a class attribute and as
//! an instance attribute (`CALL_METHOD` over `NULL`); an `__init__` that
//! returns a value; too few and too many arguments; an `__init__` that
//! raises; a class whose `__init__` is replaced mid-loop by one with a
//! cell, which then grows a custom `__new__` and a defaulted `__init__`;
//! `__slots__`, a `list` subclass and a chained `super().__init__`; a
//! generator `__init__`; recursion through `__init__` to the limit;
//! keyword arguments (the plain path); a base class's `__init__` replaced
//! mid-loop (the per-thread init cache keyed by version tags).

mod eras;

const PROGRAM: &str = r#"import sys

class V:
    def __init__(self, x, y, z=0.5):
        self.x = x
        self.y = y
        self.z = z

def make(k):
    out = []
    for i in range(k):
        v = V(i, i * 2)
        w = V(i, 1, 2)
        out.append(v.x + v.y + v.z + w.z)
    return out

print(make(4))

# a class reached as an attribute (CALL_METHOD over NULL) and as a local
class Holder:
    Inner = V
h = Holder()
ns = Holder()
ns.V = V
vs = [h.Inner(1, 2), ns.V(3, 4, 5), Holder.Inner(6, 7)]
print([(v.x, v.y, v.z) for v in vs])

# __init__ returning something other than None
class Bad:
    def __init__(self, a):
        self.a = a
        return a
for arg in (None, 3):
    try:
        b = Bad(arg)
        print("made", b.a)
    except TypeError as e:
        print("TypeError:", e)

# wrong argument counts (the plain path's messages)
for args in ((), (1, 2, 3, 4)):
    try:
        V() if not args else V(1, 2, 3, 4)
    except TypeError as e:
        print("TypeError:", e)

# __init__ raising, the instance dropped
class Raises:
    count = 0
    def __init__(self, n):
        Raises.count += 1
        if n % 2:
            raise ValueError(n)
        self.n = n
made = []
for i in range(5):
    try:
        made.append(Raises(i).n)
    except ValueError as e:
        made.append(-int(str(e)))
print(made, Raises.count)

# the class changes mid-loop: __init__ replaced by one with a cell, then a
# custom __new__, then an __init__ with a default
class M:
    def __init__(self, a):
        self.a = a
log = []
for i in range(8):
    if i == 2:
        def init_cell(self, a):
            def inner():
                return a * 10
            self.a = inner()
        M.__init__ = init_cell
    if i == 4:
        def new(cls, a):
            o = object.__new__(cls)
            o.tag = "new"
            return o
        M.__new__ = new
    if i == 6:
        def init_default(self, a, b=100):
            self.a = a + b
        M.__init__ = init_default
    m = M(i)
    log.append((m.a, getattr(m, "tag", "-")))
print(log)

# __slots__ and a list subclass (the plain path) and a subclass's chained init
class S:
    __slots__ = ("p", "q")
    def __init__(self, p, q):
        self.p = p
        self.q = q
class L(list):
    def __init__(self, n):
        super().__init__(range(n))
class W(V):
    def __init__(self, x):
        super().__init__(x, -x)
s = S(1, 2)
print(s.p, s.q, L(3), [(w.x, w.y, w.z) for w in (W(5), W(6))])

# a generator __init__ is refused at call time
class G:
    def __init__(self):
        yield 1
try:
    G()
except TypeError as e:
    print("TypeError:", e)

# recursion through __init__ hits the limit cleanly
class R:
    def __init__(self, n):
        self.child = R(n + 1) if n < 10**6 else None
sys.setrecursionlimit(200)
try:
    R(0)
except RecursionError as e:
    print("RecursionError")

# keywords take the plain path; the result is the same
print(V(1, y=2).y, V(x=3, y=4, z=5).z)

# a base class's __init__ replaced mid-loop reaches its subclass
class Base:
    def __init__(self, a):
        self.a = a
class Sub(Base):
    pass
out = []
for i in range(4):
    if i == 2:
        def base_init(self, a):
            self.a = -a
        Base.__init__ = base_init
    out.append(Sub(i).a)
print(out)
"#;

const SAYS: &str = "[2.5, 5.5, 8.5, 11.5]
[(1, 2, 0.5), (3, 4, 5), (6, 7, 0.5)]
made None
TypeError: __init__() should return None, not 'int'
TypeError: V.__init__() missing 2 required positional arguments: 'x' and 'y'
TypeError: V.__init__() takes from 3 to 4 positional arguments but 5 were given
[0, -1, 2, -3, 4] 5
[(0, '-'), (1, '-'), (20, '-'), (30, '-'), (40, 'new'), (50, 'new'), (106, 'new'), (107, 'new')]
1 2 [0, 1, 2] [(5, -5, 0.5), (6, -6, 0.5)]
TypeError: __init__() should return None, not 'generator'
RecursionError
2 5
[0, 1, -2, -3]
";

#[test]
fn instantiation_fast_path_and_its_fallbacks_match_cpython() {
    eras::assert_prints("init_calls.py", PROGRAM, SAYS);
}
