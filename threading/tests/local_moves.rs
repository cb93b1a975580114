//! `x = self.x` and `self.x = x` with the value moved between the local
//! and the attribute (`LOAD_FAST_ATTR_STORE_FAST`,
//! `LOAD_FAST_STORE_FAST_ATTR`: `compiler/attr_sites.rs`,
//! `fuse_local_moves`) and their fallbacks, under every GIL mode, against
//! what `python3` 3.11 prints: a missing attribute (`AttributeError`), an
//! unbound local stored (`UnboundLocalError`), a class with its own
//! `__setattr__`, a property with a setter, `__slots__`, a class whose
//! attribute becomes a data descriptor mid-loop (the cache's facts
//! change), and a conditional expression whose jump lands between the
//! covered ops.

mod eras;

const PROGRAM: &str = r#"class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def swap(self):
        a = self.x
        b = self.y
        self.x = b
        self.y = a
        return a, b
    def missing(self):
        z = self.nope
        return z
    def unbound_store(self, flag):
        if flag:
            v = 1
        self.v = v
        return self.v

class Logged:
    def __init__(self):
        self.log = []
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
        if name != "log":
            self.log.append((name, value))
    def set(self, w):
        self.w = w
        got = self.w
        return got

class Prop:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v * 10
    @v.setter
    def v(self, val):
        self._v = val + 1
    def go(self, n):
        self.v = n
        out = self.v
        return out

class Slots:
    __slots__ = ("a", "b")
    def fill(self, a):
        self.a = a
        got = self.a
        return got

p = P(1, 2)
print(p.swap(), p.x, p.y)
try:
    p.missing()
except AttributeError as e:
    print("AttributeError", e)
try:
    p.unbound_store(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)
print(p.unbound_store(True))
l = Logged()
print(l.set(5), l.log)
print(Prop().go(4))
print(Slots().fill("s"))

class Shape:
    def __init__(self, n):
        self.n = n
def layouts():
    out = []
    for i in range(6):
        s = Shape(i)
        if i % 2:
            s.extra = i
        if i == 3:
            Shape.n = property(lambda self: -1, lambda self, v: None)
        k = s.n
        out.append(k)
    del Shape.n
    return out
print(layouts())

def loop_mid(objs):
    total = 0
    for o in objs:
        v = o.x if o.x > 0 else o.y
        total += v
    return total
print(loop_mid([P(1, 2), P(-1, 5), P(3, 4)]))
"#;

/// What python3 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = "(1, 2) 2 1\n\
AttributeError 'P' object has no attribute 'nope'\n\
UnboundLocalError cannot access local variable 'v' where it is not associated with a value\n\
1\n\
5 [('w', 5)]\n\
50\n\
s\n\
[0, 1, 2, -1, -1, -1]\n\
9\n\
";

#[test]
fn fused_local_attribute_moves_match_python_in_every_mode() {
    eras::assert_prints("moves.py", PROGRAM, PYTHON_SAYS);
}
