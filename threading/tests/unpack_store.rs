//! `a, b, c = t` stored straight into the locals (`vm/unpack_store.rs`,
//! the fused `UNPACK_SEQUENCE n; STORE_FAST × n`) and its fallbacks, under
//! every GIL mode, against what `python3` 3.11 prints for the same program:
//! tuples, lists, strings, ranges and dicts; wrong lengths and
//! non-iterables (the plain path raises); tuple and list subclasses (a
//! list subclass's own `__iter__` must run); the same target twice (the
//! last store wins); a list shrunk and grown between unpackings; 16
//! targets (fused) and 17 (plain); a nested target; locals holding big
//! lists overwritten; three threads unpacking one shared list.

mod eras;

const PROGRAM: &str = r#"def f(seq):
    a, b, c = seq
    return a, b, c

print(f((1, 2, 3)), f([4, 5, 6]), f("xyz"), f(range(3)), f({7: 0, 8: 0, 9: 0}))
for bad in [(1, 2), [1, 2, 3, 4], 5, None]:
    try:
        f(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

class T(tuple):
    pass

class L(list):
    def __iter__(self):
        return iter(["from", "own", "iter"])

print(f(T((1, 2, 3))), f(L([1, 2, 3])))

def same_target(t):
    a, a = t
    return a

print(same_target((1, 2)), same_target([3, 4]))

def shrinking():
    xs = [1, 2, 3]
    out = []
    for _ in range(4):
        try:
            a, b, c = xs
            out.append(a + b + c)
        except ValueError as e:
            out.append(str(e))
        xs.pop() if len(xs) == 3 else xs.extend([9, 9])
    return out

print(shrinking())

def many():
    t = tuple(range(17))
    a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16 = t
    s = tuple(range(16))
    b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15 = s
    return a16 + b15, a0, b0

print(many())

def nested(t):
    (a, b), c = t
    return a, b, c

print(nested(((1, 2), 3)), nested([[4, 5], 6]))

def overwrite_big():
    x = [list(range(100))] * 3
    a, b, c = x
    a, b, c = (1, 2, 3)
    return a + b + c

print(overwrite_big())

import threading
shared = [1, 2, 3]
totals = []
def worker():
    s = 0
    for _ in range(2000):
        a, b, c = shared
        s += a + b + c
    totals.append(s)
ts = [threading.Thread(target=worker) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(totals))

def loop(n):
    g = 0
    for i in range(n):
        a, b = i, i + 1
        g += a * b
    return g

print(loop(1000))
"#;

/// What python3 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = "(1, 2, 3) (4, 5, 6) ('x', 'y', 'z') (0, 1, 2) (7, 8, 9)\n\
ValueError not enough values to unpack (expected 3, got 2)\n\
ValueError too many values to unpack (expected 3)\n\
TypeError cannot unpack non-iterable int object\n\
TypeError cannot unpack non-iterable NoneType object\n\
(1, 2, 3) ('from', 'own', 'iter')\n\
2 4\n\
[6, 'not enough values to unpack (expected 3, got 2)', 'too many values to unpack (expected 3)', 'too many values to unpack (expected 3)']\n\
(31, 0, 0)\n\
(1, 2, 3) (4, 5, 6)\n\
6\n\
[12000, 12000, 12000]\n\
333333000\n\
";

#[test]
fn fused_unpack_and_store_matches_python_in_every_mode() {
    eras::assert_prints("unpack.py", PROGRAM, PYTHON_SAYS);
}
