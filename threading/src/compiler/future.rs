//! # Future statements: what `from __future__ import ...` asks of the compiler
//!
//! ```text
//!   """doc"""                               optional docstring
//!   from __future__ import annotations      the future block: only future
//!   from __future__ import generator_stop   imports, at the top of the file
//!   import sys                              ── the block ends here
//!   from __future__ import division         SyntaxError: from __future__ imports
//!                                           must occur at the beginning of the file
//! ```
//!
//! [`parse`] reads the future block of a module (CPython's `future.c`):
//! each imported name must be a known feature ("future feature X is not
//! defined"; `braces` answers "not a chance"). The one feature that still
//! changes compilation in 3.11 is `annotations` (PEP 563: annotations
//! stored as strings). A `from __future__ import` anywhere after the block,
//! nested ones included, is refused where the compiler meets it
//! ([`misplaced`], CPython's `compiler_from_import`).
//!
//! MiniPy refuses `barry_as_FLUFL` by name: CPython then accepts `<>` and
//! rejects `!=`, a grammar switch MiniPy's front end does not have.
//!
//! The run-time half, the `__future__` module itself, is embedded Python
//! (`modules/py/__future__.py`).
//!
//! Python equivalent: `Python/future.c`, `compiler_from_import` in
//! `Python/compile.c`. Needs only the AST and the error type.

use crate::ast::{ImportNames, Stmt, StmtKind};
use crate::error::SourceError;

/// The features Python 3.11 knows; all but `annotations` are always on.
const FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// What a module's future block asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Futures {
    /// `from __future__ import annotations` (PEP 563).
    pub annotations: bool,
    /// The line of the block's last future import (0: none); a future
    /// import on a later line is misplaced.
    pub last_line: u32,
}

/// Reads the future block at the top of `body` (after `docstring_len`
/// statements: 1 when the module has a docstring), checking each feature.
pub fn parse(body: &[Stmt], docstring_len: usize) -> Result<Futures, SourceError> {
    let mut futures = Futures::default();
    // CPython's `done && s->lineno > prev_line`: statements sharing the
    // line of the last future import (`...; x = 1`) still end the block
    // only from the next line on.
    let mut done = false;
    let mut prev_line = 0;
    for s in body.iter().skip(docstring_len) {
        if done && s.line > prev_line {
            break;
        }
        prev_line = s.line;
        match &s.kind {
            StmtKind::ImportFrom { module, names } if module == "__future__" => {
                if done {
                    return Err(misplaced(s));
                }
                match names {
                    ImportNames::Names(aliases) => {
                        for a in aliases {
                            check_feature(&a.name, s)?;
                            futures.annotations |= a.name == "annotations";
                        }
                    }
                    ImportNames::Star => check_feature("*", s)?,
                }
                futures.last_line = s.line;
            }
            _ => done = true,
        }
    }
    Ok(futures)
}

/// One imported feature name: known, or CPython's error at the statement.
fn check_feature(name: &str, s: &Stmt) -> Result<(), SourceError> {
    match name {
        "braces" => Err(SourceError::syntax("not a chance", s.line, s.col)),
        "barry_as_FLUFL" => Err(SourceError::unsupported(
            "from __future__ import barry_as_FLUFL (the '<>' grammar)",
            s.line,
            s.col,
        )),
        known if FEATURES.contains(&known) => Ok(()),
        unknown => Err(SourceError::syntax(
            format!("future feature {unknown} is not defined"),
            s.line,
            s.col,
        )),
    }
}

/// A future import after the block (the whole statement underlined).
pub fn misplaced(s: &Stmt) -> SourceError {
    SourceError::syntax(
        "from __future__ imports must occur at the beginning of the file",
        s.line,
        s.col,
    )
    .whole_statement()
}
