//! Instance attributes read in place (`vm/attr_cache.rs`,
//! `replace_top_with_instance_value` and `store_instance_value`;
//! `vm/local_attr.rs`, `store_fast_local_attr`): `a.b.c` replaces the
//! object on the stack with its attribute, and `x = b.v` clones the
//! attribute from the dict straight into `x`'s slot. Each fast path's
//! fallbacks, under every GIL mode, against what `python3` 3.11 prints: a
//! `__slots__` instance and a deleted attribute in the middle of a chain,
//! a dict entry replaced through `__dict__`, an attribute rebound, deleted
//! (the class attribute then answers) and rebound mid-loop, `b = b.v`
//! (one slot both read and written), an attribute rebound to an int
//! after its read, and a bound native stored and replaced.

mod eras;

const IN_PLACE: &str = r#"class Box:
    def __init__(self, v):
        self.v = v
        self.inner = None

class Slotted:
    __slots__ = ("v",)
    def __init__(self, v):
        self.v = v

def chain(boxes):
    out = []
    for b in boxes:
        try:
            out.append(b.inner.v)
        except AttributeError as e:
            out.append(str(e))
    return out

outer = [Box(i) for i in range(6)]
for i, b in enumerate(outer):
    b.inner = Box(i * 10) if i != 3 else Slotted(30)
del outer[4].inner.v
outer[5].inner.__dict__["v"] = "fresh"
print(chain(outer))

def reads(b, n):
    seen = []
    for i in range(n):
        if i == 2:
            b.v = [i]
        if i == 3:
            del b.v
            Box.v = "class attribute"
        if i == 4:
            b.v = {"k": i}
        x = b.v
        seen.append(x)
    return seen

print(reads(Box(1), 6))
Box.v = None
del Box.v

def same_slot(b):
    b = b.inner
    b = b.v
    return b

print(same_slot(outer[0]), same_slot(outer[2]))

def shrink(b):
    keep = []
    for i in range(4):
        x = b.inner
        b.inner = i
        keep.append(x if isinstance(x, int) else type(x).__name__)
    return keep

print(shrink(Box(0)))

class WithMethod:
    def __init__(self):
        self.f = len
    def g(self):
        return 1

def unbound_then_bound():
    w = WithMethod()
    res = []
    for i in range(3):
        h = w.f
        res.append(h("abc"))
        if i == 1:
            w.f = str.upper
            res.append(w.f("x"))
    return res

print(unbound_then_bound())
try:
    y = undefined_local_later.v
except NameError as e:
    print(e)
"#;

/// `python3` 3.11's output for `IN_PLACE`.
const IN_PLACE_SAY: &str = r#"[0, 10, 20, 30, "'Box' object has no attribute 'v'", 'fresh']
[1, 1, [2], 'class attribute', {'k': 4}, {'k': 4}]
0 20
['NoneType', 0, 1, 2]
[3, 3, 'X', 'ABC']
name 'undefined_local_later' is not defined
"#;

#[test]
fn attributes_read_in_place_print_what_python_prints() {
    eras::assert_prints("attr_in_place.py", IN_PLACE, IN_PLACE_SAY);
}
