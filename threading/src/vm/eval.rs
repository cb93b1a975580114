//! The eval loop: one `match` over the instruction, with the GIL's check
//! points where the configured policy puts them.
//!
//! ```text
//!   loop {
//!       op = code.quick[pc]; pc += 1
//!       if every-instruction policy: gil.check()      (≤ 3.9)
//!       match op {
//!           RESUME | CALL | JUMP_BACKWARD → gil.check() (≥ 3.10)
//!           LOAD_FAST / BINARY_OP / ...   → int fast paths inline
//!           CALL of a Python function     → return Flow::Call(frame)
//!       }
//!   }
//! ```
//!
//! `gil.check` is one Relaxed load of the drop-request flag on the fast
//! path, so a check point costs about as much as CPython's eval-breaker
//! test. Calls into Python functions leave this function (see `frame.rs`),
//! so the Rust stack never grows with the Python one.
//!
//! Python equivalent: `_PyEval_EvalFrameDefault` in `Python/ceval.c`.

use super::exception::{ExcKind, PyErr};
use super::frame::{bind_frame, Block, Flow, Frame};
use super::iter::make_iter;
use super::ops::{binary_op, compare, inplace_op, int_binop, unary};
use super::subscript::{get_item, set_item};
use super::value::{lock, Function, Value};
use super::ThreadCtx;
use crate::ast::{BinOp, CmpOp};
use crate::bytecode::Op;
use std::sync::Arc;

/// Evaluates an `int` comparison inline.
#[inline(always)]
fn int_cmp(op: CmpOp, a: i64, b: i64) -> Option<bool> {
    Some(match op {
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        _ => return None,
    })
}

/// Stores an int into a local slot. When the slot already holds an int
/// (the loop counter case) only the payload is written: no tag store and no
/// drop glue for the old value.
#[inline(always)]
fn store_int(locals: &mut [Option<Value>], slot: u16, v: i64) {
    match locals.get_mut(slot as usize) {
        Some(Some(Value::Int(old))) => *old = v,
        Some(other) => *other = Some(Value::Int(v)),
        None => {}
    }
}

/// `int op int` for the ops that stay ints, inline.
#[inline(always)]
fn int_arith(op: BinOp, a: i64, b: i64) -> Option<i64> {
    match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        _ => None,
    }
}

impl ThreadCtx {
    #[inline(always)]
    fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or(Value::None)
    }

    #[inline(always)]
    fn top(&self) -> Value {
        self.stack.last().cloned().unwrap_or(Value::None)
    }

    /// Runs the top frame until it returns, calls, or raises.
    pub(super) fn exec(&mut self, f: &mut Frame) -> Flow {
        let code = f.code.clone();
        let ops: &[Op] = &code.quick;
        let rt = self.rt.clone();
        let every = self.check_every;
        let mut kwnames: Option<Value> = None;
        macro_rules! fail {
            ($e:expr) => {{
                return Flow::Error($e, true);
            }};
        }
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => fail!(e),
                }
            };
        }
        loop {
            let Some(&op) = ops.get(f.pc) else {
                return Flow::Return(Value::None);
            };
            f.pc += 1;
            if every {
                rt.gil.check(&mut self.ts);
            }
            match op {
                Op::FusedFastConstCompareJump(a, c, cmp, target) => {
                    if let (Some(Some(Value::Int(x))), Some(Value::Int(y))) =
                        (f.locals.get(a as usize), code.consts.get(c as usize))
                    {
                        if let Some(r) = int_cmp(cmp, *x, *y) {
                            f.pc = if r { f.pc + 3 } else { target as usize };
                            continue;
                        }
                    }
                    // Not ints: run the original LOAD_FAST and carry on with
                    // the unfused instructions that follow it.
                    match f.locals.get(a as usize) {
                        Some(Some(v)) => self.stack.push(v.clone()),
                        _ => fail!(unbound(&code.varnames, a as u32)),
                    }
                }
                Op::FusedFastConstOpStoreJump(a, c, bop, d, target) => {
                    if let (Some(Some(Value::Int(x))), Some(Value::Int(y))) =
                        (f.locals.get(a as usize), code.consts.get(c as usize))
                    {
                        if let Some(r) = int_arith(bop, *x, *y) {
                            store_int(&mut f.locals, d, r);
                            f.pc = target as usize;
                            // The fused JUMP_BACKWARD's check point.
                            rt.gil.check(&mut self.ts);
                            continue;
                        }
                    }
                    match f.locals.get(a as usize) {
                        Some(Some(v)) => self.stack.push(v.clone()),
                        _ => fail!(unbound(&code.varnames, a as u32)),
                    }
                }
                Op::FusedFastConstOpStore(a, c, bop, d) => {
                    if let (Some(Some(Value::Int(x))), Some(Value::Int(y))) =
                        (f.locals.get(a as usize), code.consts.get(c as usize))
                    {
                        if let Some(r) = int_arith(bop, *x, *y) {
                            store_int(&mut f.locals, d, r);
                            f.pc += 3;
                            continue;
                        }
                    }
                    match f.locals.get(a as usize) {
                        Some(Some(v)) => self.stack.push(v.clone()),
                        _ => fail!(unbound(&code.varnames, a as u32)),
                    }
                }
                Op::Nop => {}
                Op::Resume => {
                    if !every {
                        rt.gil.check(&mut self.ts);
                    }
                }
                Op::LoadConst(i) => self.stack.push(code.consts[i as usize].clone()),
                Op::LoadFast(i) => match &f.locals[i as usize] {
                    Some(v) => self.stack.push(v.clone()),
                    None => fail!(unbound(&code.varnames, i)),
                },
                Op::StoreFast(i) => {
                    let v = self.pop();
                    f.locals[i as usize] = Some(v);
                }
                Op::LoadGlobal(i) | Op::LoadName(i) => {
                    let v = tri!(rt.load_global(i));
                    self.stack.push(v);
                }
                Op::StoreGlobal(i) | Op::StoreName(i) => {
                    let v = self.pop();
                    rt.store_global(i, v);
                }
                Op::LoadAttr(i) => {
                    let obj = self.pop();
                    let v = tri!(crate::builtins::attrs::load_attr(
                        &obj,
                        &code.names[i as usize]
                    ));
                    self.stack.push(v);
                }
                Op::BinaryOp(bop, inplace) => {
                    let b = self.pop();
                    let a = self.pop();
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => match int_arith(bop, *x, *y) {
                            Some(r) => Value::Int(r),
                            None => tri!(int_binop(bop, *x, *y)),
                        },
                        _ if inplace => tri!(inplace_op(bop, &a, &b)),
                        _ => tri!(binary_op(bop, &a, &b)),
                    };
                    self.stack.push(r);
                }
                Op::CompareOp(cmp) => {
                    let b = self.pop();
                    let a = self.pop();
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => int_cmp(cmp, *x, *y).unwrap_or(false),
                        _ => tri!(compare(cmp, &a, &b)),
                    };
                    self.stack.push(Value::Bool(r));
                }
                Op::ContainsOp(negate) => {
                    let b = self.pop();
                    let a = self.pop();
                    let r = tri!(compare(CmpOp::In, &a, &b));
                    self.stack.push(Value::Bool(r != negate));
                }
                Op::IsOp(negate) => {
                    let b = self.pop();
                    let a = self.pop();
                    self.stack.push(Value::Bool(a.is(&b) != negate));
                }
                Op::UnaryNegative | Op::UnaryPositive => {
                    let a = self.pop();
                    let r = tri!(unary(op == Op::UnaryNegative, &a));
                    self.stack.push(r);
                }
                Op::UnaryNot => {
                    let a = self.pop();
                    self.stack.push(Value::Bool(!a.truthy()));
                }
                Op::PopJumpIfFalse(t) => {
                    let v = self.pop();
                    let go = match v {
                        Value::Bool(b) => !b,
                        other => !other.truthy(),
                    };
                    if go {
                        f.pc = t as usize;
                    }
                }
                Op::PopJumpIfTrue(t) => {
                    if self.pop().truthy() {
                        f.pc = t as usize;
                    }
                }
                Op::JumpIfFalseOrPop(t) => {
                    if self.top().truthy() {
                        self.pop();
                    } else {
                        f.pc = t as usize;
                    }
                }
                Op::JumpIfTrueOrPop(t) => {
                    if self.top().truthy() {
                        f.pc = t as usize;
                    } else {
                        self.pop();
                    }
                }
                Op::JumpForward(t) => f.pc = t as usize,
                Op::JumpBackward(t) => {
                    f.pc = t as usize;
                    if !every {
                        rt.gil.check(&mut self.ts);
                    }
                }
                Op::GetIter => {
                    let v = self.pop();
                    let it = tri!(make_iter(&v));
                    self.stack.push(it);
                }
                Op::ForIter(t) => {
                    let next = match self.stack.last() {
                        Some(Value::Iter(it)) => lock(it).next_item(),
                        _ => None,
                    };
                    match next {
                        Some(v) => self.stack.push(v),
                        None => {
                            self.pop();
                            f.pc = t as usize;
                        }
                    }
                }
                Op::KwNames(i) => kwnames = Some(code.consts[i as usize].clone()),
                Op::Call(n) => {
                    if !every {
                        rt.gil.check(&mut self.ts);
                    }
                    self.line = code.lines.get(f.pc - 1).copied().unwrap_or(0);
                    let n = n as usize;
                    let names: Vec<Arc<String>> = match kwnames.take() {
                        Some(Value::Tuple(t)) => t
                            .iter()
                            .map(|v| match v {
                                Value::Str(s) => s.clone(),
                                _ => Arc::new(String::new()),
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    let base = self.stack.len().saturating_sub(n + 1);
                    let mut args: Vec<Value> = self.stack.drain(base + 1..).collect();
                    let callee = self.pop();
                    let kw_values = args.split_off(args.len() - names.len().min(args.len()));
                    let kwargs: Vec<(Arc<String>, Value)> =
                        names.into_iter().zip(kw_values).collect();
                    match &callee {
                        Value::Function(func) => {
                            let frame = tri!(bind_frame(func, args, kwargs, self.stack.len()));
                            return Flow::Call(frame);
                        }
                        other => {
                            let r = tri!(self.call_native(other, args, kwargs));
                            self.stack.push(r);
                        }
                    }
                }
                Op::ReturnValue => {
                    let v = self.pop();
                    return Flow::Return(v);
                }
                Op::PopTop => {
                    self.pop();
                }
                Op::Copy(n) => {
                    let v = self.stack[self.stack.len() - n as usize].clone();
                    self.stack.push(v);
                }
                Op::Swap(n) => {
                    let len = self.stack.len();
                    self.stack.swap(len - 1, len - n as usize);
                }
                Op::BuildList(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    self.stack.push(Value::list(items));
                }
                Op::BuildTuple(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    self.stack.push(Value::tuple(items));
                }
                Op::BuildMap(n) => {
                    let items = self.stack.split_off(self.stack.len() - 2 * n as usize);
                    let mut d = super::dict::PyDict::default();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        tri!(d
                            .set(k, v)
                            .map_err(|t| PyErr::type_error(format!("unhashable type: '{t}'"))));
                    }
                    self.stack
                        .push(Value::Dict(Arc::new(std::sync::Mutex::new(d))));
                }
                Op::BuildSlice(n) => {
                    let step = if n == 3 { self.pop() } else { Value::None };
                    let hi = self.pop();
                    let lo = self.pop();
                    self.stack.push(Value::Slice(Arc::new([lo, hi, step])));
                }
                Op::BinarySubscr => {
                    let idx = self.pop();
                    let obj = self.pop();
                    let v = tri!(get_item(&obj, &idx));
                    self.stack.push(v);
                }
                Op::StoreSubscr => {
                    let idx = self.pop();
                    let obj = self.pop();
                    let v = self.pop();
                    tri!(set_item(&obj, &idx, v));
                }
                Op::ListAppend(n) => {
                    let v = self.pop();
                    if let Some(Value::List(l)) = self.stack.get(self.stack.len() - n as usize) {
                        lock(l).push(v);
                    }
                }
                Op::UnpackSequence(n) => {
                    let v = self.pop();
                    let items = tri!(super::iter::collect(&v));
                    if items.len() != n as usize {
                        fail!(if items.len() > n as usize {
                            PyErr::value_error(format!("too many values to unpack (expected {n})"))
                        } else {
                            PyErr::value_error(format!(
                                "not enough values to unpack (expected {n}, got {})",
                                items.len()
                            ))
                        });
                    }
                    self.stack.extend(items.into_iter().rev());
                }
                Op::FormatValue(conv, has_spec) => {
                    let spec = if has_spec { self.pop() } else { Value::None };
                    let v = self.pop();
                    let v = match conv {
                        1 => Value::string(v.to_str()),
                        2 => Value::string(v.repr()),
                        _ => v,
                    };
                    let spec = match &spec {
                        Value::Str(s) => s.as_str(),
                        _ => "",
                    };
                    let s = tri!(crate::builtins::format::format_value(&v, spec));
                    self.stack.push(Value::string(s));
                }
                Op::BuildString(n) => {
                    let parts = self.stack.split_off(self.stack.len() - n as usize);
                    let mut s = String::new();
                    for p in parts {
                        if let Value::Str(x) = p {
                            s.push_str(&x);
                        }
                    }
                    self.stack.push(Value::string(s));
                }
                Op::MakeFunction(i, has_defaults) => {
                    let defaults = if has_defaults {
                        match self.pop() {
                            Value::Tuple(t) => t.to_vec(),
                            _ => Vec::new(),
                        }
                    } else {
                        Vec::new()
                    };
                    let child = code.children[i as usize].clone();
                    self.stack.push(Value::Function(Arc::new(Function {
                        code: child,
                        defaults,
                    })));
                }
                Op::RaiseVarargs(n) => {
                    if n == 0 {
                        match f.handled.last() {
                            Some(Value::Exception(e)) => {
                                return Flow::Error(PyErr::Exc(e.clone()), false)
                            }
                            _ => fail!(PyErr::new(
                                ExcKind::RuntimeError,
                                "No active exception to reraise"
                            )),
                        }
                    }
                    let v = self.pop();
                    fail!(tri!(crate::builtins::exc::make_raisable(&v)));
                }
                Op::SetupFinally(t) => f.blocks.push(Block {
                    handler: t,
                    stack_depth: self.stack.len(),
                    handled_depth: f.handled.len(),
                }),
                Op::PopBlock => {
                    f.blocks.pop();
                }
                Op::PushExcInfo => {
                    let e = self.top();
                    f.handled.push(e);
                }
                Op::PopExcept => {
                    f.handled.pop();
                }
                Op::CheckExcMatch => {
                    let class = self.pop();
                    let exc = self.top();
                    let r = tri!(crate::builtins::exc::exception_matches(&exc, &class));
                    self.stack.push(Value::Bool(r));
                }
                Op::Reraise => match self.pop() {
                    Value::Exception(e) => return Flow::Error(PyErr::Exc(e), false),
                    _ => fail!(PyErr::new(
                        ExcKind::RuntimeError,
                        "RERAISE without an exception"
                    )),
                },
                Op::BeforeWith => {
                    self.line = code.lines.get(f.pc - 1).copied().unwrap_or(0);
                    let ctx = self.top();
                    let r = tri!(self.enter_context(&ctx));
                    self.stack.push(r);
                }
                Op::ExitWith => {
                    let ctx = self.pop();
                    tri!(self.exit_context(&ctx));
                }
                Op::ImportName(i) => {
                    let v = tri!(crate::modules::import(&code.names[i as usize]));
                    self.stack.push(v);
                }
                Op::ImportFrom(i) => {
                    let m = self.top();
                    let v = tri!(
                        crate::builtins::attrs::load_attr(&m, &code.names[i as usize]).map_err(
                            |_| {
                                PyErr::new(
                                    ExcKind::ImportError,
                                    format!(
                                        "cannot import name '{}' from '{}' (unknown location)",
                                        code.names[i as usize],
                                        m.to_str()
                                    ),
                                )
                            }
                        )
                    );
                    self.stack.push(v);
                }
                Op::LoadAssertionError => self.stack.push(Value::ExcType(ExcKind::AssertionError)),
            }
        }
    }
}

/// `UnboundLocalError` (or `NameError` for a comprehension slot).
fn unbound(varnames: &[String], i: u32) -> PyErr {
    let name = varnames.get(i as usize).map(String::as_str).unwrap_or("?");
    PyErr::new(
        ExcKind::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}
