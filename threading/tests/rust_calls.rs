//! Python functions called from Rust (`ThreadCtx::call`: operator
//! special methods, sort keys, `map`, `__eq__` in `list.index`) through
//! the positional fast path (`vm/invoke.rs`, `positional_frame_from`) and
//! its fallbacks, under every GIL mode, against what `python3` 3.11
//! prints: defaults filling the tail, a parameter captured by a closure
//! (a cell), a generator function (plain path), keyword-only and `*args`
//! parameters (plain path), `NotImplemented` and the reflected method,
//! runaway recursion through `__add__`, too few arguments (the plain path
//! raises), an exception raised inside the function.

mod eras;

const CALLS: &str = r#"def key_default(x, scale=10):
    return -x * scale
print(sorted([3, 1, 2], key=key_default))
def key_cell(x):
    def inner():
        return x % 3
    return inner()
print(sorted(range(7), key=key_cell))
def gen_key(x):
    yield x
print([type(v).__name__ for v in map(gen_key, [1, 2])])
def kwonly(x, *, k=5):
    return x + k
print(list(map(kwonly, [1, 2])))
def star(*xs):
    return len(xs)
print(list(map(star, [1, 2], [3, 4])))
class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, other, bonus=0):
        if not isinstance(other, V):
            return NotImplemented
        return V(self.x + other.x + bonus)
    def __radd__(self, other):
        return V(self.x + other * 100)
    def __eq__(self, other):
        return isinstance(other, V) and self.x == other.x
    def __lt__(self, other):
        return self.x < other.x
    def __repr__(self):
        return "V(%d)" % self.x
    __hash__ = None
print(V(1) + V(2), 3 + V(1), [V(3), V(1)].index(V(1)), sorted([V(2), V(0), V(1)]), min(V(5), V(4)))
try:
    V(1) + 2
except TypeError as e:
    print("TypeError", e)
class Deep:
    def __add__(self, other):
        return self + other
try:
    Deep() + 1
except RecursionError as e:
    print("RecursionError", e)
def wrong(a, b):
    return a
try:
    sorted([1, 2], key=wrong)
except TypeError as e:
    print("TypeError", e)
def raises(x):
    raise ValueError("bad %d" % x)
try:
    list(map(raises, [7]))
except ValueError as e:
    print("ValueError", e)
"#;

/// What python3 3.11 prints for [`CALLS`].
const CALLS_SAY: &str = "[3, 2, 1]\n\
[0, 3, 6, 1, 4, 2, 5]\n\
['generator', 'generator']\n\
[6, 7]\n\
[2, 2]\n\
V(3) V(301) 1 [V(0), V(1), V(2)] V(4)\n\
TypeError unsupported operand type(s) for +: 'V' and 'int'\n\
RecursionError maximum recursion depth exceeded\n\
TypeError wrong() missing 1 required positional argument: 'b'\n\
ValueError bad 7\n\
";

#[test]
fn functions_called_from_rust_match_python_in_every_mode() {
    eras::assert_prints("rust_calls.py", CALLS, CALLS_SAY);
}
