//! The parser: tokens → AST, by recursive descent with one function per
//! precedence level (the grammar of CPython 3.11's `Grammar/python.gram`,
//! the whole of MiniPy v2's language).
//!
//! ```text
//!   module     := statement* EOF
//!   statement  := compound | simple (';' simple)* NEWLINE          (simple.rs, compound.rs)
//!   compound   := if | while | for | try | with | def | class | decorated | async …
//!   expression := lambda | or ['if' or 'else' expression]           (expr.rs)
//!               → or → and → not → comparison → | → ^ → & → << >>
//!               → + - → * / // % @ → unary → ** → await → primary → atom
//! ```
//!
//! Files, bottom-up: `mod.rs` (the token cursor, positions, errors),
//! `limits.rs` (the two depth limits: CPython's parser stack and its
//! compiler's tree depth), `atom.rs` (literals, displays, comprehensions),
//! `primary.rs` (calls, subscripts, attributes), `fstring.rs` (f-string
//! fields), `arith.rs` (binary and unary operators, `**`), `expr.rs`
//! (`lambda`, `if`–`else`, `or`/`and`/`not`, comparisons, `:=`, `yield`),
//! `params.rs` (parameter lists),
//! `targets.rs` (what may be assigned or deleted), `simple.rs`,
//! `compound.rs` and `try_with.rs` (statements). The parser knows nothing of the VM.
//!
//! What it guarantees to a compiler: every tree it returns is within
//! `ast::MAX_DEPTH` (see `ast.rs`); deeper input is CPython's
//! `RecursionError`, input nested past CPython's parser stack its
//! `MemoryError`, and neither costs more than linear time or a bounded
//! native stack. `match` (out of scope) and relative imports are refused by
//! name. Errors a program can hit carry CPython 3.11's message and caret.
//!
//! Python equivalent: `Parser/parser.c` (PEG, generated) and `ast.parse`.

mod arith;
mod atom;
mod compound;
mod expr;
mod fstring;
mod limits;
mod params;
mod primary;
mod simple;
mod targets;
mod try_with;

pub use limits::MAX_PARSER_LEVEL;

use crate::ast::{Expr, ExprKind, Stmt, StmtKind, MAX_DEPTH};
use crate::error::{SourceError, SourceErrorKind};
use crate::lexer::{self, Tok, Token};
use std::cell::Cell;

/// What the expression rules return: an expression or the error that
/// stops the parse. Shared by every rule file (it lives here, not in
/// `expr.rs`, so `targets.rs` need not import `expr.rs`, which imports it).
type PResult = Result<Expr, SourceError>;

/// Python's hard keywords: never valid as names.
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Parser state: the token list, a cursor, and the depth bookkeeping.
pub struct Parser {
    /// All tokens, ending in `Eof`.
    toks: Vec<Token>,
    /// Index of the next token.
    pos: usize,
    /// The modelled level of CPython's parser stack here (`limits.rs`).
    level: u32,
    /// Statements enclosing the node being built, itself included: what
    /// CPython's compiler counts above an expression (1 at top level).
    stmt_depth: u32,
    /// Some node went past `MAX_DEPTH`: the parse ends in RecursionError
    /// if it ends without a syntax error (CPython reports syntax errors
    /// first: its compiler only runs on a parsed tree).
    too_deep: bool,
    /// The next bracket belongs to the leftmost primary of a statement's
    /// expression (CPython's parser reaches those more cheaply, `limits.rs`).
    leftmost: bool,
    /// What a leftmost bracket saves in this statement (`limits.rs`).
    discount: u32,
    /// Brackets open around the cursor (CPython's "Perhaps you forgot a
    /// comma?" applies only inside them).
    in_brackets: u32,
    /// The first error CPython finds only after parsing (its symbol table
    /// or compiler: a duplicate parameter, a repeated keyword, a misplaced
    /// `*` target); reported if the whole file parses.
    deferred: Option<SourceError>,
    /// Token inspections and child visits so far: the witness the
    /// linearity tests read, never a timer.
    work: Cell<u64>,
    /// The furthest token the parser has looked at (did it reach the
    /// lexer's error? see [`resolve`]).
    furthest: Cell<usize>,
}

/// How much work a parse took, in steps that grow linearly with the
/// input when the front end is linear (what the tests compare for n and
/// 2n, instead of timing anything).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// Bytes the lexer looked at.
    pub lexer_steps: u64,
    /// Tokens the parser inspected plus children it visited.
    pub parser_steps: u64,
}

/// Parses a whole module.
pub fn parse_module(src: &str) -> Result<Vec<Stmt>, SourceError> {
    parse_module_counted(src).0
}

/// [`parse_module`], also returning the work it took.
pub fn parse_module_counted(src: &str) -> (Result<Vec<Stmt>, SourceError>, Work) {
    let lexed = lexer::lex(src);
    let mut work = Work {
        lexer_steps: lexed.work,
        parser_steps: 0,
    };
    let stop_at = lexed.tokens.len() - 1;
    let mut p = Parser {
        toks: lexed.tokens,
        pos: 0,
        level: 0,
        stmt_depth: 1,
        too_deep: false,
        leftmost: false,
        discount: limits::cost::LEFTMOST_DISCOUNT,
        in_brackets: 0,
        deferred: None,
        work: Cell::new(0),
        furthest: Cell::new(0),
    };
    let result = p.module();
    work.parser_steps = p.work.get();
    let reached_stop = p.furthest.get() >= stop_at;
    (resolve(result, lexed.stop, reached_stop), work)
}

/// Which error CPython reports when the lexer stopped early (its tokenizer
/// runs lazily, under the parser):
/// 1. the parser got to the lexer's error: that error;
/// 2. the parser failed first: CPython tokenizes the rest of the file, and
///    a tokenizer error that raises by itself (an unterminated string, a
///    bad character, …) replaces the syntax error; a "silent" one
///    (indentation, EOF inside brackets) does not, except that a bracket
///    left open on an earlier line than the syntax error becomes
///    "'(' was never closed".
fn resolve(
    parsed: Result<Vec<Stmt>, SourceError>,
    stop: Option<lexer::LexError>,
    reached_stop: bool,
) -> Result<Vec<Stmt>, SourceError> {
    let Some(stop) = stop else {
        return parsed;
    };
    let syntax_error = match parsed {
        // The token list ends in `Stop`, so a full parse cannot succeed.
        Ok(_) => return Err(stop.error),
        Err(e) => e,
    };
    if reached_stop {
        return Err(stop.error);
    }
    // A MemoryError is no syntax error, and "unexpected indent" is raised
    // where CPython does not tokenize further.
    let final_error = syntax_error.kind == SourceErrorKind::Memory
        || (syntax_error.kind == SourceErrorKind::Indentation
            && syntax_error.msg == "unexpected indent");
    if final_error {
        return Err(syntax_error);
    }
    if !stop.silent {
        return Err(stop.error);
    }
    match stop.unclosed {
        Some(unclosed) if unclosed.line < syntax_error.line => Err(unclosed),
        _ => Err(syntax_error),
    }
}

impl Parser {
    /// `statement* EOF`, then the errors CPython reports after parsing.
    fn module(&mut self) -> Result<Vec<Stmt>, SourceError> {
        let p = self;
        let mut body = Vec::new();
        while !p.at_eof() {
            if p.check_tok(&Tok::Newline) {
                p.pos += 1;
                continue;
            }
            if p.check_tok(&Tok::Indent) {
                return Err(p.error_here("unexpected indent"));
            }
            p.statement(&mut body)?;
        }
        if p.too_deep {
            return Err(limits::recursion_error());
        }
        match p.deferred.take() {
            Some(e) => Err(e),
            None => Ok(body),
        }
    }

    fn peek(&self) -> &Token {
        self.work.set(self.work.get() + 1);
        self.furthest.set(self.furthest.get().max(self.pos));
        // The token list always ends with Eof and the cursor never passes it.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn peek_at(&self, k: usize) -> &Tok {
        self.furthest.set(self.furthest.get().max(self.pos + k));
        &self.toks[(self.pos + k).min(self.toks.len() - 1)].tok
    }

    /// The last token consumed.
    fn prev(&self) -> &Token {
        &self.toks[self.pos.saturating_sub(1).min(self.toks.len() - 1)]
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
        let hit = self.check_op(op);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        let hit = self.check_kw(kw);
        if hit {
            self.pos += 1;
        }
        hit
    }

    /// An error at the next token, shaped as CPython shapes it there: an
    /// unexpected INDENT is an IndentationError, and at the end of a
    /// line (or file) the caret sits just past the last token.
    fn error_here(&self, msg: &str) -> SourceError {
        let t = self.peek();
        match &t.tok {
            Tok::Indent => {
                SourceError::new(SourceErrorKind::Indentation, "unexpected indent", t.line, 0)
            }
            Tok::Newline | Tok::Eof | Tok::Dedent => {
                let prev = self.prev();
                SourceError::syntax(msg, prev.end_line, prev.end_col)
            }
            _ => SourceError::syntax(msg, t.line, t.col).ending_at(t.end_col),
        }
    }

    /// "invalid syntax" at the next token.
    fn invalid(&self) -> SourceError {
        let t = self.peek();
        if matches!(t.tok, Tok::Newline | Tok::Eof | Tok::Dedent) {
            // CPython points at the newline itself, one past the last token.
            return SourceError::syntax("invalid syntax", t.line, t.col);
        }
        self.error_here("invalid syntax")
    }

    /// Consumes `op` or fails with CPython's message for the missing token.
    fn expect_op(&mut self, op: &str) -> Result<Token, SourceError> {
        if self.check_op(op) {
            return Ok(self.next());
        }
        Err(match op {
            ":" | "(" => self.error_here(&format!("expected '{op}'")),
            _ => self.invalid(),
        })
    }

    fn expect_kw(&mut self, kw: &str) -> Result<(), SourceError> {
        if self.eat_kw(kw) {
            Ok(())
        } else {
            Err(self.invalid())
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
            _ => Err(self.invalid()),
        }
    }

    /// Whether the next token is a plain identifier.
    fn at_ident(&self) -> bool {
        matches!(&self.peek().tok, Tok::Name(n) if !KEYWORDS.contains(&n.as_str()))
    }

    /// Keeps `e` to report once the file has parsed (the first one wins).
    fn defer(&mut self, e: SourceError) {
        self.deferred.get_or_insert(e);
    }

    /// An expression node from `line`/`col` to the end of the last token
    /// consumed (see [`Parser::mk_span`]).
    fn mk(&mut self, kind: ExprKind, line: u32, col: u32) -> Expr {
        let last = self.prev();
        let (end_line, end_col) = (last.end_line.max(line), last.end_col);
        self.mk_span(kind, line, col, end_line, end_col)
    }

    /// An expression node with the given span. A node past `MAX_DEPTH`
    /// becomes a leaf and marks the parse too deep, so no tree deeper than
    /// the bound ever exists.
    fn mk_span(
        &mut self,
        kind: ExprKind,
        line: u32,
        col: u32,
        end_line: u32,
        end_col: u32,
    ) -> Expr {
        let e = Expr::new(kind, line, col, end_line, end_col);
        let mut children = 0;
        e.kind.for_each_child(&mut |_| children += 1);
        self.work.set(self.work.get() + 1 + children);
        if e.height + self.stmt_depth > MAX_DEPTH {
            self.too_deep = true;
            return Expr::new(
                ExprKind::Const(crate::ast::Const::None),
                line,
                col,
                end_line,
                end_col,
            );
        }
        e
    }

    /// A statement node from `line`/`col` to the end of the last token consumed.
    fn mk_stmt(&self, kind: StmtKind, line: u32, col: u32) -> Stmt {
        let last = self.prev();
        Stmt {
            kind,
            line,
            col,
            end_line: last.end_line.max(line),
            end_col: last.end_col,
        }
    }
}
