//! `POP_JUMP_IF_FALSE/TRUE` with a bool, `None` or a 64-bit int tested
//! where it lies on the stack and popped without being read whole
//! (`vm/superinstr.rs`, `pop_scalar_truth`), and the plain path beside it,
//! under every GIL mode, against what `python3` 3.11 prints: ints zero,
//! negative and past 64 bits (a big int takes the plain path), floats,
//! `None`, bools, empty and non-empty strs, lists, tuples and dicts, an
//! instance whose `__bool__` answers, one whose `__bool__` raises, one
//! with only `__len__`; `while n:` and `while not x:` loops, a loop
//! variable that turns from int to `None`, comprehension filters.

mod eras;

const JUMPS: &str = r#"class B:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        if self.v is None:
            raise ValueError("no truth")
        return self.v

class L:
    def __len__(self):
        return 0

def tests(values):
    out = []
    for v in values:
        if v:
            out.append("T")
        else:
            out.append("F")
        if not v:
            out.append("n")
        out.append("y" if v else "z")
    return "".join(out)

print(tests([0, 1, -1, 2**70, -2**70, 0.0, 0.5, None, True, False, "", "a", [], [0], (), (1,), {}, B(True), B(False), L()]))
n = 3
while n:
    n -= 1
print(n)
x = None
while not x:
    x = [n]
print(x)
try:
    if B(None):
        pass
except ValueError as e:
    print("ValueError", e)
def count(k):
    c = 0
    while k:
        k = k - 1 if k > 0 else None
        c += 1
    return c
print(count(5), count(0))
print([i for i in range(-3, 4) if i], [s for s in ["", "x", None, 0, 1] if s])
"#;

/// `python3` 3.11's output for `JUMPS`.
const JUMPS_SAY: &str = r#"FnzTyTyTyTyFnzTyFnzTyFnzFnzTyFnzTyFnzTyFnzTyFnzFnz
0
[0]
ValueError no truth
5 0
[-3, -2, -1, 1, 2, 3] ['x', 1]
"#;

#[test]
fn jumps_on_scalars_and_the_rest_print_what_python_prints() {
    eras::assert_prints("scalar_jumps.py", JUMPS, JUMPS_SAY);
}
