//! `==` and `!=` between instances whose classes keep `object`'s
//! comparison methods answered by identity in `rich_compare`'s fast path
//! (`vm/compare.rs`, `default_identity_compare`), under every GIL mode,
//! against what `python3` 3.11 prints: same and different objects and
//! classes, a subclass with its own `__eq__` (asked first, reflected), a
//! class that gains `__eq__` mid-loop and loses it again, a class with
//! only `__ne__`, an `__eq__` answering `NotImplemented`, a base class
//! gaining `__eq__` under a subclass, and `list.index`/`count`/`in`.

mod eras;

const COMPARES: &str = r#"class P:
    pass
class Q:
    pass
a, b = P(), P()
q = Q()
print(a == a, a == b, a != a, a != b, a == q, q != a, a == None, a != 3)
class E:
    def __init__(self, v):
        self.v = v
class Sub(P):
    def __eq__(self, other):
        print("Sub.__eq__")
        return True
s = Sub()
print(a == s, s == a, a != s)
out = []
x, y = E(1), E(1)
for i in range(6):
    if i == 2:
        E.__eq__ = lambda self, other: self.v == other.v
    if i == 4:
        del E.__eq__
    out.append((x == y, x != y))
print(out)
class OnlyNe:
    def __ne__(self, other):
        return "ne!"
o1, o2 = OnlyNe(), OnlyNe()
print(o1 == o2, o1 != o2, o1 == o1)
class NotImpl:
    def __eq__(self, other):
        return NotImplemented
n1, n2 = NotImpl(), NotImpl()
print(n1 == n2, n1 == n1, n1 != n2, n1 != n1)
class Base:
    pass
class Child(Base):
    pass
c = Child()
print(c == Base(), Base() != c, c == c)
Base.__eq__ = lambda self, other: "base eq"
print(c == Base(), c != c)
items = [P() for _ in range(3)]
print(items.index(items[2]), items.count(items[0]), items[1] in items, P() in items)
"#;

/// `python3` 3.11's output for `COMPARES`.
const COMPARES_SAY: &str = r#"True False False True False True False True
Sub.__eq__
Sub.__eq__
Sub.__eq__
True True False
[(False, True), (False, True), (True, False), (True, False), (False, True), (False, True)]
False ne! True
False True True False
False True True
base eq False
2 1 True False
"#;

#[test]
fn identity_compares_print_what_python_prints() {
    eras::assert_prints("identity_compare.py", COMPARES, COMPARES_SAY);
}
