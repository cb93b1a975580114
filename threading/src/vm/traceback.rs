//! Printing an uncaught exception the way CPython 3.11 does.
//!
//! ```text
//!   Traceback (most recent call last):
//!     File "x.py", line 9, in <module>        outermost frame first
//!       main()
//!     File "x.py", line 5, in main
//!       return 1 / 0
//!              ~~^~~
//!   ZeroDivisionError: division by zero
//! ```
//!
//! A run of more than three identical entries (deep recursion) collapses to
//! `[Previous line repeated N more times]`. Chains print oldest first:
//! `__cause__` with "The above exception was the direct cause of the
//! following exception:", else `__context__` (unless suppressed by
//! `raise ... from`) with "During handling of the above exception, another
//! exception occurred:".
//!
//! Under the source line, CPython 3.11's markers point at the failing
//! expression (`^^^^`), or at the operator of a binary operation and the
//! brackets of a subscript (`~~^~~`, `~^^^^^`), from the instruction's span.
//!
//! Python equivalent: `Python/traceback.c` and `Lib/traceback.py`.

use super::ThreadCtx;
use crate::ast::{ExprKind, StmtKind};
use crate::bytecode::Span;
use crate::object::exception::TbEntry;
use crate::object::instance::Instance;
use crate::object::refcount::Arc;
use crate::object::Value;
use std::fmt::Write as _;

/// The text of one traceback entry.
pub fn entry_text(e: &TbEntry) -> String {
    let mut s = format!(
        "  File \"{}\", line {}, in {}\n",
        e.code.filename,
        e.code.source.shown_number(e.line),
        e.code.name.as_str()
    );
    if let Some(src) = e.code.source.line(e.line) {
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

/// The traceback lines of one exception (no chain).
pub fn frames_text(entries: &[TbEntry]) -> String {
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
    for e in entries.iter().rev() {
        let key = (
            e.code.filename.to_string(),
            e.line,
            e.code.name.as_str().to_string(),
        );
        if last.as_ref() == Some(&key) {
            repeats += 1;
        } else {
            flush(&mut out, repeats);
            repeats = 1;
            last = Some(key);
        }
        if repeats <= 3 {
            out.push_str(&entry_text(e));
        }
    }
    flush(&mut out, repeats);
    out
}

/// How one exception of a chain links to the next one printed.
enum Link {
    /// `__cause__`.
    Cause,
    /// `__context__`.
    Context,
}

/// Which of CPython 3.11's two traceback printers a report imitates.
enum Printer {
    /// `Python/pythonrun.c`'s `print_exception` (uncaught exceptions,
    /// `sys.excepthook`, thread reports): offers "Did you mean".
    C,
    /// `Lib/traceback.py` (`print_exc`, `format_exception`): in 3.11 it
    /// offers no suggestions.
    TracebackModule,
}

impl ThreadCtx {
    /// The last line of a traceback: `ValueError: msg` (or just the class),
    /// with the module prefix CPython prints for classes outside builtins.
    pub fn exception_last_line(&mut self, exc: &Arc<Instance>) -> String {
        let v = Value::Instance(exc.clone());
        let msg = self
            .str(&v)
            .unwrap_or_else(|_| "<exception str() failed>".into());
        let class = &exc.class;
        let name = match class.module.as_str() {
            "builtins" | "__main__" => class.qualname.as_str().to_string(),
            m => format!("{m}.{}", class.qualname.as_str()),
        };
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }

    /// The full report for an uncaught exception, as CPython's C printer
    /// writes it (`sys.excepthook`, thread reports): the chain (oldest
    /// first), each with its `Traceback (most recent call last):` header
    /// when it has frames (the newest one always when `header`), frames
    /// and last line with its "Did you mean" suggestion.
    pub fn format_exception(&mut self, exc: &Arc<Instance>, header: bool) -> String {
        self.format_exception_by(exc, header, Printer::C)
    }

    /// The same report as 3.11's `traceback` module writes it: no
    /// suggestions (its Python twin of `suggestions.c` arrived in 3.12).
    pub fn format_exception_as_module(&mut self, exc: &Arc<Instance>, header: bool) -> String {
        self.format_exception_by(exc, header, Printer::TracebackModule)
    }

    fn format_exception_by(&mut self, exc: &Arc<Instance>, header: bool, by: Printer) -> String {
        let mut chain: Vec<(Arc<Instance>, Option<Link>)> = vec![(exc.clone(), None)];
        while chain.len() < 100 {
            let (cur, _) = &chain[chain.len() - 1];
            let Some(st) = cur.exc() else { break };
            let (cause, context, suppress) = {
                let st = st.lock();
                (st.cause.clone(), st.context.clone(), st.suppress_context)
            };
            let next = match (cause, context) {
                (Some(Value::Instance(c)), _) => Some((c, Link::Cause)),
                (_, Some(Value::Instance(c))) if !suppress => Some((c, Link::Context)),
                _ => None,
            };
            match next {
                Some((c, link)) if !chain.iter().any(|(x, _)| Arc::ptr_eq(x, &c)) => {
                    let n = chain.len();
                    chain[n - 1].1 = Some(link);
                    chain.push((c, None));
                }
                _ => break,
            }
        }
        let mut out = String::new();
        for (i, (e, _)) in chain.iter().enumerate().rev() {
            let entries = e
                .exc()
                .map(|st| st.lock().traceback.clone())
                .unwrap_or_default();
            let is_newest = i == 0;
            if (is_newest && header) || (!is_newest && !entries.is_empty()) {
                out.push_str("Traceback (most recent call last):\n");
            }
            out.push_str(&frames_text(&entries));
            out.push_str(&self.exception_last_line(e));
            if let Printer::C = by {
                out.push_str(&self.suggestion_trailer(e));
            }
            out.push('\n');
            if i > 0 {
                match &chain[i - 1].1 {
                    Some(Link::Cause) => out.push_str(
                        "\nThe above exception was the direct cause of the following exception:\n\n",
                    ),
                    _ => out.push_str(
                        "\nDuring handling of the above exception, another exception occurred:\n\n",
                    ),
                }
            }
        }
        out
    }
}
