//! The lexer: source text → tokens, with Python's INDENT/DEDENT bookkeeping.
//!
//! ```text
//!   "if x:\n    y = 1\n"  ──▶  Name(if) Name(x) Op(:) Newline
//!                              Indent Name(y) Op(=) Int(1) Newline Dedent Eof
//! ```
//!
//! Indentation uses a stack of column widths, as CPython's tokenizer does: a
//! deeper line pushes and emits `Indent`, a shallower one pops (one `Dedent`
//! per level) and must land exactly on an outer level. Inside brackets
//! newlines and indentation are ignored (implicit line joining). Blank and
//! comment-only lines never touch the stack. A tab in indentation is a
//! `TabError` (MiniPy indents with spaces only — a documented narrowing of
//! Python, which accepts consistent tabs).
//!
//! f-strings are split here into literal pieces and `{expr:spec}` pieces;
//! the parser parses each expression text in its own sub-lexer
//! (`parser::parse_fstring_expr`), as CPython 3.11 does.
//!
//! Python equivalent: `tokenize` / `Parser/tokenizer.c`.

use crate::error::{SourceError, SourceErrorKind};

/// One piece of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FPiece {
    /// Literal text (`{{`/`}}` already unescaped).
    Lit(String),
    /// `{code!conv:spec}`.
    Expr {
        /// The expression's source text.
        code: String,
        /// `Some('r')` for `!r`, `Some('s')` for `!s`.
        conv: Option<char>,
        /// The format spec after `:` (may be empty).
        spec: String,
        /// Line of the opening brace.
        line: u32,
        /// Column of the expression's first character.
        col: u32,
    },
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier or keyword.
    Name(String),
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A plain string literal (escapes resolved).
    Str(String),
    /// An f-string literal.
    FStr(Vec<FPiece>),
    /// An operator or delimiter.
    Op(&'static str),
    /// End of a logical line.
    Newline,
    /// Indentation increased.
    Indent,
    /// Indentation decreased by one level.
    Dedent,
    /// End of input.
    Eof,
}

/// A token and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// Line where the token ends.
    pub end_line: u32,
    /// 1-based column just past the token's last character.
    pub end_col: u32,
}

/// Longest operators first, so `**=` wins over `**` and `*`.
const OPS: &[&str] = &[
    "**=", "//=", "->", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", ":=",
    "<<", ">>", "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{",
    "}", ",", ":", ".", ";", "@", "&", "|", "^", "~",
];

/// Deepest block nesting accepted (CPython's tokenizer limit, `MAXINDENT`).
const MAX_INDENT_LEVELS: usize = 100;

/// Deepest bracket nesting accepted (CPython's limit is 200).
const MAX_BRACKETS: usize = 200;

/// Tokenizer state.
struct Lexer<'a> {
    /// The source bytes (valid UTF-8).
    src: &'a [u8],
    /// Byte offset of the next character.
    pos: usize,
    /// Current 1-based line.
    line: u32,
    /// Byte offset where the current line starts (for columns).
    line_start: usize,
    /// Indentation widths of the open blocks; `[0]` at top level.
    indents: Vec<usize>,
    /// Open brackets: (bracket, line, column), innermost last.
    brackets: Vec<(u8, u32, u32)>,
    /// Tokens produced so far.
    out: Vec<Token>,
    /// Whether the next character starts a logical line (measure indentation).
    at_line_start: bool,
    /// Whether an earlier line was indented with spaces (a tab after that
    /// is CPython's own TabError, not only MiniPy's rule).
    spaces_seen: bool,
}

/// Tokenizes MiniPy source into tokens ending with `Eof` (f-string
/// expressions are tokenized again by the parser, which moves their
/// positions to where the f-string sits).
pub fn tokenize(src: &str) -> Result<Vec<Token>, SourceError> {
    let mut lx = Lexer {
        src: src.as_bytes(),
        pos: 0,
        line: 1,
        line_start: 0,
        indents: vec![0],
        brackets: Vec::new(),
        out: Vec::new(),
        at_line_start: true,
        spaces_seen: false,
    };
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

impl<'a> Lexer<'a> {
    fn col(&self) -> u32 {
        let text = &self.src[self.line_start..self.pos];
        String::from_utf8_lossy(text).chars().count() as u32 + 1
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

    fn run(&mut self) -> Result<(), SourceError> {
        while self.pos < self.src.len() {
            if self.at_line_start && self.brackets.is_empty() {
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
                    if self.brackets.is_empty() {
                        self.push(Tok::Newline, line, col);
                        self.at_line_start = true;
                    }
                    self.line += 1;
                    self.line_start = self.pos;
                }
                b' ' | b'\r' | b'\x0c' => self.pos += 1,
                b'\t' => self.pos += 1,
                b'#' => {
                    while self.pos < self.src.len() && self.peek(0) != b'\n' {
                        self.pos += 1;
                    }
                }
                b'\\'
                    if self.peek(1) == b'\n'
                        || (self.peek(1) == b'\r' && self.peek(2) == b'\n') =>
                {
                    self.pos += if self.peek(1) == b'\r' { 3 } else { 2 };
                    self.line += 1;
                    self.line_start = self.pos;
                }
                b'0'..=b'9' => self.number(line, col)?,
                b'.' if self.peek(1).is_ascii_digit() => self.number(line, col)?,
                b'"' | b'\'' => {
                    let s = self.string(false)?;
                    self.push(Tok::Str(s), line, col);
                }
                c if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => self.name(line, col)?,
                _ => self.op(line, col)?,
            }
        }
        if let Some(&(open, l, c)) = self.brackets.last() {
            return Err(SourceError::syntax(
                format!("'{}' was never closed", open as char),
                l,
                c,
            ));
        }
        let (line, col) = (self.line, self.col());
        if !self.at_line_start {
            self.push(Tok::Newline, line, col);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, line, col);
        }
        self.push(Tok::Eof, line, col);
        Ok(())
    }

    /// Measures a line's indentation and emits Indent/Dedent. Blank and
    /// comment-only lines are skipped entirely.
    fn indentation(&mut self) -> Result<(), SourceError> {
        loop {
            let mut width = 0;
            let mut p = self.pos;
            while p < self.src.len() && matches!(self.src[p], b' ' | b'\t' | b'\x0c') {
                if self.src[p] == b'\t' {
                    // Tabs only matter if the line holds code.
                    let rest = &self.src[p..];
                    let blank = rest
                        .iter()
                        .find(|b| !matches!(b, b' ' | b'\t' | b'\x0c' | b'\r'))
                        .is_none_or(|&b| b == b'\n' || b == b'#');
                    if !blank {
                        return Err(SourceError::new(
                            SourceErrorKind::Tab,
                            if self.spaces_seen {
                                "inconsistent use of tabs and spaces in indentation"
                            } else {
                                "tab indentation is outside MiniPy (indent with spaces)"
                            },
                            self.line,
                            0,
                        ));
                    }
                }
                width += 1;
                p += 1;
            }
            let next = *self.src.get(p).unwrap_or(&0);
            if next == b'\n' || next == b'#' || next == b'\r' || p >= self.src.len() {
                // Blank or comment line: skip to its end (the main loop eats '\n').
                self.pos = p;
                while self.pos < self.src.len() && self.peek(0) != b'\n' {
                    self.pos += 1;
                }
                if self.pos >= self.src.len() {
                    return Ok(());
                }
                self.pos += 1;
                self.line += 1;
                self.line_start = self.pos;
                continue;
            }
            self.pos = p;
            if width > 0 {
                self.spaces_seen = true;
            }
            self.at_line_start = false;
            let (line, col) = (self.line, self.col());
            let current = *self.indents.last().unwrap_or(&0);
            if width > current {
                if self.indents.len() > MAX_INDENT_LEVELS {
                    return Err(SourceError::new(
                        SourceErrorKind::Indentation,
                        "too many levels of indentation",
                        line,
                        col,
                    ));
                }
                self.indents.push(width);
                self.push(Tok::Indent, line, col);
            } else {
                while width < *self.indents.last().unwrap_or(&0) {
                    self.indents.pop();
                    self.push(Tok::Dedent, line, col);
                }
                if width != *self.indents.last().unwrap_or(&0) {
                    // CPython puts the caret just past the line's end.
                    let rest = &self.src[self.line_start..];
                    let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                    let end_col = String::from_utf8_lossy(&rest[..len])
                        .trim_end()
                        .chars()
                        .count() as u32
                        + 1;
                    return Err(SourceError::new(
                        SourceErrorKind::Indentation,
                        "unindent does not match any outer indentation level",
                        line,
                        end_col,
                    ));
                }
            }
            return Ok(());
        }
    }

    fn name(&mut self, line: u32, col: u32) -> Result<(), SourceError> {
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
        if !word.is_ascii() && !word.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(SourceError::syntax(
                "invalid character in identifier",
                line,
                col,
            ));
        }
        let q = self.peek(0);
        if q == b'"' || q == b'\'' {
            match word.as_str() {
                "f" | "F" => {
                    let pieces = self.fstring(line)?;
                    self.push(Tok::FStr(pieces), line, col);
                    return Ok(());
                }
                "r" | "R" => {
                    let s = self.string(true)?;
                    self.push(Tok::Str(s), line, col);
                    return Ok(());
                }
                "b" | "B" | "rb" | "br" | "fr" | "rf" | "u" | "U" => {
                    return Err(SourceError::unsupported(
                        &format!("the string prefix {word:?}"),
                        line,
                        col,
                    ));
                }
                _ => {}
            }
        }
        self.push(Tok::Name(word), line, col);
        Ok(())
    }

    fn op(&mut self, line: u32, col: u32) -> Result<(), SourceError> {
        for op in OPS {
            if self.src[self.pos..].starts_with(op.as_bytes()) {
                self.pos += op.len();
                match *op {
                    "(" | "[" | "{" => {
                        if self.brackets.len() >= MAX_BRACKETS {
                            return Err(SourceError::syntax(
                                "too many nested parentheses",
                                line,
                                col,
                            ));
                        }
                        self.brackets.push((op.as_bytes()[0], line, col));
                    }
                    ")" | "]" | "}" => {
                        let want = match *op {
                            ")" => b'(',
                            "]" => b'[',
                            _ => b'{',
                        };
                        match self.brackets.pop() {
                            Some((open, ..)) if open == want => {}
                            Some((open, ..)) => {
                                return Err(SourceError::syntax(
                                    format!(
                                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                        op, open as char
                                    ),
                                    line,
                                    col,
                                ))
                            }
                            None => {
                                return Err(SourceError::syntax(format!("unmatched '{op}'"), line, col))
                            }
                        }
                    }
                    _ => {}
                }
                self.push(Tok::Op(op), line, col);
                return Ok(());
            }
        }
        let ch = std::str::from_utf8(&self.src[self.pos..])
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or('?');
        Err(SourceError::syntax(
            format!("invalid character '{ch}' (U+{:04X})", ch as u32),
            line,
            col,
        ))
    }
}

mod numbers;
mod strings;
