//! Statement nodes: [`Stmt`] and the named structs of the compound
//! statements (`def`, `class`, `try` handlers, `with` items, import aliases).
//!
//! ```text
//!   @trace                              ClassDef { name: Worker,
//!   class Worker(Thread, daemon=True):    bases: [Name Thread],
//!       def run(self) -> None: ...        keywords: [daemon=True],
//!                                         decorators: [Name trace],
//!                                         body: [FunctionDef run …] }
//! ```
//!
//! A class keyword such as `metaclass=M` is kept in `keywords` so the
//! compiler can refuse it by name (metaclasses are outside MiniPy).
//! Needs only `expr.rs`. Python equivalent: the `stmt` half of
//! `Parser/Python.asdl`.

use super::expr::{Arguments, Expr, Keyword};
use super::BinOp;

/// A statement with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What kind of statement.
    pub kind: StmtKind,
    /// 1-based line of its first character (a decorated `def`/`class`
    /// starts at `def`/`class`, or `async`, not at its decorators: CPython
    /// 3.8+'s positions).
    pub line: u32,
    /// 1-based column of its first character.
    pub col: u32,
    /// Line of its last character (the end of its last body statement for
    /// a compound statement).
    pub end_line: u32,
    /// 1-based column just past its last character.
    pub end_col: u32,
}

/// Statement kinds, CPython's names.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// An expression evaluated for its effect (a call, a docstring, …).
    Expr(Expr),
    /// `t1 = t2 = value`; targets left to right.
    Assign {
        /// One or more targets: names, attributes, subscripts, or
        /// tuples/lists of them with at most one `Starred` each.
        targets: Vec<Expr>,
        /// The value assigned to each target in turn.
        value: Expr,
    },
    /// `target op= value`
    AugAssign {
        /// A name, attribute or subscript.
        target: Expr,
        /// The operator (`+=` is `Add`).
        op: BinOp,
        /// The right-hand side.
        value: Expr,
    },
    /// `target: annotation [= value]` (the annotation is parsed and ignored)
    AnnAssign {
        /// A name, attribute or subscript.
        target: Expr,
        /// The annotation expression.
        annotation: Expr,
        /// The value, if any (`x: int` alone binds nothing).
        value: Option<Expr>,
        /// The target is a bare name not in parentheses (CPython's
        /// `simple`: only then does `x: int` alone make `x` a local).
        simple: bool,
    },
    /// `del a, b[i], c.d`
    Delete {
        /// Names, attributes, subscripts, or tuples/lists of them.
        targets: Vec<Expr>,
    },
    /// `pass`
    Pass,
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `return [value]`
    Return {
        /// The value (`None` when omitted).
        value: Option<Expr>,
    },
    /// `raise [exc [from cause]]`
    Raise {
        /// The exception (bare `raise` re-raises when `None`).
        exc: Option<Expr>,
        /// `from cause` (`from None` is `Some(Const None)`).
        cause: Option<Expr>,
    },
    /// `assert test[, msg]`
    Assert {
        /// The condition.
        test: Expr,
        /// The message, if given.
        msg: Option<Expr>,
    },
    /// `global a, b`
    Global {
        /// The names declared.
        names: Vec<String>,
    },
    /// `nonlocal a, b`
    Nonlocal {
        /// The names declared.
        names: Vec<String>,
    },
    /// `import a.b as c, d`
    Import {
        /// One alias per imported module.
        names: Vec<Alias>,
    },
    /// `from a.b import c as d, e` or `from a import *`
    ImportFrom {
        /// The dotted module name (never relative).
        module: String,
        /// What is imported.
        names: ImportNames,
    },
    /// `if test: body [elif …] [else: orelse]` (an `elif` is an `If` alone
    /// in `orelse`, as in CPython)
    If {
        /// The condition.
        test: Expr,
        /// Runs when true.
        body: Vec<Stmt>,
        /// Runs when false (may be empty).
        orelse: Vec<Stmt>,
    },
    /// `while test: body [else: orelse]`
    While {
        /// The condition, tested before each pass.
        test: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// Runs when the loop ends without `break` (may be empty).
        orelse: Vec<Stmt>,
    },
    /// `[async] for target in iter: body [else: orelse]`
    For {
        /// The loop target.
        target: Expr,
        /// The iterable.
        iter: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// Runs when the loop ends without `break` (may be empty).
        orelse: Vec<Stmt>,
        /// `async for` (parsed; a compiler may refuse it).
        is_async: bool,
    },
    /// `[async] with a as x, b: body`
    With {
        /// The context managers, entered left to right.
        items: Vec<WithItem>,
        /// The body.
        body: Vec<Stmt>,
        /// `async with` (parsed; a compiler may refuse it).
        is_async: bool,
    },
    /// `try: body except …: … else: orelse finally: finalbody`
    Try {
        /// The guarded body.
        body: Vec<Stmt>,
        /// The `except` clauses, in order (may be empty with a `finally`).
        handlers: Vec<Handler>,
        /// Runs when `body` raised nothing (only with handlers).
        orelse: Vec<Stmt>,
        /// Always runs last (may be empty).
        finalbody: Vec<Stmt>,
    },
    /// `[async] def` (decorators included)
    FunctionDef(Box<FunctionDef>),
    /// `class` (decorators included)
    ClassDef(Box<ClassDef>),
}

/// `@decorators [async] def name(args) -> returns: body`
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    /// The function's name.
    pub name: String,
    /// Its parameters.
    pub args: Arguments,
    /// The body (never empty).
    pub body: Vec<Stmt>,
    /// Decorator expressions, top to bottom (applied bottom to top).
    pub decorators: Vec<Expr>,
    /// `-> annotation` (parsed; MiniPy ignores it).
    pub returns: Option<Expr>,
    /// `async def`: calling it makes a coroutine object.
    pub is_async: bool,
}

/// `@decorators class name(bases, keywords): body`
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    /// The class's name.
    pub name: String,
    /// Base class expressions (`Starred` for `*bases`).
    pub bases: Vec<Expr>,
    /// Class keywords (`metaclass=M`, `**kw`): kept so a compiler can
    /// refuse them by name.
    pub keywords: Vec<Keyword>,
    /// The class body (never empty).
    pub body: Vec<Stmt>,
    /// Decorator expressions, top to bottom (applied bottom to top).
    pub decorators: Vec<Expr>,
}

/// One `except [type [as name]]: body` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// The class (or tuple of classes) matched; `None` for a bare `except:`.
    pub type_: Option<Expr>,
    /// `as name`.
    pub name: Option<String>,
    /// The handler body.
    pub body: Vec<Stmt>,
    /// 1-based line of the `except` keyword.
    pub line: u32,
    /// 1-based column of the `except` keyword.
    pub col: u32,
    /// Line where the handler's body ends.
    pub end_line: u32,
    /// Column just past the handler's body.
    pub end_col: u32,
}

/// One `context_expr [as optional_vars]` of a `with`.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    /// The context manager expression.
    pub context_expr: Expr,
    /// The target of `as` (a name, attribute, subscript, or tuple/list).
    pub optional_vars: Option<Expr>,
}

/// `name [as asname]` in an import.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The imported name; dotted (`a.b.c`) in an `import` statement.
    pub name: String,
    /// `as asname`.
    pub asname: Option<String>,
    /// 1-based line of the name.
    pub line: u32,
    /// 1-based column of the name.
    pub col: u32,
    /// Line where the alias ends.
    pub end_line: u32,
    /// Column just past the alias (past `asname` when present).
    pub end_col: u32,
}

/// What a `from module import …` brings in.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportNames {
    /// `from m import *`: every public name of `m`.
    Star,
    /// `from m import a as b, c` (never empty).
    Names(Vec<Alias>),
}
