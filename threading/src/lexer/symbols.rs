//! Names, operators and brackets: identifiers (with CPython's check of
//! non-ASCII ones), string prefixes that turn a name into a literal, the
//! operator table (longest match first), and the bracket stack behind
//! "unmatched ')'" and "too many nested parentheses".
//!
//! ```text
//!   rb'\d'  → a name `rb` glued to a quote: a raw bytes literal
//!   **=      → Op("**="), not Op("**") Op("=")
//!   ( [ )    → closing parenthesis ')' does not match opening parenthesis '['
//! ```
//!
//! Python equivalent: the identifier, operator and parenthesis branches of
//! `tok_get` in `Parser/tokenizer.c`.

use super::{starts_char, Lexer, OpenBracket, Tok, MAX_BRACKETS};
use crate::error::SourceError;

/// Longest operators first, so `**=` wins over `**` and `*`.
const OPS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=",
    "/=", "%=", "@=", "&=", "|=", "^=", ":=", "<<", ">>", "+", "-", "*", "/", "%", "@", "<", ">",
    "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "&", "|", "^", "~",
];

/// Printable ASCII characters no token starts with: CPython's tokenizer
/// passes them to the parser, which rejects them ("invalid syntax").
const REJECTED_CHARS: &[&str] = &["$", "?", "!", "`"];

impl Lexer<'_> {
    /// An identifier or keyword, or the prefix of a string literal.
    pub(super) fn name(&mut self, line: u32, col: u32) -> Result<(), SourceError> {
        let start = self.pos;
        while self.pos < self.src.len() {
            let c = self.peek(0);
            if c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80 {
                self.pos += 1;
            } else {
                break;
            }
        }
        // The source is valid UTF-8 and we stopped on an ASCII byte.
        let word = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
        if !word.is_ascii() {
            self.check_identifier(&word, start, line)?;
        }
        let q = self.peek(0);
        if (q == b'"' || q == b'\'') && word.len() <= 2 {
            let prefix = word.to_ascii_lowercase();
            if matches!(
                prefix.as_str(),
                "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf"
            ) {
                return self.string_literal(&prefix, line, col);
            }
        }
        self.push(Tok::Name(word), line, col);
        Ok(())
    }

    /// A non-ASCII word must be an identifier (letters, digits, `_`), as
    /// CPython's `verify_identifier` checks; its message names the first
    /// offending character.
    fn check_identifier(&self, word: &str, start: usize, line: u32) -> Result<(), SourceError> {
        let mut col = {
            let prefix = &self.src[self.line_start..start];
            1 + prefix.iter().filter(|&&b| starts_char(b)).count() as u32
        };
        if self.line == self.first_line {
            col += self.first_line_shift;
        }
        for (i, ch) in word.chars().enumerate() {
            let ok = ch == '_' || ch.is_alphanumeric() && !(i == 0 && ch.is_numeric());
            if !ok {
                let msg = if ch.is_control() || ch.is_whitespace() {
                    format!("invalid non-printable character U+{:04X}", ch as u32)
                } else {
                    format!("invalid character '{ch}' (U+{:04X})", ch as u32)
                };
                return Err(SourceError::syntax(msg, line, col + i as u32));
            }
        }
        Ok(())
    }

    /// An operator or delimiter (brackets tracked), or a bad character.
    pub(super) fn op(&mut self, line: u32, col: u32) -> Result<(), SourceError> {
        let Some(&op) = OPS
            .iter()
            .chain(REJECTED_CHARS)
            .find(|op| self.src[self.pos..].starts_with(op.as_bytes()))
        else {
            return Err(self.bad_character(line, col));
        };
        self.pos += op.len();
        match op {
            "(" | "[" | "{" => {
                if self.brackets.len() >= MAX_BRACKETS {
                    return Err(SourceError::syntax(
                        "too many nested parentheses",
                        line,
                        col,
                    ));
                }
                self.brackets.push(OpenBracket {
                    ch: op.as_bytes()[0],
                    line,
                    col,
                });
            }
            ")" | "]" | "}" => self.close_bracket(op, line, col)?,
            _ => {}
        }
        self.push(Tok::Op(op), line, col);
        Ok(())
    }

    fn close_bracket(&mut self, op: &str, line: u32, col: u32) -> Result<(), SourceError> {
        let want = match op {
            ")" => b'(',
            "]" => b'[',
            _ => b'{',
        };
        match self.brackets.pop() {
            Some(open) if open.ch == want => Ok(()),
            Some(open) => {
                let mut msg = format!(
                    "closing parenthesis '{op}' does not match opening parenthesis '{}'",
                    open.ch as char
                );
                if open.line != line {
                    msg.push_str(&format!(" on line {}", open.line));
                }
                Err(SourceError::syntax(msg, line, col))
            }
            None => Err(SourceError::syntax(format!("unmatched '{op}'"), line, col)),
        }
    }

    /// A character no token starts with: CPython says "invalid syntax" for
    /// printable ASCII (`$`, `?`, `!`, `` ` ``) and names anything else.
    fn bad_character(&self, line: u32, col: u32) -> SourceError {
        let ch = std::str::from_utf8(&self.src[self.pos..])
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or('?');
        if ch.is_ascii_graphic() {
            // Unreachable: `op` turns these into tokens no rule accepts.
            return SourceError::syntax("invalid syntax", line, col);
        }
        if ch.is_control() || ch.is_whitespace() {
            return SourceError::syntax(
                format!("invalid non-printable character U+{:04X}", ch as u32),
                line,
                col,
            );
        }
        SourceError::syntax(
            format!("invalid character '{ch}' (U+{:04X})", ch as u32),
            line,
            col,
        )
    }
}
