//! `local.name op= y` on an int attribute, read, computed and written back
//! in the instance's dict entry where it lies: one dispatch for the seven
//! instructions of the statement.
//!
//! ```text
//!   plain (7 dispatches)                      fast path (1)
//!   LOAD_FAST counter                         LOAD_FAST_ATTR_UPDATE counter
//!   COPY 1                                      counter's dict entry `n`,
//!   LOAD_ATTR_CACHED n      ─ read ─┐           checked by both sites' facts:
//!   LOAD_CONST 1 / LOAD_FAST y      │           Int(a) ─▶ Int(a op y) in place
//!   BINARY_OP +=                    │ window  (the six covered ops skipped)
//!   SWAP 2                          │
//!   STORE_ATTR_CACHED n     ─ write ┘
//! ```
//!
//! Go's `ledges -= 1` and `used += 1`-style updates ran these seven
//! instructions 365 k times per run: a dispatch each, a clone of the
//! instance for `COPY`, two stack shuffles. The fused op does what they
//! do when nothing in them can run Python code or raise: `local` is an
//! instance whose class version both inline caches (the read's and the
//! write's, `attr_cache.rs`) vouch for at the same dict position, the
//! attribute is an int, `y` is an int, and the operation does not
//! overflow. Anything else — a float, a property, `__setattr__`, a changed
//! class, an unbound `y`, a result past 64 bits — runs the covered
//! `LOAD_FAST` and carries on with the plain instructions, which stay in
//! place after it (`compiler/attr_sites.rs`, `fuse_attr_updates`).
//!
//! Check points: none is inside the window under the ≥ 3.10 policy, the
//! only one that runs quickened code, so the GIL can no more split the
//! update than before (`tests/object_races.rs`: 3.12 loses none). Under
//! `--gil none` (3.13t) the window is a real race — two threads' updates
//! interleave between the read's and the write's critical sections — and
//! this op would hold one lock across both, so a free-threaded run takes
//! it only while it has one thread (no one to race with: the claimed CLI
//! run before its second thread starts, `object/cell_mode.rs`) and keeps
//! the plain sequence, and its lost updates, from then on.
//!
//! Python equivalent: none in CPython 3.11, which specialises each of the
//! covered instructions (`LOAD_ATTR_INSTANCE_VALUE`, `BINARY_OP_ADD_INT`,
//! `STORE_ATTR_INSTANCE_VALUE`) but dispatches all seven. Needs
//! `attr_cache.rs` (the sites' facts) and `superinstr.rs` (int arithmetic,
//! operands).

use super::superinstr::{int_arith, int_of};
use crate::ast::BinOp;
use crate::bytecode::{Code, Op, Src};
use crate::object::frame::Frame;
use crate::object::Value;
use std::sync::atomic::Ordering::Relaxed;

/// The covered instructions' operands, read where they lie after the
/// fused op (`ops[pc..]`, `pc` just past it): the read's site, the
/// operand and operation, the write's site.
struct Covered {
    load_site: u32,
    y: Src,
    op: BinOp,
    store_site: u32,
}

/// The operands of the six instructions the fused op covers, if they are
/// the shape `fuse_attr_updates` fused (always, for code it compiled).
#[inline(always)]
fn covered(ops: &[Op], pc: usize) -> Option<Covered> {
    match ops.get(pc..pc + 6)? {
        [Op::Copy(1), Op::LoadAttrCached(load_site), Op::FusedLoadBinop(y, op, true), Op::BinaryOp(..), Op::Swap(2), Op::StoreAttrCached(store_site)] => {
            Some(Covered {
                load_site: *load_site,
                y: *y,
                op: *op,
                store_site: *store_site,
            })
        }
        _ => None,
    }
}

/// The fast path: `true` when the update is done (the caller skips the six
/// covered instructions), `false` with nothing touched.
#[inline(always)]
pub(super) fn update_int_attr(
    frame: &Frame,
    code: &Code,
    consts: &[Value],
    ops: &[Op],
    pc: usize,
    local: u16,
) -> bool {
    let Some(c) = covered(ops, pc) else {
        return false;
    };
    let Some(Some(Value::Instance(inst))) = frame.locals.get(usize::from(local)) else {
        return false;
    };
    let Some(y) = int_of(frame, consts, c.y) else {
        return false;
    };
    let (Some(load), Some(store)) = (
        code.attr_sites.get(c.load_site as usize),
        code.attr_sites.get(c.store_site as usize),
    ) else {
        return false;
    };
    // The same name at both sites: `fuse_attr_updates` fused only that.
    debug_assert_eq!(load.name, store.name);
    let version = inst.class.version.load(Relaxed);
    let (Some(index), Some(store_index)) = (load.dict_hint(version), store.dict_hint(version))
    else {
        return false;
    };
    if index != store_index {
        return false;
    }
    let name = load.key();
    inst.value_at_mut(index, name, |slot| {
        let Value::Int(a) = *slot else {
            return None;
        };
        // An int over an int: nothing to drop.
        let r = int_arith(c.op, a, y)?;
        *slot = Value::Int(r);
        Some(())
    })
    .is_some()
}
