//! `CALL` / `CALL_METHOD` of a Python function taking exactly the
//! positional arguments on the stack, pushed by the instruction loop's own
//! fast path (`vm/inline_call.rs`, `push_exact_args_frame`; CPython's
//! `CALL_PY_EXACT_ARGS`) and every call it leaves to `call_stack`, under
//! every GIL mode, against what `python3` 3.11 prints: methods and plain
//! functions with none to nine arguments, defaults, a generator method, a
//! closure (cells), a module function through `LOAD_METHOD` (its `NULL`
//! slot), too few and too many arguments, keywords, recursion and the
//! recursion limit, `super()` (a cell), an unbound local in the callee.

mod eras;

const CALLS: &str = r#"import math
class C:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    def add(self, a, b=10):
        return self.v + a + b
    def gen(self, n):
        for i in range(n):
            yield i * self.v
    def closure(self, k):
        def inner():
            return self.v * k
        return inner()
    def many(self, a, b, c, d, e, f, g, h, i):
        x = a + b + c + d + e + f + g + h + i
        return x
def f2(a, b):
    t = a * b
    return t
def f0():
    return "zero"
c = C(3)
print(c.get(), c.add(1), c.add(1, 2), list(c.gen(3)), c.closure(4), c.many(1, 2, 3, 4, 5, 6, 7, 8, 9))
print(f2(6, 7), f0(), math.sqrt(16.0), C.get(c))
try:
    f2(1)
except TypeError as e:
    print("TypeError", e)
try:
    f2(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
try:
    c.get(5)
except TypeError as e:
    print("TypeError", e)
print(f2(b=2, a=5), c.add(a=1))
def rec(n):
    return 0 if n == 0 else 1 + rec(n - 1)
print(rec(200))
import sys
sys.setrecursionlimit(100)
try:
    rec(500)
except RecursionError as e:
    print("RecursionError", e)
class D(C):
    def get(self):
        return "D" + str(super().get())
print(D(5).get())
fs = [f2, f0]
print(fs[0](2, 3))
def unbound():
    return x_later
x_later = 9
print(unbound())
def uses_local(a):
    if a:
        b = 1
    return b
try:
    uses_local(0)
except UnboundLocalError as e:
    print("UnboundLocalError", e)
print(uses_local(1))
"#;

/// What python3 3.11 prints for [`CALLS`].
const CALLS_SAY: &str = "3 14 6 [0, 3, 6] 12 45\n\
42 zero 4.0 3\n\
TypeError f2() missing 1 required positional argument: 'b'\n\
TypeError f2() takes 2 positional arguments but 3 were given\n\
TypeError C.get() takes 1 positional argument but 2 were given\n\
10 14\n\
200\n\
RecursionError maximum recursion depth exceeded\n\
D5\n\
6\n\
9\n\
UnboundLocalError cannot access local variable 'b' where it is not associated with a value\n\
1\n\
";

#[test]
fn exact_argument_calls_match_python_in_every_mode() {
    eras::assert_prints("exact_calls.py", CALLS, CALLS_SAY);
}
