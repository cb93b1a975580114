//! A module global used where it lies: `if tracing:` and `if x == EMPTY:`
//! decided on the global's slot, and `Strength.REQUIRED` read through it,
//! with no clone of the global pushed only to be popped and dropped again.
//!
//! ```text
//!   LOAD_GLOBAL g; POP_JUMP_IF_FALSE/TRUE t
//!       ─▶ FUSED_GLOBAL_JUMP (g, False/True, t)
//!            None, bool, int, float, str, bytes, tuple: truth in place
//!            anything else, or unbound: plain path (the covered ops)
//!   LOAD_GLOBAL g; COMPARE_OP ==; POP_JUMP_IF_FALSE/TRUE t
//!       ─▶ FUSED_GLOBAL_COMPARE_JUMP (g, ==, False/True, t)
//!            TOS op global, both int/float/str: compare_jump.rs's fast
//!            path, TOS popped, no bool pushed
//!            anything else, or unbound: plain path (the covered ops)
//!   LOAD_GLOBAL g; LOAD_ATTR_CACHED s
//!       ─▶ LOAD_GLOBAL_ATTR_CACHED (g, s)
//!            a class whose attribute the site caches: attr_cache.rs's
//!            class fast path on the borrowed class, the value pushed
//!            anything else, or unbound: plain path (the covered ops)
//!   LOAD_GLOBAL g; LOAD_ATTR_CACHED s; FUSED_COMPARE_JUMP
//!       ─▶ LOAD_GLOBAL_ATTR_COMPARE_JUMP (g, s)
//!            TOS op that cached attribute, both int/float/str: compared
//!            where it lies, TOS popped, the jump taken or not
//!            anything else: LOAD_GLOBAL_ATTR_CACHED's paths, then the
//!            covered compare-and-jump
//! ```
//!
//! The global is read as `LOAD_GLOBAL` reads it (`with_global`, which
//! `push_global` and `exceptions::load_global` use too):
//! the module's slot, then the builtin it falls back to when unbound. The
//! slot is a `PyCell` (another thread may rebind the global: `cell.rs`), so
//! the value is borrowed under the slot's lock, and the work done under it
//! must obey `cell.rs`'s rules: it runs no Python code (rule 1), so a user
//! `__bool__` or `__eq__` is left to the plain path, and it takes no other
//! cell's lock (rule 3), so a list's or a dict's truth, which locks the
//! container, is too. The road not taken, cloning the value out and testing
//! the clone, is what the plain path already does: for an int or a bool the
//! clone is a copy, and the saving is the two dispatches and the push/pop;
//! for a class it is also a reference count up and down again (two atomic
//! operations, as `local_attr.rs` saves for `self.x`).
//!
//! Plain path: the arm in `eval.rs` runs the covered `LOAD_GLOBAL` (which
//! raises `NameError` at the same `pc`, so the traceback is the unfused
//! one) and carries on into the covered ops, which are themselves quickened
//! (`FUSED_COMPARE_JUMP`, a plain `POP_JUMP_IF_*`, `LOAD_ATTR_CACHED`), each
//! raising at its own `pc` as unfused. No check point moves: neither
//! `LOAD_GLOBAL`, `LOAD_ATTR`, `COMPARE_OP` nor a forward `POP_JUMP_IF_*` has one
//! under the ≥ 3.10 policy, the only one that runs quickened code.
//!
//! Python equivalent: none in CPython 3.11 (its `LOAD_GLOBAL_MODULE` caches
//! the dict index but still pushes a new reference); the idea is 3.11's
//! `COMPARE_OP_INT_JUMP` applied to a global operand, and 3.12's
//! `LOAD_ATTR_CLASS` on a receiver that is never pushed. Needs `compare_jump.rs`
//! (the compare), `attr_cache.rs` (the class attribute) and `object::module`
//! (the slots).

use super::attr_cache::cached_class_attr_ref;
use super::compare_jump::compare_fast;
use crate::ast::CmpOp;
use crate::object::attr_site::AttrSite;
use crate::object::module::Globals;
use crate::object::Value;

/// Runs `test` on global slot `slot`'s value, borrowed: the module's value
/// under its slot lock, else the builtin it falls back to (immutable, so
/// unlocked). `None` when the slot is unbound with no builtin (the plain
/// path raises `NameError`) or `test` declines.
#[inline(always)]
pub(super) fn with_global<R>(
    globals: &Globals,
    slot: u32,
    test: impl FnOnce(&Value) -> Option<R>,
) -> Option<R> {
    let i = slot as usize;
    let cell = globals.slots.get(i)?;
    let guard = cell.lock();
    // One call of `test` (the builtin read under the slot's lock too, which
    // `test` never leaves: no Python code runs in it): called from two
    // places, the closure was left an out-of-line call.
    let v = match &*guard {
        Some(v) => v,
        None => globals.fallback.get(i)?.as_ref()?,
    };
    test(v)
}

/// A value's truth when it needs neither Python code nor a lock: `None`
/// for instances (`__bool__`/`__len__`) and for containers whose length
/// sits behind their own cell lock (list, dict, set, bytearray).
#[inline(always)]
fn truth_without_lock(v: &Value) -> Option<bool> {
    match v {
        Value::None
        | Value::Bool(_)
        | Value::Int(_)
        | Value::BigInt(_)
        | Value::Float(_)
        | Value::Str(_)
        | Value::Bytes(_)
        | Value::Tuple(_) => v.truthy_fast(),
        _ => None,
    }
}

/// `FUSED_GLOBAL_JUMP`'s fast path: the truth of global `slot`, tested
/// where it lies. `None` sends the arm to the plain path.
#[inline(always)]
pub(super) fn global_truth(globals: &Globals, slot: u32) -> Option<bool> {
    with_global(globals, slot, truth_without_lock)
}

/// `LOAD_GLOBAL`'s fast path: the global (or the builtin it falls back
/// to) cloned straight onto `stack` (`true`); `false` (unbound) leaves the
/// `NameError` to `exceptions::load_global`. Returned through a
/// `PyResult` first, the value was stored in two halves and read back
/// whole for the push, a store-forwarding stall (perf: 2 % of go's
/// samples on that one load).
#[inline(always)]
pub(super) fn push_global(stack: &mut Vec<Value>, globals: &Globals, slot: u32) -> bool {
    with_global(globals, slot, |v| {
        super::superinstr::push_value(stack, v.clone());
        Some(())
    })
    .is_some()
}

/// `LOAD_GLOBAL_ATTR_CACHED`'s fast path: the attribute `site` caches for
/// the class global `slot` holds, cloned straight onto `stack` (`true`;
/// `attr_cache.rs`'s class fast path, which reads atomics only: no lock,
/// no Python code). `false` for anything else, the stack untouched: the
/// plain path runs the covered ops. Returned as an `Option` first, the
/// value was stored in two halves and read back whole for the push (a
/// store-forwarding stall, perf: 3 % of deltablue's samples).
#[inline(always)]
pub(super) fn push_global_class_attr(
    stack: &mut Vec<Value>,
    globals: &Globals,
    slot: u32,
    site: &AttrSite,
) -> bool {
    with_global(globals, slot, |v| match v {
        Value::Type(cls) => {
            let attr = cached_class_attr_ref(site, cls)?;
            super::superinstr::push_value(stack, attr.clone());
            Some(())
        }
        _ => None,
    })
    .is_some()
}

/// The two compare-with-a-global fast paths below: `test(TOS, global)`
/// under the global slot's borrow, then TOS popped and let go after the
/// borrow. `None` (the global unbound, or `test` declines) leaves the
/// stack untouched for the plain path.
#[inline(always)]
fn pop_tested_against_global(
    stack: &mut Vec<Value>,
    globals: &Globals,
    slot: u32,
    test: impl FnOnce(&Value, &Value) -> Option<bool>,
) -> Option<bool> {
    let a = stack.last()?;
    let answer = with_global(globals, slot, |v| test(a, v))?;
    if let Some(a) = stack.pop() {
        a.discard();
    }
    Some(answer)
}

/// `LOAD_GLOBAL_ATTR_COMPARE_JUMP`'s fast path: `TOS op G.name`, the
/// class attribute `site` caches for the class global `slot` holds,
/// compared where it lies when both are ints, floats or strs
/// (`compare_fast`, no Python code); TOS popped. `None` leaves the stack
/// untouched for the plain path (the covered ops).
#[inline(always)]
pub(super) fn pop_compare_global_class_attr(
    stack: &mut Vec<Value>,
    globals: &Globals,
    slot: u32,
    site: &AttrSite,
    op: CmpOp,
) -> Option<bool> {
    pop_tested_against_global(stack, globals, slot, |a, v| match v {
        Value::Type(cls) => compare_fast(op, a, cached_class_attr_ref(site, cls)?),
        _ => None,
    })
}

/// `FUSED_GLOBAL_COMPARE_JUMP`'s fast path: `TOS op global`, both ints,
/// floats or strs. Pops TOS and answers the test; `None` leaves the stack
/// untouched for the plain path.
#[inline(always)]
pub(super) fn pop_compare_global(
    stack: &mut Vec<Value>,
    globals: &Globals,
    slot: u32,
    op: CmpOp,
) -> Option<bool> {
    pop_tested_against_global(stack, globals, slot, |a, b| compare_fast(op, a, b))
}
