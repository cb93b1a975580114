//! Property tests of the front end over MiniPy v2's grammar.
//!
//! - Nothing panics: arbitrary bytes, soups of v2 tokens, and valid
//!   programs with random edits all end in a tree or a `SourceError`.
//! - Generated programs (lambdas, comprehensions, `*`/`**`, slices,
//!   f-strings, walrus, conditional and chained expressions, decorators,
//!   classes, `try`/`with`/`for` … `else`) parse to CPython's tree, node for
//!   node (compared live when `python3` is present; parsed in any case).
//! - Mutated valid programs: when CPython refuses one, MiniPy refuses it
//!   with the same error class on the same line; when CPython accepts one,
//!   so does MiniPy (or names it out of scope). Deterministic: a fixed seed.
//!   Known to differ, rarely (about 1 in 1,000 edits at 4,000 edits per
//!   seed): the line of an error in a multi-line bracketed region where
//!   CPython's PEG parser finds a hint on a later line than MiniPy (a stray
//!   expression after `**kwargs`, an escape error in a string continued with
//!   `\`) — the message class agrees, the line is one off.
//!
//! Case counts are bounded by `common::props::config` (PROPTEST_CASES
//! raises them).

// Shared with the tests that read the expected sections; only the
// sources are used here.
#[allow(dead_code)]
#[path = "frontend/cases.rs"]
mod cases;
#[path = "frontend/dump.rs"]
mod dump;

use common::measure::python;
use common::props;
use proptest::prelude::*;
use std::io::Write;
use std::process::{Command, Stdio};
use threading::error::SourceErrorKind;
use threading::parser::parse_module;

/// Tokens of the v2 grammar, valid and broken, for the soups.
const SOUP: &[&str] = &[
    "def",
    "class",
    "lambda",
    "async",
    "await",
    "yield",
    "from",
    "import",
    "as",
    "if",
    "elif",
    "else",
    "for",
    "in",
    "while",
    "try",
    "except",
    "finally",
    "with",
    "return",
    "raise",
    "del",
    "global",
    "nonlocal",
    "assert",
    "pass",
    "break",
    "continue",
    "not",
    "and",
    "or",
    "is",
    "None",
    "True",
    "match",
    "case",
    "_",
    "x",
    "y",
    "self",
    "print",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ";",
    ".",
    "...",
    "=",
    ":=",
    "+=",
    "**=",
    "->",
    "@",
    "*",
    "**",
    "/",
    "//",
    "-",
    "~",
    "<<",
    "|",
    "^",
    "&",
    "<",
    "==",
    "!=",
    "\n",
    "\n    ",
    "\n\t",
    "\\\n",
    "#c\n",
    "0",
    "1_000",
    "0x1F",
    "1e5",
    "1.5",
    "99999999999999999999",
    "1j",
    "'s'",
    "\"t",
    "'''",
    "b'x'",
    "rb'\\d'",
    "f'{x}'",
    "f'{x=!r:>{w}}'",
    "f'{'",
    "f'}'",
    "u'u'",
    "'\\x4'",
    "é",
    "$",
    "?",
];

fn compile_never_panics(src: &[u8]) {
    let _ = threading::interp::compile("fuzz.py", src);
}

proptest! {
    #![proptest_config(props::config(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        compile_never_panics(&bytes);
    }

    #[test]
    fn v2_token_soup_never_panics(toks in prop::collection::vec(prop::sample::select(SOUP), 0..80)) {
        compile_never_panics(toks.join(" ").as_bytes());
        compile_never_panics(toks.concat().as_bytes());
    }

    #[test]
    fn edited_valid_programs_never_panic(
        case in 0usize..1000,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, prop::sample::select(SOUP)), 1..6),
    ) {
        let forms = cases::read("forms.txt");
        let mut src = forms[case % forms.len()].source.clone().into_bytes();
        for (at, kind, tok) in edits {
            let at = at.index(src.len() + 1);
            apply_edit(&mut src, at, kind, tok);
        }
        compile_never_panics(&src);
    }
}

/// One random edit at byte `at`: delete a few bytes, insert a token,
/// duplicate a slice, or cut the rest of the line.
fn apply_edit(src: &mut Vec<u8>, at: usize, kind: usize, tok: &str) {
    let at = at.min(src.len());
    match kind {
        0 => {
            let end = (at + 3).min(src.len());
            src.drain(at..end);
        }
        1 => {
            src.splice(at..at, tok.bytes());
        }
        2 => {
            let end = (at + 8).min(src.len());
            let piece: Vec<u8> = src[at..end].to_vec();
            src.splice(at..at, piece);
        }
        _ => {
            let end = src[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(src.len(), |p| at + p);
            src.drain(at..end);
        }
    }
}

/// CPython's dumps (or `error:Class:line` lines) for many sources, from one
/// `python3` process.
fn cpython_answers(sources: &[String]) -> Option<Vec<String>> {
    let py = python::python3()?;
    let script = r#"
import ast, sys
data = sys.stdin.buffer.read().split(b"\0")
for src in data[:-1]:
    try:
        print(ast.dump(ast.parse(src.decode("utf-8", "surrogateescape"))))
    except SyntaxError as e:
        print(f"error:{type(e).__name__}:{e.lineno}")
    except (MemoryError, RecursionError, ValueError) as e:
        print(f"error:{type(e).__name__}:0")
"#;
    let mut child = Command::new(py)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut input = Vec::new();
    for s in sources {
        input.extend_from_slice(s.as_bytes());
        input.push(0);
    }
    child.stdin.take()?.write_all(&input).ok()?;
    let out = child.wait_with_output().ok()?;
    // MiniPy keeps no `u` prefix flag (CPython's `kind='u'`, which only
    // `ast.dump` shows).
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.replace(", kind='u'", ""))
            .collect(),
    )
}

/// Errors MiniPy's front end reports that CPython finds only after
/// `ast.parse` (in its symbol table or compiler).
const AFTER_PARSING: &[&str] = &[
    "duplicate argument",
    "keyword argument repeated",
    "starred assignment target",
    "multiple starred expressions",
];

/// MiniPy's answer in the same shape (`None`: no verdict to compare — a
/// construct outside MiniPy, or an error CPython reports after parsing).
fn minipy_answer(src: &str) -> Option<String> {
    match parse_module(src) {
        Ok(body) => Some(dump::dump_module(&body)),
        Err(e) => {
            if AFTER_PARSING.iter().any(|m| e.msg.starts_with(m)) {
                return None;
            }
            let class = match e.kind {
                SourceErrorKind::NotImplemented | SourceErrorKind::Recursion => return None,
                k => k.python_name(),
            };
            Some(format!("error:{class}:{}", e.line))
        }
    }
}

/// Source for a random expression of the v2 grammar (depth-bounded).
fn expr() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(vec![
        "x", "y", "None", "True", "1", "2.5", "'s'", "b'b'", "...", "0xff", "[]", "{}", "()",
    ])
    .prop_map(String::from);
    leaf.prop_recursive(3, 24, 3, |e| {
        let pair = (e.clone(), e.clone());
        prop_oneof![
            (
                pair.clone(),
                prop::sample::select(vec![
                    "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "|", "^", "&"
                ])
            )
                .prop_map(|((a, b), op)| format!("({a} {op} {b})")),
            (
                pair.clone(),
                prop::sample::select(vec!["<", "==", "!=", "in", "not in", "is", "is not"])
            )
                .prop_map(|((a, b), op)| format!("({a} {op} {b} < x)")),
            (pair.clone(), prop::sample::select(vec!["and", "or"]))
                .prop_map(|((a, b), op)| format!("({a} {op} {b} {op} x)")),
            (e.clone(), prop::sample::select(vec!["-", "+", "~", "not "]))
                .prop_map(|(a, op)| format!("({op}{a})")),
            (e.clone(), e.clone(), e.clone())
                .prop_map(|(a, b, c)| format!("({a} if {b} else {c})")),
            e.clone()
                .prop_map(|a| format!("(lambda p, /, q=1, *r, k, **kw: {a})")),
            pair.clone()
                .prop_map(|(a, b)| format!("f({a}, *{b}, k={a}, **{b})")),
            pair.clone()
                .prop_map(|(a, b)| format!("{a}[{b}:{a}, ::{b}]")),
            e.clone()
                .prop_map(|a| format!("[{a} for p in q if p for r in {a}]")),
            pair.clone()
                .prop_map(|(a, b)| format!("{{{a}: {b} for p, *r in q}}")),
            pair.clone().prop_map(|(a, b)| format!("{{{a}, *{b}}}")),
            pair.clone()
                .prop_map(|(a, b)| format!("{{**{a}, 'k': {b}}}")),
            e.clone().prop_map(|a| format!("(p := {a})")),
            // (3.11: an f-string's fields cannot reuse its quote.)
            e.clone()
                .prop_filter("no nested f-string", |a| !a.contains('"'))
                .prop_map(|a| format!("f\"{{ {a}!r:>{{w}}}} {{p=}}\"")),
            e.clone().prop_map(|a| format!("({a} for p in q)")),
            e.clone().prop_map(|a| format!("({a}).attr(1)(2)")),
            pair.prop_map(|(a, b)| format!("[{a}, *{b}, ({a},)]")),
        ]
    })
}

/// Source for a random program (statements around generated expressions).
fn program() -> impl Strategy<Value = String> {
    let stmt = (expr(), expr(), 0usize..12).prop_map(|(a, b, k)| match k {
        0 => format!("x = {a}\n"),
        1 => format!("x, *y = {a}, {b}\n"),
        2 => format!("x.a[0] += {a}\n"),
        3 => format!("x: list[int] = {a}\n"),
        4 => format!("if {a}:\n    pass\nelif {b}:\n    x = 1\nelse:\n    del x, y[0]\n"),
        5 => format!("for p, q in {a}:\n    continue\nelse:\n    pass\n"),
        6 => format!("while {a}:\n    break\n"),
        7 => format!("try:\n    raise {a} from {b}\nexcept (E, F) as e:\n    raise\nelse:\n    pass\nfinally:\n    pass\n"),
        8 => format!("with {a} as p, {b}:\n    pass\n"),
        9 => format!("@dec({a})\ndef f(p, /, q={b}, *r, k, **kw) -> {a}:\n    global g\n    return {b}\n"),
        10 => format!("class C(B, metaclass=M):\n    x = {a}\n    def m(self):\n        yield {b}\n"),
        _ => format!("async def g():\n    await {a}\n    async for p in {b}:\n        pass\n"),
    });
    prop::collection::vec(stmt, 1..5).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(props::config(48))]

    #[test]
    fn generated_programs_parse_to_cpythons_tree(src in program()) {
        let ours = minipy_answer(&src);
        prop_assert!(
            ours.as_deref().is_some_and(|a| !a.starts_with("error:")),
            "MiniPy refused a valid program:\n{}\n{:?}", src, parse_module(&src).err()
        );
        if let Some(theirs) = cpython_answers(std::slice::from_ref(&src)) {
            prop_assert_eq!(ours.as_deref(), theirs.first().map(String::as_str), "program:\n{}", src);
        }
    }
}

/// A small deterministic generator (xorshift), so the differential run
/// below is the same on every machine and every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

#[test]
fn edited_programs_fail_where_cpython_fails() {
    let forms = cases::read("forms.txt");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut sources = Vec::new();
    for i in 0..400 {
        let mut src = forms[i % forms.len()].source.clone().into_bytes();
        for _ in 0..1 + rng.below(2) {
            let at = rng.below(src.len() + 1);
            let kind = rng.below(4);
            let tok = SOUP[rng.below(SOUP.len())];
            apply_edit(&mut src, at, kind, tok);
        }
        if let Ok(s) = String::from_utf8(src) {
            if !s.contains('\0') {
                sources.push(s);
            }
        }
    }
    let Some(theirs) = cpython_answers(&sources) else {
        return;
    };
    assert_eq!(theirs.len(), sources.len());
    let mut differ = Vec::new();
    for (src, want) in sources.iter().zip(&theirs) {
        let Some(ours) = minipy_answer(src) else {
            continue;
        };
        // Compare verdicts: the same tree, or the same error class and line.
        if &ours != want {
            differ.push(format!(
                "--- source\n{src:?}\n--- CPython: {}\n--- MiniPy: {}",
                short(want),
                short(&ours)
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} edited programs differ:\n{}",
        differ.len(),
        sources.len(),
        differ.join("\n")
    );
}

fn short(s: &str) -> String {
    s.chars().take(160).collect()
}
