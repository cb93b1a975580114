//! `local.name op= y` fused into one instruction (`vm/attr_update.rs`,
//! `LOAD_FAST_ATTR_UPDATE`) and every road off its fast path, under every
//! GIL mode, against what `python3` 3.11 prints: ints added, subtracted
//! and multiplied by a constant and by a local; a float and a str
//! attribute; an int that overflows into a big int inside the fused op;
//! an attribute that turns into a float mid-loop; a class that grows a
//! property with a setter mid-loop, and one that grows `__setattr__`; a
//! `__slots__` attribute; an unbound right-hand local; a missing
//! attribute; a division by zero and a shift (operations the fast path
//! leaves to the plain instructions).

mod eras;

const UPDATES: &str = r#"class C:
    def __init__(self):
        self.n = 0
        self.f = 0.5
        self.s = "a"

def bump(c, k):
    step = 3
    for i in range(k):
        c.n += 1
        c.n -= step
        c.n *= 1
        c.f += 1
        c.s += "b"
    return c.n

c = C()
print(bump(c, 5), c.f, c.s)
# overflow into a big int inside the fused op
c.n = 2**62
for i in range(3):
    c.n += 2**62
print(c.n)
# the attribute becomes a float mid-loop
c.n = 0
for i in range(4):
    if i == 2:
        c.n = 1.5
    c.n += 1
print(c.n)
# the class's layout changes mid-loop: a property with a setter appears
class D:
    def __init__(self):
        self.v = 0
d = D()
log = []
for i in range(4):
    if i == 2:
        def _get(self):
            return self.__dict__["v"] * 10
        def _set(self, x):
            log.append(x)
            self.__dict__["v"] = x
        D.v = property(_get, _set)
    d.v += 1
print(d.__dict__["v"], log)
# __setattr__ added mid-loop
class E:
    def __init__(self):
        self.v = 0
e = E()
seen = []
def _setattr(self, name, x):
    seen.append((name, x))
    object.__setattr__(self, name, x)
for i in range(3):
    if i == 1:
        E.__setattr__ = _setattr
    e.v += 2
print(e.v, seen)
# __slots__ and unbound y
class S:
    __slots__ = ("n",)
    def __init__(self):
        self.n = 5
s = S()
for i in range(3):
    s.n += 2
print(s.n)
def unbound(c):
    try:
        c.n += y
    except UnboundLocalError as ex:
        print("unbound:", ex)
    y = 1
unbound(C())
# the attribute missing
def missing(c):
    try:
        c.zz += 1
    except AttributeError as ex:
        print("missing:", ex)
missing(C())
# shifts and division by zero fall back to the plain path
c.n = 7
try:
    c.n //= 0
except ZeroDivisionError as ex:
    print("zero:", ex)
c.n <<= 3
print(c.n)
"#;

const SAY: &str = r#"-10 5.5 abbbbb
18446744073709551616
3.5
211 [21, 211]
6 [('v', 4), ('v', 6)]
11
unbound: cannot access local variable 'y' where it is not associated with a value
missing: 'C' object has no attribute 'zz'
zero: integer division or modulo by zero
56
"#;

#[test]
fn attribute_updates_match_cpython_on_and_off_the_fast_path() {
    eras::assert_prints("attr_update.py", UPDATES, SAY);
}
