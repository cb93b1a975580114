//! Property tests.
//!
//! - Programs generated from a small grammar (integer and float
//!   arithmetic, comparisons, `if`, `for`, `while`, a function with a
//!   default) print exactly what CPython prints, and exit the same way
//!   (a generated `// 0` must fail in both). Skipped when python3 is absent.
//! - The front end never panics: arbitrary bytes and token soup either
//!   compile or give a `SourceError`.
//!
//! Case counts are bounded by `common::props::config` (PROPTEST_CASES
//! raises them).

use common::measure::python;
use common::props;
use proptest::prelude::*;
use threading::{Config, Interpreter};

/// Arithmetic over the variables `a`, `b`, `c` (each kept in 0..1009) and
/// small literals; depth 2 keeps every intermediate far inside 64 bits.
fn expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (-20i64..50).prop_map(|v| v.to_string()),
        prop::sample::select(vec!["a", "b", "c", "f(a)", "f(b, c)", "2.5", "0.1"])
            .prop_map(String::from),
    ];
    leaf.prop_recursive(2, 8, 2, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*", "//", "%", "/"]),
                inner.clone()
            )
                .prop_map(|(l, o, r)| format!("({l} {o} {r})")),
            inner.prop_map(|e| format!("-{e}")),
        ]
    })
}

fn cond() -> impl Strategy<Value = String> {
    (
        expr(),
        prop::sample::select(vec!["<", "<=", "==", "!=", ">", ">="]),
        expr(),
    )
        .prop_map(|(l, o, r)| format!("{l} {o} {r}"))
}

fn var() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["a", "b", "c"])
}

fn simple_stmt() -> impl Strategy<Value = String> {
    prop_oneof![
        (var(), expr()).prop_map(|(v, e)| format!("{v} = int({e}) % 1009")),
        (expr(), cond()).prop_map(|(e, c)| format!("print({e}, {c})")),
        expr().prop_map(|e| format!("print(f\"{{{e}!r:>12}}|{{a:,}}\")")),
    ]
}

fn stmt() -> impl Strategy<Value = String> {
    let indent = |s: &str| s.lines().map(|l| format!("    {l}\n")).collect::<String>();
    prop_oneof![
        simple_stmt(),
        (cond(), simple_stmt(), simple_stmt()).prop_map(move |(c, a, b)| format!(
            "if {c}:\n{}else:\n{}",
            indent(&a),
            indent(&b)
        )),
        (1i64..6, var(), expr()).prop_map(|(k, v, e)| format!(
            "for i in range({k}):\n    {v} = int({v} + {e}) % 1009\n    print(i, {v})"
        )),
        (1i64..5, simple_stmt())
            .prop_map(move |(k, s)| format!("n = 0\nwhile n < {k}:\n{}    n += 1", indent(&s))),
    ]
}

fn program() -> impl Strategy<Value = String> {
    (expr(), prop::collection::vec(stmt(), 1..8)).prop_map(|(body, stmts)| {
        let body = body
            .replace('a', "x")
            .replace('b', "y")
            .replace("f(x)", "x")
            .replace("f(y, c)", "y");
        let mut p = format!("a = 1\nb = 2\nc = 3\ndef f(x, y=3):\n    return int({body}) % 1009\n");
        for s in stmts {
            p.push_str(&s);
            p.push('\n');
        }
        p
    })
}

proptest! {
    #![proptest_config(props::config(24))]

    #[test]
    fn generated_programs_print_what_cpython_prints(src in program()) {
        let Some(py) = python::run_source(&src, &[]) else { return Ok(()); };
        let ours = Interpreter::new(Config { capture: true, ..Config::default() }).run_source("gen.py", &src);
        prop_assert_eq!(&ours.stdout, &String::from_utf8_lossy(&py.stdout).to_string(), "program:\n{}\nstderr: {}", src, ours.stderr);
        prop_assert_eq!(Some(ours.exit_code), py.status.code(), "program:\n{}\nstderr: {}", src, ours.stderr);
    }

    #[test]
    fn front_end_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = threading::interp::compile("fuzz.py", &bytes);
    }

    #[test]
    fn front_end_never_panics_on_token_soup(toks in prop::collection::vec(prop::sample::select(vec![
        "def", "if", "elif", "else", ":", "(", ")", "[", "]", "{", "}", "\n", "    ", "\t", "x", "y", "1", "2.5",
        "'s'", "\"t", "f'{x:>3}'", "f'{'", "+", "-", "*", "**", "//", "%", "=", "==", "<", "while", "for", "in",
        "return", "try", "except", "finally", "with", "as", "lambda", "class", "global", ",", ".", "#c", "not",
        "and", "or", "is", "None", "True", "import", "from", "threading", "os", "@", "\\", "yield", "1e400", "0x",
    ]), 0..60)) {
        let src: String = toks.join(" ");
        let _ = threading::interp::compile("soup.py", src.as_bytes());
        let squashed: String = toks.concat();
        let _ = threading::interp::compile("soup.py", squashed.as_bytes());
    }
}

/// Container and string expressions over `xs` (a list), `d` (a dict) and
/// `s` (a str): what `print`/`repr` of containers and the methods must get
/// byte-identical to CPython.
fn container_expr() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "xs",
        "d",
        "s",
        "len(xs)",
        "xs[1:3]",
        "xs[::-1]",
        "xs[-1]",
        "sorted(xs)",
        "sum(xs)",
        "max(xs)",
        "min(xs)",
        "list(d.items())",
        "list(d.keys())",
        "d.get('b', 0)",
        "s.upper()",
        "s.split('-')",
        "'-'.join([s, s])",
        "s[1:]",
        "s * 2",
        "[x * x for x in xs if x % 2]",
        "list(enumerate(xs))",
        "list(zip(xs, s))",
        "(1, s, 2.5)",
        "{'k': xs, 2: None}",
        "xs + [0.1 + 0.2]",
        "3 in xs",
        "'a' in s",
        "str(xs) + repr(s)",
        "[len(w) for w in s.split('-')]",
        "f'{s!r:>8}|{len(xs):03d}'",
        "sorted(d.items(), reverse=True)",
        "xs.index(xs[0])",
        "abs(-len(s)) / 4",
    ])
    .prop_map(String::from)
}

fn container_stmt() -> impl Strategy<Value = String> {
    prop_oneof![
        container_expr().prop_map(|e| format!("print({e})")),
        (-5i64..20).prop_map(|v| format!("xs.append({v})")),
        Just("xs.pop()".to_string()),
        (prop::sample::select(vec!["a", "b", "c"]), -3i64..9).prop_map(|(k, v)| format!("d['{k}'] = {v}")),
        prop::sample::select(vec!["x", "yy", "-z-"]).prop_map(|t| format!("s = s + '{t}'")),
        container_expr().prop_map(|e| format!("try:\n    print({e}[7])\nexcept (IndexError, KeyError, TypeError) as e:\n    print('caught', e)")),
        container_expr().prop_map(|e| format!("for i, v in enumerate([{e}]):\n    print(i, v)")),
    ]
}

proptest! {
    #![proptest_config(props::config(16))]

    #[test]
    fn generated_container_programs_print_what_cpython_prints(stmts in prop::collection::vec(container_stmt(), 1..10)) {
        let mut src = String::from("xs = [3, 1, 2]\nd = {'a': 1}\ns = 'ab-c'\n");
        for st in stmts {
            src.push_str(&st);
            src.push('\n');
        }
        let Some(py) = python::run_source(&src, &[]) else { return Ok(()); };
        let ours = Interpreter::new(Config { capture: true, ..Config::default() }).run_source("gen.py", &src);
        prop_assert_eq!(&ours.stdout, &String::from_utf8_lossy(&py.stdout).to_string(), "program:\n{}\nstderr: {}", src, ours.stderr);
        prop_assert_eq!(Some(ours.exit_code), py.status.code(), "program:\n{}\nstderr: {}", src, ours.stderr);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for src in [
        format!("x = {}1{}\n", "(".repeat(150), ")".repeat(150)),
        format!("x = {}1\n", "-".repeat(50_000)),
        format!("x = {}1\n", "not ".repeat(50_000)),
        format!("x = 1{}\n", " + 1".repeat(50_000)),
        format!("x = {}1{}\n", "[".repeat(5000), "]".repeat(5000)),
    ] {
        let out = Interpreter::new(Config {
            capture: true,
            ..Config::default()
        })
        .run_source("deep.py", &src);
        assert!(
            out.exit_code == 0 || out.stderr.contains("Error"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn deep_containers_free_and_compare_without_stack_overflow() {
    // Instances nest through their `__dict__`, sets through frozensets:
    // every container kind's drop goes through the trashcan (`drop.rs`),
    // past its depth of 50 as below it.
    let src = "\
class Node:
    pass
x = []
y = []
t = ()
d = {}
n = None
s = frozenset()
for i in range(200000):
    x = [x]
    y = [y]
    t = (t, i)
    d = {'k': d}
    m = Node()
    m.next = n
    n = m
    s = frozenset([s, i])
try:
    print(x == y)
except RecursionError as e:
    print('RecursionError', e)
print(len(x), len(t), len(d), len(s))
del x, y, t, d, m, n, s
print('freed')
";
    let out = Interpreter::new(Config {
        capture: true,
        ..Config::default()
    })
    .run_source("deep.py", src);
    assert_eq!(
        out.stdout,
        "RecursionError maximum recursion depth exceeded in comparison\n1 2 1 2\nfreed\n",
        "{}",
        out.stderr
    );
}

/// Past the trashcan's depth of 50 a drop queues instead of recursing
/// (`object/drop.rs`): a chain of a million instances and one of a million
/// lists, let go by `del`, free without exhausting the interpreter
/// thread's 256 MiB native stack (recursing all the way down overflows
/// it: checked by setting the depth limit to `u32::MAX`).
#[test]
fn a_million_deep_chain_frees_with_constant_native_stack() {
    let src = "\
class Node:
    pass
n = None
x = []
for i in range(1000000):
    m = Node()
    m.next = n
    n = m
    x = [x]
del m
print(n.next.next is not None, len(x))
del n, x
print('freed')
";
    let out = Interpreter::new(Config {
        capture: true,
        ..Config::default()
    })
    .run_source("chain.py", src);
    assert_eq!(out.stdout, "True 1\nfreed\n", "{}", out.stderr);
}
