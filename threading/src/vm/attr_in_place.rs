//! Instance attributes cloned straight to where they go: onto the value
//! stack, into a local's slot, or over the instance on top of the stack,
//! while the instance dict's table is borrowed — the fast paths of the
//! cached attribute instructions (`attr_cache.rs`'s facts 1–3) written so
//! that the value never travels through a returned `Option` or `PyResult`.
//!
//! ```text
//!   returned:   dict entry ──clone──▶ two registers ──▶ temporary (two 8-byte stores)
//!                          ──▶ one 16-byte load ──▶ stack slot       (store-forwarding stall)
//!   in place:   dict entry ──clone (16-byte load/store)──▶ stack slot or local slot
//! ```
//!
//! Why a file of its own: the stall is a property of how a value moves,
//! not of the cache's facts; each helper here checks the same facts as
//! `cached_instance_value` and differs only in its destination (perf
//! found each returning version at 1–8 % of a file's samples: go's
//! `self.x`, `x = b.v`, `a.b.c`). A miss leaves everything untouched and
//! the caller takes the returning fast path or the plain path.
//!
//! Python equivalent: none: CPython moves one-word pointers, which the CPU
//! forwards from any store. Needs `attr_cache.rs` (the facts, the slot
//! fallback), `object/instance.rs` (`value_at`) and `superinstr.rs`
//! (`push_value`).

use super::attr_cache::cached_slot_value;
use crate::object::attr_site::AttrSite;
use crate::object::instance::Instance;
use crate::object::str::PyStr;
use crate::object::Value;
use std::sync::atomic::Ordering::Relaxed;

/// [`cached_instance_value`](super::attr_cache::cached_instance_value), pushed onto `stack` (`true`), or `false`
/// with the stack untouched. The dict's value is cloned straight onto the
/// stack while the table is borrowed: returned first, it travelled as two
/// 8-byte halves into a temporary that the instruction loop's shared push
/// read back with one 16-byte load, a store-forwarding stall (perf: 8 % of
/// go's cycles on that load).
#[inline(always)]
pub(super) fn push_instance_value(
    stack: &mut Vec<Value>,
    inst: &Instance,
    site: &AttrSite,
    name: &PyStr,
) -> bool {
    let version = inst.class.version.load(Relaxed);
    if let Some(index) = site.dict_hint(version) {
        return inst
            .value_at(index, name, |v| {
                super::superinstr::push_value(stack, v.clone())
            })
            .is_some();
    }
    match cached_slot_value(inst, site, version) {
        Some(v) => {
            // Fast path: into the spare slot (`push_value`); `Vec::push`
            // here stayed an out-of-line call (float's `__slots__` points,
            // 900,000 of them).
            super::superinstr::push_value(stack, v);
            true
        }
        None => false,
    }
}

/// [`cached_instance_value`](super::attr_cache::cached_instance_value)
/// stored into the local `slot` (`true`), or `false` with the slot
/// untouched: the value is cloned from the dict (or the `__slots__` slot)
/// straight into the local's slot, for the reason of
/// [`push_instance_value`] (LOAD_FAST_ATTR_STORE_FAST, `local_attr.rs`).
#[inline(always)]
pub(super) fn store_instance_value(
    slot: &mut Option<Value>,
    inst: &Instance,
    site: &AttrSite,
    name: &PyStr,
) -> bool {
    let version = inst.class.version.load(Relaxed);
    let old = if let Some(index) = site.dict_hint(version) {
        match inst.value_at(index, name, |v| slot.replace(v.clone())) {
            Some(old) => old,
            None => return false,
        }
    } else {
        match cached_slot_value(inst, site, version) {
            Some(v) => slot.replace(v),
            None => return false,
        }
    };
    // The old value goes after the table's borrow has ended.
    if let Some(old) = old {
        old.discard();
    }
    true
}

/// [`cached_instance_value`](super::attr_cache::cached_instance_value) for the instance on top of `stack`, which it
/// replaces (`true`); `false` with the stack untouched. For the reason of
/// [`push_instance_value`]: returned through `load_attr_cached`'s
/// `PyResult`, the value was stored as two halves and read back whole
/// (perf: 2 % of go's samples on that load, `self.board.zobrist`). Dict
/// attributes only; a `__slots__` one takes the returning path.
#[inline(always)]
pub(super) fn replace_top_with_instance_value(
    stack: &mut [Value],
    site: &AttrSite,
    name: &PyStr,
) -> bool {
    let Some(top) = stack.last_mut() else {
        return false;
    };
    let Value::Instance(inst) = &*top else {
        return false;
    };
    let Some(index) = site.dict_hint(inst.class.version.load(Relaxed)) else {
        return false;
    };
    let Some(v) = inst.value_at(index, name, Value::clone) else {
        return false;
    };
    // The instance's reference goes after its attribute's was taken.
    // Fast path: dropped as the instance it was matched as, its count
    // decremented inline; the plain `drop(obj)` went through the enum's
    // out-of-line drop glue (go: 317 k times).
    match std::mem::replace(top, v) {
        Value::Instance(inst) => drop(inst),
        other => drop(other),
    }
    true
}
