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
use crate::ast::{BinOp, BoolOp, CmpOp, Comparison, Const, Conversion, Expr, ExprKind, UnaryOp};
use crate::error::{SourceError, SourceErrorKind};
use crate::v1::bytecode::{Op, CONV_NONE, CONV_REPR, CONV_STR};
use crate::v1::vm::value::Value;
use std::collections::HashMap;

type CResult = Result<(), SourceError>;

/// The operators v1's VM implements; the bitwise ones come with MiniPy v2.
pub(super) const V1_BINOPS: [BinOp; 7] = [
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::Div,
    BinOp::FloorDiv,
    BinOp::Mod,
    BinOp::Pow,
];

/// v1's refusal of a construct the v2 parser accepts.
pub(super) fn unsupported(what: &str, e: &Expr) -> SourceError {
    SourceError::unsupported(what, e.line, e.col)
}

/// Refuses `*x` inside a display (v1 has no star unpacking).
fn check_no_starred(elts: &[Expr]) -> CResult {
    match elts
        .iter()
        .find(|x| matches!(x.kind, ExprKind::Starred { .. }))
    {
        Some(x) => Err(unsupported("star unpacking ('*')", x)),
        None => Ok(()),
    }
}

/// The text of a format spec made only of literal pieces (`None` when it
/// holds a nested replacement field).
fn static_spec(spec: &Expr) -> Option<String> {
    let ExprKind::JoinedStr { values } = &spec.kind else {
        return None;
    };
    let mut text = String::new();
    for v in values {
        match &v.kind {
            ExprKind::Const(Const::Str(s)) => text.push_str(s),
            _ => return None,
        }
    }
    Some(text)
}

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
                    Const::BigInt(_) => {
                        return Err(SourceError::new(
                            SourceErrorKind::NotImplemented,
                            "integer literal does not fit MiniPy's 64-bit int",
                            e.line,
                            e.col,
                        ))
                    }
                    Const::Ellipsis => return Err(unsupported("'...' (Ellipsis)", e)),
                    Const::Bytes(_) => return Err(unsupported("a bytes literal", e)),
                };
                let i = self.const_index(v);
                self.emit(Op::LoadConst(i));
            }
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::BinOp { left, op, right } => {
                if !V1_BINOPS.contains(op) {
                    return Err(unsupported(
                        &format!("the bitwise operator '{}'", op.symbol()),
                        e,
                    ));
                }
                self.expr(left)?;
                self.expr(right)?;
                self.line = e.line;
                self.emit(Op::BinaryOp(*op, false));
            }
            ExprKind::UnaryOp { op, operand } => {
                // CPython folds `-1` into one constant; v1 did it in the parser.
                if let (UnaryOp::USub, ExprKind::Const(c)) = (op, &operand.kind) {
                    let folded = match c {
                        Const::Int(v) => v.checked_neg().map(Value::Int),
                        Const::Float(v) => Some(Value::Float(-v)),
                        _ => None,
                    };
                    if let Some(v) = folded {
                        let i = self.const_index(v);
                        self.emit(Op::LoadConst(i));
                        self.line = saved_line;
                        self.span = saved_span;
                        return Ok(());
                    }
                }
                self.expr(operand)?;
                self.emit(match op {
                    UnaryOp::USub => Op::UnaryNegative,
                    UnaryOp::UAdd => Op::UnaryPositive,
                    UnaryOp::Not => Op::UnaryNot,
                    UnaryOp::Invert => return Err(unsupported("the bitwise operator '~'", e)),
                });
            }
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        jumps.push(self.emit(match op {
                            BoolOp::And => Op::JumpIfFalseOrPop(0),
                            BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            ExprKind::Compare { left, comparisons } => self.compare(left, comparisons)?,
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.expr(body)?;
                let to_end = self.emit(Op::JumpForward(0));
                self.patch(to_else);
                self.expr(orelse)?;
                self.patch(to_end);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                if args
                    .iter()
                    .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
                    || keywords.iter().any(|k| k.arg.is_none())
                {
                    return Err(unsupported("argument unpacking ('*'/'**' in a call)", e));
                }
                let method = match &func.kind {
                    ExprKind::Attribute { value, attr } => {
                        self.expr(value)?;
                        Some(self.name_index(attr))
                    }
                    _ => {
                        self.expr(func)?;
                        None
                    }
                };
                for a in args {
                    self.expr(a)?;
                }
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.line = e.line;
                if !keywords.is_empty() {
                    let names: Vec<Value> = keywords
                        .iter()
                        .map(|k| Value::str(k.arg.as_deref().unwrap_or_default()))
                        .collect();
                    let i = self.const_index(Value::tuple(names));
                    self.emit(Op::KwNames(i));
                }
                let n = (args.len() + keywords.len()) as u32;
                self.emit(match method {
                    Some(i) => Op::CallMethod(i, n),
                    None => Op::Call(n),
                });
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_index(attr);
                self.emit(Op::LoadAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.line = e.line;
                self.emit(Op::BinarySubscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                let parts = [lower, upper, step];
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
            ExprKind::List { elts } => {
                check_no_starred(elts)?;
                elts.iter().try_for_each(|i| self.expr(i))?;
                self.emit(Op::BuildList(elts.len() as u32));
            }
            ExprKind::Tuple { elts } => {
                check_no_starred(elts)?;
                elts.iter().try_for_each(|i| self.expr(i))?;
                self.emit(Op::BuildTuple(elts.len() as u32));
            }
            ExprKind::Dict { items } => {
                for item in items {
                    let Some(k) = &item.key else {
                        return Err(unsupported("'**' in a dict display", e));
                    };
                    self.expr(k)?;
                    self.expr(&item.value)?;
                }
                self.emit(Op::BuildMap(items.len() as u32));
            }
            ExprKind::ListComp { elt, generators } => match &generators[..] {
                [g] if g.ifs.len() <= 1 && !g.is_async => {
                    self.list_comp(elt, &g.target, &g.iter, g.ifs.first())?
                }
                _ => {
                    return Err(unsupported(
                        "a list comprehension with more than one 'for'/'if'",
                        e,
                    ))
                }
            },
            ExprKind::JoinedStr { values } => {
                for p in values {
                    match &p.kind {
                        ExprKind::FormattedValue {
                            value,
                            conversion,
                            format_spec,
                        } => {
                            self.expr(value)?;
                            let spec = match format_spec.as_deref().map(static_spec) {
                                Some(Some(spec)) => Some(spec),
                                Some(None) => {
                                    return Err(unsupported(
                                        "a nested replacement field in an f-string format spec",
                                        e,
                                    ))
                                }
                                None => None,
                            };
                            if let Some(spec) = &spec {
                                let i = self.const_index(Value::str(spec));
                                self.emit(Op::LoadConst(i));
                            }
                            let c = match conversion {
                                Some(Conversion::Str) => CONV_STR,
                                Some(Conversion::Repr) => CONV_REPR,
                                Some(Conversion::Ascii) => {
                                    return Err(unsupported("the f-string conversion '!a'", e))
                                }
                                None => CONV_NONE,
                            };
                            self.emit(Op::FormatValue(c, spec.is_some()));
                        }
                        _ => self.expr(p)?,
                    }
                }
                self.emit(Op::BuildString(values.len() as u32));
            }
            ExprKind::FormattedValue { .. } => {
                return Err(unsupported("a bare formatted value", e))
            }
            ExprKind::NamedExpr { .. } => return Err(unsupported("the walrus operator ':='", e)),
            ExprKind::Lambda { .. } => return Err(unsupported("'lambda'", e)),
            ExprKind::Starred { .. } => return Err(unsupported("star unpacking ('*')", e)),
            ExprKind::Set { .. } | ExprKind::SetComp { .. } => {
                return Err(unsupported("a set (or set comprehension)", e))
            }
            ExprKind::DictComp { .. } => return Err(unsupported("a dict comprehension", e)),
            ExprKind::GeneratorExp { .. } => return Err(unsupported("a generator expression", e)),
            ExprKind::Await { .. } => return Err(unsupported("'await'", e)),
            ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => {
                return Err(unsupported("'yield' (generators)", e))
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

    fn compare(&mut self, first: &Expr, rest: &[Comparison]) -> CResult {
        self.expr(first)?;
        if rest.len() == 1 {
            self.expr(&rest[0].right)?;
            self.line = first.line;
            self.cmp_op(rest[0].op);
            return Ok(());
        }
        let mut cleanups = Vec::new();
        for (i, Comparison { op, right: operand }) in rest.iter().enumerate() {
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
            ExprKind::Tuple { elts } | ExprKind::List { elts } => {
                elts.iter().for_each(|i| self.bind_comp_target(i, scope))
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
