//! `return x` and `return CONST` fused with their load
//! (`FUSED_RETURN_FAST`, `FUSED_RETURN_CONST` in `vm/eval.rs`) and their
//! fallbacks, under every GIL mode, against what `python3` 3.11 prints:
//! the returned local is moved out of its slot, so the value a caller
//! gets must still be the same object (mutations seen through both
//! names); an unbound local raises `UnboundLocalError`; a conditional
//! expression's jump lands on the covered `RETURN_VALUE` (the plain arm);
//! `return` inside `try`/`finally`, in a generator (the `StopIteration`
//! value), in `__init__` (`None` accepted, anything else a `TypeError`),
//! and through 50 recursive frames.

mod eras;

const PROGRAM: &str = r#"def local(x):
    y = [x, x]
    return y

def const():
    return 42

def none_const():
    return None

def unbound(flag):
    if flag:
        v = 1
    return v

def cond(c, a, b):
    return a if c else b

def in_finally(log):
    r = "body"
    try:
        return r
    finally:
        log.append("finally ran")

def gen(n):
    total = 0
    for i in range(n):
        yield i
        total += i
    return total

class P:
    def __init__(self, x):
        self.x = x
        return None

class Bad:
    def __init__(self):
        return 5

a = local(3)
a.append(4)
print(a, local(3), const(), none_const())
try:
    unbound(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)
print(unbound(True), cond(True, "a", "b"), cond(0, "a", "b"))
log = []
print(in_finally(log), log)
g = gen(4)
print(list(g))
g = gen(3)
try:
    while True:
        next(g)
except StopIteration as e:
    print("StopIteration", e.value)
print(P(7).x)
try:
    Bad()
except TypeError as e:
    print("TypeError", e)

def deep(n):
    if n == 0:
        return n
    r = deep(n - 1) + 1
    return r

print(deep(50))
shared = []
def keep(x):
    shared.append(x)
    return x
big = keep([1, 2, 3])
big.append(9)
print(shared, big is shared[0])
"#;

/// What python3 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = "[3, 3, 4] [3, 3] 42 None\n\
UnboundLocalError cannot access local variable 'v' where it is not associated with a value\n\
1 a b\n\
body ['finally ran']\n\
[0, 1, 2, 3]\n\
StopIteration 3\n\
7\n\
TypeError __init__() should return None, not 'int'\n\
50\n\
[[1, 2, 3, 9]] True\n\
";

#[test]
fn fused_returns_match_python_in_every_mode() {
    eras::assert_prints("returns.py", PROGRAM, PYTHON_SAYS);
}
