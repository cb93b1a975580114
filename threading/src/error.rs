//! The crate's one error type: what can stop a MiniPy program *before* it
//! runs (bad source, unsupported construct, unreadable file).
//!
//! Errors raised while the program runs are Python exceptions, not Rust
//! errors: they live in `vm::exception` and end as a traceback on stderr and
//! exit code 1, exactly like CPython. Everything here is reported in
//! CPython's compile-error shape instead:
//!
//! ```text
//!   File "x.py", line 3
//!     x = = 2
//!         ^
//! SyntaxError: invalid syntax
//! ```
//!
//! Python equivalent: `SyntaxError` / `IndentationError` / `TabError` raised
//! by `compile()`, plus MiniPy's own `NotImplementedError` for valid Python
//! outside the subset.

use std::fmt;

/// Which compile-time error class a [`SourceError`] is reported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceErrorKind {
    /// `SyntaxError`: the text is not valid Python (or not valid MiniPy syntax).
    Syntax,
    /// `IndentationError`: a block's indentation is wrong.
    Indentation,
    /// `TabError`: a tab in indentation (MiniPy indents with spaces only).
    Tab,
    /// `NotImplementedError`: valid Python outside the MiniPy subset.
    NotImplemented,
    /// `RecursionError`: a tree deeper than CPython's compiler accepts
    /// (`ast::MAX_DEPTH`); printed without a position, as CPython does.
    Recursion,
    /// `MemoryError`: nesting deeper than CPython's parser stack
    /// (`parser::limits`); printed as the bare class name, as CPython does.
    Memory,
}

impl SourceErrorKind {
    /// The Python class name printed on the last line.
    pub fn python_name(self) -> &'static str {
        match self {
            SourceErrorKind::Syntax => "SyntaxError",
            SourceErrorKind::Indentation => "IndentationError",
            SourceErrorKind::Tab => "TabError",
            SourceErrorKind::NotImplemented => "NotImplementedError",
            SourceErrorKind::Recursion => "RecursionError",
            SourceErrorKind::Memory => "MemoryError",
        }
    }
}

/// A compile-time error with its position, printed like CPython prints one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    /// The class it is reported as.
    pub kind: SourceErrorKind,
    /// The message after `SyntaxError: `.
    pub msg: String,
    /// The file name as given to the interpreter.
    pub filename: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column of the caret (0: no caret).
    pub col: u32,
    /// Column just past the underlined range, on the same line (`^^^`
    /// from `col` up to here); 0 or ≤ `col`: a single caret.
    pub end_col: u32,
    /// Underline the whole statement (`^^^^^^^^`) instead of one caret.
    pub whole_line: bool,
    /// The offending source line (filled in by [`SourceError::with_source`]).
    pub source_line: Option<String>,
}

impl SourceError {
    /// A new error of `kind` at `line`/`col` (file name filled in later).
    pub fn new(kind: SourceErrorKind, msg: impl Into<String>, line: u32, col: u32) -> SourceError {
        SourceError {
            kind,
            msg: msg.into(),
            filename: String::new(),
            line,
            col,
            end_col: 0,
            whole_line: false,
            source_line: None,
        }
    }

    /// Shorthand for a `SyntaxError`.
    pub fn syntax(msg: impl Into<String>, line: u32, col: u32) -> SourceError {
        SourceError::new(SourceErrorKind::Syntax, msg, line, col)
    }

    /// Shorthand for MiniPy's "outside the subset" error.
    pub fn unsupported(what: &str, line: u32, col: u32) -> SourceError {
        SourceError::new(
            SourceErrorKind::NotImplemented,
            format!("{what} is outside MiniPy (line {line})"),
            line,
            col,
        )
    }

    /// The same error, underlining its whole statement (as CPython 3.11 does
    /// for errors found after parsing, like `'return' outside function`).
    pub fn whole_statement(mut self) -> SourceError {
        self.whole_line = true;
        self
    }

    /// The same error, underlining `col..end_col`.
    pub fn ending_at(mut self, end_col: u32) -> SourceError {
        self.end_col = end_col;
        self
    }

    /// Attaches the file name and the offending line of `source` (unless
    /// the error already carries its own text, as an f-string expression's
    /// does).
    pub fn with_source(mut self, filename: &str, source: &str) -> SourceError {
        self.filename = filename.to_string();
        if self.line >= 1 && self.source_line.is_none() {
            self.source_line = source
                .lines()
                .nth(self.line as usize - 1)
                .map(|l| l.to_string());
        }
        self
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0
            || matches!(
                self.kind,
                SourceErrorKind::Recursion | SourceErrorKind::Memory
            )
        {
            // Errors about the file as a whole (encoding, depth) have no position.
            if self.msg.is_empty() {
                return write!(f, "{}", self.kind.python_name());
            }
            return write!(f, "{}: {}", self.kind.python_name(), self.msg);
        }
        writeln!(f, "  File \"{}\", line {}", self.filename, self.line)?;
        if let Some(src) = &self.source_line {
            // CPython strips leading whitespace and moves the caret with it.
            let trimmed = src.trim_start();
            let indent = src.chars().count() - trimmed.chars().count();
            let text = trimmed.trim_end();
            writeln!(f, "    {text}")?;
            if self.whole_line {
                writeln!(f, "    {}", "^".repeat(text.chars().count()))?;
            } else if self.col > 0 {
                // CPython clips the caret to the line's length in bytes
                // (`strlen`), which a byte-counted column just past a
                // literal with `é` in it can reach.
                let len = text.len();
                let col = (self.col as usize).saturating_sub(1 + indent);
                let col = col.min(len);
                let end = (self.end_col as usize).saturating_sub(1 + indent).min(len);
                let width = end.saturating_sub(col).max(1);
                writeln!(f, "    {}{}", " ".repeat(col), "^".repeat(width))?;
            }
        }
        write!(f, "{}: {}", self.kind.python_name(), self.msg)
    }
}

/// Everything that can go wrong before or around running a program.
#[derive(Debug)]
pub enum Error {
    /// The source does not compile (syntax, indentation, unsupported construct).
    Source(SourceError),
    /// The file could not be read.
    Io(std::io::Error),
    /// A bad command-line or configuration value.
    Usage(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Source(e) => write!(f, "{e}"),
            Error::Io(e) => write!(f, "minipy: {e}"),
            Error::Usage(m) => write!(f, "minipy: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<SourceError> for Error {
    fn from(e: SourceError) -> Error {
        Error::Source(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Io(e)
    }
}
