//! A list store with an int index done in the instruction
//! (`vm/list_subscript.rs`: `STORE_SUBSCR` and the write half of `xs[i] op=
//! v`), which moves its three operands off the stack before storing and
//! pushes them back when the index turns out to be out of range, under
//! every GIL mode, against what `python3` 3.11 prints: a list shrunk or
//! grown by the right-hand side between the read and the store of
//! `xs[i] += f(xs)` (the fused store's fallback), negative indexes, old
//! items whose last reference goes, a list stored into itself, big ints,
//! an int slot made a float, out-of-range stores and recovery from them.

mod eras;

const STORES: &str = r#"def shrink(xs):
    xs.pop()
    return 1
xs = [1, 2, 3]
try:
    xs[2] += shrink(xs)
except IndexError as e:
    print("IndexError", e)
print(xs)
ys = [1.0, 2.0, 3.0]
try:
    ys[-3] -= shrink(ys) + shrink(ys)
except IndexError as e:
    print("IndexError", e)
print(ys)
def grow(xs):
    xs.insert(0, "front")
    return 10
zs = [5, 6]
zs[1] += grow(zs)
print(zs)
held = [[1], [2]]
for i in range(4):
    held[i % 2] = [i]
print(held)
a = [0, 0]
a[1] = a
print(len(a[1]), a[0], a[1] is a)
b = [1, 2, 3]
b[-1] = 2 ** 70
b[0] += 2 ** 63
print(b)
c = [1, 2.5]
for k in range(3):
    c[0] += 0.5
    c[1] -= 1
print(c)
d = [1, 2]
try:
    d[2] = 3
except IndexError as e:
    print("IndexError", e)
try:
    d[-3] = 3
except IndexError as e:
    print("IndexError", e)
e = []
for i in range(3):
    try:
        e[i] = i
    except IndexError:
        e.append(None)
        e[i] = i * i
print(e, d)
"#;

/// `python3` 3.11's output for `STORES`.
const STORES_SAY: &str = r#"IndexError list assignment index out of range
[1, 2]
IndexError list assignment index out of range
[1.0]
['front', 16, 6]
[[2], [3]]
2 0 True
[9223372036854775809, 2, 1180591620717411303424]
[2.5, -0.5]
IndexError list assignment index out of range
IndexError list assignment index out of range
[0, 1, 4] [1, 2]
"#;

#[test]
fn list_stores_print_what_python_prints() {
    eras::assert_prints("list_stores.py", STORES, STORES_SAY);
}
