//! `a, b, c = t` without the stack: `UNPACK_SEQUENCE n` followed by `n`
//! `STORE_FAST`s fused (`compiler/quicken.rs`), each item of an exact
//! tuple or list of length `n` stored straight into its local.
//!
//! ```text
//!   plain:  UNPACK_SEQUENCE 3   push t[2], t[1], t[0]      (3 clones, 3 pushes)
//!           STORE_FAST a        pop into a                 (3 dispatches,
//!           STORE_FAST b        pop into b                  3 pops)
//!           STORE_FAST c        pop into c
//!   fused:  FUSED_UNPACK_STORE 3   a = t[0]; b = t[1]; c = t[2]   (3 clones)
//!   (anything but a tuple or a list of exactly n items) ─▶ the plain
//!    UNPACK_SEQUENCE, then the STORE_FASTs run unfused and raise what
//!    they raise
//! ```
//!
//! The targets are read from the instructions that follow in the
//! quickened stream (`Code::quick`, which the loop is reading anyway): the
//! quickener starts no pattern at a `STORE_FAST`, so they are the
//! original `STORE_FAST`s, in place for jumps into the middle and for the
//! plain path (anything else there sends the op to the plain path).
//! Stores happen in the order the plain ones do (`a, a = t` leaves `t[1]`
//! in `a`). A list's items are stored while its cell is
//! held (no copy to a buffer first: that cost more than the fusion saved).
//! No check point is skipped: `UNPACK_SEQUENCE` and `STORE_FAST`
//! have none under the ≥ 3.10 policy, the only one that runs quickened
//! code.
//!
//! Python equivalent: none in 3.11 (`UNPACK_SEQUENCE_TUPLE` pushes, its
//! `STORE_FAST`s pop; 3.13 fuses `STORE_FAST__STORE_FAST` pairs).
//!
//! Needs only `object` (`Value`, the tuple and list storage) and the
//! `Op` enum.

use crate::bytecode::Op;
use crate::object::Value;

/// Stores the items of `v` into `locals` at the targets of the `n`
/// `STORE_FAST`s at the start of `following` (the instructions after the
/// fused one), when `v` is a tuple or list of exactly `n` items. Returns
/// whether it did; `false` leaves everything untouched for the plain path.
#[inline]
pub(super) fn unpack_store(
    v: &Value,
    n: usize,
    following: &[Op],
    locals: &mut [Option<Value>],
) -> bool {
    // The targets, checked before anything is stored (the quickener fuses
    // only over STORE_FASTs of this code's locals, so this always holds).
    let Some(targets) = following.get(..n) else {
        return false;
    };
    if !targets
        .iter()
        .all(|op| matches!(*op, Op::StoreFast(d) if (d as usize) < locals.len()))
    {
        return false;
    }
    match v {
        Value::Tuple(t) if t.len() == n => store_all(&t.items, targets, locals),
        Value::List(l) => {
            let items = l.lock();
            if items.len() != n {
                return false;
            }
            // The old values drop under the list's cell: a drop runs no
            // Python code and takes no cell, so no rule of `cell.rs` is
            // at stake, only how long the cell is held.
            store_all(&items, targets, locals);
        }
        _ => return false,
    }
    true
}

/// `locals[target k] = items[k]` in order, for targets already checked.
#[inline(always)]
fn store_all(items: &[Value], targets: &[Op], locals: &mut [Option<Value>]) {
    for (item, op) in items.iter().zip(targets) {
        if let Op::StoreFast(d) = *op {
            Value::store_local(&mut locals[d as usize], Some(item.clone()));
        }
    }
}
