//! Methods called through `super` (`vm/attr.rs`: `load_method`'s fast
//! path returns a Python function found after the class unbound, with the
//! instance as receiver, no bound method built; `super_lookup` walks the
//! MRO in place), under every GIL mode, against what `python3` 3.11
//! prints: a diamond (`D(B, C)`) whose `who` chains through every class
//! with positional and keyword arguments, `super()` in a classmethod and
//! `super(C, cls).who("q")` (the class's own super object, whose functions
//! stay unbound: the plain path), a staticmethod and a
//! property found through `super`, the two-argument forms starting past
//! other classes, an instance attribute that `super` does not see, native
//! methods of a `list` subclass through `super()` (the plain path, bound),
//! a `super` attribute taken without calling it (a bound method), missing
//! names and a `super(A, d)` past the last class that defines the name,
//! and a loop calling the base's method twice per iteration.
//!
//! Not here: `super().__repr__()` in a `list` or `dict` subclass, which
//! finds `object.__repr__` (the built-in containers' `repr` is not in
//! their class namespaces: a named gap, see `docs/language-audit.md`).

mod eras;

const SUPER_METHODS: &str = r#"class A:
    def who(self, tag="a"):
        return "A:" + tag
    @classmethod
    def make(cls):
        return "make " + cls.__name__
    @staticmethod
    def plain(x):
        return x * 2
    @property
    def prop(self):
        return "prop of " + type(self).__name__
class B(A):
    def who(self, tag="b"):
        return "B>" + super().who(tag=tag)
class C(A):
    def who(self, tag="c"):
        return "C>" + super().who(tag)
class D(B, C):
    def who(self, tag="d"):
        return "D>" + super().who(tag)
    @classmethod
    def make(cls):
        return "D " + super().make()
    @classmethod
    def raw(cls):
        return super(C, cls).who("q")
    def all(self):
        return [super().plain(4), super().prop, super(B, self).who(), super(C, self).who("x")]
d = D()
print(d.who(), D.make(), D.raw(), d.all(), [c.__name__ for c in D.__mro__])
d.who = lambda: "instance attribute"
print(d.who(), super(D, d).who())
class Stack(list):
    def push(self, x):
        super().append(x)
        return super().__len__()
    def total(self):
        return sum(super().__iter__())
s = Stack()
print(s.push(1), s.push(2), s, s.total())
m = super(D, d).who
print(m(), type(m).__name__)
for bad in [lambda: super(D, d).missing(), lambda: super(D, d).missing, lambda: super(A, d).who.__name__]:
    try:
        print(bad())
    except AttributeError as err:
        print("AttributeError", err)
class Counter:
    def __init__(self):
        self.n = 0
    def bump(self):
        self.n += 1
class Loop(Counter):
    def bump(self):
        super().bump()
        super().bump()
l = Loop()
for _ in range(1000):
    l.bump()
print(l.n)
"#;

/// What python3 3.11 prints for [`SUPER_METHODS`].
const SUPER_METHODS_SAY: &str =
    "D>B>C>A:d D make D A:a [8, 'prop of D', 'C>A:c', 'A:x'] ['D', 'B', 'C', 'A', 'object']\n\
instance attribute B>C>A:b\n\
1 2 [1, 2] 3\n\
B>C>A:b method\n\
AttributeError 'super' object has no attribute 'missing'\n\
AttributeError 'super' object has no attribute 'missing'\n\
AttributeError 'super' object has no attribute 'who'\n\
2000\n\
";

#[test]
fn methods_through_super_print_what_python_prints() {
    eras::assert_prints("super_methods.py", SUPER_METHODS, SUPER_METHODS_SAY);
}
