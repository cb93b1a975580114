//! Augmented assignment: `SWAP` with a number on top rebuilt from its
//! fields (`vm/eval.rs`, the `self.x /= n` of `float.py`) and the plain
//! swap beside it, and the `TypeError` of an augmented operator spelled
//! as written (`-=`, `**=`, `@=`: `vm/ops.rs`, `Spelling`), under every
//! GIL mode, against what `python3` 3.11 prints: attributes divided,
//! multiplied and added as floats, ints and big ints, strs and lists
//! extended in place, tuple swaps of mixed types, list items swapped, a
//! dict item updated, and twelve operator/type pairs that raise.

mod eras;

const AUGMENTED: &str = r#"class P:
    def __init__(self, x):
        self.x = x

def scale(objs, n):
    for p in objs:
        p.x /= n
        p.x *= n
        p.x += 1
    return [p.x for p in objs]

print(scale([P(1.5), P(4), P(2**70)], 2))
q = P("ab")
q.x += "c"
q.x *= 2
r = P([1])
r.x += [2]
print(q.x, r.x)
a, b = 1, 2.5
a, b = b, a
print(a, b)
a, b = "s", 3
a, b = b, a
print(a, b)
xs = [3, 1.0, "z", None]
xs[0], xs[3] = xs[3], xs[0]
xs[1], xs[2] = xs[2], xs[1]
print(xs)
d = {"k": 1}
d["k"] -= 3
d["k"] **= 2
print(d)
try:
    q.x -= 1
except TypeError as e:
    print("TypeError", e)
try:
    x = "a"
    x -= 1
except TypeError as e:
    print(e)
try:
    x = 1
    x **= "a"
except TypeError as e:
    print(e)
try:
    x = 1
    x //= "a"
except TypeError as e:
    print(e)
try:
    x = "a"
    x += 1
except TypeError as e:
    print(e)
try:
    x = (1,)
    x += 1
except TypeError as e:
    print(e)
try:
    x = b"a"
    x += 1
except TypeError as e:
    print(e)
try:
    x = 1.0
    x %= "a"
except TypeError as e:
    print(e)
try:
    x = 1
    x <<= 1.5
except TypeError as e:
    print(e)
try:
    x = None
    x |= 1
except TypeError as e:
    print(e)
try:
    x = 1
    x *= None
except TypeError as e:
    print(e)
try:
    x = "a"
    x *= 1.5
except TypeError as e:
    print(e)
try:
    x=1
    x @= 2
except TypeError as e:
    print(e)
import operator
for a,b in [(1,2),(1.5,2),(True,2)]:
    try:
        a @ b
    except TypeError as e:
        print(e)
"#;

/// `python3` 3.11's output for `AUGMENTED`.
const AUGMENTED_SAY: &str = r#"[2.5, 5.0, 1.1805916207174113e+21]
abcabc [1, 2]
2.5 1
3 s
[None, 'z', 1.0, 3]
{'k': 4}
TypeError unsupported operand type(s) for -=: 'str' and 'int'
unsupported operand type(s) for -=: 'str' and 'int'
unsupported operand type(s) for **=: 'int' and 'str'
unsupported operand type(s) for //=: 'int' and 'str'
can only concatenate str (not "int") to str
can only concatenate tuple (not "int") to tuple
can't concat int to bytes
unsupported operand type(s) for %=: 'float' and 'str'
unsupported operand type(s) for <<=: 'int' and 'float'
unsupported operand type(s) for |=: 'NoneType' and 'int'
unsupported operand type(s) for *=: 'int' and 'NoneType'
can't multiply sequence by non-int of type 'float'
unsupported operand type(s) for @=: 'int' and 'int'
unsupported operand type(s) for @: 'int' and 'int'
unsupported operand type(s) for @: 'float' and 'int'
unsupported operand type(s) for @: 'bool' and 'int'
"#;

#[test]
fn augmented_assignments_print_what_python_prints() {
    eras::assert_prints("augmented_swaps.py", AUGMENTED, AUGMENTED_SAY);
}
