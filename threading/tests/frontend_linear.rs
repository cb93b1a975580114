//! No input makes the front end super-linear — checked without a clock.
//! `parse_module_counted` reports the lexer's steps (bytes looked at,
//! column counting included) and the parser's (tokens inspected, children
//! visited); for each input shape, doubling the input must at most about
//! double both. v1 recounted a line's characters for every token's column,
//! so a long one-line expression cost the square of its length: these
//! counters would have grown fourfold.

use threading::parser::{parse_module_counted, Work};

/// An input shape: its name and how to build a source of size `n`.
struct Shape {
    /// What the input is.
    name: &'static str,
    /// The source for a given `n`.
    make: fn(usize) -> String,
}

/// A shape (short for the tables below).
fn shape(name: &'static str, make: fn(usize) -> String) -> Shape {
    Shape { name, make }
}

/// Work for the input built from `n`.
fn work(make: fn(usize) -> String, n: usize) -> Work {
    parse_module_counted(&make(n)).1
}

/// Asserts `work(2n) ≤ 2.1 × work(n) + slack` for both counters.
fn assert_linear(Shape { name, make }: &Shape, n: usize) {
    let (small, big) = (work(*make, n), work(*make, 2 * n));
    for (what, a, b) in [
        ("lexer", small.lexer_steps, big.lexer_steps),
        ("parser", small.parser_steps, big.parser_steps),
    ] {
        assert!(a > 0, "{name}: no {what} work counted");
        assert!(
            b * 10 <= a * 21 + 1000,
            "{name}: {what} work {a} for n={n} but {b} for 2n (super-linear)"
        );
    }
}

#[test]
fn long_lines_and_chains_cost_linear_work() {
    let shapes = [
        // Past the compile depth: parsed to the end, then RecursionError.
        shape("sum chain", |n| format!("x = 1{}\n", "+1".repeat(n))),
        shape("mixed operators", |n| {
            format!("x = 1{}\n", " * 2 - 3 | 4 ** 5".repeat(n))
        }),
        shape("list display", |n| format!("x = [{}]\n", "1, ".repeat(n))),
        shape("dict display", |n| {
            format!("x = {{{}}}\n", "'k': v, ".repeat(n))
        }),
        shape("call arguments", |n| {
            format!("f({})\n", "a, *b, k=c, ".repeat(n))
        }),
        shape("attribute chain", |n| format!("x = a{}\n", ".b".repeat(n))),
        shape("call chain", |n| format!("x = f{}\n", "()".repeat(n))),
        shape("and chain", |n| {
            format!("x = a{}\n", " and b or c".repeat(n))
        }),
        shape("comparison chain", |n| {
            format!("x = a{}\n", " < b".repeat(n))
        }),
        shape("not chain", |n| format!("x = {}a\n", "not ".repeat(n))),
        shape("unary chain", |n| format!("x = {}a\n", "-".repeat(n))),
        shape("power chain", |n| format!("x = {}a\n", "2 ** ".repeat(n))),
        shape("lambda chain", |n| {
            format!("x = {}a\n", "lambda: ".repeat(n))
        }),
        shape("conditional chain", |n| {
            format!("x = {}a\n", "a if b else ".repeat(n))
        }),
        shape("string literal", |n| {
            format!("x = '{}'\n", "é\\n".repeat(n))
        }),
        shape("implicit concatenation", |n| {
            format!("x = {}\n", "'a' ".repeat(n))
        }),
        shape("f-string fields", |n| {
            format!("x = f'{}'\n", "{a!r:>{w}} ".repeat(n))
        }),
        shape("non-ASCII line", |n| {
            format!("ñ = [{}]\n", "'é', ñ, ".repeat(n))
        }),
        shape("tuple targets", |n| {
            format!("{}z = 1\n", "a, (b, *c), ".repeat(n))
        }),
        shape("chained assignment", |n| {
            format!("{}z = 1\n", "a = ".repeat(n))
        }),
        shape("comprehension clauses", |n| {
            format!("x = [a {}]\n", "for a in b if c ".repeat(n))
        }),
        shape("continuation lines", |n| {
            format!("x = 1{}\n", " + \\\n 1".repeat(n))
        }),
    ];
    for s in &shapes {
        // Big enough that constant costs vanish, small enough for a debug build.
        assert_linear(s, 2500);
    }
}

#[test]
fn many_lines_and_blocks_cost_linear_work() {
    let shapes = [
        shape("statements", |n| "x = f(a, b)[0]\n".repeat(n)),
        shape("functions", |n| {
            "def f(a, b=1, *c, d, **e):\n    return a\n".repeat(n)
        }),
        shape("classes", |n| {
            "@dec\nclass C(B):\n    x: int = 0\n".repeat(n)
        }),
        shape("nested blocks", |n| {
            "if a:\n    while b:\n        for c in d:\n            try:\n                pass\n            except E as e:\n                pass\n"
                    .repeat(n)
        }),
        shape("with statements", |n| {
            "with (a as b, c):\n    pass\n".repeat(n)
        }),
        shape("tab-indented blocks", |n| {
            "if a:\n\tif b:\n\t\tpass\n".repeat(n)
        }),
        shape("comments and blank lines", |n| {
            "# comment\n\n   \nx = 1  # more\n".repeat(n)
        }),
        shape("triple-quoted strings", |n| "s = '''a\nb\n'''\n".repeat(n)),
        shape("match-like names", |n| "match = case(match, x)\n".repeat(n)),
        shape("syntax error at the end", |n| {
            "x = 1\n".repeat(n) + "x = = 1\n"
        }),
    ];
    for s in &shapes {
        assert_linear(s, 1000);
    }
}

#[test]
fn the_counters_see_a_quadratic_loop() {
    // The check can fail: work that grows with the square of n (what v1's
    // column counting did) breaks the 2.1 bound.
    let quadratic = |n: u64| Work {
        lexer_steps: n * n,
        parser_steps: n * n,
    };
    let (a, b) = (quadratic(2500), quadratic(5000));
    assert!(b.lexer_steps * 10 > a.lexer_steps * 21 + 1000);
}
