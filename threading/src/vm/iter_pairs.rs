//! `for a, b in ...` without the pair: `FOR_ITER; UNPACK_SEQUENCE 2;
//! STORE_FAST a; STORE_FAST b` fused (`compiler/quicken.rs`), with the
//! common iterators' next pair read straight into the two locals.
//!
//! ```text
//!   for j, x in enumerate(xs)   count and xs[index]       no tuple built
//!   for x, y in zip(xs, ys)     xs[i] and ys[j]           no tuple built
//!   for k, v in pairs           pairs[index]'s 2 items    tuple not copied
//!   for k, v in d.items()       the next entry's key and value, no tuple
//!   (xs, ys, pairs: a list or tuple; anything else, an exhausted
//!    iterator, a non-int count, an item that is not a 2-tuple, zip(it, it),
//!    a dict whose size changed since the loop began)
//!       ─▶ the plain FOR_ITER, then the covered UNPACK_SEQUENCE and
//!          STORE_FASTs run unfused and raise what they raise
//! ```
//!
//! The plain path builds a 2-tuple per iteration (`enumerate`'s and
//! `zip`'s results; one allocation, one free) and runs three more
//! instructions; `iter/step.rs` also drops the iterator's cell between
//! reading the inner iterator and storing the new count. Here the whole
//! step is done under the cells, taken in the order the plain step takes
//! them (the outer iterator's, then an inner iterator's, then the list's),
//! so no new lock order appears; no Python code runs while they are held.
//! A step that would end the loop is left to the plain path, which marks
//! the iterators done exactly as before.
//!
//! No check point is skipped: `FOR_ITER`, `UNPACK_SEQUENCE` and
//! `STORE_FAST` have none under the ≥ 3.10 policy, the only one that runs
//! quickened code.
//!
//! Python equivalent: none in 3.11 (its `UNPACK_SEQUENCE_TWO_TUPLE` still
//! unpacks a tuple `enumerate` or `dictitems_iter` has built; `enum_next`
//! and `dictiter_iternextitem` reuse that tuple when nobody else holds
//! it). PyPy's JIT removes the tuple the same way.
//!
//! Needs only `object` (`Value`, `Iter`'s states, the list and tuple cells).

use crate::object::iter::{IterState, ViewKind};
use crate::object::Value;

/// The next item of a list or tuple iterator, read without advancing:
/// `None` for any other iterator, or when it has no next item.
#[inline(always)]
fn peek(st: &IterState) -> Option<Value> {
    match st {
        IterState::List {
            seq: Value::List(l),
            index,
        } => l.lock().get(*index).cloned(),
        IterState::Tuple {
            seq: Value::Tuple(t),
            index,
        } => t.get(*index).cloned(),
        _ => None,
    }
}

/// Moves a list or tuple iterator past the item `peek` returned.
#[inline(always)]
fn advance(st: &mut IterState) {
    if let IterState::List { index, .. } | IterState::Tuple { index, .. } = st {
        *index += 1;
    }
}

/// The two items of a 2-tuple, else `None`.
#[inline(always)]
fn two_items(v: &Value) -> Option<(Value, Value)> {
    match v {
        Value::Tuple(t) if t.len() == 2 => Some((t.first()?.clone(), t.get(1)?.clone())),
        _ => None,
    }
}

/// The next pair of the iterator `it` (at the top of the stack), advanced
/// past it; `None` leaves the iterator untouched for the plain path.
pub(super) fn next_pair(it: &Value) -> Option<(Value, Value)> {
    let Value::Iter(it) = it else {
        return None;
    };
    let mut st = it.state.lock();
    match &mut *st {
        IterState::Enumerate {
            inner: Value::Iter(inner),
            count: Value::Int(count),
        } => {
            // Past i64::MAX the count becomes a big int: plain path.
            let next = count.checked_add(1)?;
            let mut inner_st = inner.state.lock();
            let item = peek(&inner_st)?;
            advance(&mut inner_st);
            let n = std::mem::replace(count, next);
            Some((Value::Int(n), item))
        }
        IterState::Zip { iters, .. } if iters.len() == 2 => {
            let (Value::Iter(x), Value::Iter(y)) = (&iters[0], &iters[1]) else {
                return None;
            };
            // `zip(it, it)` pairs consecutive items of one iterator: its
            // cell cannot be taken twice, and the plain path gets it right.
            if crate::object::refcount::Arc::ptr_eq(x, y) {
                return None;
            }
            let (mut xs, mut ys) = (x.state.lock(), y.state.lock());
            // Both are read before either moves, so a zip whose second
            // iterator has run out is still the plain path's to end (it
            // advances the first one, as CPython's `zip_next` does).
            let pair = (peek(&xs)?, peek(&ys)?);
            advance(&mut xs);
            advance(&mut ys);
            Some(pair)
        }
        IterState::List { .. } | IterState::Tuple { .. } => {
            let pair = two_items(&peek(&st)?)?;
            advance(&mut st);
            Some(pair)
        }
        IterState::Dict {
            dict,
            kind: ViewKind::Items,
            pos,
            len,
        } => {
            // A dict whose size changed, or whose entries are used up, is
            // the plain path's: it raises the RuntimeError (and marks the
            // iterator spent) or ends the loop, as before.
            let d = dict.as_dict()?;
            let table = d.lock();
            if table.len() != *len {
                return None;
            }
            let (p, e) = table.next_from(*pos)?;
            *pos = p + 1;
            Some((e.key.clone(), e.value.clone()))
        }
        _ => None,
    }
}
