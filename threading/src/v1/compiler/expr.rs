//! Expression compilation: operands first, then the operator (a stack
//! machine), short-circuit jumps for `and`/`or`, CPython 3.11's
//! `SWAP`/`COPY` dance for chained comparisons, and inline list
//! comprehensions.
//!
//! ```text
//!   a < b < c    ─▶  <a> <b> SWAP 2; COPY 2; COMPARE_OP <
//!                    JUMP_IF_FALSE_OR_POP cleanup
//!                    <c> COMPARE_OP <; JUMP_FORWARD end
//!           cleanup: SWAP 2; POP_TOP
//!               end:
//! ```

use super::FnCompiler;
use crate::ast::{CmpOp, Const, Expr, ExprKind, FPart};
use crate::error::SourceError;
use crate::v1::bytecode::{Op, CONV_NONE, CONV_REPR, CONV_STR};
use crate::v1::vm::value::Value;
use std::collections::HashMap;

type CResult = Result<(), SourceError>;

impl FnCompiler<'_> {
    pub(super) fn expr(&mut self, e: &Expr) -> CResult {
        let saved_line = self.line;
        let saved_span = self.span;
        self.line = e.line;
        self.span = (e.col, e.end_line, e.end_col);
        match &e.kind {
            ExprKind::Const(c) => {
                let v = match c {
                    Const::None => Value::None,
                    Const::Bool(b) => Value::Bool(*b),
                    Const::Int(i) => Value::Int(*i),
                    Const::Float(f) => Value::Float(*f),
                    Const::Str(s) => Value::str(s),
                };
                let i = self.const_index(v);
                self.emit(Op::LoadConst(i));
            }
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Bin(op, a, b) => {
                self.expr(a)?;
                self.expr(b)?;
                self.line = e.line;
                self.emit(Op::BinaryOp(*op, false));
            }
            ExprKind::Unary(neg, a) => {
                self.expr(a)?;
                self.emit(if *neg {
                    Op::UnaryNegative
                } else {
                    Op::UnaryPositive
                });
            }
            ExprKind::Not(a) => {
                self.expr(a)?;
                self.emit(Op::UnaryNot);
            }
            ExprKind::BoolOp(is_and, a, b) => {
                self.expr(a)?;
                let j = self.emit(if *is_and {
                    Op::JumpIfFalseOrPop(0)
                } else {
                    Op::JumpIfTrueOrPop(0)
                });
                self.expr(b)?;
                self.patch(j);
            }
            ExprKind::Compare(first, rest) => self.compare(first, rest)?,
            ExprKind::IfExp(c, a, b) => {
                self.expr(c)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.expr(a)?;
                let to_end = self.emit(Op::JumpForward(0));
                self.patch(to_else);
                self.expr(b)?;
                self.patch(to_end);
            }
            ExprKind::Call(f, args, kwargs) => {
                let method = match &f.kind {
                    ExprKind::Attr(obj, name) => {
                        self.expr(obj)?;
                        Some(self.name_index(name))
                    }
                    _ => {
                        self.expr(f)?;
                        None
                    }
                };
                for a in args {
                    self.expr(a)?;
                }
                for (_, v) in kwargs {
                    self.expr(v)?;
                }
                self.line = e.line;
                if !kwargs.is_empty() {
                    let names: Vec<Value> = kwargs.iter().map(|(k, _)| Value::str(k)).collect();
                    let i = self.const_index(Value::tuple(names));
                    self.emit(Op::KwNames(i));
                }
                let n = (args.len() + kwargs.len()) as u32;
                self.emit(match method {
                    Some(i) => Op::CallMethod(i, n),
                    None => Op::Call(n),
                });
            }
            ExprKind::Attr(obj, name) => {
                self.expr(obj)?;
                let i = self.name_index(name);
                self.emit(Op::LoadAttr(i));
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                self.expr(idx)?;
                self.line = e.line;
                self.emit(Op::BinarySubscr);
            }
            ExprKind::Slice(lo, hi, step) => {
                let parts = [lo, hi, step];
                let n = if step.is_some() { 3 } else { 2 };
                for p in parts.iter().take(n) {
                    match p {
                        Some(x) => self.expr(x)?,
                        None => {
                            let i = self.const_index(Value::None);
                            self.emit(Op::LoadConst(i));
                        }
                    }
                }
                self.emit(Op::BuildSlice(n as u32));
            }
            ExprKind::List(items) => {
                items.iter().try_for_each(|i| self.expr(i))?;
                self.emit(Op::BuildList(items.len() as u32));
            }
            ExprKind::Tuple(items) => {
                items.iter().try_for_each(|i| self.expr(i))?;
                self.emit(Op::BuildTuple(items.len() as u32));
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    self.expr(k)?;
                    self.expr(v)?;
                }
                self.emit(Op::BuildMap(items.len() as u32));
            }
            ExprKind::ListComp(elt, target, iter, cond) => {
                self.list_comp(elt, target, iter, cond.as_deref())?
            }
            ExprKind::FString(parts) => {
                for p in parts {
                    match p {
                        FPart::Lit(s) => {
                            let i = self.const_index(Value::str(s));
                            self.emit(Op::LoadConst(i));
                        }
                        FPart::Value(v, conv, spec) => {
                            self.expr(v)?;
                            if !spec.is_empty() {
                                let i = self.const_index(Value::str(spec));
                                self.emit(Op::LoadConst(i));
                            }
                            let c = match conv {
                                Some('s') => CONV_STR,
                                Some('r') => CONV_REPR,
                                _ => CONV_NONE,
                            };
                            self.emit(Op::FormatValue(c, !spec.is_empty()));
                        }
                    }
                }
                self.emit(Op::BuildString(parts.len() as u32));
            }
        }
        self.line = saved_line;
        self.span = saved_span;
        Ok(())
    }

    fn cmp_op(&mut self, op: CmpOp) {
        self.emit(match op {
            CmpOp::In => Op::ContainsOp(false),
            CmpOp::NotIn => Op::ContainsOp(true),
            CmpOp::Is => Op::IsOp(false),
            CmpOp::IsNot => Op::IsOp(true),
            other => Op::CompareOp(other),
        });
    }

    fn compare(&mut self, first: &Expr, rest: &[(CmpOp, Expr)]) -> CResult {
        self.expr(first)?;
        if rest.len() == 1 {
            self.expr(&rest[0].1)?;
            self.line = first.line;
            self.cmp_op(rest[0].0);
            return Ok(());
        }
        let mut cleanups = Vec::new();
        for (i, (op, operand)) in rest.iter().enumerate() {
            self.expr(operand)?;
            if i + 1 < rest.len() {
                self.emit(Op::Swap(2));
                self.emit(Op::Copy(2));
                self.cmp_op(*op);
                cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
            } else {
                self.cmp_op(*op);
            }
        }
        let end = self.emit(Op::JumpForward(0));
        for c in cleanups {
            self.patch(c);
        }
        self.emit(Op::Swap(2));
        self.emit(Op::PopTop);
        self.patch(end);
        Ok(())
    }

    fn bind_comp_target(&mut self, t: &Expr, scope: &mut HashMap<String, u32>) {
        match &t.kind {
            ExprKind::Name(n) if !scope.contains_key(n) => {
                let slot = self.new_local(n);
                scope.insert(n.clone(), slot);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().for_each(|i| self.bind_comp_target(i, scope))
            }
            _ => {}
        }
    }

    fn list_comp(
        &mut self,
        elt: &Expr,
        target: &Expr,
        iter: &Expr,
        cond: Option<&Expr>,
    ) -> CResult {
        self.emit(Op::BuildList(0));
        self.expr(iter)?;
        self.emit(Op::GetIter);
        let top = self.here();
        let exit = self.emit(Op::ForIter(0));
        let mut scope = HashMap::new();
        self.bind_comp_target(target, &mut scope);
        self.comp_scopes.push(scope);
        let result = (|| {
            self.store_target(target)?;
            let skip = match cond {
                Some(c) => {
                    self.expr(c)?;
                    Some(self.emit(Op::PopJumpIfFalse(0)))
                }
                None => None,
            };
            self.expr(elt)?;
            self.emit(Op::ListAppend(2));
            if let Some(s) = skip {
                self.patch(s);
            }
            self.emit(Op::JumpBackward(top));
            Ok(())
        })();
        self.comp_scopes.pop();
        result?;
        self.patch(exit);
        Ok(())
    }
}
