//! `super(C, obj)` and `super()` made by `CALL` itself (`vm/call.rs`,
//! `call_super`) rather than by calling the type, and the plain path for
//! the rest, with Python's answers (the expected text is what `python3`
//! 3.11 prints for the same program) under every GIL era: both forms in
//! `__init__` chains over three classes, in methods and in classmethods
//! (`super(Mid, cls)`), the super object's type, lookup and repr, the
//! errors (argument 1 not a type, `obj` not an instance, three arguments,
//! a keyword, no arguments outside a method), each raised twice, and a
//! local function named `super` (not the type: never the fast path).

mod eras;

const SUPER_CALLS: &str = r#"class Base:
    def __init__(self, tag):
        self.tag = tag
    def who(self):
        return "Base.who " + str(self.tag)
    @classmethod
    def make(cls):
        return "Base.make " + cls.__name__

class Mid(Base):
    def __init__(self, tag):
        super(Mid, self).__init__(tag + 1)
    def who(self):
        return "Mid>" + super().who()
    @classmethod
    def make(cls):
        return "Mid>" + super(Mid, cls).make()

class Leaf(Mid):
    def __init__(self):
        super().__init__(10)
    def who(self):
        return "Leaf>" + super(Leaf, self).who()

def build(n):
    out = []
    for i in range(n):
        leaf = Leaf()
        out.append(leaf.tag)
    return out[-1], len(out), leaf.who(), Leaf.make(), Mid.make()

print(build(50))

def objects():
    l = Leaf()
    s = super(Mid, l)
    out = [type(s).__name__, s.who(), repr(super(Leaf, Leaf))[:20]]
    out.append(super(Leaf, l).__init__ is not None)
    return out

print(objects())

def errors():
    out = []
    cases = [
        lambda: super(1, 2),
        lambda: super(Leaf, 5),
        lambda: super(Leaf, Base()),
        lambda: super(Leaf, Leaf(), 3),
        lambda: super(type=Leaf),
        lambda: super(),
    ]
    for f in cases:
        for i in range(2):
            try:
                out.append(type(f()).__name__)
            except (TypeError, RuntimeError) as e:
                out.append(type(e).__name__ + ": " + str(e))
    return out

for line in errors():
    print(line)

def shadowed():
    def super(*args):
        return "mine" + str(len(args))
    return [super(), super(1, 2), super(Leaf, Leaf())]

print(shadowed())
"#;

const SUPER_CALLS_WANT: &str = r#"(11, 50, 'Leaf>Mid>Base.who 11', 'Mid>Base.make Leaf', 'Mid>Base.make Mid')
['super', 'Base.who 11', "<super: <class 'Leaf", True]
TypeError: super() argument 1 must be a type, not int
TypeError: super() argument 1 must be a type, not int
TypeError: super(type, obj): obj must be an instance or subtype of type
TypeError: super(type, obj): obj must be an instance or subtype of type
TypeError: Base.__init__() missing 1 required positional argument: 'tag'
TypeError: Base.__init__() missing 1 required positional argument: 'tag'
TypeError: super() expected at most 2 arguments, got 3
TypeError: super() expected at most 2 arguments, got 3
TypeError: super() takes no keyword arguments
TypeError: super() takes no keyword arguments
RuntimeError: super(): no arguments
RuntimeError: super(): no arguments
['mine0', 'mine2', 'mine2']
"#;

#[test]
fn super_objects_made_in_place_match_python() {
    eras::assert_prints("super_calls.py", SUPER_CALLS, SUPER_CALLS_WANT);
}
