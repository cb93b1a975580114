//! A comparison fused with the conditional jump that consumes it:
//! `if a < b:` decided on the two stack values, with no `bool` pushed
//! only to be popped and tested again.
//!
//! ```text
//!   COMPARE_OP <; POP_JUMP_IF_FALSE t   ─▶ FUSED_COMPARE_JUMP (<, False, t)
//!     int  with int           inline (i64 compare)
//!     float with float        inline (IEEE: NaN is unequal to all)
//!     int  with float         inline, exactly (as float_richcompare)
//!     str  with str           == / != by identity, then bytes; orderings
//!                             by code point (UTF-8 byte order is the same)
//!     anything else           plain path: rich_compare pushes its answer,
//!                             the covered POP_JUMP_IF_* runs unfused
//!   IS_OP; POP_JUMP_IF_*            ─▶ FUSED_IS_JUMP        (identity)
//!   LOAD_CONST None; IS_OP; POP_JUMP ─▶ FUSED_CONST_IS_JUMP (x is None)
//!   LOAD_FAST x; LOAD_CONST None; IS_OP; POP_JUMP
//!                                    ─▶ FUSED_FAST_CONST_IS_JUMP: the
//!                                       local read in place, never cloned
//! ```
//!
//! The fast paths answer only where the answer needs no Python code and
//! cannot raise; everything else (a user `__lt__`, a `__bool__` that
//! raises, `1 < "a"`) is left to the plain `COMPARE_OP` path in `eval.rs`,
//! which saves `pc` at the compare exactly as the unfused op does, so a
//! traceback names the same line. Identity never runs Python code, so the
//! `is` ops have no plain path at all. None of the three has a check
//! point: neither do `COMPARE_OP`, `IS_OP` nor a forward `POP_JUMP_IF_*`
//! under the ≥ 3.10 policy, the only one that runs quickened code.
//!
//! Python equivalent: CPython 3.11's `COMPARE_OP_INT_JUMP`,
//! `COMPARE_OP_FLOAT_JUMP` and `COMPARE_OP_STR_JUMP` (specialised
//! `COMPARE_OP` + `POP_JUMP_IF_*` pairs, `Python/bytecodes.c`) and the
//! `POP_JUMP_IF_NONE` / `POP_JUMP_IF_NOT_NONE` its compiler emits for
//! `x is None`. 3.11 specialises `==`/`!=` only for strs; ordering strs is
//! cheap here, so it is in. Needs `superinstr.rs` (the int and float
//! tests) and `number.rs` (the exact int-float comparison).

use super::number::{int_float_cmp, IntRef};
use super::superinstr::{float_cmp, int_cmp};
use crate::ast::CmpOp;
use crate::object::frame::Frame;
use crate::object::refcount::Arc;
use crate::object::str::PyStr;
use crate::object::Value;
use std::cmp::Ordering;

/// Whether an ordering (`None`: a NaN was involved) satisfies `op`; a NaN
/// is unequal to everything and ordered with nothing. `None` for the
/// operators `COMPARE_OP` never carries (`in`, `is`).
#[inline(always)]
fn holds(op: CmpOp, o: Option<Ordering>) -> Option<bool> {
    use CmpOp::*;
    if !matches!(op, Eq | Ne | Lt | Le | Gt | Ge) {
        return None;
    }
    Some(match o {
        None => op == Ne,
        // The plain path's own test (`compare.rs`).
        Some(o) => super::compare::holds(op, o),
    })
}

/// Two `str`s: `==`/`!=` by identity first (an interned name against
/// itself), then content; orderings by code point.
#[inline(always)]
fn str_cmp(op: CmpOp, a: &Arc<PyStr>, b: &Arc<PyStr>) -> Option<bool> {
    match op {
        CmpOp::Eq => Some(Arc::ptr_eq(a, b) || a.as_str() == b.as_str()),
        CmpOp::Ne => Some(!(Arc::ptr_eq(a, b) || a.as_str() == b.as_str())),
        _ => holds(op, Some(a.as_str().cmp(b.as_str()))),
    }
}

/// `a op b` when both are ints, floats, an int and a float, or strs;
/// `None` for anything else (the plain path's `rich_compare` answers).
/// Runs no Python code and takes no lock, so `global_jump.rs` may call it
/// with `b` borrowed under a global slot's cell lock.
#[inline(always)]
pub(super) fn compare_fast(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => int_cmp(op, *x, *y),
        (Value::Float(_), Value::Float(_)) => float_cmp(op, a, b),
        // Exact, not through a conversion: 2**53 + 1 != 2.0**53.
        (Value::Int(i), Value::Float(f)) => holds(op, int_float_cmp(IntRef::Small(*i), *f)),
        (Value::Float(f), Value::Int(i)) => holds(
            op,
            int_float_cmp(IntRef::Small(*i), *f).map(Ordering::reverse),
        ),
        (Value::Str(x), Value::Str(y)) => str_cmp(op, x, y),
        _ => None,
    }
}

/// `FUSED_COMPARE_JUMP`'s fast path: `TOS1 op TOS` through
/// [`compare_fast`]. Pops both and answers the test; `None` leaves the
/// stack untouched for the plain path.
#[inline(always)]
pub(super) fn pop_compare(stack: &mut Vec<Value>, op: CmpOp) -> Option<bool> {
    let len = stack.len();
    let (Some(a), Some(b)) = (stack.get(len.wrapping_sub(2)), stack.last()) else {
        return None;
    };
    let answer = compare_fast(op, a, b)?;
    // Ints and floats need no drop glue; two strs give back their counts.
    stack.truncate(len - 2);
    Some(answer)
}

/// `FUSED_FAST_CONST_IS_JUMP`'s test: `local is consts[c]`, the local
/// borrowed where it lies (pushing it would clone it, and a clone of an
/// object is a reference-count increment and a decrement). `None` when the
/// local is unbound: the covered `LOAD_FAST` raises.
#[inline(always)]
pub(super) fn local_is_const(f: &Frame, consts: &[Value], a: u16, c: u16) -> Option<bool> {
    let local = f.locals.get(a as usize)?.as_ref()?;
    Some(local.is(consts.get(c as usize)?))
}
