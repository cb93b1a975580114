//! Compile-time `SyntaxWarning`s: the code that runs, but almost surely
//! not as its author meant — a missing comma, or `is` with a literal.
//!
//! ```text
//!   x is 1                 "is" with a literal. Did you mean "=="?
//!   x is not ()            "is not" with a literal. Did you mean "!="?
//!   [(1, 2) (3, 4)]        'tuple' object is not callable; perhaps you missed a comma?
//!   [[1, 2] [3, 4]]        list indices must be integers or slices, not tuple; perhaps …
//!   {1, 2}[0]              'set' object is not subscriptable; perhaps you missed a comma?
//!
//!   shown before the program runs, on stderr, once per (message, line):
//!   prog.py:3: SyntaxWarning: "is" with a literal. Did you mean "=="?
//!     if x is 1:
//! ```
//!
//! One walk over the module's tree, in the order CPython's compiler visits
//! it (statements in order, a node before its children, a function's body
//! at its `def`), without recursion: the tree may be 10,000 levels deep.
//! The checks are CPython 3.11's `check_is_arg`, `check_caller`,
//! `check_subscripter` and `check_index` (`Python/compile.c`). CPython
//! runs them after folding constants, so `-1`, `1 + 1` and `(1, 2)` count
//! as literals here too. A subscript that is assigned to or deleted is not
//! checked (CPython checks only loads).
//!
//! The warnings filters are fixed in MiniPy (see `modules/warnings.rs`),
//! and `SyntaxWarning`'s is "default"; CPython's compiler warns with no
//! registry, so two alike on one line are both shown. The VM writes the text to stderr before a module's
//! code runs, as CPython's compiler does while it compiles.
//!
//! Needs only the AST (`ast/`). Python equivalent: `compiler_warn` and the
//! `check_*` functions of `Python/compile.c`.

use crate::ast::{BinOp, CmpOp, Const, Expr, ExprKind, Stmt, StmtKind, UnaryOp};

/// One warning: its text and the line it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileWarning {
    /// The 1-based line of the expression warned about.
    pub line: u32,
    /// The message after `SyntaxWarning: `.
    pub message: String,
}

/// A node still to visit (the walk's explicit stack).
enum Node<'a> {
    /// A statement: its expressions, then its bodies.
    Stmt(&'a Stmt),
    /// An expression; `stored` when it is an assignment or `del` target.
    Expr { expr: &'a Expr, stored: bool },
}

/// The module's compile-time warnings, in the order CPython emits them.
pub fn syntax_warnings(body: &[Stmt]) -> Vec<CompileWarning> {
    let mut out = Vec::new();
    let mut stack: Vec<Node> = body.iter().rev().map(Node::Stmt).collect();
    while let Some(node) = stack.pop() {
        let mut next: Vec<Node> = Vec::new();
        match node {
            Node::Stmt(s) => {
                let targets = store_targets(s);
                s.for_each_expr(&mut |e| {
                    let stored = targets.iter().any(|t| std::ptr::eq(*t, e));
                    next.push(Node::Expr { expr: e, stored });
                });
                s.for_each_body(&mut |b| next.extend(b.iter().map(Node::Stmt)));
            }
            Node::Expr { expr, stored } => {
                if let Some(message) = check(expr, stored) {
                    out.push(CompileWarning {
                        line: expr.line,
                        message,
                    });
                }
                let stored_children = stored && is_target_list(expr);
                expr.kind.for_each_child(&mut |c| {
                    next.push(Node::Expr {
                        expr: c,
                        stored: stored_children,
                    })
                });
            }
        }
        stack.extend(next.into_iter().rev());
    }
    out
}

/// The warnings as CPython shows them (`FILE:LINE: SyntaxWarning: MSG`
/// and the source line, stripped). Every one is shown, even two alike on
/// one line: the compiler warns with no registry to remember them.
pub fn render(filename: &str, source: &str, warnings: &[CompileWarning]) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut text = String::new();
    for w in warnings {
        text.push_str(&format!(
            "{filename}:{}: SyntaxWarning: {}\n",
            w.line, w.message
        ));
        if let Some(line) = lines.get(w.line.saturating_sub(1) as usize) {
            let line = line.trim();
            if !line.is_empty() {
                text.push_str(&format!("  {line}\n"));
            }
        }
    }
    text
}

/// The expressions a statement stores into or deletes (their subscripts
/// are not loads).
fn store_targets(s: &Stmt) -> Vec<&Expr> {
    match &s.kind {
        StmtKind::Assign { targets, .. } | StmtKind::Delete { targets } => targets.iter().collect(),
        StmtKind::AugAssign { target, .. }
        | StmtKind::AnnAssign { target, .. }
        | StmtKind::For { target, .. } => vec![target],
        StmtKind::With { items, .. } => items
            .iter()
            .filter_map(|i| i.optional_vars.as_ref())
            .collect(),
        _ => Vec::new(),
    }
}

/// A target whose elements are targets too (`a, b[0] = …`).
fn is_target_list(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Tuple { .. } | ExprKind::List { .. } | ExprKind::Starred { .. }
    )
}

/// The warning `e` itself deserves, if any.
fn check(e: &Expr, stored: bool) -> Option<String> {
    match &e.kind {
        ExprKind::Compare { left, comparisons } => {
            // As `compiler_check_compare`: the first offending `is` only.
            let mut left_ok = !is_literal(left);
            for c in comparisons {
                let right_ok = !is_literal(&c.right);
                match c.op {
                    CmpOp::Is if !(left_ok && right_ok) => {
                        return Some("\"is\" with a literal. Did you mean \"==\"?".into())
                    }
                    CmpOp::IsNot if !(left_ok && right_ok) => {
                        return Some("\"is not\" with a literal. Did you mean \"!=\"?".into())
                    }
                    _ => {}
                }
                left_ok = right_ok;
            }
            None
        }
        ExprKind::Call { func, .. } => {
            let callee = match &func.kind {
                ExprKind::Const(_)
                | ExprKind::Tuple { .. }
                | ExprKind::List { .. }
                | ExprKind::ListComp { .. }
                | ExprKind::Dict { .. }
                | ExprKind::DictComp { .. }
                | ExprKind::Set { .. }
                | ExprKind::SetComp { .. }
                | ExprKind::GeneratorExp { .. }
                | ExprKind::JoinedStr { .. }
                | ExprKind::FormattedValue { .. } => infer_type(func)?,
                _ if is_literal(func) => infer_type(func)?,
                _ => return None,
            };
            Some(format!(
                "'{callee}' object is not callable; perhaps you missed a comma?"
            ))
        }
        ExprKind::Subscript { value, slice } if !stored => {
            check_subscripter(value).or_else(|| check_index(value, slice))
        }
        _ => None,
    }
}

/// `check_subscripter`: subscripting a value that can never be subscripted.
fn check_subscripter(value: &Expr) -> Option<String> {
    let bad = match &value.kind {
        ExprKind::Set { .. }
        | ExprKind::SetComp { .. }
        | ExprKind::GeneratorExp { .. }
        | ExprKind::Lambda { .. } => true,
        _ => matches!(
            infer_literal_type(value),
            Some("NoneType" | "ellipsis" | "int" | "bool" | "float")
        ),
    };
    bad.then(|| {
        format!(
            "'{}' object is not subscriptable; perhaps you missed a comma?",
            infer_type(value).unwrap_or("object")
        )
    })
}

/// `check_index`: a sequence literal indexed by a literal that is not an
/// int (`[[1, 2] [3, 4]]` indexes the first list by the tuple `3, 4`).
fn check_index(value: &Expr, index: &Expr) -> Option<String> {
    let index_type = infer_type(index)?;
    if matches!(index_type, "int" | "bool") {
        return None;
    }
    let sequence = match &value.kind {
        ExprKind::Tuple { .. }
        | ExprKind::List { .. }
        | ExprKind::ListComp { .. }
        | ExprKind::JoinedStr { .. }
        | ExprKind::FormattedValue { .. } => infer_type(value)?,
        _ => match infer_literal_type(value) {
            Some(t @ ("str" | "bytes" | "tuple")) => t,
            _ => return None,
        },
    };
    Some(format!(
        "{sequence} indices must be integers or slices, not {index_type}; perhaps you missed a comma?"
    ))
}

/// `infer_type`: the type a display or literal evaluates to, if the tree
/// says (`None` for names, calls, slices, ...).
fn infer_type(e: &Expr) -> Option<&'static str> {
    match &e.kind {
        ExprKind::Tuple { .. } => Some("tuple"),
        ExprKind::List { .. } | ExprKind::ListComp { .. } => Some("list"),
        ExprKind::Dict { .. } | ExprKind::DictComp { .. } => Some("dict"),
        ExprKind::Set { .. } | ExprKind::SetComp { .. } => Some("set"),
        ExprKind::GeneratorExp { .. } => Some("generator"),
        ExprKind::Lambda { .. } => Some("function"),
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => Some("str"),
        _ => infer_literal_type(e),
    }
}

/// The type of a literal after CPython's constant folding, if `e` is one.
fn infer_literal_type(e: &Expr) -> Option<&'static str> {
    match &e.kind {
        ExprKind::Const(c) => Some(match c {
            Const::None => "NoneType",
            Const::Bool(_) => "bool",
            Const::Ellipsis => "ellipsis",
            Const::Int(_) | Const::BigInt(_) => "int",
            Const::Float(_) => "float",
            Const::Str(_) => "str",
            Const::Bytes(_) => "bytes",
        }),
        // `-1`, `~2`, `+1.5`: folded to a number.
        ExprKind::UnaryOp { op, operand } if !matches!(op, UnaryOp::Not) => {
            match infer_literal_type(operand)? {
                t @ ("int" | "float") => Some(t),
                "bool" => Some("int"),
                _ => None,
            }
        }
        // `1 + 1`, `"a" * 3`: folded when both sides are numbers or strs.
        ExprKind::BinOp { left, op, right } => {
            let (l, r) = (infer_literal_type(left)?, infer_literal_type(right)?);
            fold_type(l, *op, r)
        }
        // `(1, None)`: a tuple of constants is one constant.
        ExprKind::Tuple { elts } if elts.iter().all(|x| infer_literal_type(x).is_some()) => {
            Some("tuple")
        }
        _ => None,
    }
}

/// The type CPython's folding of `l op r` gives, when it folds at all.
fn fold_type(l: &'static str, op: BinOp, r: &'static str) -> Option<&'static str> {
    let number = |t: &str| matches!(t, "int" | "bool" | "float");
    match (l, r) {
        _ if number(l) && number(r) => Some(match (l, r, op) {
            (_, _, BinOp::Div) => "float",
            ("float", _, _) | (_, "float", _) => "float",
            _ => "int",
        }),
        ("str", "str") if matches!(op, BinOp::Add) => Some("str"),
        ("bytes", "bytes") if matches!(op, BinOp::Add) => Some("bytes"),
        _ => None,
    }
}

/// Whether `e` is a literal for `check_is_arg`: a constant other than
/// `None`, `True`, `False` and `...` (those are singletons: `is` is right).
fn is_literal(e: &Expr) -> bool {
    !matches!(
        &e.kind,
        ExprKind::Const(Const::None | Const::Bool(_) | Const::Ellipsis)
    ) && infer_literal_type(e).is_some()
}

#[cfg(test)]
mod tests {
    use super::{render, syntax_warnings};

    fn warnings(src: &str) -> String {
        let ast = crate::parser::parse_module(src).expect("parses");
        render("t.py", src, &syntax_warnings(&ast))
    }

    #[test]
    fn is_with_literals_and_singletons() {
        assert_eq!(
            warnings("x = 1\nif x is 1 or x is not (1, 2):\n    pass\n"),
            "t.py:2: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n  if x is 1 or x is not (1, 2):\n\
             t.py:2: SyntaxWarning: \"is not\" with a literal. Did you mean \"!=\"?\n  if x is 1 or x is not (1, 2):\n"
        );
        // One warning per comparison chain: its first offending `is`.
        assert_eq!(
            warnings("x is 1 is 2\n").matches("SyntaxWarning").count(),
            1
        );
        assert_eq!(warnings("x is None\nx is True\nx is ...\nx is []\n"), "");
        assert!(warnings("x is -1\n").contains("\"is\" with a literal"));
    }

    #[test]
    fn missing_commas() {
        let w = warnings("a = [(1, 2) (3, 4)]\nb = [[1, 2] [3, 4]]\nc = {1, 2}[0]\n");
        assert!(w.contains(
            "t.py:1: SyntaxWarning: 'tuple' object is not callable; perhaps you missed a comma?"
        ));
        assert!(w.contains("t.py:2: SyntaxWarning: list indices must be integers or slices, not tuple; perhaps you missed a comma?"));
        assert!(w.contains(
            "t.py:3: SyntaxWarning: 'set' object is not subscriptable; perhaps you missed a comma?"
        ));
    }

    #[test]
    fn stores_and_plain_code_are_quiet() {
        assert_eq!(
            warnings("xs = [1]\nxs[0] = 2\ndel xs[0]\nf(x)[0]\n(1, 2)[0]\n'ab'[1:]\n"),
            ""
        );
    }

    #[test]
    fn a_deep_tree_does_not_recurse() {
        let src = format!("x = {}1{}\n", "(".repeat(150), ")".repeat(150));
        assert_eq!(warnings(&src), "");
    }
}
