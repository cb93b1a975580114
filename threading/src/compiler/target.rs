//! Assignment targets: stores, unpacking, augmented assignment, `del`.
//!
//! ```text
//!   a, *rest, b = xs     <xs> UNPACK_EX (1, 1) STORE a STORE rest STORE b
//!   obj.n += 1           <obj> COPY 1 LOAD_ATTR n <1> BINARY_OP += SWAP 2 STORE_ATTR n
//!   xs[i] += 1           <xs> <i> COPY 2 COPY 2 BINARY_SUBSCR <1> BINARY_OP +=
//!                        SWAP 3 SWAP 2 STORE_SUBSCR
//! ```
//!
//! The read-modify-write of `obj.n += 1` is the race shape of issue 9's
//! "the GIL stays exact": no check point sits between its `LOAD_ATTR` and
//! `STORE_ATTR` under the ≥ 3.10 policy, two do under ≤ 3.9 (before the
//! `LOAD_CONST` and the `SWAP`), exactly as in CPython's bytecode.
//!
//! Python equivalent: `Python/compile.c` (`compiler_augassign`,
//! `unpack_helper`, `compiler_visit_expr`'s Store/Del contexts).

use super::CodeGen;
use crate::ast::{BinOp, Expr, ExprKind};
use crate::bytecode::Op;
use crate::error::SourceError;

type CResult = Result<(), SourceError>;

impl CodeGen<'_> {
    /// Pops TOS into the target `t`.
    pub(super) fn store_target(&mut self, t: &Expr) -> CResult {
        let saved = (self.line, self.span);
        self.line = t.line;
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                self.span = (t.col, t.end_line, t.end_col);
                let i = self.attr_index(attr);
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.span = (t.col, t.end_line, t.end_col);
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple { elts } | ExprKind::List { elts } => {
                let star = elts
                    .iter()
                    .position(|e| matches!(e.kind, ExprKind::Starred { .. }));
                match star {
                    None => {
                        self.emit(Op::UnpackSequence(elts.len() as u32));
                    }
                    Some(i) => {
                        if elts[i + 1..]
                            .iter()
                            .any(|e| matches!(e.kind, ExprKind::Starred { .. }))
                        {
                            return Err(SourceError::syntax(
                                "multiple starred expressions in assignment",
                                t.line,
                                t.col,
                            ));
                        }
                        let after = elts.len() - i - 1;
                        self.emit(Op::UnpackEx(i as u16, after as u16));
                    }
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred { value } => self.store_target(value)?,
                        _ => self.store_target(e)?,
                    }
                }
            }
            ExprKind::Starred { .. } => {
                return Err(SourceError::syntax(
                    "starred assignment target must be in a list or tuple",
                    t.line,
                    t.col,
                ))
            }
            _ => {
                return Err(SourceError::syntax(
                    format!("cannot assign to {}", describe(t)),
                    t.line,
                    t.col,
                ))
            }
        }
        (self.line, self.span) = saved;
        Ok(())
    }

    /// `del t`.
    pub(super) fn delete_target(&mut self, t: &Expr) -> CResult {
        self.line = t.line;
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                self.span = (t.col, t.end_line, t.end_col);
                let i = self.attr_index(attr);
                self.emit(Op::DeleteAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.span = (t.col, t.end_line, t.end_col);
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple { elts } | ExprKind::List { elts } => {
                for e in elts {
                    self.delete_target(e)?;
                }
            }
            _ => {
                return Err(SourceError::syntax(
                    format!("cannot delete {}", describe(t)),
                    t.line,
                    t.col,
                ))
            }
        }
        Ok(())
    }

    /// `target op= value`.
    pub(super) fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> CResult {
        let line = self.line;
        let span = (target.col, value.end_line, value.end_col);
        match &target.kind {
            ExprKind::Name(n) => {
                self.span = (target.col, target.end_line, target.end_col);
                self.load_name(n);
                self.expr(value)?;
                self.line = line;
                self.span = span;
                self.emit(Op::BinaryOp(op, true));
                self.span = (0, 0, 0);
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.span = (target.col, target.end_line, target.end_col);
                self.emit(Op::Copy(1));
                let i = self.attr_index(attr);
                self.emit(Op::LoadAttr(i));
                self.expr(value)?;
                self.line = line;
                self.span = span;
                self.emit(Op::BinaryOp(op, true));
                self.span = (target.col, target.end_line, target.end_col);
                self.emit(Op::Swap(2));
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.span = (target.col, target.end_line, target.end_col);
                self.emit(Op::Copy(2));
                self.emit(Op::Copy(2));
                self.emit(Op::BinarySubscr);
                self.expr(value)?;
                self.line = line;
                self.span = span;
                self.emit(Op::BinaryOp(op, true));
                self.span = (target.col, target.end_line, target.end_col);
                self.emit(Op::Swap(3));
                self.emit(Op::Swap(2));
                self.emit(Op::StoreSubscr);
            }
            _ => {
                return Err(SourceError::syntax(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        describe(target)
                    ),
                    target.line,
                    target.col,
                ))
            }
        }
        self.span = (0, 0, 0);
        Ok(())
    }
}

/// CPython's name for an expression kind in "cannot assign to ..." messages.
fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Const(_) => "literal",
        ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } | ExprKind::BoolOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        _ => "expression",
    }
}
