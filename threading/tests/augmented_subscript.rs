//! The read half of `xs[i] op= v` with `xs` a local and `i` an int
//! constant in one dispatch (`FUSED_FAST_CONST_DUP_SUBSCR`:
//! `compiler/quicken.rs`, `vm/list_subscript.rs`'s
//! `push_local_const_item`) and its fallbacks, under every GIL mode,
//! against what `python3` 3.11 prints: floats, ints, a negative index, an
//! int overflowing into a big int, a dict with str and int keys, an index
//! out of range, a tuple (no item assignment), a list subclass's own
//! `__getitem__`, lists reached through a loop variable, a bytearray, an
//! unbound local, nbody's position update in a loop.

mod eras;

const AUGMENTED: &str = r#"def f():
    xs = [1.5, 2, 3]
    xs[0] -= 0.5
    xs[1] += 10
    xs[-1] *= 2
    xs[2] //= 4
    d = {"k": 1, 0: 5}
    d["k"] += 1
    d[0] += 1
    big = [2**62]
    big[0] += 2**62
    print(xs, d, big)
    try:
        xs[5] += 1
    except IndexError as e:
        print("IndexError", e)
    t = (1, 2)
    try:
        t[0] += 1
    except TypeError as e:
        print("TypeError", e)
    class L(list):
        def __getitem__(self, i):
            print("getitem", i)
            return list.__getitem__(self, i) * 10
    ls = L([1, 2])
    ls[1] += 1
    print(ls)
    s = [[0, 0], [0, 0]]
    for row in s:
        row[0] += 1
        row[1] -= 1
    print(s)
    b = bytearray(b"ab")
    b[0] += 1
    print(b)
def unbound():
    if False:
        ys = [1]
    ys[0] += 1
try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError", e)
f()
def v(pos, vel, n):
    for _ in range(n):
        pos[0] += vel[0]
        pos[1] += vel[1]
    return pos
print(v([0.0, 0.0], [0.5, -0.25], 8))
"#;

/// What python3 3.11 prints for [`AUGMENTED`].
const AUGMENTED_SAY: &str =
    "UnboundLocalError cannot access local variable 'ys' where it is not associated with a value\n\
[1.0, 12, 1] {'k': 2, 0: 6} [9223372036854775808]\n\
IndexError list index out of range\n\
TypeError 'tuple' object does not support item assignment\n\
getitem 1\n\
[1, 21]\n\
[[1, -1], [1, -1]]\n\
bytearray(b'bb')\n\
[4.0, -2.0]\n\
";

#[test]
fn augmented_item_assignments_match_python_in_every_mode() {
    eras::assert_prints("augmented.py", AUGMENTED, AUGMENTED_SAY);
}
