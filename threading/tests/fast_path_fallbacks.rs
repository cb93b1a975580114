//! The fallbacks of issue 10's fast paths: each program drives a fast
//! path into the case where it must give up and take the plain path, and
//! checks that the answers are Python's (the expected text is what
//! `python3` 3.11 prints for the same program), under every GIL mode.
//!
//! - The type-lookup cache (`object/type_cache.rs`): a class whose
//!   attribute layout changes mid-loop (a base's method patched, a closer
//!   class shadowing, a data descriptor added over an instance attribute,
//!   `__init__` and `__eq__` replaced), and a class changed by another
//!   thread, whose cache is its own.
//! - The inline `float` arithmetic and comparisons, and the `int` ones of
//!   the fused ops: an int that overflows into a big int inside a fused
//!   op, a float with a huge int, division by zero (float and int zero),
//!   NaN comparisons.
//! - `UNPACK_SEQUENCE` straight from a tuple's or list's storage: a list
//!   resized between unpackings, wrong lengths (the plain path raises),
//!   strings and non-iterables, a list grown while a `for a, b in` loop
//!   walks it.
//! - The fused backward jump that runs the `while` test it lands on
//!   (`vm/eval.rs`, jump threading): a step that overflows, a float bound,
//!   a local that becomes a float or a str in the body, a big-int start.

use threading::gil::GilConfig;
use threading::{Config, Interpreter};

/// Runs `src` under `preset`; (exit code, stdout, stderr).
fn run(preset: &str, src: &str) -> (i32, String, String) {
    let gil = GilConfig::preset(preset).expect("preset");
    let out = Interpreter::new(Config { gil, capture: true }).run_source("fallback.py", src);
    (out.exit_code, out.stdout, out.stderr)
}

/// Asserts that `src` prints `want` and exits 0 in every mode.
fn assert_prints(src: &str, want: &str) {
    for preset in ["3.9", "3.12", "3.13t"] {
        let (code, out, err) = run(preset, src);
        assert_eq!((code, out.as_str()), (0, want), "{preset}: {err}");
    }
}

const CLASS_CHANGES_MID_LOOP: &str = r#"class Base:
    kind = "base"

    def m(self):
        return "base.m"


class Mid(Base):
    pass


class Leaf(Mid):
    def __init__(self):
        self.x = 1

    def __eq__(self, other):
        return "eq1"


obj = Leaf()
seen = []
for i in range(8):
    made = Leaf()
    seen.append((obj.m(), obj.kind, obj.x, getattr(obj, "y", None), made.x, obj == 1))
    if i == 1:
        Base.m = lambda self: "patched"
    elif i == 2:
        Mid.kind = "mid"
    elif i == 3:
        Leaf.x = property(lambda self: "prop", lambda self, v: None)
    elif i == 4:
        del Mid.kind
        Base.y = "y"
    elif i == 5:
        obj.m = lambda: "instance"
        del Leaf.x
    elif i == 6:
        def init(self):
            self.x = 2
        Leaf.__init__ = init
        Leaf.__eq__ = lambda self, other: "eq2"
for row in seen:
    print(*row)
import threading


class Shared:
    def who(self):
        return "before"


shared = Shared()
print(shared.who())


def patch():
    # Another thread (with a cache of its own) changes the class.
    print(shared.who())
    Shared.who = lambda self: "after"


worker = threading.Thread(target=patch)
worker.start()
worker.join()
print(shared.who())
"#;

const CLASS_CHANGES_MID_LOOP_WANT: &str = "base.m base 1 None 1 eq1\n\
base.m base 1 None 1 eq1\n\
patched base 1 None 1 eq1\n\
patched mid 1 None 1 eq1\n\
patched mid prop None prop eq1\n\
patched base prop y prop eq1\n\
instance base 1 y 1 eq1\n\
instance base 1 y 2 eq2\n\
before\n\
before\n\
after\n\
";

#[test]
fn type_cache_sees_a_class_change_mid_loop_and_from_another_thread() {
    assert_prints(CLASS_CHANGES_MID_LOOP, CLASS_CHANGES_MID_LOOP_WANT);
}

const NUMBERS_AND_UNPACKING: &str = r#"def grow(n):
    x = 3
    for i in range(n):
        x = x * 3
        y = x + 1
    return x, y


print(*grow(50))


def floats():
    a = 1.5
    b = 2
    big = 2**63 - 1
    print(a + b, b - a, a * b, a / b, b / a, 7.0 // 2, 7.5 % 2, 2.0 ** 3)
    print(big + 0.5, 2**70 * 1.0, big * 1.0 == 2.0**63, -0.0 * 1, 1e308 * 10)
    for zero in (0.0, 0, -0.0):
        try:
            print(a / zero)
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)
    nan = float("nan")
    print(a < b, a < 2.5, 1.5 == a, nan == nan, nan != nan, nan < 1.0, a >= 1.5)
    total = 0.0
    for i in range(10):
        total += i * 0.1
        total -= 0.01
    print(total)


floats()


def unpack():
    xs = [1, 2, 3]
    for k in range(3):
        try:
            a, b, c = xs
            print("unpacked", a, b, c)
        except ValueError as e:
            print("ValueError:", e)
        xs.append(k)
    for bad in [(1, 2, 3), (1,), "xy", "xyz", [4, 5]]:
        try:
            a, b = bad
            print("unpacked", a, b)
        except ValueError as e:
            print("ValueError:", e)
    pairs = [(1, 2), (3, 4)]
    for a, b in pairs:
        if len(pairs) < 5:
            pairs.append((a * 10, b * 10))
        print(a, b)
    try:
        a, b = 5
    except TypeError as e:
        print("TypeError:", e)


unpack()
"#;

const NUMBERS_AND_UNPACKING_WANT: &str = "2153693963075557766310747 2153693963075557766310748\n\
3.5 0.5 3.0 0.75 1.3333333333333333 3.0 1.5 8.0\n\
9.223372036854776e+18 1.1805916207174113e+21 True -0.0 inf\n\
ZeroDivisionError: float division by zero\n\
ZeroDivisionError: float division by zero\n\
ZeroDivisionError: float division by zero\n\
True True True False True False True\n\
4.400000000000001\n\
unpacked 1 2 3\n\
ValueError: too many values to unpack (expected 3)\n\
ValueError: too many values to unpack (expected 3)\n\
ValueError: too many values to unpack (expected 2)\n\
ValueError: not enough values to unpack (expected 2, got 1)\n\
unpacked x y\n\
ValueError: too many values to unpack (expected 2)\n\
unpacked 4 5\n\
1 2\n\
3 4\n\
10 20\n\
30 40\n\
100 200\n\
TypeError: cannot unpack non-iterable int object\n\
";

#[test]
fn float_int_and_unpack_fast_paths_fall_back_with_python_results() {
    assert_prints(NUMBERS_AND_UNPACKING, NUMBERS_AND_UNPACKING_WANT);
}

const WHILE_TEST_THREADED: &str = r#"# A while loop whose test the backward jump runs inline: every way out of
# the fast path (overflow at the step, a float bound, a local that turns
# into a float or a str inside the body, a test on a non-int const).
def down(i):
    steps = 0
    while i > 0:
        steps += 1
        i -= 1
    return steps, i

def step_overflows():
    i = -9223372036854775807
    n = 0
    while i > -9223372036854775810:
        n += 1
        i -= 1
    return n, i

def float_bound(i):
    n = 0
    while i > 0.5:
        n += 1
        i -= 1
    return n, i

def turns_float(i):
    n = 0
    while i < 10:
        n += 1
        if n == 3:
            i = i + 0.5
        i += 1
    return n, i

def turns_str():
    i = 0
    out = []
    while i != "done":
        out.append(i)
        i += 1
        if i == 3:
            i = "done"
    return out

def big_start():
    i = 2 ** 64 + 3
    n = 0
    while i > 2 ** 64:
        n += 1
        i -= 1
    return n, i

print(down(5), down(0), down(-3))
print(step_overflows())
print(float_bound(4))
print(turns_float(0))
print(turns_str())
print(big_start())
"#;

const WHILE_TEST_THREADED_WANT: &str = "(5, 0) (0, 0) (0, -3)\n\
(3, -9223372036854775810)\n\
(4, 0)\n\
(10, 10.5)\n\
[0, 1, 2]\n\
(3, 18446744073709551616)\n\
";

#[test]
fn threaded_while_test_falls_back_with_python_results() {
    assert_prints(WHILE_TEST_THREADED, WHILE_TEST_THREADED_WANT);
}
