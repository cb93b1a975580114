//! Targets: what may be assigned, looped over, bound by `as`, or deleted,
//! and CPython's message when something else is.
//!
//! ```text
//!   a, (b.c, *d), e[0] = …     names, attributes, subscripts, and
//!                              tuples/lists of them (one `*` per level)
//!   f() = 1                    cannot assign to function call here. Maybe you meant '==' instead of '='?
//!   for 1 in x: …              cannot assign to literal
//!   del f()                    cannot delete function call
//! ```
//!
//! Targets are parsed as expressions (`star_targets` stops below the
//! comparison level, so `for x in y` leaves `in` alone) and checked here;
//! the first offending node is named, as CPython's
//! `_PyPegen_get_invalid_target` names it. "starred assignment target must
//! be in a list or tuple" and "multiple starred expressions in assignment"
//! are CPython compiler errors, so they are deferred until the whole file
//! has parsed (`Parser::defer`).
//!
//! Python equivalent: the `star_targets`/`del_targets` rules and
//! `invalid_assignment` in `Grammar/python.gram`.

use super::PResult;
use super::Parser;
use crate::ast::{Const, Expr, ExprKind};
use crate::error::SourceError;

/// Where a target sits (which message an invalid one gets).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Store {
    /// `target = value` where the target could be a typo for `==`.
    AssignHere,
    /// Any other assignment (chained, or inside a tuple).
    Assign,
    /// `for target in` / comprehension / `with … as target`.
    For,
    /// `del target`.
    Del,
}

/// CPython's name for an expression in error messages
/// (`_PyPegen_get_expr_name`).
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Const(Const::None) => "None",
        ExprKind::Const(Const::Bool(true)) => "True",
        ExprKind::Const(Const::Bool(false)) => "False",
        ExprKind::Const(Const::Ellipsis) => "ellipsis",
        ExprKind::Const(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The first node of `e` that cannot be a target, if any.
fn invalid_target(e: &Expr, store: Store) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Tuple { elts } | ExprKind::List { elts } => {
            elts.iter().find_map(|x| invalid_target(x, store))
        }
        ExprKind::Starred { value } if store != Store::Del => invalid_target(value, store),
        _ => Some(e),
    }
}

impl Parser {
    /// `star_targets`: `t`, or `t, *u, v` as a tuple (not yet checked).
    pub(super) fn star_targets(&mut self) -> PResult {
        let first = self.star_target()?;
        if !self.check_op(",") {
            return Ok(first);
        }
        let (line, col) = (first.line, first.col);
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !(self.starts_expression() || self.check_op("*")) {
                break;
            }
            elts.push(self.star_target()?);
        }
        Ok(self.mk(ExprKind::Tuple { elts }, line, col))
    }

    /// One `*target` or target (a `with … as` binds exactly one).
    pub(super) fn star_target(&mut self) -> PResult {
        if self.check_op("*") {
            let t = self.next();
            let value = Box::new(self.bitwise_or()?);
            return Ok(self.mk(ExprKind::Starred { value }, t.line, t.col));
        }
        self.bitwise_or()
    }

    /// Checks an assignment, loop or `as` target.
    pub(super) fn check_store_target(&mut self, e: &Expr, store: Store) -> Result<(), SourceError> {
        if let Some(bad) = invalid_target(e, store) {
            let name = expr_name(bad);
            let here = store == Store::AssignHere
                && std::ptr::eq(bad, e)
                && !matches!(
                    bad.kind,
                    ExprKind::Const(Const::None | Const::Bool(_))
                        | ExprKind::GeneratorExp { .. }
                        | ExprKind::Yield { .. }
                        | ExprKind::YieldFrom { .. }
                );
            let msg = match (store, &bad.kind) {
                (_, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. })
                    if store != Store::Del && std::ptr::eq(bad, e) =>
                {
                    "assignment to yield expression not possible".to_string()
                }
                (Store::Del, _) => format!("cannot delete {name}"),
                _ if here => {
                    format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
                }
                _ => format!("cannot assign to {name}"),
            };
            return Err(SourceError::syntax(msg, bad.line, bad.col).ending_at(end_on_line(bad)));
        }
        if store != Store::Del {
            self.check_starred(e, true);
        }
        Ok(())
    }

    /// Defers CPython's compiler errors about `*` in targets.
    fn check_starred(&mut self, e: &Expr, top: bool) {
        match &e.kind {
            ExprKind::Starred { .. } if top => self.defer(
                SourceError::syntax(
                    "starred assignment target must be in a list or tuple",
                    e.line,
                    e.col,
                )
                .ending_at(end_on_line(e)),
            ),
            ExprKind::Tuple { elts } | ExprKind::List { elts } => {
                let stars = elts
                    .iter()
                    .filter(|x| matches!(x.kind, ExprKind::Starred { .. }))
                    .count();
                if stars > 1 {
                    self.defer(
                        SourceError::syntax(
                            "multiple starred expressions in assignment",
                            e.line,
                            e.col,
                        )
                        .ending_at(end_on_line(e)),
                    );
                }
                for x in elts {
                    match &x.kind {
                        ExprKind::Starred { value } => self.check_starred(value, false),
                        _ => self.check_starred(x, false),
                    }
                }
            }
            _ => {}
        }
    }

    /// Checks the target of `op=`.
    pub(super) fn check_aug_target(&self, e: &Expr) -> Result<(), SourceError> {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            _ => Err(SourceError::syntax(
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expr_name(e)
                ),
                e.line,
                e.col,
            )
            .ending_at(end_on_line(e))),
        }
    }

    /// Checks the target of `target: annotation`.
    pub(super) fn check_ann_target(&self, e: &Expr) -> Result<(), SourceError> {
        let msg = match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {
                return Ok(())
            }
            ExprKind::Tuple { .. } => "only single target (not tuple) can be annotated",
            ExprKind::List { .. } => "only single target (not list) can be annotated",
            _ => "illegal target for annotation",
        };
        Err(SourceError::syntax(msg, e.line, e.col).ending_at(end_on_line(e)))
    }
}

/// Where to end an underline of `e`: its end, if on its first line.
pub(super) fn end_on_line(e: &Expr) -> u32 {
    if e.end_line == e.line {
        e.end_col
    } else {
        0
    }
}
