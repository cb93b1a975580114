//! When an instance has a `__dict__` (`object/instance.rs`,
//! `object/instance_attrs.rs`): a plain object, an exception and an
//! instance of a built-in subclass keep their attributes as values until
//! `vars()` or `__dict__` asks for the dict, which is then theirs for
//! good; a `__slots__`-only class never has one; and the boxed payloads of
//! `list`/`dict` subclasses and exceptions. Under every GIL mode, against what `python3`
//! 3.11 prints: `vars()` of a fresh plain object is an empty dict that is
//! its `__dict__`; attributes stored on a built-in exception, on one being
//! handled and on an `Exception` subclass; a `list` and a `dict` subclass
//! with attributes beside their items; a slots-only class has no
//! `__dict__`.

mod eras;

const PROGRAM: &str = r#"class P:
    pass
p = P()
print(vars(p), p.__dict__ is vars(p))
p.a = 1
print(vars(p))
e = ValueError("bad")
e.note = "added"
print(e.note, vars(e), e.args)
try:
    raise KeyError("k")
except KeyError as k:
    k.extra = 5
    print(k.extra, sorted(vars(k)))
class L(list):
    pass
l = L([1, 2])
l.tag = "t"
print(l, l.tag, vars(l), len(l))
class S:
    __slots__ = ("x",)
s = S()
s.x = 3
try:
    s.__dict__
except AttributeError as err:
    print("AttributeError", err)
class D(dict):
    pass
d = D(a=1)
d.meta = 2
print(d, d.meta, vars(d))
class Big(Exception):
    def __init__(self, n):
        super().__init__(n)
        self.n = n
b = Big(7)
print(b.n, b.args, vars(b))
"#;

/// What python3 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = "{} True\n\
{'a': 1}\n\
added {'note': 'added'} ('bad',)\n\
5 ['extra']\n\
[1, 2] t {'tag': 't'} 2\n\
AttributeError 'S' object has no attribute '__dict__'\n\
{'a': 1} 2 {'meta': 2}\n\
7 (7,) {'n': 7}\n\
";

#[test]
fn instance_dicts_are_made_as_python_shows_them_in_every_mode() {
    eras::assert_prints("instance_dict.py", PROGRAM, PYTHON_SAYS);
}
