//! Dropping deeply nested objects without recursion.
//!
//! ```text
//!   x = None
//!   for _ in range(1_000_000): x = [x]      # a million nested lists
//!   del x       ─▶ Drop(List) ─▶ Drop(List) ─▶ ...   (recursive: overflow)
//!
//!   here:        Drop(List) hands its items to PENDING; the outermost
//!                drop drains PENDING in a loop: constant native stack
//! ```
//!
//! Every container's `Drop` passes its children to [`drop_values`]. Up to
//! [`UNWIND_LEVEL`] containers deep (a thread-local count) they are dropped
//! on the spot, recursively, as CPython does below its trashcan's depth.
//! Past it, if a drain is already running on this thread, the children are
//! queued on a thread-local list and the drain picks them up; otherwise
//! this call becomes the drain. Values that cannot nest (ints, strings,
//! ...) are dropped on the spot at any depth, so flat containers never
//! touch the list.
//!
//! Fast path: the depth count. The plain path queued every nesting child
//! (a vector allocated per container holding one, a thread-local list
//! borrowed per child): raytrace's `Ray` holding two instances paid ~190
//! instructions a drop for it. The queue is now met only by structures
//! nested past [`UNWIND_LEVEL`], which still free with constant native
//! stack.
//!
//! Python equivalent: the "trashcan" of `Include/cpython/object.h`
//! (`Py_TRASHCAN_BEGIN`), which defers deallocation past a depth of 50
//! (`_PyTrash_UNWIND_LEVEL`) for the same reason.

use super::value::Value;
use std::cell::{Cell, RefCell};

/// How many containers deep a drop recurses before it queues (CPython's
/// `_PyTrash_UNWIND_LEVEL`). Each level is a handful of native frames
/// (the value's drop glue, the `Arc`'s slow drop, the container's `Drop`,
/// this function): a few kilobytes of stack at the limit.
const UNWIND_LEVEL: u32 = 50;

thread_local! {
    /// Values waiting to be dropped by the running drain.
    static PENDING: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    /// Whether a drain is running on this thread.
    static DRAINING: Cell<bool> = const { Cell::new(false) };
    /// How many `drop_values` calls are dropping their children on the
    /// spot on this thread, one inside another.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Whether dropping `v` may recurse into more values.
#[inline]
pub fn can_nest(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Instance(_)
            | Value::Method(_)
            | Value::Iter(_)
            | Value::Function(_)
    )
}

/// Drops `values` (a container's children) with constant native stack.
pub fn drop_values(values: impl IntoIterator<Item = Value>) {
    // Fast path: shallow enough to drop the children here, recursively.
    // (A `const` `Cell` has no destructor, so `DEPTH` is readable even
    // while the thread's other locals are torn down.)
    let depth = DEPTH.get();
    if depth < UNWIND_LEVEL {
        DEPTH.set(depth + 1);
        for v in values {
            v.release();
        }
        DEPTH.set(depth);
        return;
    }
    // Plain path: queue the nesting children for the drain.
    let mut nesting: Vec<Value> = Vec::new();
    for v in values {
        if can_nest(&v) {
            nesting.push(v);
        } else {
            // Other values drop here, one level deep. Fast path: an int,
            // float, bool or `None` (a list of ints: nqueens' index lists)
            // is forgotten inline, not passed to the drop glue per item.
            v.discard();
        }
    }
    if nesting.is_empty() {
        return;
    }
    let queued = PENDING.try_with(|p| {
        if DRAINING.get() {
            p.borrow_mut().append(&mut nesting);
            true
        } else {
            false
        }
    });
    match queued {
        Ok(true) => {}
        Ok(false) => drain(nesting),
        // Thread-local storage is being torn down: drop the plain way.
        Err(_) => drop(nesting),
    }
}

/// Drops `first` and everything its drops queue, iteratively.
fn drain(first: Vec<Value>) {
    DRAINING.set(true);
    let _ = PENDING.try_with(|p| p.borrow_mut().extend(first));
    loop {
        // Take one value out with the borrow released before dropping it
        // (its drop re-enters `drop_values`, which borrows again).
        let next = PENDING.try_with(|p| p.borrow_mut().pop()).ok().flatten();
        match next {
            Some(v) => drop(v),
            None => break,
        }
    }
    DRAINING.set(false);
}
