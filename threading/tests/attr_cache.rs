//! The fallbacks of the attribute inline caches (`vm/attr_cache.rs`,
//! `object/attr_site.rs`): each program drives a cached `LOAD_ATTR`,
//! `STORE_ATTR` or `LOAD_METHOD` into the case where its cache no longer
//! applies and checks that the answers are Python's. The expected text is
//! what `python3` 3.11 prints for the same program. Each runs under the
//! 3.9 preset (plain instructions, no caches), 3.12 (cached) and 3.13t
//! (cached, no GIL: the sites are shared by racing threads).

mod eras;

/// Asserts that `src` prints `want` and exits 0 under every preset.
fn assert_prints(src: &str, want: &str) {
    eras::assert_prints("attr_cache.py", src, want)
}

/// A data descriptor added and removed mid-loop, a plain class attribute, a
/// descriptor whose own class gains `__set__`, the attribute deleted, then
/// `__getattr__`, `__getattribute__` and `__setattr__` defined later.
const LAYOUT: &str = r#"# LOAD_ATTR / STORE_ATTR sites whose class changes under them.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def read(p):
    return p.x


def write(p, v):
    p.x = v


out = []
p = Point(1, 2)
for i in range(12):
    if i == 3:
        # A data descriptor now wins over the instance dict.
        Point.x = property(lambda self: "prop", lambda self, v: out.append(("set", v)))
    if i == 6:
        del Point.x
    if i == 9:
        # A plain class attribute: the instance dict still wins.
        Point.x = "class"
    write(p, i)
    out.append(read(p))
print(out)

# A descriptor whose own class becomes a data descriptor later.
class Getter:
    def __get__(self, obj, owner):
        return "getter"


class Holder:
    d = Getter()


h = Holder()
h.__dict__["d"] = "dict"
seen = []
for i in range(6):
    if i == 3:
        Getter.__set__ = lambda self, obj, v: None
    seen.append(h.d)
print(seen)

# The attribute deleted mid-loop, then __getattr__ and __getattribute__
# defined later.
class Late:
    pass


obj = Late()
obj.a = 1
got = []
for i in range(10):
    if i == 2:
        del obj.a
    if i == 4:
        Late.__getattr__ = lambda self, name: "missing " + name
    if i == 6:
        obj.a = 7
    if i == 8:
        Late.__getattribute__ = lambda self, name: "always " + name
    try:
        got.append(obj.a)
    except AttributeError as e:
        got.append(str(e))
print(got)

# __setattr__ defined later.
class Logged:
    pass


log = []
o = Logged()
for i in range(6):
    if i == 3:
        Logged.__setattr__ = lambda self, name, v: log.append((name, v))
    o.v = i
print(log, o.v)
"#;

const LAYOUT_WANT: &str = r#"[0, 1, 2, ('set', 3), 'prop', ('set', 4), 'prop', ('set', 5), 'prop', 6, 7, 8, 9, 10, 11]
['dict', 'dict', 'dict', 'getter', 'getter', 'getter']
[1, 1, "'Late' object has no attribute 'a'", "'Late' object has no attribute 'a'", 'missing a', 'missing a', 7, 7, 'always a', 'always a']
[('v', 3), ('v', 4), ('v', 5)] 2
"#;

#[test]
fn class_layout_changes_under_load_and_store_sites() {
    assert_prints(LAYOUT, LAYOUT_WANT);
}

/// One site over instances whose dicts hold the name at different
/// positions, a dict cleared and refilled in another order, a key stored
/// through `vars()` or under a non-interned name, two classes alternating
/// more times than a site refills.
const HINTS: &str = r#"# One site, many instance layouts: the cached dict position is a hint.
class A:
    def __init__(self, order):
        for name in order:
            setattr(self, name, name.upper())


objs = [A("xyz"), A("zyx"), A("yxz"), A("x"), A("abcdefghijx")]
res = []
for round in range(40):
    for o in objs:
        res.append(o.x)
        o.x = o.x.lower() if round % 2 else o.x.upper()
print("".join(res))

# A dict emptied and refilled in another order; a key stored through
# vars() and under a name built at run time (not the interned one).
b = A("xy")
b.__dict__.clear()
b.y = 1
b.x = 2
vars(b)["x"] = 3
print(b.x, b.y)
name = "".join(["x"])
setattr(b, name, 4)
print(b.x)
delattr(b, name)
b.x = 5
print(b.x, vars(b))

# Two classes alternating at one site, more times than a site refills.
class P:
    def __init__(self):
        self.v = "p"


class Q:
    def __init__(self):
        self.w = 0
        self.v = "q"


tally = {}
for i in range(200):
    o = P() if i % 3 else Q()
    tally[o.v] = tally.get(o.v, 0) + 1
    o.v = o.v + "!"
print(sorted(tally.items()))
"#;

const HINTS_WANT: &str = r#"XXXXXXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXXxxxxxXXXXX
3 1
4
5 {'y': 1, 'x': 5}
[('p', 133), ('q', 67)]
"#;

#[test]
fn dict_position_hints_that_stop_matching() {
    assert_prints(HINTS, HINTS_WANT);
}

/// A method shadowed by an instance attribute and unshadowed, replaced on
/// the class, overridden in a subclass; built-in receivers at the same
/// site.
const METHODS: &str = r#"# LOAD_METHOD sites: a method shadowed by an instance attribute, replaced
# on the class, and the receivers' class changing.
class C:
    def m(self):
        return "C.m"


class D(C):
    pass


c = C()
calls = []
for i in range(10):
    if i == 2:
        c.m = lambda: "instance"
    if i == 4:
        del c.m
    if i == 6:
        C.m = lambda self: "patched"
    if i == 8:
        D.m = lambda self: "D.m"
    calls.append(c.m())
    calls.append(D().m())
print(calls)

# Built-in receivers share the site with instances.
items = [[1], "ab", C(), (1, 2), {"k": 1}]
for x in items * 2:
    try:
        print(type(x).__name__, x.count(1))
    except (AttributeError, TypeError) as e:
        print(type(x).__name__, type(e).__name__)


class Box(list):
    def count(self, v):
        return "overridden"


print(Box([1, 1]).count(1), [1, 1].count(1))
"#;

const METHODS_WANT: &str = r#"['C.m', 'C.m', 'C.m', 'C.m', 'instance', 'C.m', 'instance', 'C.m', 'C.m', 'C.m', 'C.m', 'C.m', 'patched', 'patched', 'patched', 'patched', 'patched', 'D.m', 'patched', 'D.m']
list 1
str TypeError
C AttributeError
tuple 1
dict AttributeError
list 1
str TypeError
C AttributeError
tuple 1
dict AttributeError
overridden 2
"#;

#[test]
fn load_method_sites_whose_method_changes() {
    assert_prints(METHODS, METHODS_WANT);
}

/// `__slots__` attributes unset, deleted, shadowed by a property added to
/// the class; inherited slots; a subclass with a `__dict__` too.
const SLOTS: &str = r#"# __slots__ attributes: unset, deleted, shadowed by a property added later.
class S:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1


s = S()
out = []
for i in range(10):
    if i == 2:
        s.b = 5
    if i == 4:
        del s.a
    if i == 6:
        s.a = 9
    if i == 8:
        S.a = property(lambda self: "prop")
    try:
        out.append((s.a, s.b))
    except AttributeError as e:
        out.append(str(e))
print(out)


class T(S):
    __slots__ = ("c",)

    def __init__(self):
        self.c = 3
        self.b = 4


t = T()
for i in range(3):
    t.c = t.c + t.b
print(t.c, t.b)


class S2:
    __slots__ = ("a", "b")


class WithDict(S2):
    pass


w = WithDict()
w.extra = 1
w.b = 2
print(w.b, w.extra, w.__dict__)
"#;

const SLOTS_WANT: &str = r#"["'S' object has no attribute 'b'", "'S' object has no attribute 'b'", (1, 5), (1, 5), "'S' object has no attribute 'a'", "'S' object has no attribute 'a'", (9, 5), (9, 5), ('prop', 5), ('prop', 5)]
15 4
2 1 {'extra': 1}
"#;

#[test]
fn slot_sites_unset_deleted_and_shadowed() {
    assert_prints(SLOTS, SLOTS_WANT);
}

/// Four threads run the same sites on two classes (dict and `__slots__`
/// layouts) at once.
const THREADS: &str = r#"# Threads share the code objects (and so the sites) but not the objects:
# each site sees two classes, a dict layout and a slots layout, at once.
import threading


class A:
    def __init__(self):
        self.n = 0
        self.tag = "a"

    def bump(self):
        self.n += 1


class B:
    __slots__ = ("tag", "n")

    def __init__(self):
        self.tag = "b"
        self.n = 0

    def bump(self):
        self.n += 1


def work(cls, out, k):
    objs = [cls() for _ in range(4)]
    for i in range(3000):
        o = objs[i % 4]
        o.n = o.n + 1
        o.bump()
    out[k] = (sum(o.n for o in objs), objs[0].tag)


out = {}
ts = [threading.Thread(target=work, args=(A if k % 2 else B, out, k)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(out.items()))
"#;

const THREADS_WANT: &str = r#"[(0, (6000, 'b')), (1, (6000, 'a')), (2, (6000, 'b')), (3, (6000, 'a'))]
"#;

#[test]
fn threads_share_sites_with_different_classes() {
    assert_prints(THREADS, THREADS_WANT);
}

/// More receiver classes at one site than it has ways (`attr_site::WAYS`),
/// sharing a layout or not (`__slots__`), one class's method patched
/// halfway.
const POLY: &str = r#"# More receiver classes at one site than it has ways, some sharing a
# layout, one changing its method halfway.
class Base:
    def __init__(self, k):
        self.k = k
        self.hits = 0

    def name(self):
        return "base"


classes = [Base]
for i in range(6):
    classes.append(type("C%d" % i, (Base,), {"name": (lambda i: lambda self: "c%d" % i)(i)}))


class Other:
    __slots__ = ("k", "hits")

    def __init__(self, k):
        self.k = k
        self.hits = 0

    def name(self):
        return "other"


classes.append(Other)
objs = [cls(n) for n, cls in enumerate(classes)]
names = []
for round in range(60):
    if round == 30:
        classes[3].name = lambda self: "patched"
    for o in objs:
        o.hits = o.hits + o.k
        names.append(o.name())
print([o.hits for o in objs])
print(names[:8], names[-8:], len(set(names)))
"#;

const POLY_WANT: &str = r#"[0, 60, 120, 180, 240, 300, 360, 420]
['base', 'c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'other'] ['base', 'c0', 'c1', 'patched', 'c3', 'c4', 'c5', 'other'] 9
"#;

#[test]
fn polymorphic_sites_beyond_their_ways() {
    assert_prints(POLY, POLY_WANT);
}

/// A method shadowed through every way into the instance dict (attribute
/// store, `setattr` with a name built at run time, `__dict__[...]`,
/// `vars(...).update`, `object.__setattr__`), then unshadowed: the cached
/// `LOAD_METHOD` may skip the dict probe only while the instance's names
/// summary (`Instance::may_hold`) rules the name out.
const SHADOW: &str = r#"# A method shadowed through each way into the instance dict: the cached
# LOAD_METHOD skips the dict only while no store could have put the name
# there.
class K:
    def m(self):
        return "K.m"

    def other(self):
        return "other"


def call_all(objs):
    return [o.m() for o in objs]


ways = [K() for _ in range(6)]
print(call_all(ways))
ways[0].m = lambda: "attr"
setattr(ways[1], "".join(["m"]), lambda: "setattr, built name")
ways[2].__dict__["m"] = lambda: "__dict__"
vars(ways[3]).update(m=lambda: "vars")
object.__setattr__(ways[4], "m", lambda: "object.__setattr__")
ways[5].unrelated = 1
print(call_all(ways))
for o in ways[:5]:
    del o.m
print(call_all(ways), ways[0].other())
"#;

const SHADOW_WANT: &str = r#"['K.m', 'K.m', 'K.m', 'K.m', 'K.m', 'K.m']
['attr', 'setattr, built name', '__dict__', 'vars', 'object.__setattr__', 'K.m']
['K.m', 'K.m', 'K.m', 'K.m', 'K.m', 'K.m'] other
"#;

#[test]
fn methods_shadowed_through_each_way_into_the_dict() {
    assert_prints(SHADOW, SHADOW_WANT);
}

/// Binary special methods called through the class
/// (`ThreadCtx::call_special_1`): a plain function (called unbound, the
/// fast path), an `__add__` in the instance dict (ignored), a
/// staticmethod, a classmethod, a callable instance, `NotImplemented`,
/// a reflected method deleted.
const DUNDERS: &str = r#"# Binary special methods called through the class: a plain function (the
# unbound fast path), then each other kind of class attribute.
class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        return V(self.x + (other.x if isinstance(other, V) else other))

    def __radd__(self, other):
        return V(other + self.x)

    def __repr__(self):
        return "V(%r)" % self.x


class Adder:
    def __call__(self, a, b):
        return "callable instance"


v = V(1)
v.__add__ = lambda other: "instance dict is not consulted"
out = [v + 2, 3 + v, v + V(4)]
V.__add__ = staticmethod(lambda b: "static %r" % b)
out.append(v + 1)
V.__add__ = classmethod(lambda cls, b: "classmethod " + cls.__name__)
out.append(v + 1)
V.__add__ = Adder()
try:
    out.append(v + 1)
except TypeError as e:
    out.append(type(e).__name__)
V.__add__ = lambda self, other: NotImplemented
out.append(5 + v)
del V.__radd__
try:
    5 + v
except TypeError as e:
    out.append(str(e))
print(out)
"#;

const DUNDERS_WANT: &str = r#"[V(3), V(4), V(5), 'static 1', 'classmethod V', 'TypeError', V(6), "unsupported operand type(s) for +: 'int' and 'V'"]
"#;

#[test]
fn binary_special_methods_of_every_kind() {
    assert_prints(DUNDERS, DUNDERS_WANT);
}

/// `LOAD_ATTR` on classes (fact 5): a class attribute replaced, shadowed
/// in a subclass, a cached value whose own class gains and loses `__get__`
/// (with and without the holder class changing), staticmethods,
/// classmethods, functions, nested classes and `__name__` (not cached).
const CLASS_ATTRS: &str = r#"# LOAD_ATTR on classes: the class's own attribute cached by version.
class Strength:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "S%d" % self.n


Strength.REQUIRED = Strength(0)
Strength.WEAK = Strength(9)


class Sub(Strength):
    pass


def read(cls):
    return [cls.REQUIRED, cls.WEAK, cls.__name__]


out = []
for i in range(10):
    if i == 2:
        Strength.WEAK = Strength(5)
    if i == 4:
        Sub.REQUIRED = "sub's own"
    if i == 6:
        # The cached value's own class becomes a descriptor.
        Strength.__get__ = lambda self, obj, owner: "got " + owner.__name__
    if i == 8:
        del Strength.__get__
    out.append(read(Strength))
    out.append(read(Sub))
print(out)


class K:
    @staticmethod
    def s():
        return "static"

    @classmethod
    def c(cls):
        return "class " + cls.__name__

    def f(self):
        return "f"

    class Inner:
        pass

    count = 0


seen = []
for i in range(4):
    if i == 2:
        K.s = staticmethod(lambda: "static 2")
        K.count = "reset"
    seen.append((K.s(), K.c(), K.f(None), K.Inner.__name__, K.count))
    K.count = K.count + 1 if isinstance(K.count, int) else K.count
print(seen)


class Marker:
    pass


class Consts:
    X = Marker()


def read_x():
    return Consts.X


marks = []
for i in range(6):
    if i == 3:
        # Consts does not change; only the value's class does.
        Marker.__get__ = lambda self, obj, owner: "descriptor now"
    v = read_x()
    marks.append(v if isinstance(v, str) else type(v).__name__)
print(marks)
"#;

const CLASS_ATTRS_WANT: &str = r#"[[S0, S9, 'Strength'], [S0, S9, 'Sub'], [S0, S9, 'Strength'], [S0, S9, 'Sub'], [S0, S5, 'Strength'], [S0, S5, 'Sub'], [S0, S5, 'Strength'], [S0, S5, 'Sub'], [S0, S5, 'Strength'], ["sub's own", S5, 'Sub'], [S0, S5, 'Strength'], ["sub's own", S5, 'Sub'], ['got Strength', 'got Strength', 'Strength'], ["sub's own", 'got Sub', 'Sub'], ['got Strength', 'got Strength', 'Strength'], ["sub's own", 'got Sub', 'Sub'], [S0, S5, 'Strength'], ["sub's own", S5, 'Sub'], [S0, S5, 'Strength'], ["sub's own", S5, 'Sub']]
[('static', 'class K', 'f', 'Inner', 0), ('static', 'class K', 'f', 'Inner', 1), ('static 2', 'class K', 'f', 'Inner', 'reset'), ('static 2', 'class K', 'f', 'Inner', 'reset')]
['Marker', 'Marker', 'Marker', 'descriptor now', 'descriptor now', 'descriptor now']
"#;

#[test]
fn class_attribute_sites_whose_values_change() {
    assert_prints(CLASS_ATTRS, CLASS_ATTRS_WANT);
}

const LOCAL_RECEIVERS: &str = r#"# LOAD_FAST_ATTR_CACHED / STORE_FAST_ATTR_CACHED / LOAD_FAST_METHOD_CACHED:
# the receiver is a local that is rebound to other kinds of object mid-loop, reached by a jump into
# the middle of the fused pair, unbound, or replaced by a store's own value.
import math


class P:
    def __init__(self, x):
        self.x = x


class Q:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x


class Holder:
    x = "class attr"


def read(objs):
    out = []
    for o in objs:
        out.append(o.x if not isinstance(o, type(math)) else o.pi > 3)
    return out


def conditional(p, q, n):
    # `(p if c else q).x`: the LOAD_ATTR is reached from `LOAD_FAST q` (fused)
    # and by a jump from the `p` branch (the unfused op).
    return [(p if i % 2 else q).x for i in range(n)]


def write(objs):
    for i, o in enumerate(objs):
        try:
            o.x = i
        except AttributeError as e:
            o = str(e)
        print(type(o).__name__, getattr(o, "x", o))


def unbound(flag):
    if flag:
        obj = P(1)
    return obj.x


def self_replacing():
    # The stored value drops the last reference to the old value, which
    # held the receiver's only other reference.
    a = P(None)
    a.x = P(a)
    a.x = 5
    return a.x


objs = [P(1), Q(2), Holder, P(3), Holder(), Q(4), math, P("s")]
print(read(objs))
print(read(objs[::-1]))
print(conditional(P("p"), Q("q"), 5))
write([P(0), Q(0), Holder, Holder(), 7, P(0)])
print(unbound(True))
try:
    unbound(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print(self_replacing())
for k in range(3):
    h = Holder if k != 1 else P(k)
    h.x = k * 10
    print(Holder.x, h.x)


class M:
    def m(self):
        return "M.m"


def call_m(objs):
    out = []
    for o in objs:
        try:
            out.append(o.m())
        except (AttributeError, TypeError) as e:
            out.append(type(e).__name__)
    return out


shadowed = M()
shadowed.m = lambda: "instance"
print(call_m([M(), M, shadowed, 5, math, M(), Holder(), M()]))
"#;

const LOCAL_RECEIVERS_WANT: &str = r#"[1, 2, 'class attr', 3, 'class attr', 4, True, 's']
['s', True, 4, 'class attr', 3, 'class attr', 2, 1]
['q', 'p', 'q', 'p', 'q']
P 0
Q 1
type 2
Holder 3
str 'int' object has no attribute 'x'
P 5
1
UnboundLocalError: cannot access local variable 'obj' where it is not associated with a value
5
0 0
0 10
20 20
['M.m', 'TypeError', 'instance', 'AttributeError', 'AttributeError', 'M.m', 'AttributeError', 'M.m']
"#;

/// The fused `LOAD_FAST; LOAD_ATTR` / `LOAD_FAST; STORE_ATTR` /
/// `LOAD_FAST; LOAD_METHOD` pairs (`vm/local_attr.rs`): every miss path, a jump into the covered op, an
/// unbound receiver.
#[test]
fn receivers_borrowed_from_locals() {
    assert_prints(LOCAL_RECEIVERS, LOCAL_RECEIVERS_WANT);
}
