//! An instance's attributes as values laid out by its class's shared keys
//! (`object/instance_attrs.rs`), and every way out of that layout into a
//! real dict, read and written through the inline caches
//! (`vm/attr_cache.rs`, fact 2 of `object/attr_site.rs`) under every GIL
//! mode, against what `python3` 3.11 prints: instances that store their
//! attributes in the class's order and in another order (whose values
//! become a dict), a deletion and a re-added name (which goes last), stores
//! through `__dict__`, one loop's sites reading and updating instances of
//! both layouts, a cached store at an index past what an instance holds,
//! a name built at run time, more names than the keys hold, a name a
//! later instance adds to the class's keys, a deletion inside a
//! loop whose site keeps reading the name; and four threads making
//! instances of one class whose attributes each stores in its own order,
//! reading and updating them through cached sites.

mod eras;

const LAYOUTS: &str = r#"class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def total(self):
        return self.x + self.y
class Q:
    pass
def read_all(ps):
    s = 0
    for p in ps:
        s += p.x * 10 + p.y
    return s
def bump_all(ps):
    for p in ps:
        p.x += 1
        p.y = p.y * 2
# Same order: values. Then instances that leave the key order.
ps = [P(i, i + 1) for i in range(6)]
q = Q(); q.y = 1; q.x = 2
print(vars(q))
r = P(0, 0)
del r.x
r.x = 9
print(vars(r), r.total())
s = P(3, 4)
s.__dict__["x"] = 30
s.__dict__["w"] = 5
print(vars(s), s.x, s.w)
ps += [r, s]
for _ in range(3):
    print(read_all(ps))
    bump_all(ps)
print([vars(p) for p in ps[-3:]])
# A cached store whose index is past what an instance holds is no append.
def set_y(o, v):
    o.y = v
for p in ps[:3]:
    set_y(p, 7)
e = object.__new__(P)
set_y(e, 8)
print(vars(e), hasattr(e, "x"), e.y)
e.x = 1
print(vars(e), e.total())
# A name built at run time, setattr and getattr.
t = P(1, 2)
name = "".join(["x"])
setattr(t, name, 100)
print(t.x, getattr(t, "y"), vars(t))
# More names than the keys hold.
class Wide:
    pass
w = Wide()
for i in range(40):
    setattr(w, "a%d" % i, i)
print(len(vars(w)), w.a0, w.a29, w.a30, w.a39, list(vars(w))[28:32])
w2 = Wide()
w2.a0 = "first"
print(vars(w2), sorted(dir(w2))[-1])
# A new name appended to a class's keys by a later instance.
u = P(1, 2)
u.z = 3
v = P(4, 5)
v.z = 6
print(vars(u), vars(v), [p.z for p in (u, v)])
# Deleting then re-adding inside a loop that reads through one site.
def cycle(o, n):
    out = []
    for i in range(n):
        out.append(o.y)
        if i == 1:
            del o.y
            o.y = "again"
    return out
print(cycle(P(1, 2), 4))
try:
    del P(1, 2).nope
except AttributeError as e:
    print("AttributeError", e)
"#;

/// What python3 3.11 prints for [`LAYOUTS`].
const LAYOUTS_PYTHON_SAYS: &str = "{'y': 1, 'x': 2}\n\
{'y': 0, 'x': 9} 9\n\
{'x': 30, 'y': 4, 'w': 5} 30 5\n\
565\n\
670\n\
800\n\
[{'x': 8, 'y': 48}, {'y': 0, 'x': 12}, {'x': 33, 'y': 32, 'w': 5}]\n\
{'y': 8} False 8\n\
{'y': 8, 'x': 1} 9\n\
100 2 {'x': 100, 'y': 2}\n\
40 0 29 30 39 ['a28', 'a29', 'a30', 'a31']\n\
{'a0': 'first'} a0\n\
{'x': 1, 'y': 2, 'z': 3} {'x': 4, 'y': 5, 'z': 6} [3, 6]\n\
[2, 2, 'again', 'again']\n\
AttributeError 'P' object has no attribute 'nope'\n\
";

const THREADS: &str = r#"import threading
class Rec:
    def total(self):
        return self.f0 + self.f1 + self.f2 + self.f3 + self.f4
    def bump(self):
        self.f0 += 1
        self.f4 = self.f4 + 1
def work(tid, out):
    names = ["f%d" % ((tid + k) % 5) for k in range(5)]
    bad = 0
    for i in range(300):
        r = Rec()
        for k, n in enumerate(names):
            setattr(r, n, i * 10 + k)
        r.last = i
        if i % 7 == 0:
            r.__dict__["extra"] = i
        want = sum(i * 10 + k for k in range(5))
        if r.total() != want:
            bad += 1
        r.bump()
        if r.total() != want + 2 or r.last != i:
            bad += 1
        if list(vars(r))[:5] != names:
            bad += 1
    out[tid] = bad
out = {}
ts = [threading.Thread(target=work, args=(t, out)) for t in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(out.items()))
"#;

#[test]
fn attributes_read_and_written_through_every_layout_match_python() {
    eras::assert_prints("instance_values.py", LAYOUTS, LAYOUTS_PYTHON_SAYS);
}

#[test]
fn threads_growing_one_class_keys_in_different_orders_lose_nothing() {
    eras::assert_prints(
        "instance_values_threads.py",
        THREADS,
        "[(0, 0), (1, 0), (2, 0), (3, 0)]\n",
    );
}
