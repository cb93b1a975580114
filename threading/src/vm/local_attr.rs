//! `LOAD_FAST_ATTR_CACHED`, `STORE_FAST_ATTR_CACHED` and
//! `LOAD_FAST_METHOD_CACHED`: `self.x`, `self.x = v` and `self.m(...)` with
//! the receiver borrowed from its local variable.
//!
//! ```text
//!   plain pair:  LOAD_FAST self      clone self onto the stack   (+1 refcount)
//!                LOAD_ATTR_CACHED s  pop it, look up, drop it    (−1 refcount)
//!   fused:       LOAD_FAST_ATTR_CACHED (self, s)
//!                                    look up through &locals[self] (no refcount)
//! ```
//!
//! A `Value` is an `Arc`, so each clone and drop is an atomic read-modify-
//! write on the object's counter: the two this saves were, with the
//! instance dict's lock, most of a cached `self.x` (CPython's
//! `LOAD_FAST` + `LOAD_ATTR_INSTANCE_VALUE` pay a plain increment and
//! decrement instead, which is why it does not fuse them).
//!
//! `LOAD_FAST_ATTR_BINOP` goes one step further for `self.x * other.x`:
//! the attribute, a number, is combined with the number on top of the
//! stack where it lies in the dict, the covered `BINARY_OP` skipped;
//! `LOAD_FAST_ATTR_COMPARE_JUMP` likewise compares it with the top of the
//! stack for the conditional jump after it (`if ref.pos != self.pos:`).
//!
//! `self.m(...)` needs the receiver on the stack anyway, so its fused form
//! saves no reference count: only the push and pop between the two ops and
//! a dispatch (about 2 % on the class-heavy files).
//!
//! Only the fast paths of `attr_cache.rs` run on the borrow, and they call
//! no Python code, so no frame can rebind the local while it is borrowed.
//! A miss clones the receiver and takes the plain path of the cached
//! instruction, which may run anything. The pair has no check point under
//! the ≥ 3.10 policy, the only one that runs quickened code, so fusing it
//! moves no switch point. An unbound local raises what `LOAD_FAST` raises.
//!
//! Needs: `attr_cache.rs` (the fast and plain paths), `compiler/attr_sites.rs`
//! (which writes the fused ops).
//!
//! Python equivalent: none in 3.11 — CPython's refcounts are not atomic, so
//! it has nothing to save here; the free-threaded 3.13t build meets the
//! same cost and answers it with biased reference counting (PEP 703: the
//! owning thread counts without atomics) instead.

use super::attr_cache::StoreOutcome;
use super::attr_cache::{
    cached_class_attr, cached_class_attr_ref, cached_instance_store, cached_instance_value,
    cached_method,
};
use super::attr_in_place::{push_instance_value, store_instance_value};
use super::compare_jump::compare_fast;
use super::exceptions::unbound_local;
use super::superinstr::{float_arith, int_arith, push_value};
use super::ThreadCtx;
use crate::bytecode::Code;
use crate::object::frame::Frame;
use crate::object::{PyResult, Value};
use std::sync::atomic::Ordering::Relaxed;

/// The receiver in local slot `local` of `frame`, borrowed; an unbound
/// local raises what `LOAD_FAST` would.
#[inline(always)]
fn receiver<'a>(frame: &'a Frame, code: &Code, local: u16) -> PyResult<&'a Value> {
    match &frame.locals[usize::from(local)] {
        Some(obj) => Ok(obj),
        None => Err(unbound_local(code, u32::from(local))),
    }
}

/// Fast path of `LOAD_FAST_ATTR_CACHED (local, site)`: `local.name` from
/// the site's facts, on the borrow; `None` sends the instruction to its
/// plain path, [`ThreadCtx::load_fast_attr_cached`] (a miss, an unbound
/// local). Inlined into the instruction loop: as an out-of-line call its
/// prologue, epilogue and `PyResult` return through memory were a fifth of
/// a hit (go: 3.7 M hits).
#[inline(always)]
pub(super) fn fast_local_attr(frame: &Frame, code: &Code, local: u16, site: u32) -> Option<Value> {
    let attr_site = &code.attr_sites[site as usize];
    match frame.locals[usize::from(local)].as_ref()? {
        Value::Instance(inst) => {
            let name = attr_site.key();
            cached_instance_value(inst, attr_site, name)
        }
        Value::Type(cls) => cached_class_attr(attr_site, cls),
        _ => None,
    }
}

/// LOAD_FAST_ATTR_STORE_FAST's fast path (`d = local.name`), the
/// attribute cloned from where it lies (the instance's dict or slot, the
/// class's cache) straight into local `d`: through [`fast_local_attr`]'s
/// `Option` the value came back in two registers, was stored to a
/// temporary in halves and read back whole for the slot's 16-byte store,
/// a store-forwarding stall (perf: 2.5 % of go's samples on that one
/// load). `x = x.attr`, one slot read and written, goes through
/// `fast_local_attr`'s temporary. `false` with the frame untouched sends
/// the instruction to its plain path.
#[inline(always)]
pub(super) fn store_fast_local_attr(
    frame: &mut Frame,
    code: &Code,
    local: u16,
    site: u32,
    d: u16,
) -> bool {
    let Some((src, dst)) = two_slots(&mut frame.locals, usize::from(local), usize::from(d)) else {
        let Some(v) = fast_local_attr(frame, code, local, site) else {
            return false;
        };
        Value::store_local(&mut frame.locals[usize::from(d)], Some(v));
        return true;
    };
    let attr_site = &code.attr_sites[site as usize];
    match src {
        Some(Value::Instance(inst)) => {
            let name = attr_site.key();
            store_instance_value(dst, inst, attr_site, name)
        }
        Some(Value::Type(cls)) => match cached_class_attr_ref(attr_site, cls) {
            Some(v) => {
                Value::store_local(dst, Some(v.clone()));
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// Local `src` to read and local `dst` to write at once (two different,
/// existing slots; `None` otherwise).
#[inline(always)]
fn two_slots(
    locals: &mut [Option<Value>],
    src: usize,
    dst: usize,
) -> Option<(&Option<Value>, &mut Option<Value>)> {
    if src.max(dst) >= locals.len() || src == dst {
        return None;
    }
    if src < dst {
        let (low, high) = locals.split_at_mut(dst);
        Some((&low[src], &mut high[0]))
    } else {
        let (low, high) = locals.split_at_mut(src);
        Some((&high[0], &mut low[dst]))
    }
}

/// [`fast_local_attr`], pushing the value itself (an instance's through
/// `attr_in_place.rs`'s [`push_instance_value`]); `false` with the stack
/// untouched sends the instruction to its plain path,
/// [`ThreadCtx::load_fast_attr_cached`].
#[inline(always)]
pub(super) fn push_fast_local_attr(
    stack: &mut Vec<Value>,
    frame: &Frame,
    code: &Code,
    local: u16,
    site: u32,
) -> bool {
    let attr_site = &code.attr_sites[site as usize];
    match frame.locals[usize::from(local)].as_ref() {
        Some(Value::Instance(inst)) => {
            let name = attr_site.key();
            push_instance_value(stack, inst, attr_site, name)
        }
        Some(Value::Type(cls)) => match cached_class_attr_ref(attr_site, cls) {
            Some(v) => {
                push_value(stack, v.clone());
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// What [`binop_fast_local_attr`] and [`compare_fast_local_attr`] did.
pub(super) enum AttrOperand<T> {
    /// Both operands were of a kind the fast path takes: the result.
    Done(T),
    /// The attribute was found where the site says but the operands are
    /// of another kind (a `Vector * float`, an int `==` a `None`): it is
    /// pushed, as the covered `LOAD_FAST_ATTR_CACHED` would have, and the
    /// covered operation runs next, so the lookup is not made twice.
    Pushed,
    /// The site's facts do not hold (or the receiver is not an instance):
    /// nothing touched, the covered `LOAD_FAST_ATTR_CACHED` runs.
    Missed,
}

/// Fast path of `LOAD_FAST_ATTR_BINOP (local, site)` (`LOAD_FAST_ATTR_CACHED;
/// BINARY_OP op`, raytrace's `self.x * other.x`): the number on top of
/// `stack` combined with the instance's number attribute read where it
/// lies in the dict, the result written over the top (`Done`). An
/// attribute of another kind, an int result past 64 bits, a float
/// division by zero: `Pushed`; a class or `__slots__` receiver, a miss of
/// the site's facts: `Missed`.
#[inline(always)]
pub(super) fn binop_fast_local_attr(
    stack: &mut Vec<Value>,
    frame: &Frame,
    code: &Code,
    local: u16,
    site: u32,
    op: crate::ast::BinOp,
) -> AttrOperand<()> {
    let Some(Value::Instance(inst)) = frame.locals[usize::from(local)].as_ref() else {
        return AttrOperand::Missed;
    };
    let attr_site = &code.attr_sites[site as usize];
    let Some(index) = attr_site.dict_hint(inst.class.version.load(Relaxed)) else {
        return AttrOperand::Missed;
    };
    let name = attr_site.key();
    let outcome = inst.value_at(index, name, |b| {
        let result = match (stack.last(), b) {
            (Some(Value::Int(x)), Value::Int(y)) => int_arith(op, *x, *y).map(Value::Int),
            (Some(a), b) => float_arith(op, a, b).map(Value::Float),
            (None, _) => None,
        };
        match result {
            Some(r) => {
                // A number over a number (a result means the top was
                // there): nothing to drop.
                if let Some(top) = stack.last_mut() {
                    super::superinstr::overwrite_number(top, r);
                }
                AttrOperand::Done(())
            }
            None => {
                push_value(stack, b.clone());
                AttrOperand::Pushed
            }
        }
    });
    outcome.unwrap_or(AttrOperand::Missed)
}

/// Fast path of `LOAD_FAST_ATTR_COMPARE_JUMP (local, site)`
/// (`LOAD_FAST_ATTR_CACHED; COMPARE_OP op; POP_JUMP_IF_*`, go's
/// `if reference.pos != self.pos:`): the top of `stack` compared with the
/// instance's attribute where it lies in the dict, through
/// `compare_jump.rs`'s [`compare_fast`] (ints, floats, strs: no Python
/// code, no lock), then popped: `Done` with the answer for the covered
/// jump. Other kinds: `Pushed`; a miss: `Missed` (see [`AttrOperand`]).
#[inline(always)]
pub(super) fn compare_fast_local_attr(
    stack: &mut Vec<Value>,
    frame: &Frame,
    code: &Code,
    local: u16,
    site: u32,
    op: crate::ast::CmpOp,
) -> AttrOperand<bool> {
    let Some(Value::Instance(inst)) = frame.locals[usize::from(local)].as_ref() else {
        return AttrOperand::Missed;
    };
    let attr_site = &code.attr_sites[site as usize];
    let Some(index) = attr_site.dict_hint(inst.class.version.load(Relaxed)) else {
        return AttrOperand::Missed;
    };
    let name = attr_site.key();
    let outcome = inst.value_at(index, name, |b| {
        match stack.last().and_then(|top| compare_fast(op, top, b)) {
            Some(answer) => AttrOperand::Done(answer),
            None => {
                push_value(stack, b.clone());
                AttrOperand::Pushed
            }
        }
    });
    match outcome {
        Some(AttrOperand::Done(answer)) => {
            // The compared top let go after the dict's borrow has ended,
            // inline (`Value::release`: a number is forgotten, a str's
            // count decremented). Fast path beside `truncate(len - 1)`,
            // which ran the slice drop loop out of line for the one value
            // (go: 583 k times, ~33 instructions each).
            if let Some(top) = stack.pop() {
                top.release();
            }
            AttrOperand::Done(answer)
        }
        Some(other) => other,
        None => AttrOperand::Missed,
    }
}

/// Fast path of `LOAD_FAST_METHOD_CACHED (local, site)`: the function
/// from the site's fact 4 and the receiver, read on the borrow and cloned
/// straight onto `stack` (`true`; returned as a pair first, both were
/// stored in halves and read back whole for the pushes, perf: 1 % of
/// richards); `false`, the stack untouched, sends the instruction to
/// [`ThreadCtx::load_fast_method_cached`]. Inlined into the loop for the
/// reason [`fast_local_attr`] is.
#[inline(always)]
pub(super) fn push_fast_local_method(
    stack: &mut Vec<Value>,
    frame: &Frame,
    code: &Code,
    local: u16,
    site: u32,
) -> bool {
    let attr_site = &code.attr_sites[site as usize];
    let Some(obj) = frame.locals[usize::from(local)].as_ref() else {
        return false;
    };
    let name = attr_site.key();
    let Some(func) = cached_method(attr_site, obj, name) else {
        return false;
    };
    push_value(stack, func.clone());
    push_value(stack, obj.clone());
    true
}

impl ThreadCtx {
    /// The plain path of `LOAD_FAST_ATTR_STORE_FAST (local, site, d)`:
    /// [`load_fast_attr_cached`](Self::load_fast_attr_cached), stored into
    /// local `d` here rather than in the loop, so the loop's fast path
    /// keeps its own store (see the instruction's arm in `eval.rs`).
    #[inline(never)]
    pub(super) fn load_fast_attr_store_fast(
        &mut self,
        code: &Code,
        fi: usize,
        local: u16,
        site: u32,
        d: u16,
    ) -> PyResult<()> {
        let v = self.load_fast_attr_cached(code, fi, local, site)?;
        Value::store_local(&mut self.frames[fi].locals[usize::from(d)], Some(v));
        Ok(())
    }

    /// `LOAD_FAST_ATTR_CACHED (local, site)`: the value of `local.name`
    /// in frame `fi` (the running one). The loop tries [`fast_local_attr`]
    /// first; this is the whole instruction, fast path included, for its
    /// misses (and for LOAD_FAST_ATTR_STORE_FAST).
    #[inline(never)]
    pub(super) fn load_fast_attr_cached(
        &mut self,
        code: &Code,
        fi: usize,
        local: u16,
        site: u32,
    ) -> PyResult {
        let attr_site = &code.attr_sites[site as usize];
        let obj = receiver(&self.frames[fi], code, local)?;
        // Fast path: the cached instruction's fast paths, on the borrow.
        let hit = match obj {
            Value::Instance(inst) => {
                let name = attr_site.key();
                cached_instance_value(inst, attr_site, name)
            }
            Value::Type(cls) => cached_class_attr(attr_site, cls),
            _ => None,
        };
        if let Some(v) = hit {
            return Ok(v);
        }
        // Plain path: what `LOAD_FAST; LOAD_ATTR_CACHED` do.
        let obj = obj.clone();
        self.load_attr_uncached(code, site, obj)
    }

    /// `STORE_FAST_ATTR_CACHED (local, site)`: `local.name = v`.
    #[inline(always)]
    pub(super) fn store_fast_attr_cached(
        &mut self,
        code: &Code,
        fi: usize,
        local: u16,
        site: u32,
        v: Value,
    ) -> PyResult<()> {
        let attr_site = &code.attr_sites[site as usize];
        let name = attr_site.key();
        let obj = receiver(&self.frames[fi], code, local)?;
        // Fast path: the cached store, on the borrow (the fast path calls
        // no Python code, so nothing can rebind the local meanwhile).
        let v = match obj {
            Value::Instance(inst) => match cached_instance_store(inst, attr_site, name, v) {
                StoreOutcome::Stored => return Ok(()),
                StoreOutcome::Missed(v) => v,
            },
            _ => v,
        };
        // Plain path.
        let obj = obj.clone();
        self.store_attr_uncached(attr_site, name, &obj, v)
    }

    /// `LOAD_FAST_METHOD_CACHED (local, site)`: `(function, receiver)` or
    /// `(attr, NULL)` for `local.name`, as `LOAD_METHOD_CACHED` answers.
    /// The loop tries [`push_fast_local_method`] first.
    #[inline(never)]
    pub(super) fn load_fast_method_cached(
        &mut self,
        code: &Code,
        fi: usize,
        local: u16,
        site: u32,
    ) -> PyResult<(Value, Value)> {
        let attr_site = &code.attr_sites[site as usize];
        let name = attr_site.key();
        let obj = receiver(&self.frames[fi], code, local)?;
        // Fast path: the receiver is needed on the stack either way (one
        // clone); the saving is the push and pop between the two ops.
        if let Some(func) = cached_method(attr_site, obj, name) {
            return Ok((func.clone(), obj.clone()));
        }
        // Plain path.
        let obj = obj.clone();
        self.load_method_uncached(attr_site, name, obj)
    }
}
