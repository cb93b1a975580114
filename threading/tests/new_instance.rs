//! Making plain instances and filling their `__dict__` through the cached
//! attribute stores and their fallbacks (`vm/attr_cache.rs`,
//! `object/instance.rs`: the inline cache's position hint, the names
//! summary that lets a cached `LOAD_METHOD` skip the dict), under every GIL
//! mode, against what `python3` 3.11 prints: instances of one class that
//! get different attribute sets and orders; attributes deleted and stored
//! again; a `__dict__` read, written through, cleared and updated before
//! `self.x = v`; a name built at run time by `setattr` and then stored by
//! its interned twin; 70 attributes (past the summary's bits, so names
//! share them); a ten-attribute class that deletes and re-adds one;
//! subclass instances whose `__init__` chains to the base's; `__slots__`
//! classes with and without a `__dict__`; an instance attribute shadowing
//! a cached method; two threads making instances of one class and storing
//! the same new names on one shared object (one key each, never two, in
//! the no-GIL mode too).
//!
//! Not here: assigning `obj.__dict__ = {...}`, which MiniPy does not
//! implement as Python does (it stores a `__dict__` key instead: a named
//! gap).

mod eras;

const PROGRAM: &str = r#"import threading

class V:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

for i in range(3):
    v = V(i, i + 1, i + 2)
print(vars(v), v.x + v.y + v.z)

class Shape:
    def __init__(self, kind):
        if kind == 0:
            self.a = 1
            self.b = 2
        elif kind == 1:
            self.b = 3
            self.a = 4
            self.c = 5
        else:
            self.c = 6
        self.a = 7

print([list(vars(Shape(k)).items()) for k in (0, 1, 2, 0, 1, 2)])

class Re:
    def __init__(self):
        self.p = 1
        self.q = 2

r = Re()
del r.p
r.p = 3
del r.q
r.q = 4
r.q = 5
print(vars(r), r.p, r.q)
for _ in range(3):
    r2 = Re()
    del r2.p
    r2.p = 9
print(vars(r2))

class Esc:
    def __init__(self):
        self.m = 1

e = Esc()
d = e.__dict__
d["n"] = 2
e.n = 3
e.o = 4
print(vars(e), d is vars(e), len(d))
vars(e)["m"] = 10
e.m = 11
print(e.__dict__)
e.__dict__.clear()
e.m = 12
print(vars(e))
e2 = Esc()
e2.__dict__.update({"z": 1, "m": 2})
e2.z = 5
e2.m = 6
print(vars(e2))
e3 = Esc()
e3.w = 2
e3.m = 3
print(vars(e3), e3.w)
setattr(e3, "".join(["m", ""]), 30)
e3.m = 31
print(vars(e3))

class Many:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "a" + str(i), i)
        self.last = n

for n in (2, 20, 70, 3, 70):
    m = Many(n)
    m.a0 = -1
    m.last = -n
print(len(vars(m)), m.a0, m.a69, m.last, sum(vars(m).values()))

class Grow:
    def __init__(self):
        self.f1 = 1
        self.f2 = 2
        self.f3 = 3
        self.f4 = 4
        self.f5 = 5
        self.f6 = 6
        self.f7 = 7
        self.f8 = 8
        self.f9 = 9
        self.f10 = 10

for _ in range(3):
    g = Grow()
    g.f11 = 11
    del g.f1
    g.f1 = 1
print(list(vars(g).items()), g.f5)

class Base:
    def __init__(self):
        self.x = 1

class Sub(Base):
    def __init__(self):
        super().__init__()
        self.y = 2
        self.x = 3

for _ in range(3):
    s = Sub()
    b = Base()
print(vars(s), vars(b), type(s).__name__)

class Sl:
    __slots__ = ("u", "v")
    def __init__(self):
        self.u = 1
        self.v = 2

class SlD(Sl):
    def __init__(self):
        super().__init__()
        self.w = 3

for _ in range(3):
    sl = Sl()
    sd = SlD()
try:
    sl.w = 1
except AttributeError as err:
    print("AttributeError", err)
print(sl.u, sl.v, sd.u, sd.v, vars(sd))

class Meth:
    def go(self):
        return "method"
    def __init__(self):
        self.k = 1

mm = Meth()
print(mm.go())
mm.go = lambda: "shadow"
print(mm.go())

class Shared:
    pass

made = []
shared = Shared()
def work(t):
    local = []
    for i in range(200):
        v = V(t, i, 0)
        local.append(v.y)
        setattr(shared, "s" + str(i % 5), i)
        shared.common = i
    made.append(sum(local))

ts = [threading.Thread(target=work, args=(t,)) for t in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(made), sorted(vars(shared)), len(vars(shared)))
"#;

/// What python3 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = "{'x': 2, 'y': 3, 'z': 4} 9\n\
[[('a', 7), ('b', 2)], [('b', 3), ('a', 7), ('c', 5)], [('c', 6), ('a', 7)], [('a', 7), ('b', 2)], [('b', 3), ('a', 7), ('c', 5)], [('c', 6), ('a', 7)]]\n\
{'p': 3, 'q': 5} 3 5\n\
{'q': 2, 'p': 9}\n\
{'m': 1, 'n': 3, 'o': 4} True 3\n\
{'m': 11, 'n': 3, 'o': 4}\n\
{'m': 12}\n\
{'m': 6, 'z': 5}\n\
{'m': 3, 'w': 2} 2\n\
{'m': 31, 'w': 2}\n\
71 -1 69 -70 2344\n\
[('f2', 2), ('f3', 3), ('f4', 4), ('f5', 5), ('f6', 6), ('f7', 7), ('f8', 8), ('f9', 9), ('f10', 10), ('f11', 11), ('f1', 1)] 5\n\
{'x': 3, 'y': 2} {'x': 1} Sub\n\
AttributeError 'Sl' object has no attribute 'w'\n\
1 2 1 2 {'w': 3}\n\
method\n\
shadow\n\
[19900, 19900] ['common', 's0', 's1', 's2', 's3', 's4'] 6\n\
";

#[test]
fn new_instances_fill_their_dicts_as_python_shows_them_in_every_mode() {
    eras::assert_prints("new_instance.py", PROGRAM, PYTHON_SAYS);
}
