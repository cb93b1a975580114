//! Indentation: INDENT/DEDENT tokens from the width of each logical line's
//! leading whitespace, tabs included, exactly as CPython's tokenizer
//! measures it.
//!
//! ```text
//!   width of "\t  x":   col    = 8 + 2 = 10   (a tab moves to the next multiple of 8)
//!                       altcol = 1 + 2 = 3    (a tab counts as one column)
//! ```
//!
//! Every open block remembers both widths. A line must compare the same way
//! under both (deeper, equal, or landing on the same outer block): if the
//! answer depends on how wide a tab is, the file is ambiguous and CPython
//! says `TabError: inconsistent use of tabs and spaces in indentation`.
//! Consistent tabs are fine (v1 refused every tab; MiniPy v2 accepts what
//! CPython accepts). Blank and comment-only lines never touch the stack; a
//! form feed resets the width, as in CPython.
//!
//! Python equivalent: the `atbol` branch of `tok_get` in `Parser/tokenizer.c`.

use super::{Lexer, Tok};
use crate::error::{SourceError, SourceErrorKind};

/// How many blocks may be open at once: CPython's `MAXINDENT` (100) counts
/// the top level, so 99 nested blocks work and the 100th is "too many
/// levels of indentation".
const MAX_INDENT_LEVELS: usize = 100;

/// Tab stops for `col` (CPython's `TABSIZE`).
const TAB_SIZE: usize = 8;

/// The indentation of one open block, measured twice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Level {
    /// Width with tab stops every 8 columns.
    col: usize,
    /// Width with every tab counted as 1.
    altcol: usize,
}

impl Lexer<'_> {
    /// Measures a logical line's indentation and emits INDENT/DEDENTs.
    /// Blank and comment-only lines are skipped entirely.
    pub(super) fn indentation(&mut self) -> Result<(), SourceError> {
        loop {
            let mut width = Level::default();
            // Where the first `\` continuation in the indentation sat: it,
            // not the next line, sets the indentation (CPython's rule; a
            // `\` in column 0 sets nothing).
            let mut continued_at = 0;
            let mut p = self.pos;
            while let Some(&b) = self.src.get(p) {
                match b {
                    b' ' => {
                        width.col += 1;
                        width.altcol += 1;
                    }
                    b'\t' => {
                        width.col = (width.col / TAB_SIZE + 1) * TAB_SIZE;
                        width.altcol += 1;
                    }
                    b'\x0c' => width = Level::default(),
                    b'\\' => {
                        let skip = match (self.src.get(p + 1), self.src.get(p + 2)) {
                            (Some(b'\n'), _) => 2,
                            (Some(b'\r'), Some(b'\n')) => 3,
                            // Not a continuation: the main loop reports it.
                            _ => break,
                        };
                        if continued_at == 0 {
                            continued_at = width.col;
                        }
                        self.pos = p + skip;
                        self.new_line();
                        p = self.pos;
                        continue;
                    }
                    _ => break,
                }
                p += 1;
            }
            if continued_at != 0 {
                width = Level {
                    col: continued_at,
                    altcol: continued_at,
                };
            }
            let next = self.src.get(p).copied();
            let blank = match next {
                None | Some(b'\n') | Some(b'#') => true,
                Some(b'\r') => matches!(self.src.get(p + 1), None | Some(b'\n')),
                _ => false,
            };
            if blank {
                // Skip to the line's end; the main loop eats the '\n'.
                self.pos = p;
                while self.pos < self.src.len() && self.peek(0) != b'\n' {
                    self.pos += 1;
                }
                if self.pos >= self.src.len() {
                    return Ok(());
                }
                self.pos += 1;
                self.new_line();
                continue;
            }
            self.pos = p;
            self.at_line_start = false;
            return self.compare_indent(width);
        }
    }

    fn compare_indent(&mut self, width: Level) -> Result<(), SourceError> {
        let (line, col) = (self.line, self.col());
        let tab_error = || {
            SourceError::new(
                SourceErrorKind::Tab,
                "inconsistent use of tabs and spaces in indentation",
                line,
                0,
            )
        };
        let top = *self.indents.last().unwrap_or(&Level::default());
        if width.col == top.col {
            if width.altcol != top.altcol {
                return Err(tab_error());
            }
        } else if width.col > top.col {
            if self.indents.len() >= MAX_INDENT_LEVELS {
                return Err(SourceError::new(
                    SourceErrorKind::Indentation,
                    "too many levels of indentation",
                    line,
                    0,
                ));
            }
            if width.altcol <= top.altcol {
                return Err(tab_error());
            }
            self.indents.push(width);
            self.push(Tok::Indent, line, col);
        } else {
            while self.indents.len() > 1 && width.col < self.indents[self.indents.len() - 1].col {
                self.indents.pop();
                self.push(Tok::Dedent, line, col);
            }
            let top = *self.indents.last().unwrap_or(&Level::default());
            if width.col != top.col {
                return Err(SourceError::new(
                    SourceErrorKind::Indentation,
                    "unindent does not match any outer indentation level",
                    line,
                    self.line_end_col(),
                ));
            }
            if width.altcol != top.altcol {
                return Err(tab_error());
            }
        }
        Ok(())
    }

    /// The column just past the current line's last non-blank character
    /// (where CPython puts the caret of an unindent error).
    fn line_end_col(&self) -> u32 {
        let rest = &self.src[self.line_start..];
        let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        String::from_utf8_lossy(&rest[..len])
            .trim_end()
            .chars()
            .count() as u32
            + 1
    }
}
