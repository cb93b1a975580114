//! `collections.deque`: its state, its constructor, and its two ends.
//!
//! ```text
//!   appendleft ─▶ [ a  b  c  d ] ◀─ append        (maxlen: the other end drops)
//!   popleft    ◀─               ─▶ pop
//! ```
//!
//! The items sit in a `VecDeque` inside the one cell type; every
//! operation at an end is O(1) and one short critical section, which is
//! what makes `append` / `popleft` atomic under the GIL and safe without
//! it, as CPython promises. `version` counts mutations so iterators can
//! notice one (`deque_iter.rs`).
//!
//! Python equivalent: `deque_append`, `deque_popleft`, `deque_extend`,
//! `deque_init` in `Modules/_collectionsmodule.c`.
//!
//! Needs: the parent `mod.rs` (the class, for the receiver check); its
//! siblings `deque_seq.rs` and `deque_iter.rs` build on this file.

use super::DEQUE;
use crate::object::cell::PyCell;
use crate::object::refcount::Arc;
use crate::object::types::Type;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, NativeClass};
use crate::vm::ThreadCtx;
use std::collections::VecDeque;

/// A deque's contents.
#[derive(Default)]
pub struct DequeState {
    /// The items, left to right.
    pub(super) items: VecDeque<Value>,
    /// `maxlen` (`None`: unbounded).
    pub(super) maxlen: Option<usize>,
    /// Bumped by every mutation (iterators notice).
    pub(super) version: u64,
}

/// A deque object's native state.
#[derive(Default)]
pub struct Deque {
    /// The contents, in the one cell type.
    pub(super) state: PyCell<DequeState>,
}

/// The receiver's deque.
pub(super) fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a Deque> {
    args.native_self::<Deque>(&DEQUE, method)
}

/// A new deque value holding `items`.
pub(super) fn new_deque(
    cls: Option<&Arc<Type>>,
    items: VecDeque<Value>,
    maxlen: Option<usize>,
) -> Value {
    let d = Deque {
        state: PyCell::new(DequeState {
            items,
            maxlen,
            version: 0,
        }),
    };
    match cls {
        Some(c) => NativeClass::instance_of(c, d),
        None => DEQUE.instance(d),
    }
}

pub(super) fn deque_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    match args.positional().first() {
        Some(Value::Type(cls)) => Ok(new_deque(Some(cls), VecDeque::new(), None)),
        _ => Ok(new_deque(None, VecDeque::new(), None)),
    }
}

/// `deque.__init__(iterable=(), maxlen=None)`.
pub(super) fn deque_init(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__init__")?;
    let (_, rest) = args.split_self();
    let [iterable, maxlen] = rest.bind("deque", ["iterable", "maxlen"], 0)?;
    let maxlen = match maxlen {
        None | Some(Value::None) => None,
        Some(m) => {
            let m = index_arg(vm, m)?;
            if m < 0 {
                return Err(PyErr::new(
                    ExcKind::ValueError,
                    "maxlen must be non-negative",
                ));
            }
            Some(m as usize)
        }
    };
    let items = match iterable {
        Some(it) => vm.collect(it)?,
        None => Vec::new(),
    };
    let mut st = d.state.lock();
    st.items.clear();
    st.maxlen = maxlen;
    st.version += 1;
    for v in items {
        push_back(&mut st, v);
    }
    Ok(Value::None)
}

/// Appends on the right, dropping from the left past `maxlen`.
pub(super) fn push_back(st: &mut DequeState, v: Value) {
    if st.maxlen == Some(0) {
        return;
    }
    if st.maxlen.is_some_and(|m| st.items.len() >= m) {
        st.items.pop_front();
    }
    st.items.push_back(v);
    st.version += 1;
}

/// Appends on the left, dropping from the right past `maxlen`.
pub(super) fn push_front(st: &mut DequeState, v: Value) {
    if st.maxlen == Some(0) {
        return;
    }
    if st.maxlen.is_some_and(|m| st.items.len() >= m) {
        st.items.pop_back();
    }
    st.items.push_front(v);
    st.version += 1;
}

pub(super) fn one_arg<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    args.no_kwargs(name)?;
    args.arity(name, 2, 2)?;
    Ok(&args.positional()[1])
}

pub(super) fn append(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "append")?;
    let v = one_arg(&args, "append")?.clone();
    push_back(&mut d.state.lock(), v);
    Ok(Value::None)
}

pub(super) fn appendleft(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "appendleft")?;
    let v = one_arg(&args, "appendleft")?.clone();
    push_front(&mut d.state.lock(), v);
    Ok(Value::None)
}

pub(super) fn pop(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "pop")?;
    args.arity("pop", 1, 1)?;
    let mut st = d.state.lock();
    st.version += 1;
    st.items
        .pop_back()
        .ok_or_else(|| PyErr::new(ExcKind::IndexError, "pop from an empty deque"))
}

pub(super) fn popleft(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "popleft")?;
    args.arity("popleft", 1, 1)?;
    let mut st = d.state.lock();
    st.version += 1;
    st.items
        .pop_front()
        .ok_or_else(|| PyErr::new(ExcKind::IndexError, "pop from an empty deque"))
}

pub(super) fn extend(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "extend")?;
    let items = vm.collect(one_arg(&args, "extend")?)?;
    let mut st = d.state.lock();
    for v in items {
        push_back(&mut st, v);
    }
    Ok(Value::None)
}

pub(super) fn extendleft(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "extendleft")?;
    let items = vm.collect(one_arg(&args, "extendleft")?)?;
    let mut st = d.state.lock();
    for v in items {
        push_front(&mut st, v);
    }
    Ok(Value::None)
}

pub(super) fn clear(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "clear")?;
    let old = {
        let mut st = d.state.lock();
        st.version += 1;
        std::mem::take(&mut st.items)
    };
    drop(old);
    Ok(Value::None)
}

/// A snapshot of the items (to call Python without holding the cell).
pub(super) fn snapshot(d: &Deque) -> (Vec<Value>, Option<usize>) {
    let st = d.state.lock();
    (st.items.iter().cloned().collect(), st.maxlen)
}

/// The other operand's deque, if it is one.
pub(super) fn other_deque(v: &Value) -> Option<&Deque> {
    match v {
        Value::Instance(i) => i.native::<Deque>(),
        _ => None,
    }
}
