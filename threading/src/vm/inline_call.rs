//! Inlined calls: a Python-to-Python call and its return that stay inside
//! the instruction loop instead of going out to the frame loop and back.
//!
//! ```text
//!   plain path (frames.rs):                 fast path (this file + eval.rs):
//!     CALL → push frame → exec returns        CALL → push frame → admit it
//!     Flow::Call → frame_loop admits it          → eval reloads fi/code/ops/pc
//!     → exec() re-derives fi/code/ops/pc         from the new top frame and
//!     RETURN → exec returns Flow::Return         dispatches on
//!     → frame_loop pops, delivers, exec()     RETURN of a Call/Init frame whose
//!       re-derives the caller's state           caller is in this loop → pop,
//!                                               push the value, reload, go on
//! ```
//!
//! Every Python call used to leave `exec_policy` with `Flow::Call` and
//! every return with `Flow::Return`: two trips through `frame_loop`'s
//! `match` and two re-entries of `exec`, each re-reading the running
//! frame's code, instructions, constants and `pc`. The fast path does the
//! frame loop's work for the two commonest outcomes right where they
//! happen and carries on in the same loop. What the fast path does is
//! exactly what the frame loop does for them (the same recursion-limit
//! check, the same pop and release); everything else is the plain path,
//! unchanged:
//!
//! - a return from a frame entered any other way (`Resume::Native`: the
//!   bottom frame of a run, handed back to Rust; `ForIter` / `YieldFrom`:
//!   a generator's frame, which also has its generator to finish);
//! - a return whose caller is below this frame loop's `base` (the bottom
//!   frame of a nested loop: a native's `key=` function);
//! - an `__init__` returning something other than `None` (the TypeError
//!   is `deliver_return`'s);
//! - errors and unwinding, a generator's return, and a yield whose
//!   consumer is not a `FOR_ITER` or `YIELD_FROM` of this loop (`send`,
//!   `throw`, `next()` and the natives that drain generators resume it
//!   from Rust).
//!
//! Generators take the same road: the frame a `FOR_ITER` or `YIELD_FROM`
//! pushes for a generator is entered in this loop, and its yield goes
//! back into its generator object and the value to the consumer here
//! (`yield_in_loop`, through every delegating `yield from` level), with
//! the frame loop's own code for the suspension (`frames.rs`,
//! `suspend_yielded`). Before, each item cost two exits from the
//! instruction loop and two re-entries per generator level (generators
//! −14 % CPU).
//!
//! The GIL's check points do not move: the ≥ 3.10 check at a call is in
//! the `CALL` arm before the frame is pushed, the callee's `RESUME` checks
//! on entry, and the ≤ 3.9 every-instruction check runs before the first
//! instruction after the switch, as it did when `exec` was entered anew.
//!
//! ## The borrowed code
//!
//! The instruction loop borrows the running frame's `Code` through a raw
//! pointer (`eval.rs`, `load_frame!`) instead of cloning its `Arc`. With
//! frames switched inside the loop, the borrow stays sound because:
//!
//! 1. The frame at `fi` is boxed: its address does not change as the
//!    frame list grows, and its `code` is reassigned only when the frame
//!    arena hands the frame out again, after it has left the list
//!    (`frame_arena.rs`).
//! 2. The running frame leaves the list only after `exec` returns (the
//!    frame loop pops it) or by an in-loop return or yield, which is
//!    followed at once by `load_frame!` re-deriving `code` from the
//!    consumer: no use of the old `code` sits between the pop and the
//!    reload, and an in-loop call or generator resumption reloads too
//!    before the new frame's first instruction. (A yielded frame is not
//!    freed: its generator holds it.)
//! 3. Nested frame loops (natives calling back into Python) pop only
//!    frames above their own base, which is above `fi`.
//!
//! Cost in code: this file, a `loop_base` field on the thread, and in
//! `eval.rs` the frame state in mutable locals reloaded by one macro (whose
//! borrow of the running code is re-derived at each switch).
//!
//! Python equivalent: CPython 3.11's "inlined" Python-to-Python calls in
//! `_PyEval_EvalFrameDefault` (`CALL` pushes the `_PyInterpreterFrame` and
//! does `goto start_frame`; `RETURN_VALUE` pops it, `goto resume_frame`),
//! `_Py_EnterRecursivePy`. Needs `frames.rs` (the plain path it mirrors)
//! and `object/frame.rs`; the frames it enters are pushed by
//! `exact_call.rs` and `keyword_call.rs`.

use super::ThreadCtx;
use crate::bytecode::Op;
use crate::object::frame::{Frame, Resume};
use crate::object::{ExcKind, PyErr, Value};
use std::sync::atomic::Ordering::Relaxed;

/// What became of a `RETURN_VALUE` offered to the fast path.
pub(super) enum Returned {
    /// The frame is popped and released, the value delivered to its
    /// caller, which is now the top frame of this loop: reload and go on.
    InLoop,
    /// Not a case the fast path takes: hand the value to the frame loop
    /// (`Flow::Return`), nothing has moved.
    ToFrameLoop(Value),
}

/// Where [`ThreadCtx::yield_in_loop`] left a yielded value.
pub(super) enum Yielded {
    /// With a `FOR_ITER` consumer of this loop, now the top frame: reload
    /// and go on.
    InLoop,
    /// Kept by the collection of the generator (`iter/drain.rs`), the
    /// same frame resumed with `None`: reload its `pc` and go on.
    Resumed,
    /// On top of the stack, yielded by the top frame, for the frame loop's
    /// `Flow::Yield` arm.
    ToFrameLoop,
}

impl ThreadCtx {
    /// Admits the frame a call just pushed, as the frame loop's
    /// `Flow::Call` arm does: past the recursion limit the frame is
    /// refused (popped and released) and the error belongs to the
    /// caller's `CALL`, whose frame is on top again.
    #[inline]
    pub(super) fn admit_pushed_frame(&mut self) -> Result<(), PyErr> {
        let limit = self.rt.recursion_limit.load(Relaxed);
        if self.frames.len() > limit {
            return Err(self.refuse_pushed_frame());
        }
        Ok(())
    }

    /// The recursion limit's error path, out of line (rare).
    #[cold]
    fn refuse_pushed_frame(&mut self) -> PyErr {
        if let Some(f) = self.frames.pop() {
            self.stack.truncate(f.stack_base);
            self.frame_arena.release(f);
        }
        PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded")
    }

    /// Fast path of `YIELD_VALUE` (and of a `YIELD_FROM` passing on what
    /// its sub-generator yielded), the value on top of the stack: when the
    /// top frame is a generator's resumed by a `FOR_ITER` or a `YIELD_FROM`
    /// of a frame in this loop, it goes back into its generator and the
    /// value to that consumer's stack, as the frame loop's `Flow::Yield`
    /// arm does. A `YIELD_FROM` consumer (a delegating generator, staying
    /// at its `YIELD_FROM`) passes the value on in turn, until a `FOR_ITER`
    /// takes it (`InLoop`: reload and go on) or a consumer outside this
    /// loop's reach is met (`ToFrameLoop`, the frames above it already
    /// suspended exactly as the frame loop would have, the value on top of
    /// the stack).
    #[inline]
    pub(super) fn yield_in_loop(&mut self) -> Yielded {
        loop {
            // Fast path: the frame of a generator being collected into a
            // vector (`iter/drain.rs`): the value joins the vector and the
            // frame goes on, as if `next()` had resumed it at once.
            if let Some(d) = &mut self.drain_into {
                if d.depth == self.frames.len()
                    && self
                        .frames
                        .last()
                        .is_some_and(|top| top.resume == Resume::Consumer)
                    && self.stack.last().is_some_and(|v| d.keeps.takes(v))
                {
                    let v = super::superinstr::pop_or_none(&mut self.stack);
                    d.items.push(v);
                    // The value of the `yield` expression: what `next()` sends.
                    self.stack.push(Value::None);
                    // Resuming at a plain `yield` is a check point under
                    // the ≥ 3.10 policy, as in `push_generator_frame`;
                    // resuming a frame parked in `yield from` is not.
                    if !self.check_every {
                        let frames = &self.frames;
                        self.rt.gil.check_if(&mut self.ts, || {
                            !frames.last().is_some_and(Frame::parked_in_yield_from)
                        });
                    }
                    return Yielded::Resumed;
                }
            }
            let passes_on = self
                .frames
                .last()
                .is_some_and(|top| matches!(top.resume, Resume::ForIter(_) | Resume::YieldFrom));
            if !passes_on || self.frames.len() <= self.loop_base + 1 {
                return Yielded::ToFrameLoop;
            }
            // Not `self.pop()`: see `pop_or_none`.
            let v = super::superinstr::pop_or_none(&mut self.stack);
            let Some(f) = self.frames.pop() else {
                return Yielded::ToFrameLoop;
            };
            let resume = self.suspend_yielded(f);
            self.stack.push(v);
            if !matches!(resume, Resume::YieldFrom) {
                return Yielded::InLoop;
            }
        }
    }

    /// Fast path of `RETURN_VALUE`: when the top frame was entered by an
    /// ordinary call (`Resume::Call`, or `Resume::Init` returning `None`)
    /// and its caller runs in this frame loop (above `loop_base`), pops
    /// and releases it and delivers the value on top of the stack to the
    /// caller, as the frame loop's `Flow::Return` arm and `deliver_return`
    /// would. Anything else is handed back, the value popped, the frames
    /// untouched.
    #[inline]
    pub(super) fn return_top_in_loop(&mut self) -> Returned {
        // Fast path: an ordinary call's frame whose part of the stack is
        // just the value, which then already sits in the slot the caller
        // gets it in (the callable's, `stack_base`): nothing moves. The
        // plain path pops it (16 bytes read whole, a stall when the
        // instruction before had just written them in halves, as an int
        // result is) and pushes it back.
        if let Some(top) = self.frames.last() {
            if top.resume == Resume::Call
                && self.stack.len() == top.stack_base + 1
                && self.frames.len() > self.loop_base + 1
                && top.generator.is_none()
            {
                if let Some(f) = self.frames.pop() {
                    self.frame_arena.release(f);
                    return Returned::InLoop;
                }
            }
        }
        let v = self.pop();
        self.return_in_loop(v)
    }

    /// [`return_top_in_loop`](Self::return_top_in_loop) for a value that
    /// is not on the stack (`return x` and `return CONST` fused).
    #[inline]
    pub(super) fn return_in_loop(&mut self, v: Value) -> Returned {
        let Some(top) = self.frames.last() else {
            return Returned::ToFrameLoop(v);
        };
        let delivers = match top.resume {
            Resume::Call => true,
            Resume::Init => matches!(v, Value::None),
            // `NotImplemented` goes on to the reflected method: the frame
            // loop's `deliver_return`.
            Resume::BinaryOp(_) => !matches!(v, Value::NotImplemented),
            Resume::Native | Resume::ForIter(_) | Resume::YieldFrom | Resume::Consumer => false,
        };
        // The caller must be a frame of this loop, as in the frame loop's
        // `frames.len() <= base` test. (Belt and braces: a run's bottom
        // frame is entered `Native`, so a `Call`/`Init` frame always sits
        // above it; the test costs one compare and keeps the fast path
        // from depending on that.) A frame with a generator always takes
        // the plain path (which finishes the generator); an ordinary
        // call's frame has none.
        if !delivers || self.frames.len() <= self.loop_base + 1 || top.generator.is_some() {
            return Returned::ToFrameLoop(v);
        }
        let Some(f) = self.frames.pop() else {
            return Returned::ToFrameLoop(v);
        };
        // Fast path: a frame returns with its part of the stack empty (its
        // arguments moved into its locals at the call); `truncate` would
        // still call the slice drop loop, out of line, on nothing.
        if self.stack.len() > f.stack_base {
            self.stack.truncate(f.stack_base);
        }
        let resume = f.resume;
        self.frame_arena.release(f);
        // `BinaryOp`: the operands under the frame are the operator's to
        // drop (`dunder_call.rs`); the value is then delivered as a
        // call's.
        if let Resume::BinaryOp(_) = resume {
            let operands = self.stack.len() - 2;
            self.stack.truncate(operands);
        }
        // `Init`: the caller's stack already holds the new instance.
        if matches!(resume, Resume::Call | Resume::BinaryOp(_)) {
            // Fast path: the caller's next instruction takes the value at
            // once (`x = f()`, `f()` as a statement); see `deliver_to_next`.
            if !self.check_every {
                if let Some(caller) = self.frames.last_mut() {
                    let Err(v) = deliver_to_next(caller, v) else {
                        return Returned::InLoop;
                    };
                    super::superinstr::push_value(&mut self.stack, v);
                    return Returned::InLoop;
                }
            }
            super::superinstr::push_value(&mut self.stack, v);
        }
        Returned::InLoop
    }
}

/// A returned value handed straight to the caller's next instruction when
/// that is a `STORE_FAST` (stored into the local) or a `POP_TOP`
/// (dropped), the caller's `pc` moved past it: `Ok`. `Err` gives the value
/// back for the plain push. Saves the push, the pop and the dispatch of
/// go's commonest pair after a call (`FUSED_RETURN_FAST > STORE_FAST`,
/// 2.6 % of its instructions; `FUSED_RETURN_CONST > POP_TOP` 1.4 %).
/// Quickened code only (the ≥ 3.10 policy), where neither instruction has
/// a check point; ≤ 3.9 checks before each, so it runs them.
#[inline(always)]
fn deliver_to_next(caller: &mut Frame, v: Value) -> Result<(), Value> {
    match caller.code.quick.get(caller.pc) {
        Some(&Op::StoreFast(d)) => match caller.locals.get_mut(d as usize) {
            Some(slot) => {
                caller.pc += 1;
                Value::store_local(slot, Some(v));
                Ok(())
            }
            None => Err(v),
        },
        Some(Op::PopTop) => {
            caller.pc += 1;
            v.discard();
            Ok(())
        }
        _ => Err(v),
    }
}
