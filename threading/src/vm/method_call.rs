//! `l.m()` and `l.m(x)` from the method's lookup to its frame in one
//! instruction (`LOAD_FAST_METHOD_CALL`, written by
//! `compiler/method_calls.rs`): the receiver in local `l` and the
//! argument go straight into the method's first local slots.
//!
//! ```text
//!   plain:  LOAD_FAST_METHOD_CACHED   push m, push l          (two clones, two pushes)
//!           LOAD x / CALL_METHOD 1    push x; check; pop x, l into the frame, pop m
//!   fused:  LOAD_FAST_METHOD_CALL     m found, l and x cloned; check;
//!                                     l and x moved into the frame (the stack untouched)
//! ```
//!
//! The fast path takes only what `exact_call.rs`'s `CALL_PY_EXACT_ARGS`
//! path takes — a plain Python function (positional parameters, exactly
//! this many, no cells, not a generator) found by the site's method fact
//! (`attr_cache.rs`'s `cached_method`: the class's function, not shadowed
//! by the instance's dict) — and the frame it pushes returns its value
//! into the slot the plain call's function would have left, the top of
//! the caller's stack. Anything else (a native method, a default to fill,
//! a missed cache, an unbound local) answers `None` before anything
//! changes, and the loop runs `LOAD_FAST_METHOD_CACHED` and the covered
//! instructions as they are.
//!
//! The order of the plain pair is kept: the method is looked up and the
//! argument loaded, then the call's check point (≥ 3.10) may switch
//! threads, then the frame is made. The function is held by a counted
//! reference across the check, as the plain pair held it on the stack.
//!
//! Python equivalent: none as one instruction (CPython 3.11 runs
//! `LOAD_METHOD_WITH_VALUES`, `PRECALL_BOUND_METHOD`, `CALL_PY_EXACT_ARGS`).
//! Needs `attr_cache.rs` (`cached_method`) and `frame_arena.rs`.

use super::attr_cache::cached_method;
use super::superinstr::operand_ref;
use super::ThreadCtx;
use crate::bytecode::{Code, Src};
use crate::object::frame::{Frame, Resume};
use crate::object::function::Function;
use crate::object::refcount::Arc;
use crate::object::Value;

/// A method call the fast path will make, its parts taken before the
/// call's check point.
pub(super) struct MethodCall {
    /// The method's function.
    func: Arc<Function>,
    /// `self` of the new frame: the local's value.
    receiver: Value,
    /// The one argument of `l.m(x)`; `None` for `l.m()`.
    arg: Option<Value>,
}

/// The call `local.m(arg)` makes when `m` is a plain Python method of the
/// receiver's class taking exactly the receiver and `arg` (see the module
/// docs), its parts cloned; `None`, nothing changed, for any other call.
#[inline(always)]
pub(super) fn plain_method_call(
    frame: &Frame,
    code: &Code,
    consts: &[Value],
    local: u16,
    site: u32,
    arg: Option<Src>,
) -> Option<MethodCall> {
    let attr_site = code.attr_sites.get(site as usize)?;
    let receiver = frame.locals.get(usize::from(local))?.as_ref()?;
    let Value::Function(func) = cached_method(attr_site, receiver, attr_site.key())? else {
        return None;
    };
    let shape = func.call;
    if !shape.exact_args || shape.argcount as usize != 1 + usize::from(arg.is_some()) {
        return None;
    }
    // An unbound local argument: `None`, and the covered load raises.
    let arg = match arg {
        None => None,
        Some(s) => Some(operand_ref(frame, consts, s)?.clone()),
    };
    Some(MethodCall {
        func: func.clone(),
        receiver: receiver.clone(),
        arg,
    })
}

impl ThreadCtx {
    /// Pushes the frame of `call` (after its check point), to return into
    /// the top of the value stack; the caller admits it
    /// (`enter_pushed_frame!`).
    #[inline(always)]
    pub(super) fn push_method_frame(&mut self, call: MethodCall) {
        let MethodCall {
            func,
            receiver,
            arg,
        } = call;
        let mut frame = self.frame_arena.acquire(&func.code, &func.globals);
        bind_receiver(&mut frame.locals, receiver, arg, func.call.nlocals as usize);
        frame.resume = Resume::Call;
        frame.stack_base = self.stack.len();
        self.frames.push(frame);
    }
}

/// The binding of `exact_call.rs`'s `bind_positional` for a receiver and
/// at most one argument that are not on the stack: written into the
/// emptied frame's first slots, the rest of the `nlocals` unbound, each
/// slot written once into the reserved capacity.
#[inline(always)]
fn bind_receiver(
    locals: &mut Vec<Option<Value>>,
    receiver: Value,
    arg: Option<Value>,
    nlocals: usize,
) {
    debug_assert!(locals.is_empty() && usize::from(arg.is_some()) < nlocals);
    let len = locals.len();
    locals.reserve(nlocals);
    let spare = &mut locals.spare_capacity_mut()[..nlocals];
    let (first, rest) = spare.split_at_mut(1);
    first[0].write(Some(receiver));
    let unbound = match arg {
        Some(arg) => {
            let (second, unbound) = rest.split_at_mut(1);
            second[0].write(Some(arg));
            unbound
        }
        None => rest,
    };
    for slot in unbound {
        slot.write(None);
    }
    // SAFETY: `reserve` made room for `nlocals` slots past the length
    // `len` (zero: an emptied frame), and all `nlocals` of them were
    // written just above (the receiver, the argument if any, the rest).
    unsafe { locals.set_len(len + nlocals) };
}
