//! String and f-string literals: quotes, escapes, and the split of an
//! f-string into literal text and `{expr!conv:spec}` pieces.
//!
//! ```text
//!   f"n={n:>5,}!"  ──▶  [Lit("n="), Expr{code:"n", spec:">5,"}, Lit("!")]
//! ```
//!
//! Python equivalent: the string part of `Parser/tokenizer.c` and
//! `Parser/string_parser.c` (CPython 3.11 parses f-strings after tokenizing,
//! as we do).

use super::{FPiece, Lexer};
use crate::error::SourceError;

impl Lexer<'_> {
    /// Reads the raw body of a quoted literal starting at the quote, handling
    /// triple quotes. Returns the body bytes (escapes untouched).
    fn raw_body(&mut self) -> Result<(String, bool), SourceError> {
        let (line, col) = (self.line, self.col());
        let q = self.peek(0);
        let triple = self.peek(1) == q && self.peek(2) == q;
        self.pos += if triple { 3 } else { 1 };
        let start = self.pos;
        loop {
            if self.pos >= self.src.len() {
                let msg = if triple {
                    "unterminated triple-quoted string literal"
                } else {
                    "unterminated string literal"
                };
                return Err(SourceError::syntax(
                    format!("{msg} (detected at line {})", self.line),
                    line,
                    col,
                ));
            }
            let c = self.peek(0);
            if c == b'\\' {
                if self.peek(1) == b'\n' {
                    self.line += 1;
                    self.line_start = self.pos + 2;
                }
                self.pos += 2;
                continue;
            }
            if c == b'\n' {
                if !triple {
                    return Err(SourceError::syntax(
                        format!(
                            "unterminated string literal (detected at line {})",
                            self.line
                        ),
                        line,
                        col,
                    ));
                }
                self.line += 1;
                self.line_start = self.pos + 1;
            }
            if c == q && (!triple || (self.peek(1) == q && self.peek(2) == q)) {
                let body = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
                self.pos += if triple { 3 } else { 1 };
                return Ok((body, triple));
            }
            self.pos += 1;
        }
    }

    /// A plain (or raw) string literal.
    pub(super) fn string(&mut self, raw: bool) -> Result<String, SourceError> {
        let (line, col) = (self.line, self.col());
        let (body, _) = self.raw_body()?;
        if raw {
            return Ok(body);
        }
        unescape(&body).map_err(|m| SourceError::syntax(m, line, col))
    }

    /// An f-string literal, split into pieces.
    pub(super) fn fstring(&mut self, line: u32) -> Result<Vec<FPiece>, SourceError> {
        let col0 = self.col();
        let (body, triple) = self.raw_body()?;
        let base_col = col0 + if triple { 3 } else { 1 };
        let err = |m: &str| SourceError::syntax(format!("f-string: {m}"), line, col0);
        let chars: Vec<char> = body.chars().collect();
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '{' && chars.get(i + 1) == Some(&'{') {
                lit.push('{');
                i += 2;
                continue;
            }
            if c == '}' {
                if chars.get(i + 1) == Some(&'}') {
                    lit.push('}');
                    i += 2;
                    continue;
                }
                return Err(err("single '}' is not allowed"));
            }
            if c != '{' {
                lit.push(c);
                i += 1;
                continue;
            }
            if !lit.is_empty() {
                let text = unescape(&lit).map_err(|m| err(&m))?;
                pieces.push(FPiece::Lit(text));
                lit.clear();
            }
            // Expression: scan to the ':' / '!' / '}' at bracket depth 0.
            i += 1;
            let expr_col = base_col + i as u32;
            let mut depth = 0;
            let mut code = String::new();
            let mut quote: Option<char> = None;
            while i < chars.len() {
                let d = chars[i];
                if let Some(q) = quote {
                    if d == q {
                        quote = None;
                    }
                } else if d == '\'' || d == '"' {
                    quote = Some(d);
                } else if "([{".contains(d) {
                    depth += 1;
                } else if ")]".contains(d) || (d == '}' && depth > 0) {
                    depth -= 1;
                } else if depth == 0
                    && (d == '}' || d == ':' || (d == '!' && chars.get(i + 1) != Some(&'=')))
                {
                    break;
                }
                code.push(d);
                i += 1;
            }
            if code.trim().is_empty() {
                return Err(err("empty expression not allowed"));
            }
            if code.trim_end().ends_with('=') && !code.trim_end().ends_with("==") {
                return Err(SourceError::unsupported(
                    "the f-string '=' specifier",
                    line,
                    col0,
                ));
            }
            let mut conv = None;
            if chars.get(i) == Some(&'!') {
                match chars.get(i + 1) {
                    Some(&k) if k == 'r' || k == 's' => conv = Some(k),
                    _ => {
                        return Err(err(
                            "invalid conversion character: expected 's', 'r', or 'a'",
                        ))
                    }
                }
                i += 2;
            }
            let mut spec = String::new();
            if chars.get(i) == Some(&':') {
                i += 1;
                while i < chars.len() && chars[i] != '}' {
                    if chars[i] == '{' {
                        return Err(SourceError::unsupported(
                            "a nested replacement field in an f-string format spec",
                            line,
                            col0,
                        ));
                    }
                    spec.push(chars[i]);
                    i += 1;
                }
            }
            if chars.get(i) != Some(&'}') {
                return Err(err("expecting '}'"));
            }
            i += 1;
            pieces.push(FPiece::Expr {
                code,
                conv,
                spec,
                line,
                col: expr_col,
            });
        }
        if !lit.is_empty() {
            pieces.push(FPiece::Lit(unescape(&lit).map_err(|m| err(&m))?));
        }
        Ok(pieces)
    }
}

/// Resolves backslash escapes. Unknown escapes keep their backslash, as
/// CPython does (with a warning we do not print).
pub fn unescape(body: &str) -> Result<String, String> {
    let mut out = String::with_capacity(body.len());
    let mut it = body.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some('\n') => {}
            Some('a') => out.push('\x07'),
            Some('b') => out.push('\x08'),
            Some('f') => out.push('\x0c'),
            Some('v') => out.push('\x0b'),
            Some(k @ ('x' | 'u' | 'U')) => {
                let n = match k {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..n).filter_map(|_| it.next()).collect();
                let v = u32::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|_| hex.len() == n)
                    .and_then(char::from_u32)
                    .ok_or_else(|| format!("(unicode error) truncated \\{k} escape"))?;
                out.push(v);
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Ok(out)
}
