//! Every syntactic form of MiniPy v2, parsed by MiniPy and by CPython 3.11:
//! the trees must print the same (`tests/frontend/dump.rs` prints MiniPy's
//! tree in `ast.dump`'s format). The expected dumps in
//! `tests/frontend/forms.txt` were written by `regen.py` from CPython;
//! when `python3` is present the same dumps are also taken live.
//!
//! Also here: positions (the traceback markers depend on them) for a few
//! nodes, `match` refused by name, and the tree's documented depth bound.

#[path = "frontend/cases.rs"]
mod cases;
#[path = "frontend/dump.rs"]
mod dump;

use common::measure::python;
use std::process::Command;
use threading::ast::{ExprKind, Stmt, StmtKind, MAX_DEPTH};
use threading::error::SourceErrorKind;
use threading::parser::parse_module;

fn parse(src: &str) -> Vec<Stmt> {
    parse_module(src).unwrap_or_else(|e| panic!("{src}\n{e}"))
}

#[test]
fn every_form_parses_to_cpythons_tree() {
    let cases = cases::read("forms.txt");
    assert!(cases.len() >= 20, "forms.txt has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let want = case.section("ast");
        let got = match parse_module(&case.source) {
            Ok(body) => dump::dump_module(&body),
            Err(e) => format!("error: {e}"),
        };
        if got.trim_end() != want.trim_end() {
            // Show where the two dumps part.
            let at = want
                .chars()
                .zip(got.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let window = |s: &str| {
                s.chars()
                    .skip(at.saturating_sub(80))
                    .take(240)
                    .collect::<String>()
            };
            failures.push(format!(
                "{}: differs at char {at}\n--- CPython\n…{}\n--- MiniPy\n…{}",
                case.name,
                window(want.trim_end()),
                window(&got)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn committed_dumps_are_cpythons_own() {
    let Some(py) = python::python3() else {
        return;
    };
    let out = Command::new(py)
        .arg(cases::dir().join("regen.py"))
        .args(["--any-version", "--print", "forms.txt"])
        .output()
        .expect("run regen.py");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let live = String::from_utf8_lossy(&out.stdout);
    let cases = cases::read("forms.txt");
    for (case, line) in cases.iter().zip(live.lines()) {
        assert_eq!(case.section("ast").trim_end(), line, "{}", case.name);
    }
}

#[test]
fn nodes_keep_cpythons_positions() {
    // 1-based columns here; CPython's col_offset is 0-based.
    let body = parse("total = left  +  right[i]\n");
    let StmtKind::Assign { value, .. } = &body[0].kind else {
        panic!("an assignment")
    };
    assert_eq!((value.line, value.col, value.end_col), (1, 9, 26));
    let ExprKind::BinOp { left, right, .. } = &value.kind else {
        panic!("a BinOp")
    };
    assert_eq!((left.col, left.end_col), (9, 13));
    assert_eq!((right.col, right.end_col), (18, 26));
    assert_eq!((body[0].col, body[0].end_col), (1, 26));

    let body = parse("if x:\n    y = f(a,\n          b)\nz = 1\n");
    assert_eq!(
        (body[0].line, body[0].end_line, body[0].end_col),
        (1, 3, 13)
    );
    let body = parse("x = f'{a + b}'\n");
    let StmtKind::Assign { value, .. } = &body[0].kind else {
        panic!("an assignment")
    };
    let ExprKind::JoinedStr { values } = &value.kind else {
        panic!("an f-string")
    };
    let ExprKind::FormattedValue { value: inner, .. } = &values[0].kind else {
        panic!("a field")
    };
    // The field's expression sits where it is written, so a traceback's
    // markers can point into the f-string.
    assert_eq!((inner.line, inner.col, inner.end_col), (1, 8, 13));
}

#[test]
fn match_is_refused_by_name_and_soft_keyword_uses_are_not() {
    let err = parse_module("x = 1\nmatch x:\n    case 1:\n        pass\n").unwrap_err();
    assert_eq!(err.kind, SourceErrorKind::NotImplemented);
    assert!(err.msg.contains("'match'") && err.line == 2, "{err}");
    // `match` is an ordinary name everywhere else.
    let body = parse("match = 1\nmatch(x)\nmatch[0] = match.y\nprint(match)\n");
    assert_eq!(body.len(), 4);
}

#[test]
fn relative_imports_and_except_star_are_refused_by_name() {
    for (src, what) in [
        ("from . import x\n", "relative import"),
        ("from .m import x\n", "relative import"),
        ("try:\n    pass\nexcept* E:\n    pass\n", "except*"),
        ("x = 1j\n", "complex"),
    ] {
        let err = parse_module(src).unwrap_err();
        assert_eq!(err.kind, SourceErrorKind::NotImplemented, "{src}");
        assert!(err.msg.contains(what), "{src}: {err}");
    }
}

/// The longest path of statement and expression nodes (CPython's count).
fn tree_depth(body: &[Stmt]) -> u32 {
    let mut deepest = 0;
    let mut stmts: Vec<(&Stmt, u32)> = body.iter().map(|s| (s, 1)).collect();
    while let Some((s, d)) = stmts.pop() {
        deepest = deepest.max(d);
        s.for_each_expr(&mut |e| deepest = deepest.max(d + e.height));
        s.for_each_body(&mut |b| stmts.extend(b.iter().map(|c| (c, d + 1))));
    }
    deepest
}

#[test]
fn no_tree_is_deeper_than_the_documented_bound() {
    // The deepest trees CPython accepts: exactly at the bound.
    let chain = format!("x = 1{}\n", "+1".repeat(2998));
    assert_eq!(tree_depth(&parse(&chain)), MAX_DEPTH);
    let nested = format!("if x:\n    y = -{}1\n", "-".repeat(2996));
    assert_eq!(tree_depth(&parse(&nested)), MAX_DEPTH);
    // One more node is CPython's RecursionError, whatever the shape.
    for src in [
        format!("x = 1{}\n", "+1".repeat(2999)),
        format!("if x:\n    y = -{}1\n", "-".repeat(2997)),
        format!("f({}0{})\n", "a if b else ".repeat(3000), ""),
        format!("x = {}0\n", "not ".repeat(2999)),
        format!("x = f'{{{}}}'\n", "-".repeat(2997) + "1"),
    ] {
        let err = parse_module(&src).unwrap_err();
        assert_eq!(err.kind, SourceErrorKind::Recursion, "{}", &src[..40]);
    }
}

#[test]
fn expr_heights_count_nodes_on_the_longest_path() {
    let body = parse("x = [a, (b + c) * d, f(g(h))]\n");
    let StmtKind::Assign { value, .. } = &body[0].kind else {
        panic!("an assignment")
    };
    // List → BinOp(*) → BinOp(+) → Name: 4; List → Call → Call → Name: 4.
    assert_eq!(value.height, 4);
}
