//! The iterator of `collections.deque` (`iter(d)`, `reversed(d)`).
//!
//! It holds the deque and a position, not a copy; each step reads one
//! item under the deque's cell. A deque changed during iteration raises
//! `RuntimeError: deque mutated during iteration`, noticed through the
//! deque's `version`, as CPython's `deque_iter` does with its `state`.
//!
//! Python equivalent: `dequeiter_next`, `dequereviter_next` in
//! `Modules/_collectionsmodule.c`.
//!
//! Needs: `deque.rs` (the state).

use super::deque::{me, other_deque};
use crate::object::cell::PyCell;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::native::{Args, NativeClass, NativeSpec};
use crate::vm::ThreadCtx;

/// A deque iterator's state.
pub struct DequeIter {
    /// The deque (keeps it alive).
    deque: Value,
    /// Next position, counted from the iteration's start end.
    pos: PyCell<usize>,
    /// The deque's version when iteration began.
    version: u64,
    /// Whether it runs right to left.
    reverse: bool,
}

/// `_collections._deque_iterator` and `_deque_reverse_iterator`.
pub static DEQUE_ITER: NativeClass = NativeClass::new(
    "_deque_iterator",
    "_collections",
    &[
        NativeSpec::method("__iter__", iter_self),
        NativeSpec::method("__next__", iter_next),
    ],
);

fn make_iter(args: &Args, reverse: bool, method: &str) -> PyResult {
    let d = me(args, method)?;
    let version = d.state.lock().version;
    Ok(DEQUE_ITER.instance(DequeIter {
        deque: args.positional()[0].clone(),
        pos: PyCell::new(0),
        version,
        reverse,
    }))
}

pub(super) fn iter(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    make_iter(&args, false, "__iter__")
}

pub(super) fn reversed(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    make_iter(&args, true, "__reversed__")
}

fn iter_self(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(args.positional()[0].clone())
}

fn iter_next(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let it = args.native_self::<DequeIter>(&DEQUE_ITER, "__next__")?;
    let Some(d) = other_deque(&it.deque) else {
        return Err(PyErr::stop_iteration(None));
    };
    let st = d.state.lock();
    if st.version != it.version {
        return Err(PyErr::new(
            ExcKind::RuntimeError,
            "deque mutated during iteration",
        ));
    }
    let mut pos = it.pos.lock();
    let len = st.items.len();
    if *pos >= len {
        return Err(PyErr::stop_iteration(None));
    }
    let i = if it.reverse { len - 1 - *pos } else { *pos };
    *pos += 1;
    Ok(st.items[i].clone())
}
