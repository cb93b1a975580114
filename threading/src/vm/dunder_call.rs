//! `a - b` on an instance whose class defines `__sub__` in Python, run
//! by the frame loop rather than in a nested one: the method's frame is
//! bound with both operands and pushed over them, resumed as `BinaryOp`,
//! so that its return value becomes the operator's result — or, when it
//! is `NotImplemented`, the operator goes on where `ops.rs` would have
//! (the built-in rules, then `b.__rsub__(a)`).
//!
//! ```text
//!   stack: [.. a, b]                 the frame's locals: [a, b, unbound...]
//!                 └ frame.stack_base (a and b stay under the frame's slice)
//!   return v              → a, b dropped, v pushed (or stored by the
//!                           caller's next STORE_FAST, as a call's value is:
//!                           inline_call.rs return_in_loop)
//!   return NotImplemented → ops.rs binary_after_left(a, b), in the frame
//!                           loop (frames.rs deliver_return)
//! ```
//!
//! Taken only where the left method runs first and is all that can run:
//! `a` an instance, `b` not an instance of another class (a subclass of
//! `a`'s that overrides the reflected method would go first, so `ops.rs`
//! decides), the method a plain Python function of exactly two
//! positional parameters (CPython's `CALL_PY_EXACT_ARGS` shape), not an
//! in-place operator (`__isub__` goes first there). The plain path is
//! `ops.rs`'s `binary_op_as` → `call_special_1` → `call`, which runs the
//! same frame in a nested run of the frame loop (Rust recursion). The
//! instruction loop leaves for the frame loop to enter the frame
//! (`Flow::Call`) instead of entering it in place as it does a call's:
//! every form of that entry tried made the loop's other paths slower
//! (callgrind: go and richards +1 %, neither running a dunder).
//! raytrace: ~260 instructions fewer per operator, −2.1 % in all.
//!
//! Python equivalent: 3.11's `BINARY_OP` → `binary_op1` → the class's
//! `nb_subtract` slot (`slot_nb_subtract`, `Objects/typeobject.c`) →
//! `vectorcall_method`, a nested `_PyEval_EvalFrame`; no CPython version
//! runs it in the caller's loop. The frame's entry check point (`RESUME`)
//! is the same either way. Needs `ops.rs` (the names and the rest of the
//! operator), `exact_call.rs` (`bind_positional`), `frame_arena.rs`.

use super::exact_call::bind_positional;
use super::ops::left_dunder_name;
use super::ThreadCtx;
use crate::ast::BinOp;
use crate::object::frame::Resume;
use crate::object::refcount::Arc;
use crate::object::{PyResult, Value};

/// What [`ThreadCtx::push_dunder_frame`] did with the operands.
enum DunderCall {
    /// The method's frame is pushed, the operands under it.
    Pushed,
    /// Not this shape: the operands back, for `binary_or_inplace`.
    Declined(Value, Value),
}

/// What the loop's `BINARY_OP` gets from [`ThreadCtx::binary_in_loop`].
pub(super) enum BinaryOutcome {
    /// The result, to push.
    Value(Value),
    /// The left operand's method frame is pushed over the operands: the
    /// loop leaves for the frame loop to run it (`Flow::Call`).
    FramePushed,
}

impl ThreadCtx {
    /// `BINARY_OP`'s generic path for the loop, the operands popped. Fast
    /// path: an instance's Python `__op__` pushed as a frame
    /// ([`push_dunder_frame`](Self::push_dunder_frame)); plain path:
    /// `ops.rs`'s `binary_or_inplace`, which runs any method in a nested
    /// frame loop.
    #[inline(never)]
    pub(super) fn binary_in_loop(
        &mut self,
        op: BinOp,
        inplace: bool,
        a: Value,
        b: Value,
    ) -> PyResult<BinaryOutcome> {
        let (a, b) = if !inplace && matches!(a, Value::Instance(_)) {
            match self.push_dunder_frame(op, a, b) {
                DunderCall::Pushed => return Ok(BinaryOutcome::FramePushed),
                DunderCall::Declined(a, b) => (a, b),
            }
        } else {
            (a, b)
        };
        self.binary_or_inplace(op, inplace, a, b)
            .map(BinaryOutcome::Value)
    }

    /// Fast path of a non-in-place `BINARY_OP` whose left operand is an
    /// instance (see the file's head for the shape taken): pushes the
    /// operands back and the method's frame over them, for the frame loop
    /// to admit and run (the caller's `pc` is saved past the operator
    /// when the instruction loop leaves).
    #[inline]
    fn push_dunder_frame(&mut self, op: BinOp, a: Value, b: Value) -> DunderCall {
        let Value::Instance(inst) = &a else {
            return DunderCall::Declined(a, b);
        };
        if let Value::Instance(other) = &b {
            if !Arc::ptr_eq(&other.class, &inst.class) {
                return DunderCall::Declined(a, b);
            }
        }
        let func = match self
            .type_cache
            .lookup_ref(&inst.class, left_dunder_name(op))
        {
            Some(Value::Function(f)) if f.call.exact_args && f.call.argcount == 2 => f.clone(),
            _ => return DunderCall::Declined(a, b),
        };
        let nlocals = func.call.nlocals as usize;
        let mut frame = self.frame_arena.acquire(&func.code, &func.globals);
        // The operands stay on the stack for the fallback; their second
        // references are bound as a call's arguments are (`exact_call.rs`).
        self.stack.push(a.clone());
        self.stack.push(b.clone());
        let operands_top = self.stack.len();
        self.stack.push(a);
        self.stack.push(b);
        bind_positional(&mut frame.locals, &mut self.stack, 2, &[], nlocals);
        debug_assert_eq!(self.stack.len(), operands_top);
        frame.resume = Resume::BinaryOp(op);
        frame.stack_base = self.stack.len();
        self.frames.push(frame);
        DunderCall::Pushed
    }
}
