//! Deep and long inputs end with CPython 3.11's own outcome — a result, a
//! `RecursionError` from its compiler, a `MemoryError` from its parser
//! stack, or "too many nested parentheses" from its tokenizer — and never
//! with a stack overflow, a hang or a panic. Outcomes are asserted, never
//! times (the benchmark, not a test, times the front end).
//!
//! The thresholds were measured on CPython 3.11.7 (see `parser/limits.rs`);
//! when `python3` is present a sample is also compared live.

use common::measure::python;
use std::process::Command;
use threading::ast::{BinOp, Const, Expr, ExprKind, UnaryOp};
use threading::error::SourceErrorKind;
use threading::parser::parse_module;
use threading::{Config, Interpreter};

const RECURSION: &str = "RecursionError: maximum recursion depth exceeded during compilation\n";
const MEMORY: &str = "MemoryError\n";

fn run(src: &str) -> threading::RunOutcome {
    Interpreter::new(Config {
        capture: true,
        ..Config::default()
    })
    .run_source("deep.py", src)
}

fn plus_chain(terms: usize) -> String {
    format!("x = 1{}\nprint(x)\n", "+1".repeat(terms - 1))
}

fn minus_chain(minuses: usize) -> String {
    format!("print({}1)\n", "-".repeat(minuses))
}

#[test]
fn long_sums_run_up_to_cpythons_compile_depth_then_fail_like_it() {
    for (terms, out) in [(1000, "1000\n"), (2999, "2999\n")] {
        let r = run(&plus_chain(terms));
        assert_eq!((r.exit_code, r.stdout.as_str()), (0, out), "{}", r.stderr);
    }
    for terms in [3000, 16_000, 200_000] {
        let r = run(&plus_chain(terms));
        assert_eq!(
            (r.exit_code, r.stderr.as_str()),
            (1, RECURSION),
            "{terms} terms"
        );
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn long_unary_chains_end_in_recursion_then_memory_error() {
    let r = run(&minus_chain(5964));
    assert_eq!((r.exit_code, r.stderr.as_str()), (1, RECURSION));
    for n in [5965, 100_000] {
        let r = run(&minus_chain(n));
        assert_eq!((r.exit_code, r.stderr.as_str()), (1, MEMORY), "{n} minuses");
    }
    let r = run(&format!("x = {}1\n", "not ".repeat(100_000)));
    assert_eq!((r.exit_code, r.stderr.as_str()), (1, MEMORY));
}

#[test]
fn nesting_past_200_brackets_is_cpythons_syntax_error() {
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
        let ok = format!("x = {}1{}\n", open.repeat(200), close.repeat(200));
        // (Nested sets parse; running them is CPython's TypeError.)
        assert!(parse_module(&ok).is_ok(), "200 of {open}");
        if open != "{" {
            let r = run(&format!("{ok}print(1)\n"));
            assert_eq!((r.exit_code, r.stdout.as_str()), (0, "1\n"), "{}", r.stderr);
        }
        for n in [201, 10_000] {
            let src = format!("x = {}1{}\n", open.repeat(n), close.repeat(n));
            let r = run(&src);
            assert_eq!(r.exit_code, 1);
            assert!(
                r.stderr
                    .ends_with("SyntaxError: too many nested parentheses\n"),
                "{}",
                &r.stderr[r.stderr.len().saturating_sub(200)..]
            );
            // The caret sits under the 201st bracket, as CPython puts it.
            let caret = r.stderr.lines().nth(2).unwrap_or_default();
            assert_eq!(caret.len(), 4 + 4 + 200 + 1, "caret line");
        }
    }
}

/// Outcome of parsing alone (for forms v1's compiler cannot compile yet).
fn parse_outcome(src: &str) -> Option<SourceErrorKind> {
    parse_module(src).err().map(|e| e.kind)
}

#[test]
fn power_lambda_and_conditional_chains_stop_where_cpython_stops() {
    // `**` and `lambda` cost CPython's parser two levels each.
    assert_eq!(
        parse_outcome(&format!("x = {}1\n", "2**".repeat(2983))),
        None
    );
    assert_eq!(
        parse_outcome(&format!("x = {}1\n", "2**".repeat(2984))),
        Some(SourceErrorKind::Memory)
    );
    assert_eq!(
        parse_outcome(&format!("x = {}1\n", "lambda: ".repeat(2983))),
        None
    );
    assert_eq!(
        parse_outcome(&format!("x = {}1\n", "lambda: ".repeat(2984))),
        Some(SourceErrorKind::Memory)
    );
    // `if`–`else` costs one level but one tree node: the compiler's limit first.
    assert_eq!(
        parse_outcome(&format!("x = {}1\n", "1 if 1 else ".repeat(2998))),
        None
    );
    assert_eq!(
        parse_outcome(&format!("x = {}1\n", "1 if 1 else ".repeat(2999))),
        Some(SourceErrorKind::Recursion)
    );
}

#[test]
fn a_syntax_error_after_a_too_deep_expression_wins_as_in_cpython() {
    // CPython's compiler only sees a parsed file: the later syntax error is
    // reported, not the depth.
    let src = format!("x = 1{}\ny = = 2\n", "+1".repeat(5000));
    let err = parse_module(&src).unwrap_err();
    assert_eq!(
        (err.kind, err.line, err.msg.as_str()),
        (SourceErrorKind::Syntax, 2, "invalid syntax")
    );
}

#[test]
fn sample_of_deep_outcomes_agrees_with_live_cpython() {
    let Some(py) = python::python3() else {
        return;
    };
    let cases = [
        minus_chain(5964),
        minus_chain(5965),
        format!("x = [{}1]\n", "-".repeat(5956)),
        format!("x = [{}1]\n", "-".repeat(5957)),
        format!("if 1:\n  x = {}1\n", "-".repeat(5961)),
        format!("if 1:\n  x = {}1\n", "-".repeat(5962)),
        format!("x = {}1{}\n", "(".repeat(150), ")".repeat(150)),
        format!("x = {}-1{}\n", "((".repeat(100), "))".repeat(100)),
        format!("x = f'{{{}1}}'\n", "-".repeat(5946)),
        format!("x = f'{{{}1}}'\n", "-".repeat(5947)),
        plus_chain(2999),
        plus_chain(3000),
    ];
    let dir = std::env::temp_dir().join(format!("minipy-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (i, src) in cases.iter().enumerate() {
        let path = dir.join(format!("d{i}.py"));
        std::fs::write(&path, src).expect("write");
        let cp = Command::new(&py).arg(&path).output().expect("python3");
        let ours = run(src);
        let their_last = String::from_utf8_lossy(&cp.stderr)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string();
        let our_last = ours.stderr.lines().last().unwrap_or_default().to_string();
        assert_eq!(
            (cp.status.code(), their_last),
            (Some(ours.exit_code), our_last),
            "case {i}: {}",
            &src[..src.len().min(60)]
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A left-nested `1 + 1 + …` tree built by hand, `depth` nodes deep.
fn deep_sum(depth: usize) -> Expr {
    let one = || Expr::new(ExprKind::Const(Const::Int(1)), 1, 1, 1, 2);
    let mut e = one();
    for _ in 0..depth {
        let kind = ExprKind::BinOp {
            left: Box::new(e),
            op: BinOp::Add,
            right: Box::new(one()),
        };
        e = Expr::new(kind, 1, 1, 1, 2);
    }
    e
}

#[test]
fn trees_of_any_depth_drop_without_recursion() {
    // 64 KiB of stack: a recursive drop of 200,000 levels would need
    // megabytes. Built and dropped on the small thread.
    let dropped = std::thread::Builder::new()
        .stack_size(64 << 10)
        .spawn(|| {
            let sum = deep_sum(200_000);
            assert_eq!(sum.height, 200_001);
            drop(sum);
            let mut e = Expr::new(ExprKind::Name("x".into()), 1, 1, 1, 2);
            for _ in 0..200_000 {
                let kind = ExprKind::UnaryOp {
                    op: UnaryOp::USub,
                    operand: Box::new(e),
                };
                e = Expr::new(kind, 1, 1, 1, 2);
            }
            let list = ExprKind::List { elts: vec![e] };
            drop(Expr::new(list, 1, 1, 1, 2));
            true
        })
        .expect("spawn")
        .join()
        .expect("drop on a small stack");
    assert!(dropped);
}

#[test]
fn the_parser_fits_a_4_mib_stack_on_its_worst_inputs() {
    // The parser recurses only into brackets (≤ 200), blocks (≤ 99) and
    // f-string fields (≤ 2); chains are loops. Measured in the test
    // profile: 200 brackets of any kind need 1.5–2 MiB, so the deepest
    // inputs fit half an ordinary main thread's stack.
    let deepest_blocks: String = (0..99)
        .map(|i| format!("{}if 1:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(99)
        + "x = 1\n";
    let inputs = vec![
        format!("x = {}1{}\n", "(-".repeat(200), ")".repeat(200)),
        format!("x = {}1{}\n", "[lambda: ".repeat(200), "]".repeat(200)),
        format!("x = {}x{}\n", "f(a, *b, k=[{".repeat(66), "}])".repeat(66)),
        format!("x = {}1{}\n", "f(k=".repeat(200), ")".repeat(200)),
        format!("x = {}1{}\n", "[x for x in ".repeat(200), "]".repeat(200)),
        format!("x = {}1{}\n", "{1: ".repeat(200), "}".repeat(200)),
        format!("x = f'{{{}1{}}}'\n", "(".repeat(199), ")".repeat(199)),
        minus_chain(100_000),
        format!("x = {}1\n", "lambda: ".repeat(2983)),
        format!("x = {}1\n", "1 if 1 else ".repeat(5000)),
        format!("x = {}1\n", "2 ** -".repeat(2000)),
        deepest_blocks,
        plus_chain(200_000),
    ];
    std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(move || {
            for src in &inputs {
                let _ = parse_module(src);
            }
        })
        .expect("spawn")
        .join()
        .expect("the parser overflowed a 4 MiB stack");
}

#[test]
fn ten_thousand_nested_blocks_are_cpythons_indentation_error() {
    // 100 indentation levels is CPython's tokenizer limit; 10,000 nested
    // `if`/`def` blocks end there with its error, not in a stack overflow.
    for header in ["if 1:", "def f():", "while x:", "with a:", "try:"] {
        let mut src = String::new();
        for depth in 0..10_000 {
            src.push_str(&" ".repeat(depth));
            src.push_str(header);
            src.push('\n');
        }
        src.push_str(&" ".repeat(10_000));
        src.push_str("pass\n");
        let r = run(&src);
        assert_eq!(r.exit_code, 1, "{header}");
        assert!(
            r.stderr
                .ends_with("IndentationError: too many levels of indentation\n"),
            "{header}: {}",
            &r.stderr[r.stderr.len().saturating_sub(200)..]
        );
        assert!(r.stdout.is_empty());
    }
    // 99 levels still run.
    let mut src = String::new();
    for depth in 0..99 {
        src.push_str(&" ".repeat(depth));
        src.push_str("if 1:\n");
    }
    src.push_str(&" ".repeat(99));
    src.push_str("print('deep')\n");
    let r = run(&src);
    assert_eq!(
        (r.exit_code, r.stdout.as_str()),
        (0, "deep\n"),
        "{}",
        r.stderr
    );
}
