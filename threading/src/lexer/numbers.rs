//! Number literals: decimal ints with `_` separators, `0x`/`0o`/`0b` ints,
//! floats (`1.5`, `.5`, `1.`, `1e3`), ints of any size, and CPython's
//! messages and caret positions for the malformed ones.
//!
//! ```text
//!   1_000 → Int(1000)    0x1F → Int(31)    .5 → Float(0.5)    1e3 → Float(1000.0)
//!   2**64 spelled 18446744073709551616 → BigInt { radix: 10, digits: "18446744073709551616" }
//!   007   → SyntaxError: leading zeros in decimal integer literals are not permitted; …
//!   1__0  → SyntaxError: invalid decimal literal      (caret on the first '_')
//! ```
//!
//! An int too big for 64 bits keeps its digits ([`BigIntLiteral`]): the
//! lexer does no big-number arithmetic, so a 50,000-digit hex literal costs
//! linear time. A decimal literal longer than CPython's 4,300-digit
//! conversion limit is CPython's SyntaxError. `1j` (complex) is outside
//! MiniPy. Carets follow CPython: on the last character that belonged to
//! the literal before the offending one.
//!
//! Python equivalent: `tok_get`'s number branch and `verify_end_of_number`
//! in `Parser/tokenizer.c`.

use super::{InvalidLiteral, Lexer, Tok};
use crate::ast::BigIntLiteral;
use crate::error::SourceError;

/// CPython's default `sys.get_int_max_str_digits()`.
const MAX_DECIMAL_DIGITS: usize = 4300;

/// Keywords that may follow a number with no space (`1if x else 2`):
/// CPython accepts them (with a SyntaxWarning MiniPy does not print).
const KEYWORDS_AFTER_NUMBER: &[&str] = &["and", "else", "for", "if", "in", "is", "not", "or"];

impl Lexer<'_> {
    /// An error whose caret sits on the character before `pos`.
    fn number_error(&self, msg: &str) -> SourceError {
        let mut e = self.err(msg);
        e.col = e.col.saturating_sub(1).max(1);
        e
    }

    /// Consumes `digit (_? digit)*` in `radix`; `false` when a `_` is not
    /// followed by a digit (the literal is malformed).
    fn digits(&mut self, radix: u32) -> bool {
        while (self.peek(0) as char).is_digit(radix) {
            self.pos += 1;
            if self.peek(0) == b'_' {
                self.pos += 1;
                if !(self.peek(0) as char).is_digit(radix) {
                    return false;
                }
            }
        }
        true
    }

    /// After a literal: a letter or digit glued to it is an error unless it
    /// starts one of [`KEYWORDS_AFTER_NUMBER`].
    fn verify_end_of_number(&self, kind: &str) -> Result<(), SourceError> {
        let c = self.peek(0);
        if !(c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80) {
            return Ok(());
        }
        let rest = &self.src[self.pos..];
        if KEYWORDS_AFTER_NUMBER
            .iter()
            .any(|k| rest.starts_with(k.as_bytes()))
        {
            return Ok(());
        }
        Err(self.number_error(&format!("invalid {kind} literal")))
    }

    pub(super) fn number(&mut self, line: u32, col: u32) -> Result<(), SourceError> {
        let prefixed = match (self.peek(0), self.peek(1).to_ascii_lowercase()) {
            (b'0', b'x') => Some((16, "hexadecimal")),
            (b'0', b'o') => Some((8, "octal")),
            (b'0', b'b') => Some((2, "binary")),
            _ => None,
        };
        if let Some((radix, kind)) = prefixed {
            return self.prefixed_int(radix, kind, line, col);
        }
        let start = self.pos;
        let mut is_float = false;
        if self.peek(0) != b'.' && !self.digits(10) {
            return Err(self.number_error("invalid decimal literal"));
        }
        let int_end = self.pos;
        if self.peek(0) == b'.' {
            is_float = true;
            self.pos += 1;
            if self.peek(0).is_ascii_digit() && !self.digits(10) {
                return Err(self.number_error("invalid decimal literal"));
            }
        }
        if matches!(self.peek(0), b'e' | b'E') {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(0), b'+' | b'-') {
                self.pos += 1;
                if !self.peek(0).is_ascii_digit() {
                    return Err(self.number_error("invalid decimal literal"));
                }
            }
            if self.peek(0).is_ascii_digit() {
                is_float = true;
                if !self.digits(10) {
                    return Err(self.number_error("invalid decimal literal"));
                }
            } else {
                self.pos = save;
                if !KEYWORDS_AFTER_NUMBER
                    .iter()
                    .any(|k| self.src[self.pos..].starts_with(k.as_bytes()))
                {
                    return Err(self.number_error("invalid decimal literal"));
                }
            }
        }
        if matches!(self.peek(0), b'j' | b'J') {
            // Valid Python outside MiniPy: refused if the parser reaches it.
            self.pos += 1;
            let error = SourceError::unsupported("complex numbers", line, col);
            self.push_invalid_number(error, line, col);
            return Ok(());
        }
        self.verify_end_of_number("decimal")?;
        let text: String = String::from_utf8_lossy(&self.src[start..self.pos]).replace('_', "");
        if is_float {
            let v: f64 = text
                .parse()
                .map_err(|_| self.err("invalid float literal"))?;
            self.push(Tok::Float(v), line, col);
            return Ok(());
        }
        if text.len() > 1 && text.starts_with('0') {
            if text.bytes().all(|b| b == b'0') {
                self.push(Tok::Int(0), line, col);
                return Ok(());
            }
            // CPython underlines the leading zeros (and their separators).
            let zeros = self.src[start..int_end]
                .iter()
                .take_while(|&&b| b == b'0' || b == b'_')
                .count() as u32;
            let mut e = SourceError::syntax(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                line,
                col,
            );
            e.end_col = col + zeros;
            return Err(e);
        }
        self.push_int(text, 10, line, col)
    }

    fn prefixed_int(
        &mut self,
        radix: u32,
        kind: &str,
        line: u32,
        col: u32,
    ) -> Result<(), SourceError> {
        self.pos += 2;
        if self.peek(0) == b'_' {
            self.pos += 1;
        }
        let ds = self.pos;
        if !(self.peek(0) as char).is_digit(radix) {
            if radix < 10 && self.peek(0).is_ascii_digit() {
                self.pos += 1;
                let bad = self.src[self.pos - 1] as char;
                return Err(self.number_error(&format!("invalid digit '{bad}' in {kind} literal")));
            }
            return Err(self.number_error(&format!("invalid {kind} literal")));
        }
        if !self.digits(radix) {
            return Err(self.number_error(&format!("invalid {kind} literal")));
        }
        if radix < 10 && self.peek(0).is_ascii_digit() {
            self.pos += 1;
            let bad = self.src[self.pos - 1] as char;
            return Err(self.number_error(&format!("invalid digit '{bad}' in {kind} literal")));
        }
        self.verify_end_of_number(kind)?;
        let digits = String::from_utf8_lossy(&self.src[ds..self.pos]).replace('_', "");
        self.push_int(digits, radix, line, col)
    }

    /// Pushes a number the parser will refuse if it reaches it.
    fn push_invalid_number(&mut self, error: SourceError, line: u32, col: u32) {
        let bad = InvalidLiteral {
            error,
            is_string: false,
        };
        self.push(Tok::Invalid(Box::new(bad)), line, col);
    }

    /// Pushes an int token: 64-bit when it fits, the digits otherwise.
    fn push_int(
        &mut self,
        digits: String,
        radix: u32,
        line: u32,
        col: u32,
    ) -> Result<(), SourceError> {
        if let Ok(v) = i64::from_str_radix(&digits, radix) {
            self.push(Tok::Int(v), line, col);
            return Ok(());
        }
        let digits = digits.trim_start_matches('0').to_string();
        if radix == 10 && digits.len() > MAX_DECIMAL_DIGITS {
            // CPython's parser converts the literal: its error, when reached.
            let e = SourceError::syntax(
                format!(
                    "Exceeds the limit ({MAX_DECIMAL_DIGITS} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
                    digits.len()
                ),
                line,
                0,
            );
            self.push_invalid_number(e, line, col);
            return Ok(());
        }
        self.push(Tok::BigInt(BigIntLiteral { radix, digits }), line, col);
        Ok(())
    }
}
