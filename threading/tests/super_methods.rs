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
//! And the built-in types' own `__repr__` (`builtins/builtin_reprs.rs`):
//! `super().__repr__()` in `list`, `dict`, `set`, `tuple` and `frozenset`
//! subclasses, `int.__repr__(True)` against `bool.__repr__(True)`, the
//! slot wrappers' TypeError for a wrong receiver, and containers holding
//! themselves (`[...]`, `{...}`) printed by `repr` and by `list.__repr__`.
//! (These found `object.__repr__` before: `<__main__.L object at ...>`.)

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

const BUILTIN_REPRS: &str = r#"class L(list):
    def __repr__(self):
        return "L" + super().__repr__()
class D(dict):
    def __repr__(self):
        return "D" + dict.__repr__(self)
class S(set):
    def __repr__(self):
        return "S:" + super().__repr__()
class T(tuple):
    def __repr__(self):
        return "T:" + super().__repr__()
class F(frozenset):
    def __repr__(self):
        return "F:" + super().__repr__()
print(repr(L([1, 2])), repr(D(a=L([3]))), repr(S([1])), repr(T((1, 2))), repr(F()))
print(list.__repr__([1, 'a']), dict.__repr__({1: 2}), tuple.__repr__((1,)), set.__repr__({3}))
print(int.__repr__(True), bool.__repr__(True), float.__repr__(2.0), str.__repr__('a'), bytes.__repr__(b'x'))
for f, a in [(list.__repr__, (1,)), (int.__repr__, 'x'), (dict.__repr__, [1]), (tuple.__repr__, S())]:
    try:
        f(a)
    except TypeError as e:
        print(e)
class P(list):
    pass
class Q(dict):
    pass
x = P([1])
x.append(x)
q = Q(a=1)
q['me'] = q
print(repr(x), list.__repr__(x), repr(q), str(P([2])), object.__repr__([1])[:13])
"#;

/// What python3 3.11 prints for [`BUILTIN_REPRS`].
const BUILTIN_REPRS_SAY: &str = "L[1, 2] D{'a': L[3]} S:S({1}) T:(1, 2) F:F()\n\
[1, 'a'] {1: 2} (1,) {3}\n\
1 True 2.0 'a' b'x'\n\
descriptor '__repr__' requires a 'list' object but received a 'tuple'\n\
descriptor '__repr__' requires a 'int' object but received a 'str'\n\
descriptor '__repr__' requires a 'dict' object but received a 'list'\n\
descriptor '__repr__' requires a 'tuple' object but received a 'S'\n\
[1, [...]] [1, [...]] {'a': 1, 'me': {...}} [2] <list object \n\
";

#[test]
fn the_builtin_types_own_reprs_print_what_python_prints() {
    eras::assert_prints("builtin_reprs.py", BUILTIN_REPRS, BUILTIN_REPRS_SAY);
}
