//! Expression nodes: [`Expr`] (a kind plus its position and height) and
//! the named helper structs expressions are built from.
//!
//! ```text
//!   lambda a, /, b=1, *rest, c, **kw: a      Lambda { args: Arguments {
//!                                              posonly: [a], args: [b=1],
//!                                              vararg: rest, kwonly: [c],
//!                                              kwarg: kw }, body: Name a }
//!   [x*y for x in xs if x for y in ys]       ListComp { elt, generators: [
//!                                              Comprehension { x, xs, ifs: [x] },
//!                                              Comprehension { y, ys, ifs: [] }] }
//! ```
//!
//! Needs only the operator and literal types of `ast.rs`; the child walk
//! and heights live in `walk.rs`. Python equivalent: the `expr` half of
//! `Parser/Python.asdl`.

use super::{BinOp, BoolOp, CmpOp, Const, UnaryOp};

/// An expression with its position and height.
///
/// `Expr` implements `Drop` (a non-recursive teardown, `walk.rs`), so a
/// caller takes a child out with `std::mem::replace` or by moving the whole
/// `Box<Expr>` rather than by destructuring.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// 1-based line of its first character.
    pub line: u32,
    /// 1-based column (in characters) of its first character.
    pub col: u32,
    /// Line of its last character.
    pub end_line: u32,
    /// 1-based column just past its last character.
    pub end_col: u32,
    /// Expression nodes on the longest path down from this one, itself
    /// included (a leaf is 1): what CPython's compiler counts against
    /// [`super::MAX_DEPTH`]. Set by [`Expr::new`]; never edit it by hand.
    pub height: u32,
}

/// Expression kinds, CPython's names.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A literal.
    Const(Const),
    /// A variable.
    Name(String),
    /// An f-string: literal pieces (`Const(Str)`) and `FormattedValue`s.
    JoinedStr {
        /// The pieces, in order.
        values: Vec<Expr>,
    },
    /// One `{value!conv:spec}` of an f-string (only inside a `JoinedStr`).
    FormattedValue {
        /// The expression formatted.
        value: Box<Expr>,
        /// `!r` / `!s` / `!a`, if given (`f"{x=}"` without a spec means `!r`).
        conversion: Option<Conversion>,
        /// The format spec, itself a `JoinedStr` (`f"{x:>{w}}"`).
        format_spec: Option<Box<Expr>>,
    },
    /// `left op right`
    BinOp {
        /// Left operand.
        left: Box<Expr>,
        /// The operator.
        op: BinOp,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `op operand` (`-x`, `+x`, `~x`, `not x`)
    UnaryOp {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `a and b and c`: one node for the whole chain (never nested for a
    /// chain of the same operator, as in CPython).
    BoolOp {
        /// `and` or `or`.
        op: BoolOp,
        /// Two or more operands.
        values: Vec<Expr>,
    },
    /// `a < b <= c`: the first operand and the `(op, operand)` steps.
    Compare {
        /// The first operand.
        left: Box<Expr>,
        /// One or more comparisons, left to right.
        comparisons: Vec<Comparison>,
    },
    /// `body if test else orelse`
    IfExp {
        /// The condition.
        test: Box<Expr>,
        /// Value when true.
        body: Box<Expr>,
        /// Value when false.
        orelse: Box<Expr>,
    },
    /// `target := value`
    NamedExpr {
        /// Always a `Name`.
        target: Box<Expr>,
        /// The value bound and produced.
        value: Box<Expr>,
    },
    /// `lambda args: body`
    Lambda {
        /// The parameters (no annotations: a lambda cannot have them).
        args: Box<Arguments>,
        /// The body expression.
        body: Box<Expr>,
    },
    /// `func(args, keywords)`; `*x` arguments are `Starred` in `args`,
    /// `**x` arguments are keywords with no name.
    Call {
        /// The callee.
        func: Box<Expr>,
        /// Positional arguments, `Starred` for `*x`.
        args: Vec<Expr>,
        /// `name=value` and `**mapping` arguments, in source order.
        keywords: Vec<Keyword>,
    },
    /// `value.attr`
    Attribute {
        /// The object.
        value: Box<Expr>,
        /// The attribute name.
        attr: String,
    },
    /// `value[slice]`; `a[1:2, ::3]` has a `Tuple` of `Slice`s as `slice`.
    Subscript {
        /// The container.
        value: Box<Expr>,
        /// The index: any expression, a `Slice`, or a `Tuple` of them.
        slice: Box<Expr>,
    },
    /// `lower:upper:step` (only as a subscript's index, or inside its tuple).
    Slice {
        /// Start, if given.
        lower: Option<Box<Expr>>,
        /// Stop, if given.
        upper: Option<Box<Expr>>,
        /// Step, if given (`a[::]` has none).
        step: Option<Box<Expr>>,
    },
    /// `*value` in a call, a display or an assignment target.
    Starred {
        /// The iterable (or the target list's catch-all).
        value: Box<Expr>,
    },
    /// `[a, b]`
    List {
        /// The elements (`Starred` for `*x`).
        elts: Vec<Expr>,
    },
    /// `(a, b)` or `a, b`
    Tuple {
        /// The elements (`Starred` for `*x`).
        elts: Vec<Expr>,
    },
    /// `{a, b}` (never empty: `{}` is a dict)
    Set {
        /// The elements (`Starred` for `*x`).
        elts: Vec<Expr>,
    },
    /// `{k: v, **m}`
    Dict {
        /// The entries in source order.
        items: Vec<DictItem>,
    },
    /// `[elt for … in … if …]`
    ListComp {
        /// The element.
        elt: Box<Expr>,
        /// The `for` clauses, outermost first.
        generators: Vec<Comprehension>,
    },
    /// `{elt for … in …}`
    SetComp {
        /// The element.
        elt: Box<Expr>,
        /// The `for` clauses, outermost first.
        generators: Vec<Comprehension>,
    },
    /// `(elt for … in …)`, also the bare `f(x for x in xs)`.
    GeneratorExp {
        /// The element.
        elt: Box<Expr>,
        /// The `for` clauses, outermost first.
        generators: Vec<Comprehension>,
    },
    /// `{key: value for … in …}`
    DictComp {
        /// The key.
        key: Box<Expr>,
        /// The value.
        value: Box<Expr>,
        /// The `for` clauses, outermost first.
        generators: Vec<Comprehension>,
    },
    /// `await value`
    Await {
        /// The awaitable.
        value: Box<Expr>,
    },
    /// `yield [value]`
    Yield {
        /// The value sent out (`None` when omitted).
        value: Option<Box<Expr>>,
    },
    /// `yield from value`
    YieldFrom {
        /// The sub-iterator.
        value: Box<Expr>,
    },
}

/// An f-string conversion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    /// `!s`: `str(value)`
    Str,
    /// `!r`: `repr(value)`
    Repr,
    /// `!a`: `ascii(value)`
    Ascii,
}

/// One step of a comparison chain: `< b` in `a < b`.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The operator.
    pub op: CmpOp,
    /// The right operand (the left one is the previous step's).
    pub right: Expr,
}

/// A keyword argument `arg=value`, or `**value` when `arg` is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// The parameter name; `None` for `**mapping`.
    pub arg: Option<String>,
    /// The value (or the mapping unpacked).
    pub value: Expr,
    /// 1-based line of the keyword's name (or of `**`).
    pub line: u32,
    /// 1-based column of the keyword's name (or of `**`).
    pub col: u32,
    /// Line of the value's end.
    pub end_line: u32,
    /// Column just past the value.
    pub end_col: u32,
}

/// One `for target in iter if cond …` clause of a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    /// The loop target (a name, or a tuple/list of targets).
    pub target: Expr,
    /// The iterable (the first clause's is evaluated outside the
    /// comprehension's scope, as in Python).
    pub iter: Expr,
    /// The `if` filters, in order.
    pub ifs: Vec<Expr>,
    /// `async for` (parsed; a compiler may refuse it).
    pub is_async: bool,
}

/// One entry of a dict display: `key: value`, or `**value` when `key` is
/// `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct DictItem {
    /// The key; `None` for `**mapping`.
    pub key: Option<Expr>,
    /// The value (or the mapping unpacked).
    pub value: Expr,
}

/// A parameter list of a `def` or a `lambda`, in CPython's five groups:
/// `def f(posonly, /, args, *vararg, kwonly, **kwarg)`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Arguments {
    /// Positional-only parameters (before `/`).
    pub posonly: Vec<Param>,
    /// Ordinary parameters.
    pub args: Vec<Param>,
    /// `*name`, if present.
    pub vararg: Option<Param>,
    /// Keyword-only parameters (after `*` or `*name`).
    pub kwonly: Vec<Param>,
    /// `**name`, if present.
    pub kwarg: Option<Param>,
}

/// One parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// `name: annotation` (parsed; MiniPy ignores it). Always `None` in a
    /// lambda.
    pub annotation: Option<Expr>,
    /// `name=default`; never set on `*vararg`/`**kwarg`. A positional
    /// parameter without a default never follows one with a default.
    pub default: Option<Expr>,
    /// 1-based line of the name.
    pub line: u32,
    /// 1-based column of the name.
    pub col: u32,
    /// Line where the name ends.
    pub end_line: u32,
    /// Column just past the name.
    pub end_col: u32,
}

impl Arguments {
    /// Every parameter in CPython's `co_varnames` order: `posonly, args,
    /// kwonly, *vararg, **kwarg` (`def f(a, *b, c, **d)` → `a c b d`).
    pub fn all(&self) -> impl Iterator<Item = &Param> {
        self.posonly
            .iter()
            .chain(&self.args)
            .chain(&self.kwonly)
            .chain(&self.vararg)
            .chain(&self.kwarg)
    }
}
