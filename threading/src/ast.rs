//! The abstract syntax tree the parser builds and the compiler walks.
//!
//! Every node carries the line (and for expressions the column) it starts
//! on: tracebacks print lines, compile errors print carets.
//!
//! Python equivalent: the `ast` module (`ast.BinOp`, `ast.While`, ...),
//! reduced to the MiniPy subset.

/// A binary arithmetic operator (`BINARY_OP`'s argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
}

impl BinOp {
    /// The operator's symbol, as `dis` prints it.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
        }
    }
}

/// A comparison operator (`COMPARE_OP`, `CONTAINS_OP`, `IS_OP`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// A constant literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `None`
    None,
    /// `True` / `False`
    Bool(bool),
    /// An int literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal.
    Str(String),
}

/// One piece of an f-string after parsing.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    /// Literal text.
    Lit(String),
    /// A formatted value: expression, conversion (`r`/`s`), format spec.
    Value(Expr, Option<char>, String),
}

/// An expression with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// Line where the expression ends.
    pub end_line: u32,
    /// 1-based column just past its last character.
    pub end_col: u32,
}

/// Expression kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A literal.
    Const(Const),
    /// A variable.
    Name(String),
    /// `a op b`
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `-a` (`true`) or `+a` (`false`).
    Unary(bool, Box<Expr>),
    /// `not a`
    Not(Box<Expr>),
    /// `a and b` (`true`) / `a or b` (`false`).
    BoolOp(bool, Box<Expr>, Box<Expr>),
    /// `a < b <= c`: first operand, then (op, operand) pairs.
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `a if c else b`: (c, a, b).
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `f(args, k=v)`.
    Call(Box<Expr>, Vec<Expr>, Vec<(String, Expr)>),
    /// `a.name`
    Attr(Box<Expr>, String),
    /// `a[i]`
    Subscript(Box<Expr>, Box<Expr>),
    /// `lo:hi:step` inside a subscript.
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `(a, b)`
    Tuple(Vec<Expr>),
    /// `{k: v}`
    Dict(Vec<(Expr, Expr)>),
    /// `[elt for target in iter if cond]`.
    ListComp(Box<Expr>, Box<Expr>, Box<Expr>, Option<Box<Expr>>),
    /// An f-string.
    FString(Vec<FPart>),
}

/// A statement with its line.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What kind of statement.
    pub kind: StmtKind,
    /// 1-based line.
    pub line: u32,
}

/// One `except` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// The exception class expression (`None`: bare `except:`).
    pub class: Option<Expr>,
    /// `as name`.
    pub name: Option<String>,
    /// The handler body.
    pub body: Vec<Stmt>,
    /// Line of the `except`.
    pub line: u32,
}

/// A `def`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncDef {
    /// The function name.
    pub name: String,
    /// Parameter names.
    pub params: Vec<String>,
    /// Default values for the last `defaults.len()` parameters.
    pub defaults: Vec<Expr>,
    /// The body.
    pub body: Vec<Stmt>,
}

/// Statement kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// `t1 = t2 = value`.
    Assign(Vec<Expr>, Expr),
    /// `target op= value`.
    AugAssign(Expr, BinOp, Expr),
    /// `if`/`elif`/`else` (elif is a nested `If` in `orelse`).
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `while cond: body else: orelse`.
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `for target in iter: body else: orelse`.
    For(Expr, Expr, Vec<Stmt>, Vec<Stmt>),
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `pass`
    Pass,
    /// `def`
    Def(FuncDef),
    /// `return [value]`
    Return(Option<Expr>),
    /// `global a, b`
    Global(Vec<String>),
    /// `try`: body, handlers, else, finally.
    Try(Vec<Stmt>, Vec<Handler>, Vec<Stmt>, Vec<Stmt>),
    /// `raise [exc]`
    Raise(Option<Expr>),
    /// `with ctx [as name]: body`
    With(Expr, Option<Expr>, Vec<Stmt>),
    /// `import m [as n]`
    Import(String, Option<String>),
    /// `from m import a [as b], ...`
    ImportFrom(String, Vec<(String, Option<String>)>),
    /// `assert test[, msg]`
    Assert(Expr, Option<Expr>),
}
