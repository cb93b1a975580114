//! The two depth limits of CPython's front end, and how MiniPy meets both
//! with CPython's own outcomes, in linear time and bounded native stack.
//!
//! ```text
//!   x = 1+1+…+1   (3,000 terms)   parses; the tree is 3,001 deep
//!                                 → RecursionError: maximum recursion depth
//!                                   exceeded during compilation
//!   print(---…-1) (5,965 minuses) CPython's parser stack overflows first
//!                                 → MemoryError
//!   ((((…1…))))   (201 brackets)  the tokenizer's limit → SyntaxError: too
//!                                   many nested parentheses (lexer)
//! ```
//!
//! 1. **The compiler's tree depth** (`ast::MAX_DEPTH` = 3,000 `stmt`+`expr`
//!    nodes on one path). Exact: [`Parser::mk`] knows every node's height
//!    and the statements above it, and a node past the bound becomes a leaf
//!    while the parse goes on (a syntax error later in the file still wins,
//!    as in CPython, whose compiler only sees a parsed tree).
//!
//! 2. **The parser's stack** (CPython's `MAXSTACK` = 6,000 nested rule
//!    calls; the 6,001st raises `MemoryError`). CPython's parser is a
//!    generated PEG parser whose rules nest differently from ours, so the
//!    parser keeps a *model* of CPython's level: [`Parser::level`] is the
//!    level at which CPython would start a unary operand here, and each
//!    construct that nests adds what it costs CPython. The costs below were
//!    measured on CPython 3.11.7 by bisecting, for each context, the
//!    longest `-…-1` chain that still parses (`print(` + n minuses + `1)`
//!    parses up to n = 5,964: base 36). The model is exact for the measured
//!    contexts and within a few levels elsewhere (CPython's item positions
//!    inside displays, starred items and comprehension clauses shift its
//!    level by 1 to 6; MiniPy does not model those).
//!
//! Simplification: a production parser would not model another parser's
//! stack; it would set its own limit. MiniPy models it because CPython is
//! the oracle for what a program prints, deep inputs included.
//!
//! Why this is linear with a bounded native stack: the chains that nest
//! without brackets (unary operators, `not`, `**`, `lambda`, `if`–`else`)
//! are parsed by loops, not recursion (`expr.rs`); the parser recurses
//! only into brackets (at most 200 deep, the tokenizer's limit), statement
//! blocks (at most 100) and f-string fields (at most 2).
//!
//! Python equivalent: `MAXSTACK` in `Parser/parser.c`,
//! `COMPILER_STACK_FRAME_SCALE` in `Python/ast_opt.c` and `symtable.c`.

use super::Parser;
use crate::error::{SourceError, SourceErrorKind};

/// CPython's `MAXSTACK`: its parser's rule calls nest at most this deep.
pub const MAX_PARSER_LEVEL: u32 = 6000;

/// What each construct costs CPython's parser stack (see the module doc).
pub(super) mod cost {
    /// An expression statement (`-…-1` alone on a line: 5,969 parse).
    pub const EXPR_STMT: u32 = 31;
    /// The value of `=`, `+=` (`x = -…-1`: 5,967 parse).
    pub const ASSIGN_VALUE: u32 = 33;
    /// The value of an annotated assignment (`x: int = …`).
    pub const ANN_VALUE: u32 = 34;
    /// `return …`.
    pub const RETURN: u32 = 32;
    /// `assert …`, `raise …`, `if …:`, `while …:`.
    pub const KEYWORD_STMT: u32 = 30;
    /// `elif …:`, `for … in …:`, `with …:`.
    pub const HEADER: u32 = 31;
    /// A decorator (`@d(-…-1)`: 57, a call of 24 on top).
    pub const DECORATOR: u32 = 33;
    /// A parameter's default or annotation, a class's argument list.
    pub const DEF_DEFAULT: u32 = 36;
    /// Statements in the body of `if`/`while`/`for`/`with`.
    pub const BLOCK: u32 = 6;
    /// Statements in the body of `def`/`class`.
    pub const DEF_BLOCK: u32 = 7;
    /// Statements in the body of `try`.
    pub const TRY_BLOCK: u32 = 10;
    /// Statements in the body of `except`.
    pub const EXCEPT_BLOCK: u32 = 8;
    /// A body on the header's line (`if x: y = -…-1`).
    pub const ONE_LINE_BODY: u32 = 3;
    /// Each unary `-`/`+`/`~` and each `not`.
    pub const UNARY: u32 = 1;
    /// Each `**` (its right operand).
    pub const POWER: u32 = 2;
    /// Each `lambda` (its body).
    pub const LAMBDA: u32 = 2;
    /// Each `… if … else` (its `else` branch).
    pub const IF_ELSE: u32 = 1;
    /// A comparison's right operand.
    pub const COMPARE: u32 = 3;
    /// An operand of `and`/`or` after the first.
    pub const BOOL_OP: u32 = 2;
    /// `(…)`.
    pub const PAREN: u32 = 28;
    /// `[…]` and `{…}`.
    pub const DISPLAY: u32 = 29;
    /// A call's or a subscript's brackets.
    pub const TRAILER: u32 = 24;
    /// How much less a bracket of a statement's leftmost primary costs
    /// (`x = (-…-1)`: 43, `x = 1 + (-…-1)`: 61).
    pub const LEFTMOST_DISCOUNT: u32 = 18;
    /// The same in an expression statement (`print(-…-1)`: 36, not 37).
    pub const LEFTMOST_DISCOUNT_EXPR_STMT: u32 = 19;
    /// A keyword argument's value (`f(a=…)`), and `*`/`**` arguments.
    pub const KEYWORD_VALUE: u32 = 3;
    /// An item of a tuple after its first (`x = (1, -…-1)`: 45).
    pub const TUPLE_ITEM: u32 = 2;
    /// An item of a list, set or dict display after its first.
    pub const DISPLAY_ITEM: u32 = 1;
    /// A `*`/`**` item of a display is parsed at the `|` level, that many
    /// rules below a full expression (`x = [*-…-1]`: 38, not 44).
    pub const BELOW_EXPRESSION: u32 = 6;
    /// A comprehension's iterable (a disjunction: `[i for i in -…-1]`: 42).
    pub const BELOW_EXPRESSION_ITER: u32 = 2;
    /// A lambda parameter's default (`lambda a=-…-1: 1`: 41).
    pub const LAMBDA_DEFAULT: u32 = 8;
    /// A parenthesised `yield`'s value, a `del` target, a `with` item after
    /// the first.
    pub const SMALL_STEP: u32 = 1;
    /// An f-string field: CPython parses it with a parser of its own, so
    /// its level starts afresh (`f'{-…-1}'`: 54, whatever surrounds it).
    pub const FSTRING_FIELD: u32 = 54;
}

/// CPython's report when the parser stack overflows: the bare class name.
pub(super) fn memory_error() -> SourceError {
    SourceError::new(SourceErrorKind::Memory, "", 0, 0)
}

/// CPython's report when the tree is deeper than its compiler accepts.
pub(super) fn recursion_error() -> SourceError {
    SourceError::new(
        SourceErrorKind::Recursion,
        "maximum recursion depth exceeded during compilation",
        0,
        0,
    )
}

impl Parser {
    /// Goes `cost` levels deeper; past [`MAX_PARSER_LEVEL`] is CPython's
    /// `MemoryError`.
    pub(super) fn descend(&mut self, cost: u32) -> Result<(), SourceError> {
        self.level += cost;
        if self.level > MAX_PARSER_LEVEL {
            return Err(memory_error());
        }
        Ok(())
    }

    /// Comes back up from [`Parser::descend`].
    pub(super) fn ascend(&mut self, cost: u32) {
        self.level -= cost;
    }

    /// Runs `f` `cost` levels deeper.
    pub(super) fn deeper<T>(
        &mut self,
        cost: u32,
        f: impl FnOnce(&mut Parser) -> Result<T, SourceError>,
    ) -> Result<T, SourceError> {
        self.descend(cost)?;
        let out = f(self)?;
        self.ascend(cost);
        Ok(out)
    }

    /// Runs `f` `cost` levels *shallower*: a rule CPython enters below
    /// the full-expression chain (a `*item`, a comprehension's iterable).
    pub(super) fn shallower<T>(
        &mut self,
        cost: u32,
        f: impl FnOnce(&mut Parser) -> Result<T, SourceError>,
    ) -> Result<T, SourceError> {
        let cost = cost.min(self.level);
        self.level -= cost;
        let out = f(self)?;
        self.level += cost;
        Ok(out)
    }

    /// Runs `f` (a bracket's content) `cost` levels deeper, less the
    /// leftmost discount when the bracket opens a statement's leftmost
    /// primary; inside it nothing is leftmost.
    #[inline(always)]
    pub(super) fn bracketed<T>(
        &mut self,
        cost: u32,
        leftmost: bool,
        f: impl FnOnce(&mut Parser) -> Result<T, SourceError>,
    ) -> Result<T, SourceError> {
        let cost = if leftmost { cost - self.discount } else { cost };
        self.descend(cost)?;
        let saved = std::mem::replace(&mut self.leftmost, false);
        self.in_brackets += 1;
        let out = f(self)?;
        self.in_brackets -= 1;
        self.leftmost = saved;
        self.ascend(cost);
        Ok(out)
    }

    /// Runs `f` (the expressions of a statement) at `base` above the
    /// current block's level, with the next primary leftmost.
    pub(super) fn at_statement_level<T>(
        &mut self,
        base: u32,
        f: impl FnOnce(&mut Parser) -> Result<T, SourceError>,
    ) -> Result<T, SourceError> {
        let saved = (self.level, self.leftmost, self.discount);
        self.descend(base)?;
        self.leftmost = true;
        self.discount = if base == cost::EXPR_STMT {
            cost::LEFTMOST_DISCOUNT_EXPR_STMT
        } else {
            cost::LEFTMOST_DISCOUNT
        };
        let out = f(self)?;
        (self.level, self.leftmost, self.discount) = saved;
        Ok(out)
    }
}
