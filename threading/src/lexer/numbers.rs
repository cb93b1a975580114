//! Number literals: decimal ints with `_` separators, `0x`/`0o`/`0b`
//! ints, floats (`1.5`, `.5`, `1e3`), with CPython's errors for leading
//! zeros and letters glued to digits.
//!
//! ```text
//!   1_000 → Int(1000)    0x1F → Int(31)    .5 → Float(0.5)    1e3 → Float(1000.0)
//!   007   → SyntaxError: leading zeros in decimal integer literals are not permitted
//! ```
//!
//! An int that does not fit 64 bits is refused at compile time (MiniPy's
//! ints are 64-bit). Python equivalent: `tok_get`'s number branch in
//! `Parser/tokenizer.c`.

use super::{Lexer, Tok};
use crate::error::{SourceError, SourceErrorKind};

impl Lexer<'_> {
    pub(super) fn number(&mut self, line: u32, col: u32) -> Result<(), SourceError> {
        let start = self.pos;
        let mut is_float = false;
        if self.peek(0) == b'0' && matches!(self.peek(1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
            let radix = match self.peek(1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                _ => 2,
            };
            self.pos += 2;
            let ds = self.pos;
            while self.peek(0).is_ascii_alphanumeric() || self.peek(0) == b'_' {
                self.pos += 1;
            }
            let digits: String = String::from_utf8_lossy(&self.src[ds..self.pos]).replace('_', "");
            let v = i64::from_str_radix(&digits, radix)
                .map_err(|_| SourceError::syntax("invalid integer literal", line, col))?;
            self.push(Tok::Int(v), line, col);
            return Ok(());
        }
        let digits = |lx: &mut Lexer| {
            while lx.peek(0).is_ascii_digit() || (lx.peek(0) == b'_' && lx.peek(1).is_ascii_digit())
            {
                lx.pos += 1;
            }
        };
        digits(self);
        if self.peek(0) == b'.' {
            is_float = true;
            self.pos += 1;
            digits(self);
        }
        if matches!(self.peek(0), b'e' | b'E') {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(0), b'+' | b'-') {
                self.pos += 1;
            }
            if self.peek(0).is_ascii_digit() {
                is_float = true;
                digits(self);
            } else {
                self.pos = save;
            }
        }
        if self.peek(0) == b'j' || self.peek(0) == b'J' {
            return Err(SourceError::unsupported("complex numbers", line, col));
        }
        if self.peek(0).is_ascii_alphabetic() || self.peek(0) == b'_' {
            return Err(SourceError::syntax("invalid decimal literal", line, col));
        }
        let text = String::from_utf8_lossy(&self.src[start..self.pos]).replace('_', "");
        if is_float {
            let v: f64 = text
                .parse()
                .map_err(|_| self.err("invalid float literal"))?;
            self.push(Tok::Float(v), line, col);
        } else {
            if text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
                return Err(SourceError::syntax(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line,
                    col,
                ));
            }
            let v: i64 = text.parse().map_err(|_| {
                SourceError::new(
                    SourceErrorKind::NotImplemented,
                    "integer literal does not fit MiniPy's 64-bit int",
                    line,
                    col,
                )
            })?;
            self.push(Tok::Int(v), line, col);
        }
        Ok(())
    }
}
