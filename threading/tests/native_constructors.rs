//! Classes whose `__new__` is a native function, instantiated through
//! `vm/invoke.rs` `instantiate` (`call_with_first`: the class or the new
//! instance first, then up to two arguments in an array on the native
//! stack, more in a vector; `object.__init__` recognised by identity),
//! under every GIL mode, against what `python3` 3.11 prints: `super(C,
//! self)` and `super()` (two arguments, none), `reversed` of a list, a
//! range and a tuple, `list` and `dict` subclasses with no, one and keyword
//! arguments, a `tuple` subclass whose Python `__new__` calls the native
//! one, an exception subclass with three arguments (the vector path) and
//! none, a `list` subclass whose Python `__init__` calls the native one,
//! and the errors: `reversed` given 0 or 2 arguments (CPython's
//! `_PyArg_CheckPositional` words) or an int, `object(1)`, a bad `super`.

mod eras;

const CONSTRUCTORS: &str = r#"class Base:
    def greet(self):
        return "base"
class Child(Base):
    def greet(self):
        return "child+" + super(Child, self).greet()
class Grand(Child):
    def greet(self):
        return "grand+" + super().greet()
print(Grand().greet(), [Child().greet() for _ in range(3)])
s = super(Child, Grand())
print(type(s).__name__, s.greet())
print(list(reversed([1, 2, 3])), list(reversed(range(5))), list(reversed((4, 5))))
class Bag(list):
    pass
b = Bag()
b.append(1)
print(b, Bag([1, 2]), Bag(x * 2 for x in range(3)), type(Bag()).__name__)
class Named(dict):
    pass
print(Named(a=1, b=2), Named([("k", 3)], z=4))
print(int("12"), int("ff", 16), float("2.5"), str(b"ok", "ascii"))
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
print(Pair(1, 2), type(Pair(3, 4)).__name__)
class Oops(Exception):
    pass
print(Oops(1, 2, 3).args, Oops(1, 2).args, Oops().args, repr(Oops("x")))
class Loud(list):
    def __init__(self, *items):
        super().__init__(items)
        self.loud = True
print(Loud(1, 2, 3), Loud().loud)
e = ValueError("a", "b", "c")
print(e.args, type(e).__name__, KeyError("k").args)
print(type(3).__name__, type("x") is str)
for bad in [lambda: reversed(), lambda: reversed(1, 2), lambda: reversed(5), lambda: object(1), lambda: super(Child, 3), lambda: int("x")]:
    try:
        bad()
    except (TypeError, ValueError) as err:
        print(type(err).__name__, err)
"#;

/// What python3 3.11 prints for [`CONSTRUCTORS`].
const CONSTRUCTORS_SAY: &str = "grand+child+base ['child+base', 'child+base', 'child+base']\n\
super base\n\
[3, 2, 1] [4, 3, 2, 1, 0] [5, 4]\n\
[1] [1, 2] [0, 2, 4] Bag\n\
{'a': 1, 'b': 2} {'k': 3, 'z': 4}\n\
12 255 2.5 ok\n\
(1, 2) Pair\n\
(1, 2, 3) (1, 2) () Oops('x')\n\
[1, 2, 3] True\n\
('a', 'b', 'c') ValueError ('k',)\n\
int True\n\
TypeError reversed expected 1 argument, got 0\n\
TypeError reversed expected 1 argument, got 2\n\
TypeError 'int' object is not reversible\n\
TypeError object() takes no arguments\n\
TypeError super(type, obj): obj must be an instance or subtype of type\n\
ValueError invalid literal for int() with base 10: 'x'\n\
";

#[test]
fn native_constructors_print_what_python_prints() {
    eras::assert_prints("native_constructors.py", CONSTRUCTORS, CONSTRUCTORS_SAY);
}
