//! The abstract syntax tree the parser builds and the compiler walks: the
//! whole of MiniPy v2's language (../shared/MINIPY.md), shaped like
//! CPython 3.11's `ast` module so a reader can hold the two side by side.
//!
//! ```text
//!   x = f(a, *rest, key=1)          Stmt Assign
//!                                   ├── targets: [Name x]
//!                                   └── value: Call
//!                                       ├── func: Name f
//!                                       ├── args: [Name a, Starred(Name rest)]
//!                                       └── keywords: [Keyword { arg: key, value: Const 1 }]
//! ```
//!
//! Files: operators and literals here; expressions in `ast/expr.rs`,
//! statements in `ast/stmt.rs`, the child walk, heights and the
//! non-recursive `Drop` in `ast/walk.rs`.
//!
//! ## Positions
//! Every [`Expr`] and [`Stmt`] (and the helper structs a message can point
//! at: [`Keyword`], [`Param`], [`Alias`], [`Handler`]) carries `line`, `col`,
//! `end_line`, `end_col`: 1-based lines, 1-based columns counted in
//! characters, `end_col` just past the last character. Tracebacks draw their
//! `^~~~` markers from them, compile errors their carets.
//!
//! ## Differences from CPython's `ast`
//! - Named structs where CPython uses parallel lists: a parameter carries its
//!   own default ([`Param::default`]), a dict display is a list of
//!   [`DictItem`]s, a comparison a list of [`Comparison`]s.
//! - No `ctx` (Load/Store/Del): the compiler knows from where an expression
//!   sits whether it is read, assigned or deleted.
//! - `async def`, `async for`, `async with` are the plain nodes with
//!   `is_async: true`.
//! - Relative imports (`from . import x`) and `match` never reach the tree:
//!   the parser refuses them (both are outside MiniPy).
//! - Implicitly concatenated strings are one [`Const::Str`] (or one
//!   `JoinedStr` when an f-string takes part), as in CPython; `f"{x=}"` is
//!   already expanded to the text `"x="` plus a `!r` value, as in CPython.
//!
//! ## The depth bound (what a recursive pass may rely on)
//! CPython's compiler refuses a tree deeper than [`MAX_DEPTH`] statement
//! and expression nodes ("RecursionError: maximum recursion depth exceeded
//! during compilation"), counting every `stmt` and `expr` node on the path
//! from the module down (a top-level statement is depth 1). The parser
//! applies the same rule, so **no tree it returns has a path of more than
//! `MAX_DEPTH` `Stmt`/`Expr` nodes**; between two of them sit at most two
//! helper structs (`Keyword`, `Comprehension`, `Arguments`/`Param`,
//! `DictItem`, `WithItem`, `Handler`). A compiler may therefore recurse on
//! the tree with a native stack of about `MAX_DEPTH` × (its frame size ×
//! 3). Each `Expr` records its [`Expr::height`], and dropping a tree never
//! recurses deeper than a small constant (see `ast/walk.rs`), whatever
//! shape a caller builds.
//!
//! Python equivalent: `Lib/ast.py` / `Parser/Python.asdl`.

mod expr;
mod stmt;
mod walk;

pub use expr::{
    Arguments, Comparison, Comprehension, Conversion, DictItem, Expr, ExprKind, Keyword, Param,
};
pub use stmt::{Alias, ClassDef, FunctionDef, Handler, ImportNames, Stmt, StmtKind, WithItem};

/// The deepest statement/expression nesting a tree may have: CPython's
/// recursion limit (1000) × `COMPILER_STACK_FRAME_SCALE` (3), the limit of
/// its AST optimizer and symbol table. Measured on CPython 3.11.7:
/// `x = 1+1+…` runs with 2,999 terms and fails with 3,000 (the assignment
/// is depth 1, 2,999 `BinOp`s and the innermost constant make 3,001).
pub const MAX_DEPTH: u32 = 3000;

/// A binary operator (`BINARY_OP`'s argument), in CPython's `ast` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `@` (no MiniPy type defines it: a `TypeError` at run time, as in CPython)
    MatMul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
    /// `//`
    FloorDiv,
}

impl BinOp {
    /// The operator's symbol, as `dis` and error messages print it.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
            BinOp::FloorDiv => "//",
        }
    }

    /// The operator of an augmented assignment token (`+=` → `Add`).
    pub fn from_augmented(token: &str) -> Option<BinOp> {
        let op = token.strip_suffix('=')?;
        BinOp::ALL.iter().copied().find(|b| b.symbol() == op)
    }

    /// Every operator, for tables and tests.
    pub const ALL: [BinOp; 13] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::MatMul,
        BinOp::Div,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::LShift,
        BinOp::RShift,
        BinOp::BitOr,
        BinOp::BitXor,
        BinOp::BitAnd,
        BinOp::FloorDiv,
    ];
}

/// A unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `~x`
    Invert,
    /// `not x`
    Not,
    /// `+x`
    UAdd,
    /// `-x`
    USub,
}

impl UnaryOp {
    /// The operator as written (`not` without its space).
    pub fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Invert => "~",
            UnaryOp::Not => "not",
            UnaryOp::UAdd => "+",
            UnaryOp::USub => "-",
        }
    }
}

/// `and` / `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoolOp {
    /// `a and b and …`
    And,
    /// `a or b or …`
    Or,
}

/// A comparison operator (`COMPARE_OP`, `CONTAINS_OP`, `IS_OP`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `is`
    Is,
    /// `is not`
    IsNot,
}

impl CmpOp {
    /// The operator's symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}

/// An int literal too big for 64 bits, kept as its digits: the front end
/// does no big-number arithmetic (the object model's `BigInt` converts it),
/// so a 50,000-digit hex literal costs the lexer linear time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigIntLiteral {
    /// 2, 8, 10 or 16.
    pub radix: u32,
    /// The digits in that radix, `_` separators and prefix removed, no sign.
    pub digits: String,
}

/// A constant literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `None`
    None,
    /// `True` / `False`
    Bool(bool),
    /// `...`
    Ellipsis,
    /// An int literal that fits 64 bits.
    Int(i64),
    /// An int literal that does not.
    BigInt(BigIntLiteral),
    /// A float literal.
    Float(f64),
    /// A str literal (escapes resolved; adjacent literals joined).
    Str(String),
    /// A bytes literal `b"..."` (escapes resolved; adjacent literals joined).
    Bytes(Vec<u8>),
}
