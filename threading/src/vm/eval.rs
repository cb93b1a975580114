//! The instruction loop: one `match` over the instruction, with the GIL's
//! check points exactly where the configured era puts them.
//!
//! ```text
//!   loop {
//!       op = ops[pc]; pc += 1
//!       if every-instruction policy: gil.check()      (≤ 3.9; not after
//!                                                      a FAST_DISPATCH op)
//!       match op {
//!           RESUME | CALL* | JUMP_BACKWARD | with-exits → gil.check() (≥ 3.10)
//!           LOAD_FAST / BINARY_OP / ...   → int fast paths inline
//!           CALL of a Python function     → push its frame, run it in
//!                                           this loop (inline_call.rs)
//!           RETURN_VALUE to such a caller → pop, push the value, go on
//!       }
//!   }
//! ```
//!
//! Where a switch can land is the point of the whole crate: under the
//! ≥ 3.10 policy `self.n += 1` (`LOAD_ATTR; BINARY_OP; STORE_ATTR`) has no
//! check point inside, so no other thread can run between its read and its
//! write; a method call (`CALL_METHOD`), a function entry (`RESUME`, also
//! on every generator resumption), a loop's back edge and a `with` exit
//! are check points. `gil.check` is one Relaxed load on its fast path.
//! `RESUME` and backward jumps also ask whether the interpreter is
//! finishing (one more Relaxed load): a daemon thread stops there
//! (`lifecycle.rs`).
//!
//! The loop reads the running frame from the thread's frame stack, so
//! natives and tracebacks always see the whole Python stack; `pc` lives in
//! a local and is written back before anything that can look at it
//! (calls, errors, yields). An ordinary Python call and its return switch
//! the running frame inside this loop (`inline_call.rs`); everything else
//! that changes frames leaves for the frame loop (`frames.rs`).
//! Instructions too long to sit inline are one-line calls into the files
//! that own them (`call.rs`, `attr.rs`, `ops.rs`, ...), and the
//! superinstructions' bodies are in `superinstr.rs`, so this file reads
//! as "which op, and where a switch can land".
//!
//! Python equivalent: `_PyEval_EvalFrameDefault` in `Python/ceval.c`.

use super::check_points::{never_checked_before, skips_next_check};
use super::dunder_call::BinaryOutcome;
use super::exceptions::load_global;
use super::frames::Flow;
use super::global_jump;
use super::local_attr::{self, AttrOperand};
use super::method_call;
use super::superinstr::{self as fused, float_arith, float_cmp, int_arith, int_cmp, store_int};
use super::ThreadCtx;
use crate::bytecode::{Op, UnaryOp, CALL_EX_KWARGS};
use crate::gil::CheckPoint;
use crate::object::frame::Block;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, Value};

impl ThreadCtx {
    #[inline(always)]
    pub(super) fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or(Value::None)
    }

    /// The truth of the top of the stack, which stays. Fast path: tested
    /// on the borrow (no clone and drop); plain path: a clone, since
    /// `__bool__` runs Python code.
    #[inline(always)]
    fn top_truthy(&mut self) -> crate::object::PyResult<bool> {
        match self.stack.last().and_then(Value::truthy_inline) {
            Some(b) => Ok(b),
            None => {
                let v = self.top();
                self.truthy(&v)
            }
        }
    }

    #[inline(always)]
    fn top(&self) -> Value {
        self.stack.last().cloned().unwrap_or(Value::None)
    }

    /// Runs the top frame until it returns, yields, calls or raises.
    pub(super) fn exec(&mut self) -> Flow {
        // One copy of the loop per policy, so the ≥ 3.10 loop carries no
        // trace of the per-instruction checks.
        if self.check_every {
            self.exec_policy::<true>()
        } else {
            self.exec_policy::<false>()
        }
    }

    /// The loop for one check policy (`EVERY`: before every instruction,
    /// as ≤ 3.9 did).
    fn exec_policy<const EVERY: bool>(&mut self) -> Flow {
        // The running frame's state, in locals the dispatch reads: the
        // frame's index, its code's instructions and constants, `pc`. An
        // ordinary call or return switches frames without leaving this
        // function (`inline_call.rs`), so `load_frame!` (re)loads them
        // from whatever frame is now on top.
        let mut fi: usize;
        let mut frame_ptr: std::ptr::NonNull<crate::object::frame::Frame>;
        let mut code: &crate::bytecode::Code;
        let mut ops: &[Op];
        let mut consts: &[Value];
        let mut pc: usize;
        // ≤ 3.9 checked before an instruction unless the previous one left
        // through FAST_DISPATCH / PREDICT (see `check_points.rs`).
        let mut skip_check: bool;
        // Set by KW_NAMES for the CALL right after it, which takes it: so
        // it is `None` at every frame switch (a call has just taken it; a
        // return goes back to a caller whose CALL took it).
        let mut kwnames: Option<Value> = None;
        macro_rules! load_frame {
            () => {{
                fi = self.frames.len() - 1;
                frame_ptr = self
                    .frames
                    .top_ptr()
                    .unwrap_or_else(|| unreachable!("the loop runs the top frame of the list"));
                // SAFETY: the top frame of the list, live while read here.
                let frame = unsafe { frame_ptr.as_ref() };
                // Fast path: borrow the running frame's code rather than
                // clone its `Arc` (the plain `frame.code.clone()` costs two
                // atomic operations per call, per return into a caller,
                // per generator resumption).
                let code_ptr = crate::object::refcount::Arc::as_ptr(&frame.code);
                // SAFETY: the running frame's `Arc` keeps this `Code` alive
                // while `code` is read (`inline_call.rs`, "The borrowed code").
                code = unsafe { &*code_ptr };
                // Superinstructions skip check points, so ≤ 3.9 runs the
                // plain ops.
                ops = if EVERY { &code.ops } else { &code.quick };
                consts = &code.consts;
                pc = frame.pc;
                // As on a fresh entry into `exec`: the first instruction
                // of the frame now running is checked under ≤ 3.9.
                skip_check = false;
            }};
        }
        load_frame!();
        macro_rules! f {
            () => {
                // `frame_ptr` is the running frame's address, taken from
                // the list by `load_frame!` at the last frame switch; the
                // frame stays there, at that address, until an in-loop
                // return or yield, which reloads at once, or until this
                // function returns (`frame_stack.rs`, `inline_call.rs`'s
                // "The borrowed code"). The reference made here lives for
                // one expression that takes no `&mut self` (only disjoint
                // fields such as `self.stack`); the borrow checker enforced
                // that when the macro was `self.frames[fi]`, it is kept by
                // hand now.
                // SAFETY: a live frame, and no other reference to it in use.
                (*unsafe { &mut *frame_ptr.as_ptr() })
            };
        }
        macro_rules! leave {
            ($flow:expr) => {{
                f!().pc = pc;
                return $flow;
            }};
        }
        macro_rules! fail {
            ($e:expr) => {{
                leave!(Flow::Error($e, true))
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
        macro_rules! check {
            () => {
                if !EVERY {
                    self.rt.gil.check(&mut self.ts);
                }
            };
        }
        // RESUME's and a backward jump's check point: `check!()` and the
        // stop of a finishing interpreter, both asked of the GIL's eval
        // breaker in one load (`gil/breaker.rs`). ≤ 3.9 checked before
        // the instruction, so only the stop is asked here.
        macro_rules! check_or_stop {
            () => {
                let at = if EVERY {
                    if self.stop_requested() {
                        CheckPoint::Stop
                    } else {
                        CheckPoint::Continue
                    }
                } else {
                    self.rt.gil.check_or_stop(&mut self.ts)
                };
                if at == CheckPoint::Stop {
                    fail!(PyErr::Finalizing);
                }
            };
        }
        // Fast path: the frame a CALL just pushed runs in this same loop
        // (3.11's `goto start_frame`); plain path: `leave!(Flow::Call)` to
        // the frame loop, which runs the same admission check and then
        // `exec`s the new frame (generator frames, pushed by FOR_ITER and
        // YIELD_FROM, still go that way).
        macro_rules! enter_pushed_frame {
            () => {{
                // A refused frame (recursion limit) is already popped: the
                // error is the caller's, at its saved `pc`.
                tri!(self.admit_pushed_frame());
                load_frame!();
                // Fast path: the callee's `RESUME` (its entry check point,
                // the first instruction of every function) runs here
                // instead of being dispatched: the same check and stop
                // test as its arm below, one indirect jump fewer per call
                // (a call's `CALL > RESUME` was go's commonest pair of
                // instructions, 4.7 % of all it ran). ≤ 3.9 dispatches it,
                // its check point before it.
                if !EVERY && matches!(ops.get(pc), Some(Op::Resume)) {
                    pc += 1;
                    check_or_stop!();
                }
                continue;
            }};
        }
        // FOR_ITER's plain path (any iterator): push the next item, or pop
        // the iterator and jump to `$target`, or run a generator's frame.
        macro_rules! plain_for_iter {
            ($target:expr) => {{
                f!().pc = pc;
                match tri!(self.for_iter($target)) {
                    super::iter::ForIter::Item(v) => self.stack.push(v),
                    super::iter::ForIter::Exhausted => {
                        self.pop();
                        pc = $target as usize;
                    }
                    // Fast path: the generator's frame runs in this loop.
                    super::iter::ForIter::Pushed => enter_pushed_frame!(),
                }
            }};
        }
        // CALL n / CALL_METHOD n (`$method`: after LOAD_METHOD), after the
        // ≥ 3.10 check point. Fast paths, without keywords: a Python
        // function taking exactly these positional arguments
        // (`exact_call.rs`), a native with at most three (`call.rs`);
        // with keywords: a plain Python function (`keyword_call.rs`);
        // plain path: `call_stack`, which binds anything.
        macro_rules! call {
            ($n:expr, $method:expr) => {{
                check!();
                f!().pc = pc;
                match &kwnames {
                    None => {
                        if self.push_exact_args_frame($n, $method) {
                            enter_pushed_frame!();
                        }
                        if let Some(r) = self.call_native_small($n, $method) {
                            let v = tri!(r);
                            fused::push_value(&mut self.stack, v);
                            continue;
                        }
                    }
                    // Keywords naming a plain function's parameters
                    // (`keyword_call.rs`).
                    Some(kw) => {
                        if self.push_keywords_frame($n, $method, kw) {
                            kwnames = None;
                            enter_pushed_frame!();
                        }
                    }
                }
                if tri!(self.call_stack($n, $method, kwnames.take())) {
                    enter_pushed_frame!();
                }
            }};
        }
        // YIELD_VALUE (the value on top of the stack; `pc` saved). Fast
        // path: to a FOR_ITER consumer in this loop, through any
        // delegating generators (`inline_call.rs`); plain path: the frame
        // loop.
        macro_rules! yield_value {
            () => {{
                match self.yield_in_loop() {
                    super::inline_call::Yielded::InLoop | super::inline_call::Yielded::Resumed => {
                        load_frame!()
                    }
                    super::inline_call::Yielded::ToFrameLoop => return Flow::Yield,
                }
            }};
        }
        // POP_JUMP_IF_FALSE/TRUE's test: the truth of the popped top of
        // the stack. Fast path: a bool, `None` or int tested in place
        // (`superinstr.rs`); plain path: popped and tested (`__bool__` may
        // run Python code, so `pc` is saved first).
        macro_rules! pop_truth {
            () => {
                match fused::pop_scalar_truth(&mut self.stack) {
                    Some(b) => b,
                    None => {
                        let v = self.pop();
                        let truth = match v.truthy_inline() {
                            Some(b) => b,
                            None => {
                                f!().pc = pc;
                                tri!(self.truthy(&v))
                            }
                        };
                        v.discard();
                        truth
                    }
                }
            };
        }
        // RETURN_VALUE of `$v`. Fast path: back into a caller in this loop
        // (3.11's `goto resume_frame`); plain path: the frame loop.
        macro_rules! return_value {
            ($v:expr) => {{
                match self.return_in_loop($v) {
                    // The returning frame is gone: no `f!()` before the
                    // reload.
                    super::inline_call::Returned::InLoop => load_frame!(),
                    super::inline_call::Returned::ToFrameLoop(v) => leave!(Flow::Return(v)),
                }
            }};
        }
        // BINARY_OP's generic path for the popped operands `a` and `b`,
        // the result pushed. Fast path: an instance's Python `__op__` run
        // by this frame loop (`dunder_call.rs`; `pc` is saved past the
        // operator, where the frame returns). It is entered through the
        // frame loop (`Flow::Call`), not in place as a call's frame is:
        // entered here, or decided here rather than in the out-of-line
        // call, the loop's other paths lost registers (callgrind: go and
        // richards +1 %, neither running a dunder).
        macro_rules! binary_generic {
            ($bop:expr, $inplace:expr, $a:expr, $b:expr) => {
                match tri!(self.binary_in_loop($bop, $inplace, $a, $b)) {
                    BinaryOutcome::Value(r) => self.stack.push(r),
                    BinaryOutcome::FramePushed => leave!(Flow::Call),
                }
            };
        }
        // LOAD_GLOBAL_ATTR_CACHED. Fast path: a class global's cached
        // attribute pushed, `pc` past the covered LOAD_ATTR_CACHED; plain
        // path: the global pushed, and the covered op runs.
        macro_rules! load_global_attr {
            ($g:expr, $s:expr) => {{
                let globals = &f!().globals;
                let site = &code.attr_sites[$s as usize];
                if global_jump::push_global_class_attr(&mut self.stack, globals, $g, site) {
                    pc += 1;
                } else {
                    self.stack.push(tri!(load_global(globals, $g)));
                }
            }};
        }
        // LOAD_FAST_METHOD_CACHED: `pc` moved past the covered
        // LOAD_METHOD_CACHED; fast path: the method and receiver pushed
        // from the site's fact (no Python code runs); plain path:
        // `load_fast_method_cached`, which may run anything.
        macro_rules! load_fast_method {
            ($local:expr, $s:expr) => {{
                pc += 1;
                if !local_attr::push_fast_local_method(&mut self.stack, &f!(), code, $local, $s) {
                    f!().pc = pc;
                    let (m, recv) = tri!(self.load_fast_method_cached(code, fi, $local, $s));
                    self.stack.push(m);
                    self.stack.push(recv);
                }
            }};
        }
        // LOAD_FAST_ATTR_CACHED's steps (`pc` already past the covered
        // LOAD_ATTR_CACHED). Fast path: the site's facts hold (no Python
        // code runs, nothing raises, so `pc` need not be saved); plain
        // path: `load_fast_attr_cached`, which may run anything.
        macro_rules! load_fast_attr {
            ($local:expr, $s:expr) => {{
                if local_attr::push_fast_local_attr(&mut self.stack, &f!(), code, $local, $s) {
                    continue;
                }
                f!().pc = pc;
                let v = tri!(self.load_fast_attr_cached(code, fi, $local, $s));
                self.stack.push(v);
            }};
        }
        loop {
            // Fast path: the instruction is matched where it lies
            // (`match *op`), so each arm loads only its own operands. The
            // plain `let op = ops[pc]; match op` copied the whole 12-byte
            // instruction first: every operand loaded (and one spilled)
            // before the jump, whichever arm ran: ~20 instructions of
            // dispatch, now ~14 (go −4 %, nbody −6 % instructions). The
            // jump itself goes through a table of addresses on x86-64
            // Linux, not of offsets: the workspace's `.cargo/config.toml`.
            let Some(op) = ops.get(pc) else {
                leave!(Flow::Return(Value::None));
            };
            pc += 1;
            if EVERY {
                if !skip_check && !never_checked_before(*op) {
                    self.rt.gil.check(&mut self.ts);
                }
                skip_check = skips_next_check(*op);
            }
            match *op {
                // ---- superinstructions (≥ 3.10 policy only) ----
                Op::FusedFastConstCompareJump(a, c, cmp, target) => {
                    if let Some(r) = fused::fast_const_compare(&f!(), consts, a, c, cmp) {
                        pc = if r { pc + 3 } else { target as usize };
                        continue;
                    }
                    // Not ints: run the covered LOAD_FAST and carry on with
                    // the unfused instructions that follow it.
                    tri!(fused::push_local(&mut self.stack, &f!(), a));
                }
                Op::FusedFastConstOpStoreJump(a, c, bop, d, target) => {
                    if let (Some(Some(Value::Int(x))), Some(Value::Int(y))) =
                        (f!().locals.get(a as usize), consts.get(c as usize))
                    {
                        if let Some(r) = int_arith(bop, *x, *y) {
                            store_int(&mut f!().locals, d, r);
                            pc = target as usize;
                            // The fused JUMP_BACKWARD's check point.
                            check_or_stop!();
                            // Fast path (jump threading): the jump lands on
                            // the loop's test (`while i > 0:`), fused too;
                            // run it here instead of dispatching it.
                            if let Some(&Op::FusedFastConstCompareJump(a, c, cmp, exit)) =
                                ops.get(pc)
                            {
                                if let Some(r) = fused::fast_const_compare(&f!(), consts, a, c, cmp)
                                {
                                    pc = if r { pc + 4 } else { exit as usize };
                                }
                            }
                            continue;
                        }
                    }
                    tri!(fused::push_local(&mut self.stack, &f!(), a));
                }
                Op::FusedFastConstOpStore(a, c, bop, d) => {
                    if let (Some(Some(Value::Int(x))), Some(Value::Int(y))) =
                        (f!().locals.get(a as usize), consts.get(c as usize))
                    {
                        if let Some(r) = int_arith(bop, *x, *y) {
                            store_int(&mut f!().locals, d, r);
                            pc += 3;
                            continue;
                        }
                    }
                    tri!(fused::push_local(&mut self.stack, &f!(), a));
                }
                Op::FusedLoadLoadOpStore(x, y, bop, d) => {
                    if fused::load_load_op_store_int(&mut f!(), consts, x, y, bop, d) {
                        pc += 3;
                        continue;
                    }
                    // Fast path: floats read in place, stored without drop
                    // glue; else the operands are cloned for the plain path.
                    if let Some(r) = fused::load_load_float(&f!(), consts, x, y, bop) {
                        fused::store_float(&mut f!().locals, d & !crate::bytecode::INPLACE_BIT, r);
                        pc += 3;
                        continue;
                    }
                    // An error belongs to the covered BINARY_OP (2 ahead).
                    let (a, b) = tri!(fused::operands(&f!(), consts, x, y));
                    let inplace = d & crate::bytecode::INPLACE_BIT != 0;
                    pc += 2;
                    // Fast path: floats; else the generic BINARY_OP.
                    let r = match float_arith(bop, &a, &b) {
                        Some(r) => Value::Float(r),
                        None => tri!(self.binary_or_inplace(bop, inplace, a, b)),
                    };
                    let slot = (d & !crate::bytecode::INPLACE_BIT) as usize;
                    Value::store_local(&mut f!().locals[slot], Some(r));
                    pc += 1;
                }
                Op::FusedLoadLoadBinop(x, y, bop, inplace) => {
                    if let Some(r) = fused::load_load_binop_int(&f!(), consts, x, y, bop) {
                        self.stack.push(Value::Int(r));
                        pc += 2;
                        continue;
                    }
                    // Fast path: floats read in place (no clone, no drop).
                    if let Some(r) = fused::load_load_float(&f!(), consts, x, y, bop) {
                        self.stack.push(Value::Float(r));
                        pc += 2;
                        continue;
                    }
                    let (a, b) = tri!(fused::operands(&f!(), consts, x, y));
                    pc += 2;
                    // Fast path: floats; else the generic BINARY_OP.
                    match float_arith(bop, &a, &b) {
                        Some(r) => self.stack.push(Value::Float(r)),
                        None => binary_generic!(bop, inplace, a, b),
                    }
                }
                Op::FusedLoadBinop(y, bop, inplace) => {
                    if fused::load_binop_int(&mut self.stack, &f!(), consts, y, bop)
                        || fused::load_binop_float(&mut self.stack, &f!(), consts, y, bop)
                    {
                        pc += 1;
                        continue;
                    }
                    let b = tri!(fused::operand(&f!(), consts, y));
                    pc += 1;
                    let a = self.pop();
                    // Fast path: floats; else the generic BINARY_OP.
                    match float_arith(bop, &a, &b) {
                        Some(r) => self.stack.push(Value::Float(r)),
                        None => binary_generic!(bop, inplace, a, b),
                    }
                }
                Op::FusedLoadCompareJump(y, cmp, target) => {
                    if let Some(jump) =
                        fused::load_compare_jump_int(&mut self.stack, &f!(), consts, y, cmp)
                    {
                        pc = if jump { target as usize } else { pc + 2 };
                        continue;
                    }
                    // Not two ints: the covered LOAD, then the op after it,
                    // itself fused (FUSED_COMPARE_JUMP: floats, strs, then
                    // the plain path).
                    let b = tri!(fused::operand(&f!(), consts, y));
                    self.stack.push(b);
                }
                Op::FusedCompareJump(cmp, when, target) => {
                    // Fast path: ints, floats, strs tested in place, no
                    // bool pushed (`compare_jump.rs`).
                    if let Some(answer) = super::compare_jump::pop_compare(&mut self.stack, cmp) {
                        pc = when.next_pc(answer, target, pc + 1);
                        continue;
                    }
                    // Plain path: COMPARE_OP's generic path; the covered
                    // POP_JUMP_IF_* then runs unfused on its answer.
                    f!().pc = pc;
                    let b = self.pop();
                    let a = self.pop();
                    let r = tri!(self.rich_compare(&a, &b, cmp));
                    self.stack.push(r);
                }
                // Identity runs no Python code and cannot fail: no plain path.
                Op::FusedIsJump(when, target) => {
                    let b = self.pop();
                    let a = self.pop();
                    pc = when.next_pc(a.is(&b), target, pc + 1);
                }
                Op::FusedConstIsJump(c, when, target) => {
                    let a = self.pop();
                    pc = when.next_pc(a.is(&consts[c as usize]), target, pc + 2);
                }
                Op::FusedFastConstIsJump(a, c, when, target) => {
                    // Fast path: the local tested where it lies.
                    let test = super::compare_jump::local_is_const(&f!(), consts, a, c);
                    if let Some(same) = test {
                        pc = when.next_pc(same, target, pc + 3);
                        continue;
                    }
                    // Plain path: unbound; the covered LOAD_FAST raises.
                    tri!(fused::push_local(&mut self.stack, &f!(), a));
                }
                // Fast path: the global tested where it lies, under its
                // slot lock (`global_jump.rs`); plain path: the covered
                // LOAD_GLOBAL, then the covered jump.
                Op::FusedGlobalJump(g, when, target) => {
                    let globals = &f!().globals;
                    match global_jump::global_truth(globals, g) {
                        Some(truth) => pc = when.next_pc(truth, target, pc + 1),
                        None => self.stack.push(tri!(load_global(globals, g))),
                    }
                }
                // The same, TOS compared with the global; plain path: the
                // covered LOAD_GLOBAL, then the FUSED_COMPARE_JUMP after it.
                Op::FusedGlobalCompareJump(g, cmp, when, target) => {
                    let globals = &self.frames[fi].globals;
                    match global_jump::pop_compare_global(&mut self.stack, globals, g, cmp) {
                        Some(answer) => pc = when.next_pc(answer, target, pc + 2),
                        None => self.stack.push(tri!(load_global(globals, g))),
                    }
                }
                Op::FusedForIterStore(target, slot) => {
                    let step = match self.stack.last() {
                        Some(Value::RangeIter(r)) => match r.next_int() {
                            Some(v) => {
                                store_int(&mut f!().locals, slot, v);
                                pc += 1;
                                continue;
                            }
                            None => Some(None),
                        },
                        // Fast path: a list or tuple iterator, stepped in
                        // place, its item cloned straight into the slot
                        // (`iter/step.rs`).
                        Some(Value::Iter(it)) => {
                            match super::iter::step_sequence_into(
                                it,
                                &mut f!().locals[slot as usize],
                            ) {
                                Some(true) => {
                                    pc += 1;
                                    continue;
                                }
                                Some(false) => Some(None),
                                None => None,
                            }
                        }
                        _ => None,
                    };
                    // Plain path (everything else): the plain FOR_ITER,
                    // then the covered STORE_FAST runs unfused.
                    let step = match step {
                        Some(step) => step,
                        None => match tri!(self.for_iter(target)) {
                            super::iter::ForIter::Item(v) => Some(v),
                            super::iter::ForIter::Exhausted => None,
                            // Fast path: the generator's frame runs in
                            // this loop.
                            super::iter::ForIter::Pushed => {
                                f!().pc = pc;
                                enter_pushed_frame!();
                            }
                        },
                    };
                    match step {
                        Some(v) => {
                            Value::store_local(&mut f!().locals[slot as usize], Some(v));
                            pc += 1;
                        }
                        None => {
                            self.pop();
                            pc = target as usize;
                        }
                    }
                }

                Op::FusedForIterUnpackStore2(target, a, b) => {
                    // Fast path: enumerate / zip / a list of pairs, read
                    // straight into the two locals (`iter_pairs.rs`).
                    if let Some((x, y)) = self.stack.last().and_then(super::iter_pairs::next_pair) {
                        Value::store_local(&mut f!().locals[a as usize], Some(x));
                        Value::store_local(&mut f!().locals[b as usize], Some(y));
                        pc += 3;
                        continue;
                    }
                    // The plain FOR_ITER; the covered UNPACK_SEQUENCE and
                    // STORE_FASTs then run unfused.
                    plain_for_iter!(target);
                }

                Op::FusedUnpackStore(n, top, at) => {
                    // Fast path: an exact tuple or list of `n` items into
                    // the `n` locals of the STORE_FASTs after this op
                    // (`unpack_store.rs`), their slots read from the code's
                    // table (`compiler/quicken.rs`), one of which, the
                    // highest, is checked against the frame.
                    let targets = code
                        .unpack_targets
                        .get(at as usize..at as usize + usize::from(n))
                        .unwrap_or(&[]);
                    let stored = match self.stack.last() {
                        Some(v) => super::unpack_store::unpack_store(
                            v,
                            targets,
                            top,
                            &mut self.frames[fi].locals,
                        ),
                        None => false,
                    };
                    if stored {
                        // The unpacked sequence let go inline (`release`).
                        self.pop().release();
                        pc += n as usize;
                        continue;
                    }
                    // Plain path: what UNPACK_SEQUENCE does (it raises
                    // for a wrong length or a non-iterable), then the
                    // STORE_FASTs run unfused.
                    f!().pc = pc;
                    let v = self.pop();
                    let items = tri!(self.unpack(&v, n as usize));
                    self.stack.extend(items.into_iter().rev());
                }
                Op::FusedFastConstDupSubscr(a, c) => {
                    // Fast path: the read half of `xs[0] -= v` in one
                    // dispatch (`list_subscript.rs`).
                    let xs = f!().locals.get(usize::from(a)).and_then(Option::as_ref);
                    if super::list_subscript::push_local_const_item(
                        &mut self.stack,
                        xs,
                        consts.get(usize::from(c)),
                    ) {
                        pc += 4;
                        continue;
                    }
                    // The covered LOAD_FAST (its unbound-local error
                    // included); the rest runs as it was quickened.
                    tri!(fused::push_local(&mut self.stack, &f!(), a));
                }
                Op::FusedDupSubscr => {
                    // Fast path: `xs[i]` of `xs[i] op= v` on a list.
                    if super::list_subscript::dup_subscr_list_int(&mut self.stack) {
                        pc += 2;
                        continue;
                    }
                    // The covered first COPY 2; the rest runs unfused.
                    let v = self.stack[self.stack.len() - 2].clone();
                    self.stack.push(v);
                }
                Op::FusedOpStoreSubscr(bop, inplace) => {
                    // The covered BINARY_OP, its number fast paths first.
                    if !fused::binary_op_top2(&mut self.stack, bop) {
                        f!().pc = pc;
                        let b = self.pop();
                        let a = self.pop();
                        let r = tri!(self.binary_or_inplace(bop, inplace, a, b));
                        self.stack.push(r);
                    }
                    // Fast path: the store into a list without the swaps;
                    // else the SWAPs and STORE_SUBSCR run unfused.
                    if super::list_subscript::store_top_list_int(&mut self.stack) {
                        pc += 3;
                    }
                }

                // ---- loads and stores ----
                Op::Nop => {}
                Op::Resume => {
                    check_or_stop!();
                }
                // No int/float arms in LOAD_CONST and LOAD_FAST: rebuilding
                // `Value::Int(*x)` wrote the value as two 8-byte stores that
                // the shared push read back as one 16-byte load, which the
                // CPU cannot forward; `clone` copies the 16 bytes whole
                // (`value.rs`). LOAD_CONST: nbody −6 % CPU. LOAD_FAST (perf:
                // 8 % of nqueens' cycles on that load): nqueens −5 %, go and
                // richards −2 %, unpack_sequence +2 % (N=9; an earlier try
                // read +14 % there, on a noisier day).
                Op::LoadConst(i) => self.stack.push(consts[i as usize].clone()),
                Op::LoadFast(i) => match &f!().locals[i as usize] {
                    Some(v) => self.stack.push(v.clone()),
                    None => fail!(super::exceptions::unbound_local(code, i)),
                },
                Op::StoreFast(i) => match self.stack.pop() {
                    Some(Value::Int(x)) if i <= u16::MAX as u32 => {
                        store_int(&mut f!().locals, i as u16, x)
                    }
                    Some(Value::Float(x)) if i <= u16::MAX as u32 => {
                        fused::store_float(&mut f!().locals, i as u16, x)
                    }
                    v => Value::store_local(&mut f!().locals[i as usize], v),
                },
                Op::DeleteFast(i) => {
                    if f!().locals[i as usize].take().is_none() {
                        fail!(super::exceptions::unbound_local(code, i));
                    }
                }
                Op::LoadDeref(i) => {
                    let v = f!().cells[i as usize].lock().clone();
                    match v {
                        Some(v) => self.stack.push(v),
                        None => fail!(super::exceptions::unbound_cell(code, i)),
                    }
                }
                Op::StoreDeref(i) => {
                    let v = self.pop();
                    let old = f!().cells[i as usize].replace(Some(v));
                    drop(old);
                }
                Op::DeleteDeref(i) => {
                    let old = f!().cells[i as usize].replace(None);
                    if old.is_none() {
                        fail!(super::exceptions::unbound_cell(code, i));
                    }
                }
                Op::LoadClassDeref(n, i) => {
                    let name = &code.names[n as usize];
                    let found = f!().namespace.as_ref().and_then(|ns| ns.get_str(name));
                    let v = match found {
                        Some(v) => Some(v),
                        None => f!().cells[i as usize].lock().clone(),
                    };
                    match v {
                        Some(v) => self.stack.push(v),
                        None => fail!(super::exceptions::unbound_cell(code, i)),
                    }
                }
                Op::LoadGlobal(i) => {
                    // Fast path: pushed where it is found; plain path:
                    // `load_global`, which raises the NameError.
                    if !global_jump::push_global(&mut self.stack, &f!().globals, i) {
                        let v = tri!(super::exceptions::load_global(&f!().globals, i));
                        self.stack.push(v);
                    }
                }
                Op::StoreGlobal(i) => {
                    let v = self.pop();
                    let old = f!().globals.set_slot(i, Some(v));
                    drop(old);
                }
                Op::DeleteGlobal(i) => {
                    if f!().globals.set_slot(i, None).is_none() {
                        let name = code.global_names[i as usize].as_str();
                        fail!(PyErr::new(
                            ExcKind::NameError,
                            format!("name '{name}' is not defined")
                        ));
                    }
                }
                Op::LoadName(n, g) => {
                    let name = &code.names[n as usize];
                    let found = f!().namespace.as_ref().and_then(|ns| ns.get_str(name));
                    let v = match found {
                        Some(v) => v,
                        None => tri!(super::exceptions::load_global(&f!().globals, g)),
                    };
                    self.stack.push(v);
                }
                Op::StoreName(n) => {
                    let v = self.pop();
                    let name = code.names[n as usize].clone();
                    match &f!().namespace {
                        Some(ns) => ns.set_str(name, v),
                        None => f!().globals.set(name, v),
                    }
                }
                Op::DeleteName(n) => {
                    let name = &code.names[n as usize];
                    let removed = match &f!().namespace {
                        Some(ns) => ns.lock().remove_str(name).is_some(),
                        None => f!().globals.delete(name.as_str()),
                    };
                    if !removed {
                        fail!(PyErr::new(
                            ExcKind::NameError,
                            format!("name '{}' is not defined", name.as_str())
                        ));
                    }
                }
                Op::LoadAttr(i) => {
                    f!().pc = pc;
                    let obj = self.pop();
                    let v = tri!(self.get_attr(&obj, &code.names[i as usize]));
                    self.stack.push(v);
                }
                Op::StoreAttr(i) => {
                    f!().pc = pc;
                    let obj = self.pop();
                    let v = self.pop();
                    tri!(self.set_attr(&obj, &code.names[i as usize], v));
                }
                Op::DeleteAttr(i) => {
                    f!().pc = pc;
                    let obj = self.pop();
                    tri!(self.del_attr(&obj, &code.names[i as usize]));
                }
                Op::LoadMethod(i) => {
                    f!().pc = pc;
                    let obj = self.pop();
                    let (m, recv) = tri!(self.load_method(obj, &code.names[i as usize]));
                    self.stack.push(m);
                    self.stack.push(recv);
                }

                // Fast path: the same three with their inline caches
                // (quickened code only; `attr_cache.rs`).
                Op::LoadAttrCached(s) => {
                    // Fast path: an instance's dict attribute replaces the
                    // instance on the stack in place.
                    let site = &code.attr_sites[s as usize];
                    let name = site.key();
                    if super::attr_in_place::replace_top_with_instance_value(
                        &mut self.stack,
                        site,
                        name,
                    ) {
                        continue;
                    }
                    f!().pc = pc;
                    let obj = self.pop();
                    let v = tri!(self.load_attr_cached(code, s, obj));
                    self.stack.push(v);
                }
                Op::StoreAttrCached(s) => {
                    f!().pc = pc;
                    let obj = self.pop();
                    let v = self.pop();
                    tri!(self.store_attr_cached(code, s, obj, v));
                }
                // Fast path: the receiver borrowed from its local
                // (`local_attr.rs`); the covered cached op is skipped.
                // (`pc` moves past it first, so an error is reported at
                // the attribute instruction, as the unfused pair does.)
                Op::LoadFastAttrCached(local, s) => {
                    pc += 1;
                    load_fast_attr!(local, s);
                }
                // Fast path: `TOS cmp local.name` for the covered jump, the
                // attribute read where it lies (`local_attr.rs`); plain
                // path: the covered LOAD_FAST_ATTR_CACHED's, then the
                // covered FUSED_COMPARE_JUMP runs.
                Op::LoadFastAttrCompareJump(local, s) => {
                    pc += 1;
                    if let Some(&Op::FusedCompareJump(cmp, when, target)) = ops.get(pc) {
                        let test = local_attr::compare_fast_local_attr(
                            &mut self.stack,
                            &f!(),
                            code,
                            local,
                            s,
                            cmp,
                        );
                        match test {
                            AttrOperand::Done(answer) => {
                                pc = when.next_pc(answer, target, pc + 2);
                                continue;
                            }
                            // The attribute is pushed: the compare runs.
                            AttrOperand::Pushed => continue,
                            AttrOperand::Missed => {}
                        }
                    }
                    load_fast_attr!(local, s);
                }
                // Fast path: `TOS op local.name` on numbers, the attribute
                // read where it lies (`local_attr.rs`); plain path: the
                // covered LOAD_FAST_ATTR_CACHED's, then the covered
                // BINARY_OP runs.
                Op::LoadFastAttrBinop(local, s) => {
                    pc += 1;
                    if let Some(&Op::BinaryOp(bop, _)) = ops.get(pc) {
                        let done = local_attr::binop_fast_local_attr(
                            &mut self.stack,
                            &f!(),
                            code,
                            local,
                            s,
                            bop,
                        );
                        match done {
                            AttrOperand::Done(()) => {
                                pc += 1;
                                continue;
                            }
                            // The attribute is pushed: the operator runs.
                            AttrOperand::Pushed => continue,
                            AttrOperand::Missed => {}
                        }
                    }
                    load_fast_attr!(local, s);
                }
                // Fast path: a class's own attribute, the class borrowed
                // from its global slot (`global_jump.rs`); plain path: the
                // covered LOAD_GLOBAL, then the covered LOAD_ATTR_CACHED.
                Op::LoadGlobalAttrCached(g, s) => load_global_attr!(g, s),
                // `TOS cmp G.name` for the covered jump. Fast path: the
                // class attribute compared where it lies
                // (`global_jump.rs`); plain path: LOAD_GLOBAL_ATTR_CACHED's,
                // then the covered FUSED_COMPARE_JUMP runs.
                Op::LoadGlobalAttrCompareJump(g, s) => {
                    if let Some(&Op::FusedCompareJump(cmp, when, target)) = ops.get(pc + 1) {
                        let site = &code.attr_sites[s as usize];
                        let globals = &f!().globals;
                        if let Some(answer) = global_jump::pop_compare_global_class_attr(
                            &mut self.stack,
                            globals,
                            g,
                            site,
                            cmp,
                        ) {
                            // Past the covered LOAD_ATTR_CACHED,
                            // FUSED_COMPARE_JUMP and its POP_JUMP.
                            pc = when.next_pc(answer, target, pc + 3);
                            continue;
                        }
                    }
                    load_global_attr!(g, s);
                }
                // Fast path: `local.name op= y` on an int attribute in
                // place (`attr_update.rs`); not once a free-threaded run
                // has a second thread, whose race window it would close.
                // Plain path: the covered LOAD_FAST, then the covered ops
                // one by one.
                Op::LoadFastAttrUpdate(local) => {
                    if (!self.free_threaded || crate::object::cell_mode::counts_are_plain())
                        && super::attr_update::update_int_attr(&f!(), code, consts, ops, pc, local)
                    {
                        pc += 6;
                        continue;
                    }
                    tri!(fused::push_local(&mut self.stack, &f!(), local));
                }
                Op::StoreFastAttrCached(local, s) => {
                    pc += 1;
                    f!().pc = pc;
                    let v = self.pop();
                    tri!(self.store_fast_attr_cached(code, fi, local, s, v));
                }
                Op::LoadFastAttrStoreFast(local, s, d) => {
                    // LOAD_FAST_ATTR_CACHED's steps, then the covered
                    // STORE_FAST's, without the stack between them.
                    pc += 1;
                    // Fast path: the attribute cloned straight into the
                    // slot (`local_attr.rs`); plain path: the cached op's,
                    // storing out of line.
                    if !local_attr::store_fast_local_attr(&mut f!(), code, local, s, d) {
                        f!().pc = pc;
                        tri!(self.load_fast_attr_store_fast(code, fi, local, s, d));
                    }
                    pc += 1;
                }
                Op::LoadFastStoreFastAttr(v, local, s) => {
                    // The covered LOAD_FAST's steps (it raises for an
                    // unbound local), then STORE_FAST_ATTR_CACHED's.
                    let val = tri!(fused::operand(&f!(), consts, crate::bytecode::Src::Fast(v)));
                    pc += 2;
                    f!().pc = pc;
                    tri!(self.store_fast_attr_cached(code, fi, local, s, val));
                }
                Op::LoadFastMethodCached(local, s) => load_fast_method!(local, s),
                // `l.m()` / `l.m(x)` from the lookup to the frame
                // (`method_call.rs`). Fast path: a plain Python method,
                // the receiver (and argument) bound into its frame, after
                // the covered call's check point. Plain path:
                // LOAD_FAST_METHOD_CACHED, then the covered ops run.
                Op::LoadFastMethodCall(local, s, arg) => {
                    if let Some(call) =
                        method_call::plain_method_call(&f!(), code, consts, local, s, arg)
                    {
                        // Past the covered LOAD_METHOD_CACHED, the argument's
                        // load and the CALL_METHOD.
                        pc += 2 + usize::from(arg.is_some());
                        check!();
                        f!().pc = pc;
                        self.push_method_frame(call);
                        enter_pushed_frame!();
                    }
                    load_fast_method!(local, s);
                }
                Op::LoadMethodCached(s) => {
                    f!().pc = pc;
                    let obj = self.pop();
                    let (m, recv) = tri!(self.load_method_cached(code, s, obj));
                    self.stack.push(m);
                    self.stack.push(recv);
                }

                // ---- operators ----
                Op::BinaryOp(bop, inplace) => {
                    let len = self.stack.len();
                    if let (Some(Value::Int(x)), Some(Value::Int(y))) =
                        (self.stack.get(len.wrapping_sub(2)), self.stack.last())
                    {
                        if let Some(r) = int_arith(bop, *x, *y) {
                            fused::pop_number(&mut self.stack);
                            self.stack[len - 2] = Value::Int(r);
                            continue;
                        }
                    }
                    // Fast path: floats (BINARY_OP_*_FLOAT).
                    if let (Some(a), Some(b)) =
                        (self.stack.get(len.wrapping_sub(2)), self.stack.last())
                    {
                        if let Some(r) = float_arith(bop, a, b) {
                            fused::pop_number(&mut self.stack);
                            fused::overwrite_number(&mut self.stack[len - 2], Value::Float(r));
                            continue;
                        }
                    }
                    f!().pc = pc;
                    let b = self.pop();
                    let a = self.pop();
                    binary_generic!(bop, inplace, a, b);
                }
                Op::CompareOp(cmp) => {
                    let len = self.stack.len();
                    if let (Some(Value::Int(x)), Some(Value::Int(y))) =
                        (self.stack.get(len.wrapping_sub(2)), self.stack.last())
                    {
                        if let Some(r) = int_cmp(cmp, *x, *y) {
                            fused::pop_number(&mut self.stack);
                            self.stack[len - 2] = Value::Bool(Flag(r));
                            continue;
                        }
                    }
                    // Fast path: two floats (COMPARE_OP_FLOAT_JUMP's test).
                    if let (Some(a), Some(b)) =
                        (self.stack.get(len.wrapping_sub(2)), self.stack.last())
                    {
                        if let Some(r) = float_cmp(cmp, a, b) {
                            fused::pop_number(&mut self.stack);
                            self.stack[len - 2] = Value::Bool(Flag(r));
                            continue;
                        }
                    }
                    f!().pc = pc;
                    let b = self.pop();
                    let a = self.pop();
                    let r = tri!(self.rich_compare(&a, &b, cmp));
                    self.stack.push(r);
                }
                Op::ContainsOp(negate) => {
                    f!().pc = pc;
                    let container = self.pop();
                    let item = self.pop();
                    let r = tri!(self.contains(&container, &item));
                    self.stack.push(Value::Bool(Flag(r != negate)));
                }
                Op::IsOp(negate) => {
                    let b = self.pop();
                    let a = self.pop();
                    self.stack.push(Value::Bool(Flag(a.is(&b) != negate)));
                    b.discard();
                    a.discard();
                }
                Op::Unary(UnaryOp::Not) => {
                    let a = self.pop();
                    let t = match a.truthy_inline() {
                        Some(t) => t,
                        None => tri!(self.truthy(&a)),
                    };
                    self.stack.push(Value::Bool(Flag(!t)));
                }
                Op::Unary(uop) => {
                    f!().pc = pc;
                    let a = self.pop();
                    let r = tri!(self.unary_op(uop, &a));
                    self.stack.push(r);
                }

                // ---- jumps ----
                Op::PopJumpIfFalse(t) => {
                    if !pop_truth!() {
                        pc = t as usize;
                    }
                }
                Op::PopJumpIfTrue(t) => {
                    if pop_truth!() {
                        pc = t as usize;
                    }
                }
                Op::JumpIfFalseOrPop(t) => {
                    let truth = tri!(self.top_truthy());
                    if truth {
                        self.pop().discard();
                    } else {
                        pc = t as usize;
                    }
                }
                Op::JumpIfTrueOrPop(t) => {
                    let truth = tri!(self.top_truthy());
                    if truth {
                        pc = t as usize;
                    } else {
                        self.pop().discard();
                    }
                }
                Op::JumpForward(t) => pc = t as usize,
                Op::JumpBackward(t) => {
                    pc = t as usize;
                    check_or_stop!();
                }

                // ---- iteration ----
                Op::GetIter => {
                    f!().pc = pc;
                    let v = self.pop();
                    let it = tri!(self.get_iter(&v));
                    self.stack.push(it);
                }
                Op::ForIter(t) => {
                    let step = match self.stack.last() {
                        Some(Value::RangeIter(r)) => Some(r.next_int().map(Value::Int)),
                        // Fast path: a list or tuple iterator, stepped in
                        // place (`iter/step.rs`).
                        Some(Value::Iter(it)) => super::iter::step_sequence(it),
                        _ => None,
                    };
                    match step {
                        Some(Some(v)) => self.stack.push(v),
                        Some(None) => {
                            self.pop();
                            pc = t as usize;
                        }
                        None => plain_for_iter!(t),
                    }
                }

                // ---- calls ----
                Op::KwNames(i) => kwnames = Some(consts[i as usize].clone()),
                Op::Call(n) => call!(n as usize, false),
                Op::CallComprehension(i) => {
                    // GET_ITER (its errors point at it), then the covered
                    // CALL 1's check point (`vm/comprehension.rs`).
                    f!().pc = pc;
                    let v = self.pop();
                    let it = tri!(self.get_iter(&v));
                    pc += 1;
                    check!();
                    f!().pc = pc;
                    if self.call_comprehension(code, i as usize, it) {
                        leave!(Flow::Call);
                    }
                }
                Op::CallMethod(n) => call!(n as usize, true),
                Op::CallFunctionEx(flags) => {
                    check!();
                    f!().pc = pc;
                    let kwargs = if flags & CALL_EX_KWARGS != 0 {
                        Some(self.pop())
                    } else {
                        None
                    };
                    let args = self.pop();
                    if tri!(self.call_ex(args, kwargs)) {
                        enter_pushed_frame!();
                    }
                }
                Op::ReturnValue => match self.return_top_in_loop() {
                    // The returning frame is gone: no `f!()` before the
                    // reload.
                    super::inline_call::Returned::InLoop => load_frame!(),
                    super::inline_call::Returned::ToFrameLoop(v) => leave!(Flow::Return(v)),
                },
                // ---- the leftover loads, paired (`compiler/load_pairs.rs`) ----
                // LOAD x; LOAD y: both pushed, one dispatch. `y`'s error is
                // the covered second load's (`pc` past it first).
                Op::FusedLoadLoad(x, y) => {
                    tri!(fused::push_operand(&mut self.stack, &f!(), consts, x));
                    pc += 1;
                    tri!(fused::push_operand(&mut self.stack, &f!(), consts, y));
                }
                // LOAD x; CALL n / CALL_METHOD n: `x` pushed, then the
                // covered call's arm (its check point first, as before).
                Op::FusedLoadCall(x, n) => {
                    tri!(fused::push_operand(&mut self.stack, &f!(), consts, x));
                    pc += 1;
                    call!(n as usize, false)
                }
                Op::FusedLoadCallMethod(x, n) => {
                    tri!(fused::push_operand(&mut self.stack, &f!(), consts, x));
                    pc += 1;
                    call!(n as usize, true)
                }
                // LOAD_FAST a; POP_JUMP_IF_* t. Fast path: the local's truth
                // read where it lies; plain path: the local pushed and the
                // covered jump run (an instance's `__bool__`, an unbound
                // local's error).
                Op::FusedFastJump(a, when, target) => match fused::local_truth(&f!(), a) {
                    Some(truth) => pc = when.next_pc(truth, target, pc + 1),
                    None => tri!(fused::push_local(&mut self.stack, &f!(), a)),
                },
                Op::FusedReturnFast(a) => {
                    // The frame ends here, so its local is taken, not
                    // cloned (no count up now and down at the frame's
                    // reset); unbound raises what LOAD_FAST raises.
                    match f!().locals[usize::from(a)].take() {
                        Some(v) => return_value!(v),
                        None => fail!(super::exceptions::unbound_local(code, u32::from(a))),
                    }
                }
                Op::FusedReturnConst(c) => {
                    let v = consts[usize::from(c)].clone();
                    return_value!(v);
                }

                // ---- generators ----
                // The yielded value stays on the stack (see `Flow::Yield`).
                Op::YieldValue => {
                    f!().pc = pc;
                    yield_value!();
                }
                Op::YieldFrom => {
                    f!().pc = pc - 1;
                    let sent = self.pop();
                    match tri!(self.yield_from(sent)) {
                        // Both stay at YIELD_FROM (`pc` saved above): the
                        // sub-generator's return moves this frame past it.
                        // Its frame runs in this loop.
                        super::iter::Delegated::Pushed => enter_pushed_frame!(),
                        super::iter::Delegated::Yielded(v) => {
                            self.stack.push(v);
                            yield_value!();
                        }
                        super::iter::Delegated::Returned(v) => {
                            self.pop();
                            self.stack.push(v);
                        }
                    }
                }
                Op::GetYieldFromIter => {
                    f!().pc = pc;
                    let v = self.pop();
                    let it = tri!(self.get_yield_from_iter(v));
                    self.stack.push(it);
                }
                Op::GetAwaitable => {
                    f!().pc = pc;
                    let v = self.pop();
                    let it = tri!(self.get_awaitable(v));
                    self.stack.push(it);
                }

                // ---- the stack ----
                Op::PopTop => self.pop().discard(),
                Op::Copy(n) => {
                    let v = self.stack[self.stack.len() - n as usize].clone();
                    self.stack.push(v);
                }
                Op::Swap(n) => {
                    let len = self.stack.len();
                    let deeper = len - n as usize;
                    // Fast path: a number on top (the result of the
                    // `BINARY_OP` just before, in `self.x /= norm`) is read
                    // by its fields and rebuilt below; the plain swap read
                    // it as 16 bytes just written as two 8-byte halves, a
                    // store-forwarding stall (perf: 4.5 % of float's
                    // samples). The top's old value owns nothing.
                    let top_number = match &self.stack[len - 1] {
                        Value::Float(x) => Some(Value::Float(*x)),
                        Value::Int(x) => Some(Value::Int(*x)),
                        _ => None,
                    };
                    match top_number {
                        Some(v) => {
                            let below = std::mem::replace(&mut self.stack[deeper], v);
                            self.stack[len - 1] = below;
                        }
                        None => self.stack.swap(len - 1, deeper),
                    }
                }

                // ---- building ----
                Op::BuildList(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    self.stack.push(Value::list(items));
                }
                Op::BuildTuple(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    self.stack.push(Value::tuple(items));
                }
                Op::BuildSet(n) => {
                    f!().pc = pc;
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    let s = tri!(self.new_set(items));
                    self.stack.push(s);
                }
                Op::BuildMap(n) => {
                    f!().pc = pc;
                    let items = self.stack.split_off(self.stack.len() - 2 * n as usize);
                    let d = tri!(self.new_dict_from_pairs(items));
                    self.stack.push(d);
                }
                Op::BuildSlice(n) => {
                    let step = if n == 3 { self.pop() } else { Value::None };
                    let stop = self.pop();
                    let start = self.pop();
                    let slice = self.slice_cache.build(start, stop, step);
                    self.stack.push(slice);
                }
                Op::ListAppend(n) => {
                    let v = self.pop();
                    if let Some(l) = self.stack[self.stack.len() - n as usize].as_list() {
                        l.push(v);
                    }
                }
                Op::SetAdd(n) => {
                    f!().pc = pc;
                    let v = self.pop();
                    let s = self.stack[self.stack.len() - n as usize].clone();
                    tri!(self.set_add(&s, v));
                }
                Op::MapAdd(n) => {
                    f!().pc = pc;
                    let v = self.pop();
                    let k = self.pop();
                    let d = self.stack[self.stack.len() - n as usize].clone();
                    tri!(self.setitem_dict(&d, k, v));
                }
                Op::ListExtend(n) => {
                    f!().pc = pc;
                    let it = self.pop();
                    let l = self.stack[self.stack.len() - n as usize].clone();
                    tri!(self.list_extend(&l, &it));
                }
                Op::SetUpdate(n) => {
                    f!().pc = pc;
                    let it = self.pop();
                    let s = self.stack[self.stack.len() - n as usize].clone();
                    tri!(self.set_update(&s, &it));
                }
                Op::DictUpdate(n) => {
                    f!().pc = pc;
                    let m = self.pop();
                    let d = self.stack[self.stack.len() - n as usize].clone();
                    tri!(self.dict_update(&d, &m, false));
                }
                Op::DictMerge(n) => {
                    f!().pc = pc;
                    let m = self.pop();
                    let d = self.stack[self.stack.len() - n as usize].clone();
                    tri!(self.dict_update(&d, &m, true));
                }
                Op::ListToTuple => {
                    let l = self.pop();
                    let items = l.as_list().map(|l| l.snapshot()).unwrap_or_default();
                    self.stack.push(Value::tuple(items));
                }

                // ---- subscripts and unpacking ----
                Op::BinarySubscr => {
                    // Fast path: an exact list and an in-range int
                    // (`list_subscript.rs`); else the plain path below.
                    if super::list_subscript::binary_subscr_int(&mut self.stack) {
                        continue;
                    }
                    f!().pc = pc;
                    let idx = self.pop();
                    let obj = self.pop();
                    let v = tri!(self.get_item(&obj, &idx));
                    self.stack.push(v);
                }
                Op::StoreSubscr => {
                    // Fast path: an exact list and an in-range int.
                    if super::list_subscript::store_subscr_list_int(&mut self.stack) {
                        continue;
                    }
                    f!().pc = pc;
                    let idx = self.pop();
                    let obj = self.pop();
                    let v = self.pop();
                    tri!(self.set_item(&obj, &idx, v));
                }
                Op::DeleteSubscr => {
                    f!().pc = pc;
                    let idx = self.pop();
                    let obj = self.pop();
                    tri!(self.del_item(&obj, &idx));
                }
                Op::UnpackSequence(n) => {
                    f!().pc = pc;
                    let v = self.pop();
                    // Fast path: a tuple or list of exactly `n` items goes
                    // from its storage to the stack with no Vec between
                    // (UNPACK_SEQUENCE_TUPLE / _LIST); any other length or
                    // type takes the plain path, which raises the errors.
                    let done = match &v {
                        Value::Tuple(t) if t.len() == n as usize => {
                            self.stack.extend(t.iter().rev().cloned());
                            true
                        }
                        Value::List(l) => {
                            let items = l.lock();
                            let fits = items.len() == n as usize;
                            if fits {
                                self.stack.extend(items.iter().rev().cloned());
                            }
                            fits
                        }
                        _ => false,
                    };
                    if !done {
                        let items = tri!(self.unpack(&v, n as usize));
                        self.stack.extend(items.into_iter().rev());
                    }
                }
                Op::UnpackEx(before, after) => {
                    f!().pc = pc;
                    let v = self.pop();
                    let items = tri!(self.unpack_ex(&v, before as usize, after as usize));
                    self.stack.extend(items.into_iter().rev());
                }

                // ---- strings ----
                Op::FormatValue(conv, has_spec) => {
                    f!().pc = pc;
                    let spec = if has_spec { Some(self.pop()) } else { None };
                    let v = self.pop();
                    let s = tri!(self.format_value(v, conv, spec));
                    self.stack.push(s);
                }
                Op::BuildString(n) => {
                    let parts = self.stack.split_off(self.stack.len() - n as usize);
                    let mut s = String::new();
                    for p in &parts {
                        if let Value::Str(x) = p {
                            s.push_str(x.as_str());
                        }
                    }
                    self.stack.push(Value::string(s));
                }

                // ---- functions and classes ----
                Op::MakeFunction(i, flags) => {
                    let func = self.make_function(code, i as usize, flags);
                    self.stack.push(func);
                }
                Op::LoadBuildClass => self.stack.push(super::import::build_class_function()),

                // ---- exceptions ----
                Op::RaiseVarargs(n) => {
                    f!().pc = pc;
                    match n {
                        0 => match self.handled_exception() {
                            Some(Value::Instance(e)) => leave!(Flow::Error(PyErr::Exc(e), false)),
                            _ => fail!(PyErr::new(
                                ExcKind::RuntimeError,
                                "No active exception to reraise"
                            )),
                        },
                        1 => {
                            let exc = self.pop();
                            fail!(tri!(self.make_raisable(exc, None)));
                        }
                        _ => {
                            let cause = self.pop();
                            let exc = self.pop();
                            fail!(tri!(self.make_raisable(exc, Some(cause))));
                        }
                    }
                }
                Op::SetupFinally(t) => {
                    let depth = (self.stack.len() - f!().stack_base) as u32;
                    let handled_depth = f!().handled.len() as u32;
                    f!().blocks.push(Block {
                        handler: t,
                        stack_depth: depth,
                        handled_depth,
                    });
                }
                Op::PopBlock => {
                    f!().blocks.pop();
                }
                Op::PushExcInfo => {
                    let e = self.top();
                    f!().handled.push(e);
                }
                Op::PopExcept => {
                    f!().handled.pop();
                }
                Op::CheckExcMatch => {
                    f!().pc = pc;
                    let class = self.pop();
                    let exc = self.top();
                    let r = tri!(super::exceptions::exception_matches(&exc, &class));
                    self.stack.push(Value::Bool(Flag(r)));
                }
                Op::Reraise => match self.pop() {
                    Value::Instance(e) if e.exc().is_some() => {
                        leave!(Flow::Error(PyErr::Exc(e), false))
                    }
                    _ => fail!(PyErr::new(
                        ExcKind::SystemError,
                        "RERAISE without an exception"
                    )),
                },

                // ---- with ----
                Op::BeforeWith => {
                    f!().pc = pc;
                    let mgr = self.pop();
                    let (exit, entered) = tri!(self.before_with(mgr));
                    self.stack.push(exit);
                    self.stack.push(entered);
                }
                Op::WithExit => {
                    check!();
                    f!().pc = pc;
                    let exit = self.pop();
                    tri!(self.call(&exit, &[Value::None, Value::None, Value::None]));
                }
                Op::WithExceptStart => {
                    check!();
                    f!().pc = pc;
                    let exc = self.top();
                    let exit = self.stack[self.stack.len() - 2].clone();
                    let tb = match &exc {
                        Value::Instance(i) => super::tb_object::traceback_of(i),
                        _ => Value::None,
                    };
                    let r = tri!(self.call(&exit, &[exc.class_value(), exc, tb]));
                    self.stack.push(r);
                }

                // ---- imports ----
                Op::ImportName(i, top) => {
                    f!().pc = pc;
                    let m = tri!(self.import_name(&code.names[i as usize], top));
                    self.stack.push(m);
                }
                Op::ImportFrom(i) => {
                    f!().pc = pc;
                    let m = self.top();
                    let v = tri!(self.import_from(&m, &code.names[i as usize]));
                    self.stack.push(v);
                }
                Op::ImportStar => {
                    f!().pc = pc;
                    let m = self.pop();
                    let globals = f!().globals.clone();
                    tri!(self.import_star(&m, &globals));
                }
                Op::LoadAssertionError => self.stack.push(Value::Type(
                    crate::object::builtin_types::types()
                        .exc(ExcKind::AssertionError)
                        .clone(),
                )),
            }
        }
    }
}
