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
//! Simplification: CPython 3.11 also underlines the failing expression
//! (`~~^~~`); MiniPy prints the source line only.
//!
//! Python equivalent: `Python/traceback.c` and `Lib/traceback.py`.

use super::exception::{ExcObj, TbEntry};
use super::value::lock;
use super::Runtime;
use std::fmt::Write as _;
use std::sync::Arc;

/// The text of one traceback entry.
fn entry_text(e: &TbEntry, rt: &Runtime) -> String {
    let mut s = format!(
        "  File \"{}\", line {}, in {}\n",
        e.code.filename, e.line, e.code.name
    );
    if let Some(src) = rt
        .source_lines
        .get(e.line as usize - 1)
        .filter(|_| e.line > 0)
    {
        let t = src.trim();
        if !t.is_empty() {
            let _ = writeln!(s, "    {t}");
        }
    }
    s
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
