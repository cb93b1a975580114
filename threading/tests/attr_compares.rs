//! `TOS cmp local.name` fused with its conditional jump
//! (`LOAD_FAST_ATTR_COMPARE_JUMP`, `vm/local_attr.rs`) and every road off
//! its fast path, under every GIL mode, against what `python3` 3.11
//! prints: ints, strs, floats, a big int and mixed int/float attributes
//! compared with `==`, `!=` and `<`; `None` and a user `__eq__` (the plain
//! compare); a class that grows a property mid-loop; a class receiver, a
//! `__slots__` one; and an ordering `TypeError`.

mod eras;

const COMPARES: &str = r#"class Sq:
    def __init__(self, pos, color):
        self.pos = pos
        self.color = color
        self.ref = self
    def same(self, other):
        if other.pos != self.pos:
            return "pos differs"
        if other.color == self.color:
            return "same color"
        return "other color"
    def below(self, other):
        return "below" if other.pos < self.pos else "not below"

a, b, c = Sq(1, "w"), Sq(1, "w"), Sq(2, 0.5)
print(a.same(b), a.same(c), c.same(Sq(2, 0.5)), c.same(Sq(2, 1)))
print(a.below(c), c.below(a), Sq(2**70, 1).below(Sq(3, 1)), Sq(1.5, 0).below(Sq(1, 0)))
# None and a user __eq__ take the plain path
class E:
    def __eq__(self, other):
        print("E.__eq__")
        return True
print(Sq(None, 1).same(Sq(None, 2)), Sq(1, E()).same(Sq(1, "x")))
# a property appearing mid-loop
out = []
s, t, u = Sq(5, 1), Sq(5, 1), Sq(6, 1)
for i in range(4):
    if i == 2:
        Sq.pos = property(lambda self: 7)
    out.append(s.same(t) if i < 2 else s.below(u))
print(out)
del Sq.pos
# a class receiver and slots
class K:
    pos = 3
class S:
    __slots__ = ("pos",)
    def __init__(self):
        self.pos = 3
def check(x, n):
    if n == x.pos:
        return "eq"
    return "ne"
print(check(K, 3), check(S(), 3), check(S(), 4))
try:
    print(Sq(1, 1).below(Sq("a", 1)))
except TypeError as e:
    print("TypeError:", e)
"#;

const SAY: &str = r#"same color pos differs same color other color
not below below below below
E.__eq__
other color same color
['same color', 'same color', 'not below', 'not below']
eq eq ne
TypeError: '<' not supported between instances of 'str' and 'int'
"#;

#[test]
fn attribute_compares_match_cpython_on_and_off_the_fast_path() {
    eras::assert_prints("attr_cmp.py", COMPARES, SAY);
}
