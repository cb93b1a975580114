//! `FOR_ITER` over a list or tuple iterator stepped in place by the
//! instruction loop (`vm/iter/step.rs`, `step_sequence`, in the plain
//! `FOR_ITER` arm and the fused `FOR_ITER; STORE_FAST`) and its fallbacks,
//! under every GIL mode, against what `python3` 3.11 prints: a list grown
//! and shrunk while a loop walks it, cleared mid-loop, tuples and the empty
//! tuple, one iterator shared by two loops and `next()` in the body, a list
//! subclass with its own `__iter__`, a tuple subclass, nested loops, and
//! the iterators that take the plain path (str, reversed, dict keys).

mod eras;

const LOOPS: &str = r#"xs = [1, 2, 3]
out = []
for x in xs:
    out.append(x)
    if x == 1:
        xs.append(4)
    if x == 2:
        del xs[0]
print(out, xs)
ys = [5, 6, 7, 8]
for y in ys:
    ys.clear()
    print("cleared at", y)
t = (1, "a", None, 2.5)
print([v for v in t], [v for v in ()])
it = iter([10, 20, 30, 40, 50])
for v in it:
    print(v, next(it, "end"))
for v in it:
    print("never", v)
class L(list):
    def __iter__(self):
        return iter(["own", "iter"])
print([v for v in L([1, 2])])
class Tu(tuple):
    pass
print(sum(v for v in Tu((1, 2, 3))))
acc = 0
for i, row in enumerate([[1, 2], [3]]):
    for v in row:
        acc += v * (i + 1)
print(acc)
for c in "hé":
    print(c)
print(list(reversed([1, 2, 3])), [k for k in {"a": 1, "b": 2}])
"#;

/// What python3 3.11 prints for [LOOPS].
const LOOPS_SAY: &str = "[1, 2, 4] [2, 3, 4]\n\
cleared at 5\n\
[1, 'a', None, 2.5] []\n\
10 20\n\
30 40\n\
50 end\n\
['own', 'iter']\n\
6\n\
9\n\
h\n\
é\n\
[3, 2, 1] ['a', 'b']\n\
";

#[test]
fn for_loops_over_lists_and_tuples_match_python_in_every_mode() {
    eras::assert_prints("loops.py", LOOPS, LOOPS_SAY);
}
