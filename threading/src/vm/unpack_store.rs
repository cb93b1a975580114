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
//! The targets are the slots of the `STORE_FAST`s, which stay in place
//! after the fused op for jumps into the middle and for the plain path;
//! the compiler also lists them in `Code::unpack_targets`
//! (`compiler/quicken.rs`, `attach_unpack_targets`), and the fast path
//! stores from that slice of `u16`s after checking the highest slot, the
//! op's second operand, against the frame's locals. It used to read each
//! target out of the 12-byte instructions after checking them all in a
//! first pass: ~48 instructions an item, now ~17 (callgrind,
//! unpack_sequence: 972 M → 706 M instructions; CPython 3.11 runs its
//! work in ~620 M, the rest being its `LOAD_FAST` and dispatch). Stores happen in the order the plain ones do
//! (`a, a = t` leaves `t[1]` in `a`). A list's items are stored while its
//! cell is held (no copy to a buffer first: that cost more than the fusion
//! saved).
//! No check point is skipped: `UNPACK_SEQUENCE` and `STORE_FAST`
//! have none under the ≥ 3.10 policy, the only one that runs quickened
//! code.
//!
//! Python equivalent: none in 3.11 (`UNPACK_SEQUENCE_TUPLE` pushes, its
//! `STORE_FAST`s pop; 3.13 fuses `STORE_FAST__STORE_FAST` pairs).
//!
//! Needs only `object` (`Value`, the tuple and list storage); its
//! targets come from `bytecode.rs`'s `Code::unpack_targets`.

use crate::object::Value;

/// Stores the items of `v` into `locals` at `targets`, in order, when
/// `v` is a tuple or list of exactly `targets.len()` items and `top`, the
/// highest target, is a slot of `locals`. Returns whether it did; `false`
/// leaves everything untouched for the plain path.
#[inline]
pub(super) fn unpack_store(
    v: &Value,
    targets: &[u16],
    top: u16,
    locals: &mut [Option<Value>],
) -> bool {
    // The one check that makes every store below in range (the table's
    // slots are at most `top`; the compiler sizes a function's locals to
    // all its variables, so this always holds).
    if usize::from(top) >= locals.len() || targets.is_empty() {
        return false;
    }
    match v {
        Value::Tuple(t) if t.len() == targets.len() => store_all(&t.items, targets, locals),
        Value::List(l) => {
            let items = l.lock();
            if items.len() != targets.len() {
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

/// `locals[targets[k]] = items[k]` in order, for targets already checked.
#[inline(always)]
fn store_all(items: &[Value], targets: &[u16], locals: &mut [Option<Value>]) {
    for (item, &d) in items.iter().zip(targets) {
        Value::store_local(&mut locals[usize::from(d)], Some(item.clone()));
    }
}
