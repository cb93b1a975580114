//! The lexer: source text → tokens, with Python's INDENT/DEDENT bookkeeping.
//!
//! ```text
//!   "if x:\n    y = 1\n"  ──▶  Name(if) Name(x) Op(:) Newline
//!                              Indent Name(y) Op(=) Int(1) Newline Dedent Eof
//! ```
//!
//! One pass over the bytes, each byte looked at a constant number of times,
//! so the whole file costs linear time (v1 recounted the characters of the
//! line for every token's column, which made a 200,000-term one-line
//! expression quadratic; see [`Lexer::col`]). Inside brackets newlines and
//! indentation are ignored (implicit line joining); a `\` at the end of a
//! line joins it to the next. Brackets nest at most [`MAX_BRACKETS`] deep
//! (CPython's `MAXLEVEL`: "too many nested parentheses").
//!
//! Sibling files: `indent.rs` (indentation, tabs included, as CPython
//! measures it), `symbols.rs` (names, operators, brackets), `numbers.rs`,
//! `strings.rs` (quotes, prefixes, escapes), `unicode_names/` (the
//! character names `\N{EM DASH}` resolves with; generated table),
//! `fstring.rs` (the split of an f-string into literal text and fields).
//! f-string *expressions* are tokenized again by the parser with
//! [`tokenize_fstring_expr`], at their real position in the file.
//!
//! Python equivalent: `Parser/tokenizer.c` (and `tokenize`).

mod fstring;
mod indent;
mod numbers;
mod strings;
mod symbols;
pub mod unicode_names;

pub use fstring::{FField, FPiece};
pub use strings::unescape;

use crate::error::SourceErrorKind;

use crate::ast::BigIntLiteral;
use crate::error::SourceError;
use std::cell::Cell;

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier or keyword.
    Name(String),
    /// An integer literal that fits 64 bits.
    Int(i64),
    /// An integer literal that does not.
    BigInt(BigIntLiteral),
    /// A float literal.
    Float(f64),
    /// A str literal, escapes resolved (raw strings keep them).
    Str(String),
    /// A bytes literal, escapes resolved.
    Bytes(Vec<u8>),
    /// An f-string literal, split into pieces.
    FStr(Vec<FPiece>),
    /// An operator or delimiter (also `$`, `?`, `!` and `` ` ``, which no
    /// rule accepts: CPython's tokenizer passes them on too).
    Op(&'static str),
    /// A literal the lexer could delimit but not decode (a bad escape, a
    /// malformed f-string, non-ASCII bytes, `1j`): as in CPython, whose
    /// parser decodes literals, the error is reported if the parser
    /// reaches it.
    Invalid(Box<InvalidLiteral>),
    /// The lexer stopped here on an error ([`Lexed::stop`]); a parser that
    /// reaches this token reaches that error.
    Stop,
    /// End of a logical line.
    Newline,
    /// Indentation increased.
    Indent,
    /// Indentation decreased by one level.
    Dedent,
    /// End of input.
    Eof,
}

/// A literal that will not decode, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct InvalidLiteral {
    /// The error reported when the parser reaches the literal.
    pub error: SourceError,
    /// A string literal (it joins an implicit concatenation), not a number.
    pub is_string: bool,
}

/// A token and where it sits.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub col: u32,
    /// Line where the token ends.
    pub end_line: u32,
    /// 1-based column just past the token's last character.
    pub end_col: u32,
}

/// Deepest bracket nesting accepted: CPython's tokenizer `MAXLEVEL` (200);
/// the 201st open bracket is "too many nested parentheses".
pub const MAX_BRACKETS: usize = 200;

/// An open bracket waiting for its partner.
#[derive(Clone, Copy, Debug)]
struct OpenBracket {
    /// `(`, `[` or `{`.
    ch: u8,
    /// Where it was opened (for "'(' was never closed").
    line: u32,
    /// Its column.
    col: u32,
}

/// Tokenizer state.
pub(crate) struct Lexer<'a> {
    /// The source bytes (valid UTF-8).
    src: &'a [u8],
    /// Byte offset of the next character.
    pos: usize,
    /// Current 1-based line.
    line: u32,
    /// Byte offset where the current line starts.
    line_start: usize,
    /// Columns added on the first line: an f-string expression is lexed at
    /// the column where it sits in the file.
    first_line_shift: u32,
    /// The line `first_line_shift` applies to.
    first_line: u32,
    /// Last column computed: `(byte offset, column)` on the current line,
    /// so the next `col()` counts only the characters after it.
    col_cache: Cell<(usize, u32)>,
    /// Indentation of the open blocks (see `indent.rs`); `[0]` at top level.
    indents: Vec<indent::Level>,
    /// Open brackets, innermost last.
    brackets: Vec<OpenBracket>,
    /// Tokens produced so far.
    out: Vec<Token>,
    /// Whether the next character starts a logical line (measure indentation).
    at_line_start: bool,
    /// Lexing an f-string expression: newlines never end a logical line
    /// and no indentation is measured (as inside brackets).
    in_fstring_expr: bool,
    /// Bytes looked at so far (main loop steps plus column counting): the
    /// witness the linearity tests read, never a timer.
    work: Cell<u64>,
    /// The error that stopped the lexer is one CPython's tokenizer does not
    /// raise itself (see [`LexError::silent`]).
    silent_stop: bool,
}

/// Why the lexer stopped before the end of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct LexError {
    /// CPython's tokenizer error at that point.
    pub error: SourceError,
    /// CPython's tokenizer raises nothing there itself (an indentation or
    /// tab error, an EOF inside brackets or after `\`): the error is
    /// reported only if the parser gets that far, never in place of an
    /// earlier syntax error.
    pub silent: bool,
    /// "'(' was never closed" for the innermost bracket still open where
    /// the lexer stopped (CPython reports it instead of a syntax error on
    /// a later line than the bracket).
    pub unclosed: Option<SourceError>,
}

/// The tokens of a file: all of them ending in `Eof`, or those before the
/// lexer's error ending in `Stop`.
#[derive(Clone, Debug, PartialEq)]
pub struct Lexed {
    /// The tokens.
    pub tokens: Vec<Token>,
    /// Why the lexer stopped early, if it did.
    pub stop: Option<LexError>,
    /// Steps taken (bytes looked at, column counting included): linear in
    /// the source's length, which the front end's tests check.
    pub work: u64,
}

/// Tokenizes MiniPy source into tokens ending with `Eof` (the first error
/// if the lexer stops early; see [`lex`] for what the parser uses).
pub fn tokenize(src: &str) -> Result<Vec<Token>, SourceError> {
    let lexed = lex(src);
    match lexed.stop {
        Some(stop) => Err(stop.error),
        None => Ok(lexed.tokens),
    }
}

/// Tokenizes a file as CPython's parser sees it: the tokens up to the
/// first lexer error, and that error (reported by the parser when it gets
/// there, or instead of a later-found syntax error; see `parser`).
pub fn lex(src: &str) -> Lexed {
    let mut lx = Lexer::new(src, 1, 1, false);
    let stop = match lx.run() {
        Ok(()) => None,
        Err(error) => {
            let (line, col) = (lx.line, lx.col());
            lx.push(Tok::Stop, line, col);
            let unclosed = lx.brackets.last().map(|open| never_closed(*open));
            let silent = lx.silent_stop
                || matches!(
                    error.kind,
                    SourceErrorKind::Tab | SourceErrorKind::Indentation
                );
            Some(LexError {
                error,
                silent,
                unclosed,
            })
        }
    };
    Lexed {
        tokens: std::mem::take(&mut lx.out),
        stop,
        work: lx.work.get(),
    }
}

/// CPython's error for a bracket open at the end of the input.
fn never_closed(open: OpenBracket) -> SourceError {
    SourceError::syntax(
        format!("'{}' was never closed", open.ch as char),
        open.line,
        open.col,
    )
}

/// Tokenizes the expression of an f-string field, which sits at `line`,
/// `col` in the file: newlines inside it are ignored as inside brackets.
/// The tokens end with `Eof` (no `Newline`).
pub fn tokenize_fstring_expr(code: &str, line: u32, col: u32) -> Result<Vec<Token>, SourceError> {
    let mut lx = Lexer::new(code, line, col, true);
    lx.run()?;
    Ok(lx.out)
}

/// Checks that raw bytes are UTF-8, as CPython does before tokenizing
/// (its message names the first bad byte and its line; no caret).
pub fn decode_source<'s>(bytes: &'s [u8], filename: &str) -> Result<&'s str, SourceError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        SourceError::syntax(
            format!(
                "Non-UTF-8 code starting with '\\x{:02x}' in file {filename} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                bytes[at]
            ),
            0,
            0,
        )
    })
}

/// Whether `b` starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str, line: u32, col: u32, in_fstring_expr: bool) -> Lexer<'a> {
        Lexer {
            src: src.as_bytes(),
            pos: 0,
            line,
            line_start: 0,
            first_line_shift: col - 1,
            first_line: line,
            col_cache: Cell::new((0, col)),
            indents: vec![indent::Level::default()],
            brackets: Vec::new(),
            out: Vec::new(),
            at_line_start: !in_fstring_expr,
            in_fstring_expr,
            work: Cell::new(0),
            silent_stop: false,
        }
    }

    /// The 1-based column (in characters) of `pos`.
    ///
    /// Fast path: count only the characters between the last computed
    /// column and `pos` (`pos` only moves forward within a line, so a line
    /// is counted once in total). Plain path: count from the line start.
    fn col(&self) -> u32 {
        let (at, col) = self.col_cache.get();
        let count = |from: usize| -> u32 {
            self.work
                .set(self.work.get() + self.pos.saturating_sub(from) as u64);
            self.src[from..self.pos]
                .iter()
                .filter(|&&b| starts_char(b))
                .count() as u32
        };
        let col = if at >= self.line_start && at <= self.pos {
            col + count(at)
        } else {
            let shift = if self.line == self.first_line {
                self.first_line_shift
            } else {
                0
            };
            1 + shift + count(self.line_start)
        };
        self.col_cache.set((self.pos, col));
        col
    }

    /// The column of `pos` counted in bytes, not characters: where CPython
    /// puts the caret of an error it reports from inside a literal (a bad
    /// escape, a malformed f-string), since it takes the token's byte
    /// offset unconverted: `x = "é\N{BOGUS}"` has its caret one column
    /// further right than the characters say. Constant time, unlike
    /// [`Lexer::col`].
    fn byte_col(&self) -> u32 {
        let shift = if self.line == self.first_line {
            self.first_line_shift
        } else {
            0
        };
        1 + shift + (self.pos - self.line_start) as u32
    }

    /// Moves to the next line (`pos` is just past its `\n`).
    fn new_line(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
        self.col_cache.set((self.pos, 1));
    }

    fn err(&self, msg: impl Into<String>) -> SourceError {
        SourceError::syntax(msg, self.line, self.col())
    }

    fn push(&mut self, tok: Tok, line: u32, col: u32) {
        let (end_line, end_col) = (self.line, self.col());
        self.out.push(Token {
            tok,
            line,
            col,
            end_line,
            end_col,
        });
    }

    fn peek(&self, k: usize) -> u8 {
        *self.src.get(self.pos + k).unwrap_or(&0)
    }

    /// Whether newlines are ignored here (inside brackets or an f-string
    /// expression).
    fn joining_lines(&self) -> bool {
        !self.brackets.is_empty() || self.in_fstring_expr
    }

    fn run(&mut self) -> Result<(), SourceError> {
        while self.pos < self.src.len() {
            self.work.set(self.work.get() + 1);
            if self.at_line_start && !self.joining_lines() {
                self.indentation()?;
                if self.pos >= self.src.len() {
                    break;
                }
            }
            let c = self.peek(0);
            let (line, col) = (self.line, self.col());
            match c {
                b'\n' => {
                    self.pos += 1;
                    if !self.joining_lines() {
                        self.push(Tok::Newline, line, col);
                        self.at_line_start = true;
                    }
                    self.new_line();
                }
                b' ' | b'\t' | b'\x0c' | b'\r' => self.pos += 1,
                b'#' => {
                    if self.in_fstring_expr {
                        return Err(self.err("f-string expression part cannot include '#'"));
                    }
                    while self.pos < self.src.len() && self.peek(0) != b'\n' {
                        self.pos += 1;
                    }
                }
                b'\\' => self.continuation()?,
                b'0'..=b'9' => self.number(line, col)?,
                b'.' if self.peek(1).is_ascii_digit() => self.number(line, col)?,
                b'"' | b'\'' => self.string_literal("", line, col)?,
                c if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => self.name(line, col)?,
                _ => self.op(line, col)?,
            }
        }
        self.finish()
    }

    /// A `\` outside a string: joins the next line when it ends this one.
    fn continuation(&mut self) -> Result<(), SourceError> {
        let skip = match (self.peek(1), self.peek(2)) {
            (b'\n', _) => 2,
            (b'\r', b'\n') => 3,
            (0, _) if self.pos + 1 >= self.src.len() => {
                self.silent_stop = true;
                return Err(SourceError::syntax(
                    "unexpected EOF while parsing",
                    self.line,
                    self.col(),
                ));
            }
            _ => {
                self.pos += 1;
                self.silent_stop = true;
                return Err(self.err("unexpected character after line continuation character"));
            }
        };
        self.pos += skip;
        self.new_line();
        if self.pos >= self.src.len() {
            // CPython: a continuation at the very end of the file.
            self.silent_stop = true;
            return Err(SourceError::syntax(
                "unexpected EOF while parsing",
                self.line,
                0,
            ));
        }
        Ok(())
    }

    /// End of input: unclosed brackets, the last NEWLINE, closing DEDENTs.
    fn finish(&mut self) -> Result<(), SourceError> {
        if let Some(&open) = self.brackets.last().filter(|_| !self.in_fstring_expr) {
            // CPython names the innermost bracket still open.
            self.silent_stop = true;
            return Err(never_closed(open));
        }
        let (line, col) = (self.line, self.col());
        if !self.at_line_start && !self.in_fstring_expr {
            self.push(Tok::Newline, line, col);
        }
        if self.in_fstring_expr {
            // A field's end: where CPython's `(code)` has its `)`.
            self.push(Tok::Eof, line, col);
            return Ok(());
        }
        // CPython puts the closing DEDENTs and the end marker on the file's
        // last line, with no column (an error there shows no caret).
        let last_line = if self.pos == self.line_start && line > self.first_line {
            line - 1
        } else {
            line
        };
        let end = |tok| Token {
            tok,
            line: last_line,
            col: 0,
            end_line: last_line,
            end_col: 0,
        };
        while self.indents.len() > 1 {
            self.indents.pop();
            self.out.push(end(Tok::Dedent));
        }
        self.out.push(end(Tok::Eof));
        Ok(())
    }
}
