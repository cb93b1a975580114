//! Calls that leave parameters to their defaults taking the instruction
//! loop's call fast path (`vm/inline_call.rs`, `push_defaults_frame`:
//! CPython's `CALL_PY_WITH_DEFAULTS`), under every GIL mode, against what
//! `python3` 3.11 prints: one and two defaults used, a shared mutable
//! default, a method's default through `LOAD_METHOD` (go's `sq.find()`),
//! recursion passing an accumulator, too few and too many arguments (the
//! plain path's errors), keyword-only parameters, defaults read by a
//! nested function (cells: the plain path) and a generator's default.

mod eras;

const DEFAULTS: &str = r#"def f(a, b=2, c=3):
    return a + b * 10 + c * 100
print(f(1), f(1, 5), f(1, 5, 7))
def acc(x, into=[]):
    into.append(x)
    return len(into)
print([acc(i) for i in range(4)], acc(9, []))
class Sq:
    def __init__(self):
        self.n = 0
    def find(self, update=False):
        if update:
            self.n += 1
        return self.n
sq = Sq()
print([sq.find() for _ in range(3)], sq.find(True), sq.find(update=True), sq.find())
def fact(n, acc=1):
    return acc if n <= 1 else fact(n - 1, acc * n)
print(fact(20), fact(25))
try:
    f()
except TypeError as e:
    print("TypeError", e)
try:
    f(1, 2, 3, 4)
except TypeError as e:
    print("TypeError", e)
def h(a, b=None, *, k=5):
    return (a, b, k)
print(h(1), h(1, 2), h(1, k=0))
def cell_default(a, b=7):
    def inner():
        return a + b
    return inner()
print(cell_default(1), cell_default(1, 1))
def gen_default(n=3):
    yield from range(n)
print(list(gen_default()), list(gen_default(1)))
"#;

/// `python3` 3.11's output for `DEFAULTS`.
const DEFAULTS_SAY: &str = r#"321 351 751
[1, 2, 3, 4] 1
[0, 0, 0] 1 2 2
2432902008176640000 15511210043330985984000000
TypeError f() missing 1 required positional argument: 'a'
TypeError f() takes from 1 to 3 positional arguments but 4 were given
(1, None, 5) (1, 2, 5) (1, None, 0)
8 2
[0, 1, 2] [0]
"#;

#[test]
fn default_argument_calls_print_what_python_prints() {
    eras::assert_prints("default_calls.py", DEFAULTS, DEFAULTS_SAY);
}
