//! The parser: tokens → AST, by recursive descent with one function per
//! precedence level (the grammar of Python's reference manual, cut down to
//! MiniPy).
//!
//! ```text
//!   module     := stmt* EOF
//!   stmt       := simple (';' simple)* NEWLINE | compound
//!   compound   := if | while | for | def | try | with      (stmt.rs)
//!   expr       := ifexp → or → and → not → compare → sum → term
//!                 → unary → power → primary → atom           (expr.rs)
//! ```
//!
//! Valid Python outside MiniPy (classes, lambda, generators, ...) is
//! rejected here with a `NotImplementedError` naming the construct and its
//! line, never guessed at. Nesting is bounded (`MAX_DEPTH`) so no input can
//! overflow the native stack of the parser, the compiler or `Drop`.
//!
//! Python equivalent: `Parser/parser.c` (PEG) and `ast.parse`.

mod atom;
mod expr;
mod stmt;

use crate::ast::{Expr, ExprKind, Stmt, StmtKind};
use crate::error::{SourceError, SourceErrorKind};
use crate::lexer::{self, Tok, Token};

/// Deepest expression nesting accepted (nested brackets, operators, unary
/// chains). Deeper input is a SyntaxError, as CPython's own limits are.
const MAX_DEPTH: usize = 1000;

/// Keywords that start constructs outside MiniPy, and how to name them.
const UNSUPPORTED_KEYWORDS: &[(&str, &str)] = &[
    ("class", "'class' (classes)"),
    ("lambda", "'lambda'"),
    ("yield", "'yield' (generators)"),
    ("async", "'async'"),
    ("await", "'await'"),
    ("nonlocal", "'nonlocal'"),
    ("del", "'del'"),
    ("match", "'match'"),
];

/// Python keywords: never valid as plain names.
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Parser state: the token list and a cursor.
pub struct Parser {
    /// All tokens, ending in `Eof`.
    toks: Vec<Token>,
    /// Index of the next token.
    pos: usize,
    /// Current expression nesting (bounded by `MAX_DEPTH`).
    depth: usize,
}

/// Parses a whole module.
pub fn parse_module(src: &str) -> Result<Vec<Stmt>, SourceError> {
    let toks = lexer::tokenize(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let mut body = Vec::new();
    while !p.at_eof() {
        if p.check_tok(&Tok::Newline) {
            p.pos += 1;
            continue;
        }
        if p.check_tok(&Tok::Indent) {
            let t = p.peek().clone();
            return Err(SourceError::new(
                SourceErrorKind::Indentation,
                "unexpected indent",
                t.line,
                0,
            ));
        }
        p.statement(&mut body)?;
    }
    Ok(body)
}

/// Parses the expression text of an f-string piece, shifting positions to
/// where the text sits in the file.
pub fn parse_fstring_expr(code: &str, line: u32, col: u32) -> Result<Expr, SourceError> {
    let shift = |mut e: SourceError| {
        e.line = line;
        e.col = col;
        e.msg = format!("f-string: {}", e.msg);
        e
    };
    let trimmed = code.trim();
    let mut toks = lexer::tokenize(&format!("({trimmed})")).map_err(shift)?;
    for t in &mut toks {
        t.line = line;
        t.col = col;
        t.end_line = line;
        t.end_col = col;
    }
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let e = p.expression().map_err(shift)?;
    if !p.check_tok(&Tok::Newline) && !p.at_eof() {
        let t = p.peek().clone();
        return Err(SourceError::syntax(
            "f-string: invalid syntax",
            t.line,
            t.col,
        ));
    }
    Ok(e)
}

impl Parser {
    fn peek(&self) -> &Token {
        // The token list always ends with Eof and the cursor never passes it.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn peek_at(&self, k: usize) -> &Tok {
        &self.toks[(self.pos + k).min(self.toks.len() - 1)].tok
    }

    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn at_eof(&self) -> bool {
        matches!(self.peek().tok, Tok::Eof)
    }

    fn check_tok(&self, t: &Tok) -> bool {
        &self.peek().tok == t
    }

    fn check_op(&self, op: &str) -> bool {
        matches!(&self.peek().tok, Tok::Op(o) if *o == op)
    }

    fn check_kw(&self, kw: &str) -> bool {
        matches!(&self.peek().tok, Tok::Name(n) if n == kw)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.check_op(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.check_kw(kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn error_here(&self, msg: &str) -> SourceError {
        let t = self.peek();
        match &t.tok {
            Tok::Indent => {
                SourceError::new(SourceErrorKind::Indentation, "unexpected indent", t.line, 0)
            }
            Tok::Eof => SourceError::syntax("unexpected EOF while parsing", t.line, t.col),
            _ => SourceError::syntax(msg, t.line, t.col),
        }
    }

    fn expect_op(&mut self, op: &str) -> Result<Token, SourceError> {
        if self.check_op(op) {
            Ok(self.next())
        } else if op == ":" {
            Err(self.error_here("expected ':'"))
        } else {
            Err(self.error_here("invalid syntax"))
        }
    }

    fn expect_kw(&mut self, kw: &str) -> Result<(), SourceError> {
        if self.eat_kw(kw) {
            Ok(())
        } else {
            Err(self.error_here("invalid syntax"))
        }
    }

    /// A plain identifier (not a keyword).
    fn ident(&mut self) -> Result<String, SourceError> {
        match &self.peek().tok {
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                let n = n.clone();
                self.pos += 1;
                Ok(n)
            }
            _ => Err(self.error_here("invalid syntax")),
        }
    }

    /// Rejects a keyword that starts a construct outside MiniPy.
    fn reject_unsupported(&self) -> Result<(), SourceError> {
        let t = self.peek();
        if let Tok::Name(n) = &t.tok {
            if let Some((_, what)) = UNSUPPORTED_KEYWORDS.iter().find(|(k, _)| k == n) {
                // `match` is a soft keyword: only a statement start like `match x:`.
                if n == "match" && !matches!(self.peek_at(1), Tok::Name(_)) {
                    return Ok(());
                }
                return Err(SourceError::unsupported(what, t.line, t.col));
            }
        }
        if matches!(t.tok, Tok::Op("@")) {
            return Err(SourceError::unsupported("a decorator ('@')", t.line, t.col));
        }
        Ok(())
    }

    /// An expression node ending where the last consumed token ends.
    fn mk(&self, kind: ExprKind, line: u32, col: u32) -> Expr {
        let last = &self.toks[self.pos.saturating_sub(1).min(self.toks.len() - 1)];
        Expr::new(kind, line, col, last.end_line.max(line), last.end_col)
    }

    /// A statement node ending where the last consumed token ends.
    fn mk_stmt(&self, kind: StmtKind, line: u32, col: u32) -> Stmt {
        let last = &self.toks[self.pos.saturating_sub(1).min(self.toks.len() - 1)];
        Stmt {
            kind,
            line,
            col,
            end_line: last.end_line.max(line),
            end_col: last.end_col,
        }
    }

    /// Enters one nesting level; errors past `MAX_DEPTH`.
    fn enter(&mut self) -> Result<(), SourceError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here("too many nested expressions (MiniPy's limit is 1000)"));
        }
        Ok(())
    }
}
