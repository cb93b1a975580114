//! Walking the tree without recursion: the direct children of a node, the
//! height every [`Expr`] records, and a `Drop` that takes a tree of any
//! depth apart with an explicit stack.
//!
//! ```text
//!   ((1 + 1) + 1) + 1     height 4 (a chain of n terms has height n)
//!
//!   drop(root):  stack = children(root)          root.kind := leaf
//!                while let Some(e) = stack.pop():
//!                    stack += children(e);        e.kind := leaf
//!                    drop(e)                      ← frees one node, no recursion
//! ```
//!
//! Why not the compiler-generated drop glue: it recurses once per level, and
//! a 200,000-term `1 + 1 + …` (a left-nested `BinOp` chain) would overflow
//! any thread's stack — before the parser's depth check existed, that was
//! how v1 died on such input. The parser never returns a tree deeper than
//! `MAX_DEPTH`, but it builds and drops partial trees while it finds out,
//! and other code may build trees by hand.
//!
//! Needs only `expr.rs` and `stmt.rs`. Python equivalent: `ast.iter_child_nodes`.

use super::expr::{Expr, ExprKind};
use super::stmt::{Stmt, StmtKind};
use super::Const;

/// What a node's kind becomes once its children are taken out: a leaf
/// that owns no heap memory.
const LEAF: ExprKind = ExprKind::Const(Const::None);

impl Expr {
    /// A node at the given position, its [`Expr::height`] computed from its
    /// children.
    pub fn new(kind: ExprKind, line: u32, col: u32, end_line: u32, end_col: u32) -> Expr {
        let mut below = 0;
        kind.for_each_child(&mut |c| below = below.max(c.height));
        Expr {
            kind,
            line,
            col,
            end_line,
            end_col,
            height: below + 1,
        }
    }
}

impl ExprKind {
    /// Calls `f` on every direct child expression, in evaluation order
    /// (including those inside keywords, comprehensions, parameters and
    /// dict items).
    pub fn for_each_child<'a>(&'a self, f: &mut dyn FnMut(&'a Expr)) {
        use ExprKind::*;
        match self {
            Const(_) | Name(_) => {}
            JoinedStr { values } => values.iter().for_each(f),
            FormattedValue {
                value, format_spec, ..
            } => {
                f(value);
                format_spec.iter().for_each(|s| f(s));
            }
            BinOp { left, right, .. } => {
                f(left);
                f(right);
            }
            UnaryOp { operand, .. } => f(operand),
            BoolOp { values, .. } => values.iter().for_each(f),
            Compare { left, comparisons } => {
                f(left);
                comparisons.iter().for_each(|c| f(&c.right));
            }
            IfExp { test, body, orelse } => {
                f(test);
                f(body);
                f(orelse);
            }
            NamedExpr { target, value } => {
                f(value);
                f(target);
            }
            Lambda { args, body } => {
                for p in args.all() {
                    p.default.iter().for_each(&mut *f);
                }
                f(body);
            }
            Call {
                func,
                args,
                keywords,
            } => {
                f(func);
                args.iter().for_each(&mut *f);
                keywords.iter().for_each(|k| f(&k.value));
            }
            Attribute { value, .. } | Starred { value } | Await { value } | YieldFrom { value } => {
                f(value)
            }
            Subscript { value, slice } => {
                f(value);
                f(slice);
            }
            Slice { lower, upper, step } => {
                [lower, upper, step]
                    .into_iter()
                    .flatten()
                    .for_each(|e| f(e));
            }
            List { elts } | Tuple { elts } | Set { elts } => elts.iter().for_each(f),
            Dict { items } => {
                for item in items {
                    item.key.iter().for_each(&mut *f);
                    f(&item.value);
                }
            }
            ListComp { elt, generators }
            | SetComp { elt, generators }
            | GeneratorExp { elt, generators } => {
                for g in generators {
                    f(&g.iter);
                    f(&g.target);
                    g.ifs.iter().for_each(&mut *f);
                }
                f(elt);
            }
            DictComp {
                key,
                value,
                generators,
            } => {
                for g in generators {
                    f(&g.iter);
                    f(&g.target);
                    g.ifs.iter().for_each(&mut *f);
                }
                f(key);
                f(value);
            }
            Yield { value } => value.iter().for_each(|v| f(v)),
        }
    }

    /// Whether this kind owns no child expression.
    fn is_leaf(&self) -> bool {
        matches!(self, ExprKind::Const(_) | ExprKind::Name(_))
    }

    /// Moves every direct child expression into `out`.
    fn into_children(self, out: &mut Vec<Expr>) {
        use ExprKind::*;
        match self {
            Const(_) | Name(_) => {}
            JoinedStr { values } => out.extend(values),
            FormattedValue {
                value, format_spec, ..
            } => {
                out.push(*value);
                out.extend(format_spec.map(|s| *s));
            }
            BinOp { left, right, .. } => {
                out.push(*left);
                out.push(*right);
            }
            UnaryOp { operand, .. } => out.push(*operand),
            BoolOp { values, .. } => out.extend(values),
            Compare { left, comparisons } => {
                out.push(*left);
                out.extend(comparisons.into_iter().map(|c| c.right));
            }
            IfExp { test, body, orelse } => out.extend([*test, *body, *orelse]),
            NamedExpr { target, value } => out.extend([*target, *value]),
            Lambda { args, body } => {
                let args = *args;
                let params = args
                    .posonly
                    .into_iter()
                    .chain(args.args)
                    .chain(args.vararg)
                    .chain(args.kwonly)
                    .chain(args.kwarg);
                for p in params {
                    out.extend(p.default);
                    out.extend(p.annotation);
                }
                out.push(*body);
            }
            Call {
                func,
                args,
                keywords,
            } => {
                out.push(*func);
                out.extend(args);
                out.extend(keywords.into_iter().map(|k| k.value));
            }
            Attribute { value, .. } | Starred { value } | Await { value } | YieldFrom { value } => {
                out.push(*value)
            }
            Subscript { value, slice } => out.extend([*value, *slice]),
            Slice { lower, upper, step } => {
                out.extend([lower, upper, step].into_iter().flatten().map(|e| *e))
            }
            List { elts } | Tuple { elts } | Set { elts } => out.extend(elts),
            Dict { items } => {
                for item in items {
                    out.extend(item.key);
                    out.push(item.value);
                }
            }
            ListComp { elt, generators }
            | SetComp { elt, generators }
            | GeneratorExp { elt, generators } => {
                out.push(*elt);
                for g in generators {
                    out.extend([g.target, g.iter]);
                    out.extend(g.ifs);
                }
            }
            DictComp {
                key,
                value,
                generators,
            } => {
                out.extend([*key, *value]);
                for g in generators {
                    out.extend([g.target, g.iter]);
                    out.extend(g.ifs);
                }
            }
            Yield { value } => out.extend(value.map(|v| *v)),
        }
    }
}

impl Drop for Expr {
    fn drop(&mut self) {
        // Plain path for leaves (most nodes): nothing below to walk.
        if self.kind.is_leaf() {
            return;
        }
        let mut stack = Vec::new();
        std::mem::replace(&mut self.kind, LEAF).into_children(&mut stack);
        while let Some(mut e) = stack.pop() {
            std::mem::replace(&mut e.kind, LEAF).into_children(&mut stack);
            // `e` is a leaf now: dropping it frees one node and recurses no further.
        }
    }
}

impl Stmt {
    /// Calls `f` on every expression the statement itself holds (targets,
    /// values, tests, decorators, defaults, annotations, bases, handler
    /// types, with-items), not on those of its nested bodies.
    pub fn for_each_expr<'a>(&'a self, f: &mut dyn FnMut(&'a Expr)) {
        use StmtKind::*;
        match &self.kind {
            Expr(e) => f(e),
            Assign { targets, value } => {
                f(value);
                targets.iter().for_each(f);
            }
            AugAssign { target, value, .. } => {
                f(target);
                f(value);
            }
            AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                f(annotation);
                value.iter().for_each(&mut *f);
                f(target);
            }
            Delete { targets } => targets.iter().for_each(f),
            Pass | Break | Continue | Global { .. } | Nonlocal { .. } | Import { .. } => {}
            ImportFrom { .. } => {}
            Return { value } => value.iter().for_each(f),
            Raise { exc, cause } => {
                exc.iter().for_each(&mut *f);
                cause.iter().for_each(f);
            }
            Assert { test, msg } => {
                f(test);
                msg.iter().for_each(f);
            }
            If { test, .. } | While { test, .. } => f(test),
            For { target, iter, .. } => {
                f(iter);
                f(target);
            }
            With { items, .. } => {
                for item in items {
                    f(&item.context_expr);
                    item.optional_vars.iter().for_each(&mut *f);
                }
            }
            Try { handlers, .. } => handlers.iter().filter_map(|h| h.type_.as_ref()).for_each(f),
            FunctionDef(def) => {
                def.decorators.iter().for_each(&mut *f);
                for p in def.args.all() {
                    p.default.iter().for_each(&mut *f);
                }
                for p in def.args.all() {
                    p.annotation.iter().for_each(&mut *f);
                }
                def.returns.iter().for_each(f);
            }
            ClassDef(class) => {
                class.decorators.iter().for_each(&mut *f);
                class.bases.iter().for_each(&mut *f);
                class.keywords.iter().for_each(|k| f(&k.value));
            }
        }
    }

    /// Calls `f` on every statement list nested directly in this statement
    /// (bodies, `else`/`finally` blocks, handler bodies), in source order.
    pub fn for_each_body<'a>(&'a self, f: &mut dyn FnMut(&'a [Stmt])) {
        use StmtKind::*;
        match &self.kind {
            If { body, orelse, .. } | While { body, orelse, .. } | For { body, orelse, .. } => {
                f(body);
                f(orelse);
            }
            With { body, .. } => f(body),
            Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                f(body);
                handlers.iter().for_each(|h| f(&h.body));
                f(orelse);
                f(finalbody);
            }
            FunctionDef(def) => f(&def.body),
            ClassDef(class) => f(&class.body),
            _ => {}
        }
    }
}
