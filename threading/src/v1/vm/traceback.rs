//! Printing an uncaught exception the way CPython does.
//!
//! ```text
//!   Traceback (most recent call last):
//!     File "x.py", line 9, in <module>        outermost frame first
//!       main()
//!     File "x.py", line 5, in main
//!       return 1 / 0
//!   ZeroDivisionError: division by zero
//! ```
//!
//! A run of more than three identical entries (deep recursion) collapses to
//! `[Previous line repeated N more times]`, and an exception raised while
//! another was being handled prints that one first, followed by "During
//! handling of the above exception, another exception occurred:".
//!
//! Under the source line, CPython 3.11's markers point at the failing
//! expression (`^^^^`), or at the operator of a binary operation and the
//! brackets of a subscript (`~~^~~`, `~^^^^^`), from the instruction's span.
//!
//! Python equivalent: `Python/traceback.c` and `Lib/traceback.py`.

use super::exception::{ExcObj, TbEntry};
use super::value::lock;
use super::Runtime;
use crate::ast::{ExprKind, StmtKind};
use crate::v1::bytecode::Span;
use std::fmt::Write as _;
use std::sync::Arc;

/// The text of one traceback entry.
fn entry_text(e: &TbEntry, rt: &Runtime) -> String {
    let mut s = format!(
        "  File \"{}\", line {}, in {}\n",
        e.code.filename, e.line, e.code.name
    );
    if let Some(src) = rt.source_lines.get((e.line as usize).wrapping_sub(1)) {
        let t = src.trim();
        if !t.is_empty() {
            let _ = writeln!(s, "    {t}");
            if let Some(marks) = caret_line(src, e.line, e.span) {
                let _ = writeln!(s, "{marks}");
            }
        }
    }
    s
}

/// CPython 3.11's marker line under a traceback's source line: `^` under
/// the failing expression, or `~` under the operands and `^` under the
/// operator of a binary operation (`~^~`) or the brackets of a subscript
/// (`~^^^`). Omitted when it would underline the whole line with `^`.
fn caret_line(line: &str, lineno: u32, span: Span) -> Option<String> {
    let (col, end_line, end_col) = span;
    if col == 0 {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let indent = chars.len() - line.trim_start().chars().count();
    let stripped_len = line.trim().chars().count();
    let start = (col - 1) as usize;
    let (end, anchors) = if end_line == lineno {
        let end = (end_col.saturating_sub(1) as usize).min(chars.len());
        let segment: String = chars[start.min(end)..end].iter().collect();
        (end, anchors(&segment))
    } else {
        (indent + stripped_len, None)
    };
    if end <= start || start < indent {
        return None;
    }
    let width = end - start;
    let show = width < stripped_len || anchors.is_some_and(|(l, r)| r > l);
    if !show {
        return None;
    }
    let mut out = format!("    {}", " ".repeat(start - indent));
    match anchors {
        Some((l, r)) if l <= r && r <= width => {
            out.push_str(&"~".repeat(l));
            out.push_str(&"^".repeat(r - l));
            out.push_str(&"~".repeat(width - r));
        }
        _ => out.push_str(&"^".repeat(width)),
    }
    Some(out)
}

/// Where the `^` part of the markers goes inside `segment` (char offsets),
/// found by parsing the segment again, exactly as CPython's `traceback`
/// module does.
fn anchors(segment: &str) -> Option<(usize, usize)> {
    let body = crate::parser::parse_module(segment).ok()?;
    let [stmt] = &body[..] else { return None };
    let StmtKind::Expr(e) = &stmt.kind else {
        return None;
    };
    let seg: Vec<char> = segment.chars().collect();
    let at = |i: usize| seg.get(i).copied();
    match &e.kind {
        ExprKind::BinOp { left, right, .. } => {
            let op_start = (left.end_col.saturating_sub(1)) as usize;
            let op_end = (right.col.saturating_sub(1)) as usize;
            let op_str: String = seg.get(op_start..op_end.max(op_start))?.iter().collect();
            let offset = op_str.chars().count() - op_str.trim_start().chars().count();
            let mut l = op_start + offset;
            let mut r = l + 1;
            if op_str
                .chars()
                .nth(offset + 1)
                .is_some_and(|c| !c.is_whitespace())
            {
                r += 1;
            }
            while at(l).is_some_and(|c| c.is_whitespace() || c == ')' || c == '#') {
                l += 1;
                r += 1;
            }
            Some((l, r))
        }
        ExprKind::Subscript {
            value,
            slice: index,
        } => {
            let mut l = (value.end_col.saturating_sub(1)) as usize;
            let mut r = index.end_col as usize;
            while at(l).is_some_and(|c| c.is_whitespace() || c != '[') {
                l += 1;
            }
            while at(r).is_some_and(|c| c.is_whitespace() || c != ']') {
                r += 1;
            }
            if r < seg.len() {
                r += 1;
            }
            Some((l, r))
        }
        _ => None,
    }
}

/// The traceback lines of one exception (no chained context).
fn frames_text(exc: &ExcObj, rt: &Runtime) -> String {
    let entries: Vec<TbEntry> = lock(&exc.traceback).iter().rev().cloned().collect();
    let mut out = String::new();
    let mut last: Option<(String, u32, String)> = None;
    let mut repeats = 0usize;
    let flush = |out: &mut String, repeats: usize| {
        if repeats > 3 {
            let n = repeats - 3;
            let _ = writeln!(
                out,
                "  [Previous line repeated {n} more time{}]",
                if n == 1 { "" } else { "s" }
            );
        }
    };
    for e in &entries {
        let key = (e.code.filename.clone(), e.line, e.code.name.clone());
        if last.as_ref() == Some(&key) {
            repeats += 1;
        } else {
            flush(&mut out, repeats);
            repeats = 1;
            last = Some(key);
        }
        if repeats <= 3 {
            out.push_str(&entry_text(e, rt));
        }
    }
    flush(&mut out, repeats);
    out
}

/// The full report for an uncaught exception: context chain, the
/// `Traceback (most recent call last):` header (when `header`), frames and
/// the final `Type: message` line.
pub fn format_exception(exc: &Arc<ExcObj>, rt: &Runtime, header: bool) -> String {
    let mut chain = vec![exc.clone()];
    while chain.len() < 100 {
        let next = lock(&chain[chain.len() - 1].context).clone();
        match next {
            Some(c) if !chain.iter().any(|x| Arc::ptr_eq(x, &c)) => chain.push(c),
            _ => break,
        }
    }
    let mut out = String::new();
    for (i, e) in chain.iter().rev().enumerate() {
        let is_last = i + 1 == chain.len();
        if header || !is_last {
            out.push_str("Traceback (most recent call last):\n");
        }
        out.push_str(&frames_text(e, rt));
        out.push_str(&e.last_line());
        out.push('\n');
        if !is_last {
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
    }
    out
}
