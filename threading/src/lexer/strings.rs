//! String and bytes literals: prefixes (`r u b f` and their pairs, any
//! case), single and triple quotes, and every escape CPython resolves.
//!
//! ```text
//!   'a\tb'      → Str("a<TAB>b")         r'a\tb' → Str("a\\tb")
//!   b'\x00\xff' → Bytes([0, 255])        """two
//!   f'{x!r:>5}' → FStr([...])            lines""" → Str("two\nlines")
//! ```
//!
//! The body is found first (quotes and `\`-escaped quotes, never crossing a
//! newline unless triple-quoted), then decoded: escapes for str and bytes
//! here, the f-string split in `fstring.rs`. Unknown escapes keep their
//! backslash, as in CPython (which only warns); in bytes that includes
//! `\N`. `\N{EM DASH}` is looked up in the Unicode name table of
//! `unicode_names/` (raw strings keep it as written). One thing a Rust
//! `String` cannot hold is outside MiniPy and refused by name: lone
//! surrogates (`"\ud800"`).
//!
//! A bad escape fails with CPython's `(unicode error) 'unicodeescape'
//! codec can't decode bytes in position A-B: ...`, where A and B count in
//! the text CPython's decoder reads, not in the source: CPython first
//! rewrites every non-ASCII character of the literal as a 10-byte
//! `\U%08x` (`decoder_position` redoes that count).
//!
//! Python equivalent: the string branch of `Parser/tokenizer.c` and
//! `decode_unicode_with_escapes` / `_PyBytes_DecodeEscape`.

use super::unicode_names;
use super::{InvalidLiteral, Lexer, Tok};
use crate::error::SourceError;

/// Where a quoted body sits in the source.
pub(super) struct Body {
    /// Byte offset of the first character after the opening quote(s).
    start: usize,
    /// Byte offset of the closing quote(s).
    end: usize,
    /// `'''` / `"""`.
    triple: bool,
}

/// Why an escape sequence could not be decoded.
pub enum EscapeError {
    /// CPython's message, ready to print.
    Syntax(String),
    /// Valid Python that MiniPy does not support (what it is).
    Unsupported(String),
}

impl Lexer<'_> {
    /// A string-like literal whose quote is at `pos`; `prefix` is lower-case.
    pub(super) fn string_literal(
        &mut self,
        prefix: &str,
        line: u32,
        col: u32,
    ) -> Result<(), SourceError> {
        let start = self.pos - prefix.len();
        let raw = prefix.contains('r');
        let body = self.quoted_body(line, col)?;
        let text = std::str::from_utf8(&self.src[body.start..body.end]).unwrap_or_default();
        let end_col = self.byte_col();
        let escape_error = |e: EscapeError| match e {
            // CPython puts the caret just past the literal (in bytes).
            EscapeError::Syntax(m) => SourceError::syntax(m, self.line, end_col),
            EscapeError::Unsupported(what) => SourceError::unsupported(&what, line, col),
        };
        // Decoding errors become `Invalid` tokens: CPython's parser decodes
        // literals, so it reports them only if it gets that far.
        let tok = if prefix.contains('f') {
            let code_line = line;
            let code_col = col + prefix.len() as u32 + if body.triple { 3 } else { 1 };
            self.split_fstring(text, raw, code_line, code_col, end_col)
                .map(Tok::FStr)
        } else if prefix.contains('b') {
            if !text.is_ascii() {
                // CPython underlines the literal's bytes, not its characters.
                let len = (self.pos - start) as u32;
                let e = SourceError::syntax(
                    "bytes can only contain ASCII literal characters",
                    line,
                    col,
                );
                Err(e.ending_at(col + len))
            } else if raw {
                Ok(Tok::Bytes(text.as_bytes().to_vec()))
            } else {
                unescape_bytes(text).map(Tok::Bytes).map_err(escape_error)
            }
        } else if raw {
            Ok(Tok::Str(text.to_string()))
        } else {
            unescape(text).map(Tok::Str).map_err(escape_error)
        };
        let tok = tok.unwrap_or_else(|error| {
            Tok::Invalid(Box::new(InvalidLiteral {
                error,
                is_string: true,
            }))
        });
        self.push(tok, line, col);
        Ok(())
    }

    /// Reads past a quoted body starting at the quote, handling triple
    /// quotes and `\`-escaped quotes (also in raw strings, where the
    /// backslash stays in the text).
    pub(super) fn quoted_body(&mut self, line: u32, col: u32) -> Result<Body, SourceError> {
        let q = self.peek(0);
        let triple = self.peek(1) == q && self.peek(2) == q;
        self.pos += if triple { 3 } else { 1 };
        let start = self.pos;
        loop {
            let Some(&c) = self.src.get(self.pos) else {
                return Err(self.unterminated(triple, line, col));
            };
            match c {
                b'\\' => {
                    match self.peek(1) {
                        b'\n' => {
                            self.pos += 2;
                            self.new_line();
                        }
                        b'\r' if self.peek(2) == b'\n' => {
                            self.pos += 3;
                            self.new_line();
                        }
                        0 if self.pos + 1 >= self.src.len() => self.pos += 1,
                        _ => self.pos += 2,
                    }
                    continue;
                }
                b'\n' if !triple => return Err(self.unterminated(false, line, col)),
                b'\n' => {
                    self.pos += 1;
                    self.new_line();
                    continue;
                }
                _ => {}
            }
            if c == q && (!triple || (self.peek(1) == q && self.peek(2) == q)) {
                let end = self.pos;
                self.pos += if triple { 3 } else { 1 };
                return Ok(Body { start, end, triple });
            }
            self.pos += 1;
        }
    }

    /// "unterminated string literal (detected at line N)": N is where the
    /// lexer gave up (the last line of the file for a triple-quoted one).
    fn unterminated(&self, triple: bool, line: u32, col: u32) -> SourceError {
        let mut detected = self.line;
        if triple && self.pos == self.line_start && detected > line {
            // The file ends with a newline: CPython counts its last line.
            detected -= 1;
        }
        let what = if triple {
            "unterminated triple-quoted string literal"
        } else {
            "unterminated string literal"
        };
        SourceError::syntax(format!("{what} (detected at line {detected})"), line, col)
    }
}

/// Resolves the backslash escapes of a str literal.
pub fn unescape(body: &str) -> Result<String, EscapeError> {
    let mut out = String::with_capacity(body.len());
    let mut rest = body.char_indices().peekable();
    while let Some((at, c)) = rest.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, k)) = rest.next() else {
            out.push('\\');
            break;
        };
        match k {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = k.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match rest.peek().and_then(|&(_, d)| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            rest.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let (n, name) = match k {
                    'x' => (2, "\\xXX"),
                    'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let mut v = 0u32;
                let mut got = 0;
                while got < n {
                    match rest.peek().and_then(|&(_, d)| d.to_digit(16)) {
                        Some(d) => {
                            v = v.wrapping_mul(16).wrapping_add(d);
                            rest.next();
                            got += 1;
                        }
                        None => break,
                    }
                }
                let first = decoder_position(body, at);
                let span = format!("position {}-{}", first, first + 1 + got);
                if got < n {
                    return Err(EscapeError::Syntax(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in {span}: truncated {name} escape"
                    )));
                }
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None if (0xD800..0xE000).contains(&v) => {
                        return Err(EscapeError::Unsupported(format!(
                            "a lone surrogate ('\\{k}{v:0w$x}')",
                            w = n
                        )))
                    }
                    None => {
                        return Err(EscapeError::Syntax(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in {span}: illegal Unicode character"
                        )))
                    }
                }
            }
            'N' => out.push(named_char(body, at, &mut rest)?),
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// `\N{NAME}`, just after its `N` (the backslash at byte `at`): the named
/// character, or CPython's error with its span. Only the braces are
/// scanned, once, so a long bogus name costs linear time.
fn named_char(
    body: &str,
    at: usize,
    rest: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<char, EscapeError> {
    const MALFORMED: &str = "malformed \\N character escape";
    // Each failure reports the bytes CPython's decoder had read: up to the
    // `N` without a `{`, to the end without a `}`, to the `}` of `\N{}`,
    // past the `}` of an unknown name.
    let error = |end: usize, why: &str| {
        let first = decoder_position(body, at);
        let last = decoder_position(body, end) - 1;
        EscapeError::Syntax(format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {first}-{last}: {why}"
        ))
    };
    if rest.next_if(|&(_, c)| c == '{').is_none() {
        return Err(error(at + 2, MALFORMED));
    }
    let name_start = at + 3;
    let Some((close, _)) = rest.find(|&(_, c)| c == '}') else {
        return Err(error(body.len(), MALFORMED));
    };
    if close == name_start {
        return Err(error(close, MALFORMED));
    }
    unicode_names::lookup(&body[name_start..close])
        .ok_or_else(|| error(close + 1, "unknown Unicode character name"))
}

/// Where byte `byte` of a literal's body lies in the text CPython's
/// `unicode_escape` decoder reads, which the error positions count in:
/// CPython first rewrites each non-ASCII character as `\U%08x` (10 bytes)
/// and a backslash before one as `\u005c` (6), so `"é\N{X}"` fails "in
/// position 10-15". ASCII text counts as itself.
fn decoder_position(body: &str, byte: usize) -> usize {
    let mut position = 0;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= byte {
            break;
        }
        let before_wide = chars.peek().is_some_and(|&(_, next)| !next.is_ascii());
        position += match c {
            '\\' if before_wide => 6,
            c if c.is_ascii() => 1,
            _ => 10,
        };
    }
    position
}

/// Resolves the backslash escapes of a bytes literal (ASCII already checked).
fn unescape_bytes(body: &str) -> Result<Vec<u8>, EscapeError> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let k = b[i + 1];
        i += 2;
        match k {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(k),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = u32::from(k - b'0');
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                // CPython keeps the low byte of `\777`.
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                let hex = b.get(i..i + 2).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) if hex.is_some_and(|h| h.bytes().all(|c| c.is_ascii_hexdigit())) => {
                        out.push(v);
                        i += 2;
                    }
                    _ => {
                        return Err(EscapeError::Syntax(format!(
                            "(value error) invalid \\x escape at position {}",
                            i - 2
                        )))
                    }
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}
