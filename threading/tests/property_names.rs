//! A `property`'s missing-accessor messages name it only when
//! `__set_name__` gave it a name (a property made in a class body, or one
//! whose `__set_name__` is called by hand), and name the object's class by
//! its qualified name, as CPython 3.11 words them: getters, setters and
//! deleters missing on properties defined in the body, assigned to the
//! class later (no name), named by hand, and on a nested class.

mod eras;

const PROGRAM: &str = r#"class Sq:
    @property
    def a(self):
        return 1
    b = property()
    class Inner:
        pass
def getter(self):
    return 2
Sq.c = property(getter)
Sq.d = property(lambda s: 3)
p = property(getter)
p.__set_name__(Sq, "e")
Sq.e = p
Sq.Inner.f = property(getter)
cases = [(Sq(), n) for n in "abcde"] + [(Sq.Inner(), "f")]
for obj, n in cases:
    for act in ("get", "set", "del"):
        try:
            if act == "get":
                getattr(obj, n)
                continue
            elif act == "set":
                setattr(obj, n, 5)
            else:
                delattr(obj, n)
        except AttributeError as e:
            print(n, act, e)
"#;

const SAYS: &str = "a set property 'a' of 'Sq' object has no setter
a del property 'a' of 'Sq' object has no deleter
b get property 'b' of 'Sq' object has no getter
b set property 'b' of 'Sq' object has no setter
b del property 'b' of 'Sq' object has no deleter
c set property of 'Sq' object has no setter
c del property of 'Sq' object has no deleter
d set property of 'Sq' object has no setter
d del property of 'Sq' object has no deleter
e set property 'e' of 'Sq' object has no setter
e del property 'e' of 'Sq' object has no deleter
f set property of 'Sq.Inner' object has no setter
f del property of 'Sq.Inner' object has no deleter
";

#[test]
fn property_messages_name_what_cpython_names() {
    eras::assert_prints("prop.py", PROGRAM, SAYS);
}
