//! A classmethod called on its class (`Strength.stronger(a, b)`, and
//! `cls.stronger(a, b)` inside another) pushed as its function and the
//! class by `LOAD_METHOD`'s cache (fact 7 of `object/attr_site.rs`,
//! `vm/attr_cache.rs`), and every way it falls back, with Python's answers
//! (the expected text is what `python3` 3.11 prints for the same program)
//! under every GIL era: one call site seeing the class, its instances, a
//! subclass and its instances and a subclass overriding the classmethod in
//! turn (the flipped-version key keeps the class's and the instances' ways
//! apart: with the plain version an instance is passed as `cls`); the
//! classmethod replaced by another, by a staticmethod on the subclass,
//! deleted and replaced by a plain function mid-loop; classmethods of
//! built-ins (`classmethod(len)`, `classmethod(type)`), never cached; and
//! the call's errors (too few, too many, keywords, a plain method called
//! on the class, a missing name), each twice so the second runs after the
//! site was filled.

mod eras;

const CLASSMETHOD_CALLS: &str = r#"class Strength:
    def __init__(self, v):
        self.v = v

    @classmethod
    def stronger(cls, a, b):
        return a.v < b.v

    @classmethod
    def weakest_of(cls, a, b):
        if cls.stronger(a, b):
            return b
        return a

    @classmethod
    def who(cls, *rest):
        return cls.__name__ + str(len(rest))

    def plain(self):
        return "plain"


class Sub(Strength):
    pass


class Own(Strength):
    @classmethod
    def who(cls, *rest):
        return "Own:" + cls.__name__


def loop(n):
    a, b = Strength(1), Strength(2)
    wins = 0
    for i in range(n):
        if Strength.stronger(a, b):
            wins += 1
        if Strength.weakest_of(b, a) is a:
            wins += 1
    return wins


print(loop(300))


def mixed():
    out = []
    for x in (Strength, Strength(0), Sub, Sub(0), Own, Own(0), Strength, Sub(0), Sub):
        out.append(x.who())
        out.append(x.who(1, 2))
    return out


print(mixed())


def changing():
    out = []
    for i in range(8):
        out.append(Sub.who(i))
        if i == 1:
            Strength.who = classmethod(lambda cls, *r: "lambda:" + cls.__name__)
        if i == 3:
            Sub.who = staticmethod(lambda *r: "static" + str(r))
        if i == 5:
            del Sub.who
            Strength.who = lambda *r: "function" + str(len(r))
    return out


print(changing())


def unusual():
    out = []

    class Odd:
        size = classmethod(len)
        name = classmethod(type)
        def __len__(self):
            return 3

    for i in range(2):
        try:
            out.append(Odd.size())
        except TypeError as e:
            out.append("TypeError " + str(e))
        out.append(Odd.name().__name__)
    return out


print(unusual())


def errors():
    out = []
    for call in (lambda: Strength.stronger(1), lambda: Strength.stronger(1, 2, 3),
                 lambda: Strength.stronger(a=1, b=2), lambda: Strength.plain(),
                 lambda: Strength.nothing()):
        for i in range(2):
            try:
                out.append(call())
            except (TypeError, AttributeError) as e:
                out.append(type(e).__name__ + " " + str(e))
    return out


for line in errors():
    print(line)
"#;

const CLASSMETHOD_CALLS_WANT: &str = r#"300
['Strength0', 'Strength2', 'Strength0', 'Strength2', 'Sub0', 'Sub2', 'Sub0', 'Sub2', 'Own:Own', 'Own:Own', 'Own:Own', 'Own:Own', 'Strength0', 'Strength2', 'Sub0', 'Sub2', 'Sub0', 'Sub2']
['Sub1', 'Sub1', 'lambda:Sub', 'lambda:Sub', 'static(4,)', 'static(5,)', 'function1', 'function1']
["TypeError object of type 'type' has no len()", 'type', "TypeError object of type 'type' has no len()", 'type']
TypeError Strength.stronger() missing 1 required positional argument: 'b'
TypeError Strength.stronger() missing 1 required positional argument: 'b'
TypeError Strength.stronger() takes 3 positional arguments but 4 were given
TypeError Strength.stronger() takes 3 positional arguments but 4 were given
AttributeError 'int' object has no attribute 'v'
AttributeError 'int' object has no attribute 'v'
TypeError Strength.plain() missing 1 required positional argument: 'self'
TypeError Strength.plain() missing 1 required positional argument: 'self'
AttributeError type object 'Strength' has no attribute 'nothing'
AttributeError type object 'Strength' has no attribute 'nothing'
"#;

#[test]
fn classmethods_called_on_their_class_bind_it_and_fall_back_with_python_results() {
    eras::assert_prints(
        "classmethod_calls.py",
        CLASSMETHOD_CALLS,
        CLASSMETHOD_CALLS_WANT,
    );
}
