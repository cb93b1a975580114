//! `range(...)` built in `CALL` from small ints (`vm/call.rs`'s fast path,
//! `Range::from_ints`) and its fallbacks, under every GIL mode, against
//! what `python3` 3.11 prints: one, two and three ints, a negative step,
//! a bool and an `__index__` object (plain path), a zero step, a float, a
//! str, no and too many arguments, a keyword (the plain path raises),
//! `range` called through another name, ranges fed to `sum` and
//! `reversed`.

mod eras;

const PROGRAM: &str = r#"class I:
    def __index__(self):
        return 4

print(list(range(5)), list(range(2, 7)), list(range(10, 0, -3)), list(range(True, 3)))
print(list(range(I())), range(-5), list(range(0, 2**62, 2**61)))
for args in [(1, 2, 0), (1.5,), ("3",), (), (1, 2, 3, 4)]:
    try:
        range(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    range(stop=3)
except TypeError as e:
    print("TypeError", e)
r = range
print(list(r(3)), sum(i for i in range(100)), [x for x in reversed(range(4))])
"#;

/// What python3 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = "[0, 1, 2, 3, 4] [2, 3, 4, 5, 6] [10, 7, 4, 1] [1, 2]\n\
[0, 1, 2, 3] range(0, -5) [0, 2305843009213693952]\n\
ValueError range() arg 3 must not be zero\n\
TypeError 'float' object cannot be interpreted as an integer\n\
TypeError 'str' object cannot be interpreted as an integer\n\
TypeError range expected at least 1 argument, got 0\n\
TypeError range expected at most 3 arguments, got 4\n\
TypeError range() takes no keyword arguments\n\
[0, 1, 2] 4950 [3, 2, 1, 0]\n\
";

#[test]
fn range_built_in_call_matches_python_in_every_mode() {
    eras::assert_prints("range.py", PROGRAM, PYTHON_SAYS);
}
