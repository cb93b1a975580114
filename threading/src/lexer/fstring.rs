//! f-strings: the split of an f-string's body into literal text and
//! `{expression=!conversion:spec}` fields, the spec itself split again one
//! level down (`f"{x:>{width}}"`).
//!
//! ```text
//!   f"n={n:>{w}}!"  ──▶  [Lit("n="),
//!                         Field { code: "n", spec: [Field { code: "w" }] },
//!                         Lit("!")]
//! ```
//!
//! The expression text is found by scanning to the `!`, `:`, `=` or `}` at
//! bracket depth 0 outside any quoted string, as CPython 3.11 does (its
//! f-strings are one token, split after tokenizing). The parser then
//! tokenizes each field's `code` at its real position in the file, so a
//! traceback's markers land under the right characters. `{x=}` keeps the
//! text `x=` (with its spaces) and means `!r` unless a conversion or spec
//! is given. In literal text a backslash takes what it escapes along,
//! so the braces of `\N{EM DASH}` are part of the text, not a field
//! (not in `rf"..."`, where `\N{x}` is a backslash, an `N` and a field).
//!
//! Errors are CPython's ("f-string: expecting '}'", "f-string: single '}'
//! is not allowed", …), with the caret just past the literal as CPython
//! puts it.
//!
//! Python equivalent: `fstring_find_literal` / `fstring_find_expr` in
//! `Parser/string_parser.c`.

use super::strings::{unescape, EscapeError};
use super::Lexer;
use crate::error::SourceError;

/// Fields nest at most this deep (a spec may hold fields, theirs may not):
/// CPython's "f-string: expressions nested too deeply".
const MAX_FIELD_NESTING: usize = 2;

/// One piece of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FPiece {
    /// Literal text (`{{`/`}}` and escapes already resolved).
    Lit(String),
    /// A replacement field.
    Field(FField),
}

/// One `{code=!conversion:spec}` field.
#[derive(Clone, Debug, PartialEq)]
pub struct FField {
    /// The expression's source text, exactly as written.
    pub code: String,
    /// Line where `code` starts.
    pub line: u32,
    /// Column where `code` starts.
    pub col: u32,
    /// For `{code=}`: the text printed before the value (`"code="` with
    /// the spaces written around it).
    pub debug_text: Option<String>,
    /// `'s'`, `'r'` or `'a'`.
    pub conversion: Option<char>,
    /// The format spec's pieces (`None` when there is no `:`).
    pub spec: Option<Vec<FPiece>>,
}

/// A cursor over an f-string body that knows each character's position.
struct Cursor<'s> {
    /// The body's characters.
    chars: Vec<char>,
    /// Index of the next character.
    i: usize,
    /// Line of `chars[i]`.
    line: u32,
    /// Column of `chars[i]`.
    col: u32,
    /// Resolve escapes in literal text (false for `rf"..."`).
    cooked: bool,
    /// The error for every malformed field: caret just past the literal.
    error_at: (u32, u32),
    /// The body text (for slicing out expression code).
    _text: &'s str,
}

impl Cursor<'_> {
    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn error(&self, msg: &str) -> SourceError {
        SourceError::syntax(msg, self.error_at.0, self.error_at.1)
    }

    fn flush_literal(&self, lit: &mut String, out: &mut Vec<FPiece>) -> Result<(), SourceError> {
        if lit.is_empty() {
            return Ok(());
        }
        let text = if self.cooked {
            unescape(lit).map_err(|e| match e {
                EscapeError::Syntax(m) => self.error(&m),
                EscapeError::Unsupported(what) => {
                    SourceError::unsupported(&what, self.error_at.0, self.error_at.1)
                }
            })?
        } else {
            lit.clone()
        };
        out.push(FPiece::Lit(text));
        lit.clear();
        Ok(())
    }

    /// Pieces up to the end of the body (level 0) or up to the `}` that
    /// closes a format spec (level > 0, the `}` left unread).
    fn pieces(&mut self, level: usize) -> Result<Vec<FPiece>, SourceError> {
        let mut out = Vec::new();
        let mut lit = String::new();
        while let Some(c) = self.peek(0) {
            match c {
                '{' if self.peek(1) == Some('{') && level == 0 => {
                    lit.push('{');
                    self.bump();
                    self.bump();
                }
                '}' if level > 0 => break,
                '}' if self.peek(1) == Some('}') => {
                    lit.push('}');
                    self.bump();
                    self.bump();
                }
                '}' => return Err(self.error("f-string: single '}' is not allowed")),
                '\\' if self.cooked => self.escape(&mut lit),
                '{' => {
                    self.flush_literal(&mut lit, &mut out)?;
                    self.bump();
                    out.push(FPiece::Field(self.field(level + 1)?));
                }
                _ => {
                    lit.push(c);
                    self.bump();
                }
            }
        }
        self.flush_literal(&mut lit, &mut out)?;
        Ok(out)
    }

    /// A backslash in literal text, copied with what it escapes so that the
    /// braces of `\N{EM DASH}` are not taken for a field. As CPython's
    /// `fstring_find_literal`: the character after `\N` is taken whatever
    /// it is, and if it was `{`, everything up to the next `}` (or the end);
    /// a `{` or `}` right after a backslash stays a brace.
    fn escape(&mut self, lit: &mut String) {
        lit.extend(self.bump());
        match self.peek(0) {
            Some('{' | '}') | None => {}
            Some('N') => {
                lit.extend(self.bump());
                let opened = self.peek(0) == Some('{');
                lit.extend(self.bump());
                if opened {
                    while let Some(c) = self.bump() {
                        lit.push(c);
                        if c == '}' {
                            break;
                        }
                    }
                }
            }
            Some(_) => lit.extend(self.bump()),
        }
    }

    /// One field, just after its `{`.
    fn field(&mut self, level: usize) -> Result<FField, SourceError> {
        if level > MAX_FIELD_NESTING {
            return Err(self.error("f-string: expressions nested too deeply"));
        }
        let (line, col) = (self.line, self.col);
        let start = self.i;
        let mut brackets: Vec<char> = Vec::new();
        let mut quote: Option<(char, bool)> = None;
        let mut debug = false;
        while let Some(c) = self.peek(0) {
            if let Some((q, triple)) = quote {
                let closes =
                    c == q && (!triple || (self.peek(1) == Some(q) && self.peek(2) == Some(q)));
                if c == '\\' {
                    return Err(self.error("f-string expression part cannot include a backslash"));
                }
                if closes {
                    quote = None;
                    if triple {
                        self.bump();
                        self.bump();
                    }
                }
                self.bump();
                continue;
            }
            match c {
                '\\' => {
                    return Err(self.error("f-string expression part cannot include a backslash"))
                }
                '#' => return Err(self.error("f-string expression part cannot include '#'")),
                '\'' | '"' => {
                    let triple = self.peek(1) == Some(c) && self.peek(2) == Some(c);
                    quote = Some((c, triple));
                    if triple {
                        self.bump();
                        self.bump();
                    }
                }
                '(' | '[' | '{' => brackets.push(c),
                ')' | ']' | '}' if !brackets.is_empty() => {
                    let open = brackets.pop().unwrap_or('(');
                    let want = match c {
                        ')' => '(',
                        ']' => '[',
                        _ => '{',
                    };
                    if open != want {
                        return Err(self.error(&format!(
                            "f-string: closing parenthesis '{c}' does not match opening parenthesis '{open}'"
                        )));
                    }
                }
                ')' | ']' => return Err(self.error(&format!("f-string: unmatched '{c}'"))),
                '}' | ':' if brackets.is_empty() => break,
                '!' if brackets.is_empty() && self.peek(1) != Some('=') => break,
                '=' if brackets.is_empty() => {
                    let prev = self.i.checked_sub(1).map(|p| self.chars[p]);
                    let next = self.peek(1);
                    if next != Some('=') && !matches!(prev, Some('=' | '!' | '<' | '>')) {
                        debug = true;
                        break;
                    }
                    if next == Some('=') {
                        self.bump();
                    }
                }
                _ => {}
            }
            self.bump();
        }
        if quote.is_some() {
            return Err(self.error("f-string: unterminated string"));
        }
        let code: String = self.chars[start..self.i].iter().collect();
        if self.peek(0).is_none() {
            return Err(self.error("f-string: expecting '}'"));
        }
        if code.trim().is_empty() {
            return Err(self.error("f-string: empty expression not allowed"));
        }
        let mut debug_text = None;
        if debug {
            self.bump();
            let ws_start = self.i;
            while self.peek(0).is_some_and(char::is_whitespace) {
                self.bump();
            }
            let trailing: String = self.chars[ws_start..self.i].iter().collect();
            debug_text = Some(format!("{code}={trailing}"));
        }
        let mut conversion = None;
        if self.peek(0) == Some('!') {
            self.bump();
            match self.peek(0) {
                Some(k @ ('s' | 'r' | 'a')) => {
                    self.bump();
                    conversion = Some(k);
                }
                None => return Err(self.error("f-string: expecting '}'")),
                _ => {
                    return Err(self.error(
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                    ))
                }
            }
            if !matches!(self.peek(0), Some(':' | '}')) {
                return Err(self.error("f-string: expecting '}'"));
            }
        }
        let mut spec = None;
        if self.peek(0) == Some(':') {
            self.bump();
            spec = Some(self.pieces(level)?);
        }
        if self.peek(0) != Some('}') {
            return Err(self.error("f-string: expecting '}'"));
        }
        self.bump();
        if debug_text.is_some() && conversion.is_none() && spec.is_none() {
            conversion = Some('r');
        }
        Ok(FField {
            code,
            line,
            col,
            debug_text,
            conversion,
            spec,
        })
    }
}

impl Lexer<'_> {
    /// Splits an f-string body (the text between the quotes, which starts
    /// at `line`, `col`); `end_col` is just past the closing quote, in
    /// bytes (where CPython puts the caret of every error found here).
    pub(super) fn split_fstring(
        &self,
        text: &str,
        raw: bool,
        line: u32,
        col: u32,
        end_col: u32,
    ) -> Result<Vec<FPiece>, SourceError> {
        let mut cursor = Cursor {
            chars: text.chars().collect(),
            i: 0,
            line,
            col,
            cooked: !raw,
            error_at: (self.line, end_col),
            _text: text,
        };
        cursor.pieces(0)
    }
}
