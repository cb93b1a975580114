//! Hand-checked programs for paths the quickened (fused) code must get
//! exactly right: in-place `+=` on lists seen through an alias, fused ops
//! whose operands are not ints (floats, strings, lists), unbound locals
//! inside fused ops, and the same programs under the 3.9 policy (which runs
//! the unfused code) — both must print the same.

use threading::gil::GilConfig;
use threading::{Config, Interpreter};

fn run(preset: &str, src: &str) -> (i32, String, String) {
    let gil = GilConfig::preset(preset).expect("preset");
    let out = Interpreter::new(Config { gil, capture: true }).run_source("s.py", src);
    (out.exit_code, out.stdout, out.stderr)
}

const PROGRAM: &str = "\
def f():
    xs = [1]
    ys = xs
    zs = [2]
    xs += zs
    print(xs, ys, xs is ys)
    a = [0]
    b = a
    a *= 3
    print(a, b)
    c = xs + zs
    print(c, xs)
    s = 'ab'
    t = s
    s += 'c'
    print(s, t)
    x = 1.5
    y = x * 2 + 1
    print(y, y // 2, y % 2, x < 2, x > 2)
    n = 0
    for i in range(5):
        n += i * i
    print(n)
    total = 0.0
    for v in [0.5, 1.5]:
        total += v
    print(total)
    i = 10
    while i > 0:
        i -= 3
    print(i)
f()
g = [1]
h = g
g += [2]
print(g, h)
";

#[test]
fn quickened_and_plain_code_agree_with_python_semantics() {
    let want = "[1, 2] [1, 2] True\n[0, 0, 0] [0, 0, 0]\n[1, 2, 2] [1, 2]\nabc ab\n4.0 2.0 0.0 True False\n30\n2.0\n-2\n[1, 2] [1, 2]\n";
    for preset in ["3.12", "3.9"] {
        let (code, out, err) = run(preset, PROGRAM);
        assert_eq!((code, out.as_str()), (0, want), "{preset}: {err}");
    }
}

#[test]
fn unbound_local_inside_a_fused_op() {
    let src = "def f():\n    if False:\n        x = 1\n    y = x + 1\n    return y\nf()\n";
    for preset in ["3.12", "3.9"] {
        let (code, _, err) = run(preset, src);
        assert_eq!(code, 1);
        assert!(
            err.trim_end().ends_with("UnboundLocalError: cannot access local variable 'x' where it is not associated with a value"),
            "{preset}: {err}"
        );
        assert!(err.contains("line 4, in f"), "{err}");
    }
}

#[test]
fn fused_division_by_zero_raises_like_cpython() {
    let src = "def f(a):\n    b = a // 0\n    return b\ntry:\n    f(1)\nexcept ZeroDivisionError as e:\n    print(e)\ntry:\n    f(1.0)\nexcept ZeroDivisionError as e:\n    print(e)\n";
    let (code, out, err) = run("3.12", src);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "integer division or modulo by zero\nfloat floor division by zero\n"
        ),
        "{err}"
    );
}
