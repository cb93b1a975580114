//! The eval loop: one `match` over the instruction, with the GIL's check
//! points where the configured policy puts them.
//!
//! ```text
//!   loop {
//!       op = code.quick[pc]; pc += 1
//!       if every-instruction policy: gil.check()      (≤ 3.9; not after
//!                                                      a FAST_DISPATCH op)
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

use super::check_points::skips_next_check;
use super::exception::{ExcKind, PyErr};
use super::fast::{int_arith, int_cmp, store_int, unbound};
use super::frame::{Block, Flow, Frame};
use super::iter::make_iter;
use super::ops::{compare, inplace_op, unary};
use super::subscript::{get_item, set_item};
use super::value::{lock, Value};
use super::ThreadCtx;
use crate::ast::CmpOp;
use crate::v1::bytecode::Op;
use std::sync::Arc;

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
        // One copy of the loop per policy, so the ≥ 3.10 loop carries no
        // trace of the per-instruction checks (measurably faster).
        if self.check_every {
            self.exec_policy::<true>(f)
        } else {
            self.exec_policy::<false>(f)
        }
    }

    /// The eval loop for one check policy (`EVERY`: check at every
    /// instruction, ≤ 3.9).
    fn exec_policy<const EVERY: bool>(&mut self, f: &mut Frame) -> Flow {
        let code = f.code.clone();
        let every = EVERY;
        // Superinstructions skip check points, so ≤ 3.9 runs the plain ops.
        let ops: &[Op] = if every { &code.ops } else { &code.quick };
        let consts: &[Value] = &code.consts;
        let rt = self.rt.clone();
        let mut kwnames: Option<Value> = None;
        // The instruction pointer lives in a register while the loop runs
        // and is written back to the frame whenever control leaves.
        let mut pc = f.pc;
        macro_rules! leave {
            ($flow:expr) => {{
                f.pc = pc;
                return $flow;
            }};
        }
        macro_rules! fail {
            ($e:expr) => {{
                leave!(Flow::Error($e, true));
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
        // ≤ 3.9 checked before an instruction unless the previous one left
        // through FAST_DISPATCH / PREDICT (see `skips_next_check`).
        let mut skip_check = false;
        loop {
            let Some(&op) = ops.get(pc) else {
                leave!(Flow::Return(Value::None));
            };
            pc += 1;
            if every {
                if !skip_check {
                    rt.gil.check(&mut self.ts);
                }
                skip_check = skips_next_check(op);
            }
            match op {
                Op::FusedFastConstCompareJump(a, c, cmp, target) => {
                    if let (Some(Some(Value::Int(x))), Some(Value::Int(y))) =
                        (f.locals.get(a as usize), code.consts.get(c as usize))
                    {
                        if let Some(r) = int_cmp(cmp, *x, *y) {
                            pc = if r { pc + 3 } else { target as usize };
                            continue;
                        }
                    }
                    // Not ints: run the original LOAD_FAST and carry on with
                    // the unfused instructions that follow it.
                    tri!(self.push_local(f, a));
                }
                Op::FusedFastConstOpStoreJump(a, c, bop, d, target) => {
                    if let (Some(Some(Value::Int(x))), Some(Value::Int(y))) =
                        (f.locals.get(a as usize), code.consts.get(c as usize))
                    {
                        if let Some(r) = int_arith(bop, *x, *y) {
                            store_int(&mut f.locals, d, r);
                            pc = target as usize;
                            // The fused JUMP_BACKWARD's check point.
                            rt.gil.check(&mut self.ts);
                            continue;
                        }
                    }
                    tri!(self.push_local(f, a));
                }
                Op::FusedFastConstOpStore(a, c, bop, d) => {
                    if let (Some(Some(Value::Int(x))), Some(Value::Int(y))) =
                        (f.locals.get(a as usize), code.consts.get(c as usize))
                    {
                        if let Some(r) = int_arith(bop, *x, *y) {
                            store_int(&mut f.locals, d, r);
                            pc += 3;
                            continue;
                        }
                    }
                    tri!(self.push_local(f, a));
                }
                Op::FusedLoadLoadOpStore(x, y, bop, d) => {
                    // An error belongs to the covered BINARY_OP (2 ahead).
                    tri!(self
                        .fused_load_load_op_store(f, consts, x, y, bop, d)
                        .inspect_err(|_| pc += 2));
                    pc += 3;
                }
                Op::FusedLoadLoadBinop(x, y, bop, inplace) => {
                    tri!(self
                        .fused_load_load_binop(f, consts, x, y, bop, inplace)
                        .inspect_err(|_| pc += 2));
                    pc += 2;
                }
                Op::FusedLoadBinop(y, bop, inplace) => {
                    tri!(self
                        .fused_load_binop(f, consts, y, bop, inplace)
                        .inspect_err(|_| pc += 1));
                    pc += 1;
                }
                Op::FusedLoadCompareJump(y, cmp, target) => {
                    if tri!(self
                        .fused_load_compare_jump(f, consts, y, cmp)
                        .inspect_err(|_| pc += 1))
                    {
                        pc = target as usize;
                    } else {
                        pc += 2;
                    }
                }
                Op::FusedForIterStore(target, slot) => match self.stack.last() {
                    Some(Value::RangeIter(r)) => match r.next_int() {
                        Some(v) => {
                            store_int(&mut f.locals, slot, v);
                            pc += 1;
                        }
                        None => {
                            self.pop();
                            pc = target as usize;
                        }
                    },
                    Some(Value::Iter(it)) => {
                        let next = lock(it).next_item();
                        match next {
                            Some(Value::Int(v)) => {
                                store_int(&mut f.locals, slot, v);
                                pc += 1;
                            }
                            Some(v) => {
                                f.locals[slot as usize] = Some(v);
                                pc += 1;
                            }
                            None => {
                                self.pop();
                                pc = target as usize;
                            }
                        }
                    }
                    _ => {
                        self.pop();
                        pc = target as usize;
                    }
                },
                Op::Nop => {}
                Op::Resume => {
                    if !every {
                        rt.gil.check(&mut self.ts);
                    }
                }
                Op::LoadConst(i) => match &consts[i as usize] {
                    Value::Int(x) => self.stack.push(Value::Int(*x)),
                    v => self.stack.push(v.clone()),
                },
                Op::LoadFast(i) => match &f.locals[i as usize] {
                    Some(Value::Int(x)) => self.stack.push(Value::Int(*x)),
                    Some(v) => self.stack.push(v.clone()),
                    None => fail!(unbound(&code.varnames, i)),
                },
                Op::StoreFast(i) => match self.stack.pop() {
                    Some(Value::Int(x)) if i <= u16::MAX as u32 => {
                        store_int(&mut f.locals, i as u16, x)
                    }
                    v => f.locals[i as usize] = v,
                },
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
                    let v = tri!(crate::v1::builtins::attrs::load_attr(
                        &obj,
                        &code.names[i as usize]
                    ));
                    self.stack.push(v);
                }
                Op::BinaryOp(bop, inplace) => {
                    if inplace
                        && matches!(
                            self.stack.len().checked_sub(2).map(|i| &self.stack[i]),
                            Some(Value::List(_))
                        )
                    {
                        let b = self.pop();
                        let a = self.pop();
                        let r = tri!(inplace_op(bop, &a, &b));
                        self.stack.push(r);
                    } else {
                        tri!(self.binop_top(bop));
                    }
                }
                Op::CompareOp(cmp) => {
                    let len = self.stack.len();
                    let fast = match (self.stack.get(len.wrapping_sub(2)), self.stack.last()) {
                        (Some(Value::Int(x)), Some(Value::Int(y))) => int_cmp(cmp, *x, *y),
                        _ => None,
                    };
                    let r = match fast {
                        Some(r) => {
                            self.pop_plain();
                            self.pop_plain();
                            r
                        }
                        None => {
                            let b = self.pop();
                            let a = self.pop();
                            tri!(compare(cmp, &a, &b))
                        }
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
                    let go = match self.stack.last() {
                        Some(Value::Bool(b)) => {
                            let go = !*b;
                            self.pop_plain();
                            go
                        }
                        _ => !self.pop().truthy(),
                    };
                    if go {
                        pc = t as usize;
                    }
                }
                Op::PopJumpIfTrue(t) => {
                    if self.pop().truthy() {
                        pc = t as usize;
                    }
                }
                Op::JumpIfFalseOrPop(t) => {
                    if self.top().truthy() {
                        self.pop();
                    } else {
                        pc = t as usize;
                    }
                }
                Op::JumpIfTrueOrPop(t) => {
                    if self.top().truthy() {
                        pc = t as usize;
                    } else {
                        self.pop();
                    }
                }
                Op::JumpForward(t) => pc = t as usize,
                Op::JumpBackward(t) => {
                    pc = t as usize;
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
                    // (FUSED_FOR_ITER_STORE handles the common case.)
                    let next = match self.stack.last() {
                        Some(Value::Iter(it)) => lock(it).next_item(),
                        Some(Value::RangeIter(r)) => r.next_int().map(Value::Int),
                        _ => None,
                    };
                    match next {
                        Some(v) => self.stack.push(v),
                        None => {
                            self.pop();
                            pc = t as usize;
                        }
                    }
                }
                Op::KwNames(i) => kwnames = Some(code.consts[i as usize].clone()),
                Op::Call(n) => {
                    if !every {
                        rt.gil.check(&mut self.ts);
                    }
                    self.line = code.lines.get(pc - 1).copied().unwrap_or(0);
                    if let Some(frame) = tri!(self.op_call(n as usize, kwnames.take())) {
                        leave!(Flow::Call(frame));
                    }
                }
                Op::CallMethod(i, n) => {
                    if !every {
                        rt.gil.check(&mut self.ts);
                    }
                    self.line = code.lines.get(pc - 1).copied().unwrap_or(0);
                    let name = &code.names[i as usize];
                    if let Some(frame) = tri!(self.op_call_method(name, n as usize, kwnames.take()))
                    {
                        leave!(Flow::Call(frame));
                    }
                }
                Op::ReturnValue => {
                    let v = self.pop();
                    leave!(Flow::Return(v));
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
                Op::BuildMap(n) => tri!(self.build_map(n as usize)),
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
                Op::UnpackSequence(n) => tri!(self.unpack_sequence(n as usize)),
                Op::FormatValue(conv, has_spec) => tri!(self.format_value(conv, has_spec)),
                Op::BuildString(n) => self.build_string(n as usize),
                Op::MakeFunction(i, has_defaults) => {
                    self.make_function(&code, i as usize, has_defaults)
                }
                Op::RaiseVarargs(n) => {
                    if n == 0 {
                        match f.handled.last() {
                            Some(Value::Exception(e)) => {
                                leave!(Flow::Error(PyErr::Exc(e.clone()), false))
                            }
                            _ => fail!(PyErr::new(
                                ExcKind::RuntimeError,
                                "No active exception to reraise"
                            )),
                        }
                    }
                    let v = self.pop();
                    fail!(tri!(crate::v1::builtins::exc::make_raisable(&v)));
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
                    let r = tri!(crate::v1::builtins::exc::exception_matches(&exc, &class));
                    self.stack.push(Value::Bool(r));
                }
                Op::Reraise => match self.pop() {
                    Value::Exception(e) => leave!(Flow::Error(PyErr::Exc(e), false)),
                    _ => fail!(PyErr::new(
                        ExcKind::RuntimeError,
                        "RERAISE without an exception"
                    )),
                },
                Op::BeforeWith => {
                    self.line = code.lines.get(pc - 1).copied().unwrap_or(0);
                    let ctx = self.top();
                    let r = tri!(self.enter_context(&ctx));
                    self.stack.push(r);
                }
                Op::ExitWith => {
                    let ctx = self.pop();
                    tri!(self.exit_context(&ctx));
                }
                Op::ImportName(i) => {
                    let v = tri!(crate::v1::modules::import(&code.names[i as usize]));
                    self.stack.push(v);
                }
                Op::ImportFrom(i) => tri!(self.import_from(&code.names[i as usize])),
                Op::LoadAssertionError => self.stack.push(Value::ExcType(ExcKind::AssertionError)),
            }
        }
    }
}
