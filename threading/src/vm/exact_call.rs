//! Python-to-Python calls bound without the general binder: a call whose
//! positional arguments are exactly the parameters (CPython's
//! `CALL_PY_EXACT_ARGS`) or fewer with defaults covering the rest
//! (`CALL_PY_WITH_DEFAULTS`) gets its frame from the arena, the arguments
//! moved into their slots, and is pushed for the instruction loop to enter
//! (`inline_call.rs`).
//!
//! ```text
//!   stack: [... f, a, b]          frame.locals: [a, b, <default c>, unbound...]
//!          base ┘                 frame.stack_base = base (f's slot gets the result)
//! ```
//!
//! Only the plain shape is taken: a Python function (not a bound method,
//! class or native), positional parameters only, no cells, not a
//! generator. Everything else is `call.rs`'s `call_stack`, which binds
//! anything; keyword calls of the same shape are `keyword_call.rs`'s.
//!
//! Needs `frame_arena.rs` (the frames) and
//! `object/function.rs` (`CallShape`).

use super::ThreadCtx;
use crate::object::frame::{Frame, Resume};
use crate::object::function::Function;
use crate::object::refcount::Arc;
use crate::object::Value;

impl ThreadCtx {
    /// Fast path of `CALL n` / `CALL_METHOD n` with no keywords (CPython's
    /// `CALL_PY_EXACT_ARGS`): a Python function whose parameters are
    /// exactly the `n` positional arguments on the stack (after
    /// `LOAD_METHOD`: the receiver and `n`), not a generator, without
    /// cells. Its frame comes from the arena, the arguments move into its
    /// first local slots, the rest are unbound, and it is pushed; the
    /// caller admits it (`enter_pushed_frame!`). `false`, with nothing
    /// touched, for every other call: `call.rs`'s `call_stack`, which also
    /// takes this case when it gets it, binds anything.
    ///
    /// Why beside `call_stack`: that one decides among bound methods,
    /// callable instances, keywords, defaults, classes, natives and
    /// generators before it reaches this case, and hands the frame back
    /// through two enums; callgrind counted ~430 instructions per call of
    /// this shape in richards, a fifth of the run.
    #[inline(always)]
    pub(super) fn push_exact_args_frame(&mut self, n: usize, method: bool) -> bool {
        let nargs = n + method as usize;
        let Some((base, func)) = called_function(&self.stack, nargs, method) else {
            return false;
        };
        let shape = func.call;
        if !shape.exact_args {
            return false;
        }
        if shape.argcount as usize != nargs {
            return self.push_defaults_frame(nargs, base);
        }
        let mut frame = self.frame_arena.acquire(&func.code, &func.globals);
        let nlocals = shape.nlocals as usize;
        bind_positional(&mut frame.locals, &mut self.stack, nargs, &[], nlocals);
        self.push_call_frame(frame, base);
        true
    }

    /// The end of both fast paths, the arguments bound: the callable slot
    /// below them is dropped and the frame pushed as an ordinary call's,
    /// to return into `base`.
    #[inline(always)]
    pub(super) fn push_call_frame(&mut self, mut frame: Box<Frame>, base: usize) {
        // The callable slot: the function's reference dropped. Fast
        // path: both callers found a function there, so its count is
        // decremented inline; the plain `pop()` dropped the value through
        // the enum's drop glue, out of line (once per call).
        match self.stack.pop() {
            Some(Value::Function(func)) => drop(func),
            other => drop(other),
        }
        frame.resume = Resume::Call;
        frame.stack_base = base;
        self.frames.push(frame);
    }

    /// [`push_exact_args_frame`](Self::push_exact_args_frame) for fewer
    /// arguments than parameters when defaults cover the rest (CPython's
    /// `CALL_PY_WITH_DEFAULTS`; go's `sq.find()` of `find(self,
    /// update=False)`): the defaults fill the parameters after the
    /// arguments. Out of line so that the exact case keeps its registers
    /// (inlined, it cost richards 1.8 % instructions). `false`, nothing
    /// touched, when they do not cover them.
    #[inline(never)]
    fn push_defaults_frame(&mut self, nargs: usize, base: usize) -> bool {
        let Value::Function(func) = &self.stack[base] else {
            return false;
        };
        if !super::args::simple_positional(func, nargs) {
            return false;
        }
        // The plain path, `call_stack`'s `positional_frame` +
        // `push_invoked` (`call.rs`), cloned the function (the stack slot
        // it lies in is dropped before the frame is pushed), resized out of
        // line and went through `Invoked`: ~385 instructions per call in
        // go. Here the callable is moved out of its slot (no count
        // changes), so its defaults can be read while the arguments leave
        // the stack, and dropped when the frame is pushed.
        let shape = func.call;
        let (argcount, nlocals) = (shape.argcount as usize, shape.nlocals as usize);
        let first_default = argcount - func.defaults.len();
        let callable = std::mem::replace(&mut self.stack[base], Value::None);
        let Value::Function(func) = &callable else {
            unreachable!("a Python function, matched above")
        };
        let mut frame = self.frame_arena.acquire(&func.code, &func.globals);
        let defaults = &func.defaults[nargs - first_default..];
        bind_positional(&mut frame.locals, &mut self.stack, nargs, defaults, nlocals);
        self.push_call_frame(frame, base);
        true
    }
}

/// The Python function a `CALL n` / `CALL_METHOD n` with `nargs`
/// arguments (the receiver counted) calls, and its slot `base` under
/// them: `None` for any other callable, a stack too short, or a
/// `LOAD_METHOD` that left `NULL` for the receiver of a plain function
/// attribute (`call_stack` closes that gap). Shared by the fast paths of
/// this file and `keyword_call.rs`.
#[inline(always)]
pub(super) fn called_function(
    stack: &[Value],
    nargs: usize,
    method: bool,
) -> Option<(usize, &Arc<Function>)> {
    let base = stack.len().checked_sub(nargs + 1)?;
    if method && matches!(stack[base + 1], Value::Null) {
        return None;
    }
    match &stack[base] {
        Value::Function(func) => Some((base, func)),
        _ => None,
    }
}

/// The positional binding into an emptied frame's `locals`: the `nargs`
/// arguments on top of `stack` moved into the first slots, `defaults`
/// (the defaults of the parameters after them; empty for an exact call)
/// cloned into the next, the rest of the `nlocals` unbound — each slot
/// written once into the reserved capacity. The plain way: `nlocals`
/// pushes of `None` — each a length load, a capacity compare and a length
/// store, the hottest line of the call in go's profile (1.5 % of samples)
/// — then the arguments written over the first `None`s (callgrind: go
/// −0.75 %, richards −1.3 %).
#[inline(always)]
pub(super) fn bind_positional(
    locals: &mut Vec<Option<Value>>,
    stack: &mut Vec<Value>,
    nargs: usize,
    defaults: &[Value],
    nlocals: usize,
) {
    debug_assert!(locals.is_empty() && nargs + defaults.len() <= nlocals);
    let len = locals.len();
    locals.reserve(nlocals);
    let spare = &mut locals.spare_capacity_mut()[..nlocals];
    let (args, rest) = spare.split_at_mut(nargs);
    for slot in args.iter_mut().rev() {
        slot.write(stack.pop());
    }
    let (filled, unbound) = rest.split_at_mut(defaults.len());
    for (slot, d) in filled.iter_mut().zip(defaults) {
        slot.write(Some(d.clone()));
    }
    for slot in unbound {
        slot.write(None);
    }
    // SAFETY: `reserve` made room for `nlocals` slots past the length
    // `len` (zero: an emptied frame), and all `nlocals` of them were
    // written just above.
    unsafe { locals.set_len(len + nlocals) };
}
