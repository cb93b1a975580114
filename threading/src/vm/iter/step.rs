//! One step of a built-in iterator (`map`, `filter`, `zip`,
//! `enumerate`, `reversed`, `iter(f, sentinel)`, the sequence and
//! container iterators).
//!
//! ```text
//!   iter_next ─▶ step_locked (under the iterator's cell) ─▶ Step::Ready(item)
//!                                                        └▶ Step::Map / Zip / ...
//!            ─▶ the call outside the cell (f(x), next(inner), seq[i])
//! ```
//!
//! The one-cell rule: [`step_locked`] reads and advances the state under
//! the iterator's cell and returns a [`Step`]; anything that runs Python
//! code (a `map` function, the `next` of an inner generator, a
//! `__getitem__`) is done by `iter_next` after the cell is released, so
//! a Python callback that touches the same iterator cannot deadlock.
//!
//! Python equivalent: `map_next`, `filter_next`, `zip_next`,
//! `enum_next`, `reversed_next` (`Python/bltinmodule.c`,
//! `Objects/enumobject.c`), `iter_iternext`, `calliter_iternext`
//! (`Objects/iterobject.c`).
//!
//! Needs: the parent `mod.rs` (`next()` of the inner iterators).

use super::ThreadCtx;
use crate::object::iter::{Iter, IterState, ViewKind};
use crate::object::{ExcKind, PyErr, PyResult, Value};

/// What one locked step of a built-in iterator decided.
enum Step {
    /// Done without Python code.
    Ready(Option<Value>),
    /// `enumerate`: the next item of `inner`, counted.
    Enumerate(Value, Value),
    /// `zip`: the next item of each.
    Zip(Vec<Value>, bool),
    /// `map`: call `f` on the next item of each.
    Map(Value, Vec<Value>),
    /// `filter`: the next item of `inner` that `f` accepts.
    Filter(Value, Value),
    /// `seq[index]` (old sequence protocol).
    Index(Value, i64),
    /// `seq[index]` going down (`reversed`).
    ReverseIndex(Value, i64),
    /// `f()` until it returns `sentinel`.
    Call(Value, Value),
}
impl ThreadCtx {
    /// One step of a built-in iterator.
    pub(super) fn iter_next(&mut self, it: &Iter) -> PyResult<Option<Value>> {
        let step = {
            let mut st = it.state.lock();
            step_locked(&mut st)?
        };
        match step {
            Step::Ready(v) => {
                if v.is_none() {
                    *it.state.lock() = IterState::Done;
                }
                Ok(v)
            }
            Step::Enumerate(inner, count) => match self.next(&inner)? {
                Some(item) => {
                    let next = self.binary_op(crate::ast::BinOp::Add, &count, &Value::Int(1))?;
                    if let IterState::Enumerate { count: c, .. } = &mut *it.state.lock() {
                        *c = next;
                    }
                    Ok(Some(Value::tuple(vec![count, item])))
                }
                None => Ok(None),
            },
            Step::Zip(iters, strict) => {
                if iters.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(iters.len());
                for (k, i) in iters.iter().enumerate() {
                    match self.next(i)? {
                        Some(v) => items.push(v),
                        None => {
                            *it.state.lock() = IterState::Done;
                            if strict {
                                if let Some(e) = self.zip_mismatch(&iters, k)? {
                                    return Err(e);
                                }
                            }
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(Value::tuple(items)))
            }
            Step::Map(f, iters) => {
                let mut args = Vec::with_capacity(iters.len());
                for i in &iters {
                    match self.next(i)? {
                        Some(v) => args.push(v),
                        None => {
                            *it.state.lock() = IterState::Done;
                            return Ok(None);
                        }
                    }
                }
                self.call(&f, &args).map(Some)
            }
            Step::Filter(f, inner) => loop {
                let Some(v) = self.next(&inner)? else {
                    return Ok(None);
                };
                let keep = match &f {
                    Value::None => self.truthy(&v)?,
                    f => {
                        let r = self.call(f, std::slice::from_ref(&v))?;
                        self.truthy(&r)?
                    }
                };
                if keep {
                    return Ok(Some(v));
                }
            },
            Step::Index(seq, i) => match self.get_item(&seq, &Value::Int(i)) {
                Ok(v) => {
                    if let IterState::SeqIndex { index, .. } = &mut *it.state.lock() {
                        *index = i + 1;
                    }
                    Ok(Some(v))
                }
                Err(e) if e.is(ExcKind::IndexError) || e.is(ExcKind::StopIteration) => {
                    *it.state.lock() = IterState::Done;
                    Ok(None)
                }
                Err(e) => Err(e),
            },
            Step::ReverseIndex(seq, i) => {
                if i < 0 {
                    *it.state.lock() = IterState::Done;
                    return Ok(None);
                }
                let v = self.get_item(&seq, &Value::Int(i))?;
                if let IterState::SeqReverse { next, .. } = &mut *it.state.lock() {
                    *next = i;
                }
                Ok(Some(v))
            }
            Step::Call(f, sentinel) => {
                let v = self.call(&f, &[])?;
                if self.eq(&v, &sentinel)? {
                    *it.state.lock() = IterState::Done;
                    Ok(None)
                } else {
                    Ok(Some(v))
                }
            }
        }
    }
}

/// The next item of a list iterator over `seq` at `index`, under the
/// list's cell; advances `index` when there is one. Shared by
/// [`step_locked`] and [`step_sequence`].
#[inline(always)]
fn list_step(seq: &Value, index: &mut usize) -> Option<Value> {
    // Plain `?` and `let`, not `and_then(|l| ..)`: the closure was left an
    // out-of-line call per item (~44 instructions, go).
    let l = seq.as_list()?;
    let item = l.lock().get(*index).cloned();
    if item.is_some() {
        *index += 1;
    }
    item
}

/// [`list_step`] for a tuple iterator (no cell: a tuple never changes).
#[inline(always)]
fn tuple_step(seq: &Value, index: &mut usize) -> Option<Value> {
    let item = seq.as_tuple()?.get(*index).cloned();
    if item.is_some() {
        *index += 1;
    }
    item
}

/// Fast path for `FOR_ITER` (`mod.rs`, `for_iter`, and the instruction
/// loop's `FOR_ITER` arms): one step of a list or tuple iterator (what
/// `for` loops and comprehensions over sequences step), under the same
/// cell as [`step_locked`] and with the same two state arms, for an
/// iterator the caller only borrows. `None` for any other kind (the plain
/// path: `iter_next`). Inlined into the loop and not routed through
/// `step_locked`: that one is an out-of-line match over every iterator
/// kind whose answer comes back wrapped twice (`PyResult<Step>`), which
/// made a list step cost ~140 instructions (callgrind, go).
#[inline(always)]
pub(in crate::vm) fn step_sequence(it: &Iter) -> Option<Option<Value>> {
    let mut st = it.state.lock();
    let item = match &mut *st {
        IterState::List { seq, index } => list_step(seq, index),
        IterState::Tuple { seq, index } => tuple_step(seq, index),
        _ => return None,
    };
    if item.is_none() {
        // As `iter_next` does: an exhausted iterator lets go of its sequence.
        *st = IterState::Done;
    }
    Some(item)
}

/// [`step_sequence`] for `FOR_ITER; STORE_FAST slot` fused: the item is
/// cloned from the sequence straight into the local `slot` (`Some(true)`;
/// the old value is dropped after the cells are released), or the
/// iterator is exhausted (`Some(false)`), or it is of another kind
/// (`None`, the plain path). Returned as an `Option` first, the item came
/// back in two registers, was stored to a temporary in halves and read
/// back whole for the slot's store, a store-forwarding stall (perf: 1.6 %
/// of go's samples on that one load).
#[inline(always)]
pub(in crate::vm) fn step_sequence_into(it: &Iter, slot: &mut Option<Value>) -> Option<bool> {
    let mut st = it.state.lock();
    // `Some(old)`: an item was stored (the slot's previous value).
    let stored = match &mut *st {
        IterState::List { seq, index } => {
            let l = seq.as_list()?;
            let items = l.lock();
            match items.get(*index) {
                Some(v) => {
                    *index += 1;
                    Some(slot.replace(v.clone()))
                }
                None => None,
            }
        }
        IterState::Tuple { seq, index } => match seq.as_tuple()?.get(*index) {
            Some(v) => {
                *index += 1;
                Some(slot.replace(v.clone()))
            }
            None => None,
        },
        _ => return None,
    };
    match stored {
        Some(old) => {
            drop(st);
            if let Some(old) = old {
                old.discard();
            }
            Some(true)
        }
        None => {
            // As `step_sequence` does: an exhausted iterator lets go of
            // its sequence.
            *st = IterState::Done;
            Some(false)
        }
    }
}

/// One step of a built-in iterator under its cell.
fn step_locked(st: &mut IterState) -> PyResult<Step> {
    Ok(match st {
        IterState::List { seq, index } => Step::Ready(list_step(seq, index)),
        IterState::ListReverse { seq, next } => {
            let item = if *next == 0 {
                None
            } else {
                let l = seq.as_list().map(|l| l.lock().get(*next - 1).cloned());
                l.flatten()
            };
            if item.is_some() {
                *next -= 1;
            } else {
                *next = 0;
            }
            Step::Ready(item)
        }
        IterState::Tuple { seq, index } => Step::Ready(tuple_step(seq, index)),
        IterState::Str { s, pos } => {
            let rest = &s.as_str()[*pos..];
            match rest.chars().next() {
                Some(c) => {
                    *pos += c.len_utf8();
                    let mut buf = [0u8; 4];
                    Step::Ready(Some(Value::str(c.encode_utf8(&mut buf))))
                }
                None => Step::Ready(None),
            }
        }
        IterState::Bytes { seq, index } => {
            let b = match seq {
                Value::Bytes(b) => b.data.get(*index).copied(),
                Value::ByteArray(b) => b.lock().get(*index).copied(),
                _ => None,
            };
            if b.is_some() {
                *index += 1;
            }
            Step::Ready(b.map(|b| Value::Int(b as i64)))
        }
        IterState::Dict {
            dict,
            kind,
            pos,
            len,
        } => {
            let Some(d) = dict.as_dict() else {
                return Ok(Step::Ready(None));
            };
            let t = d.lock();
            if t.len() != *len {
                *len = usize::MAX;
                return Err(PyErr::new(
                    ExcKind::RuntimeError,
                    "dictionary changed size during iteration",
                ));
            }
            match t.next_from(*pos) {
                Some((p, e)) => {
                    *pos = p + 1;
                    Step::Ready(Some(match kind {
                        ViewKind::Keys => e.key.clone(),
                        ViewKind::Values => e.value.clone(),
                        ViewKind::Items => Value::tuple(vec![e.key.clone(), e.value.clone()]),
                    }))
                }
                None => Step::Ready(None),
            }
        }
        IterState::Set { set, pos, len } => {
            let Some(s) = set.as_set() else {
                return Ok(Step::Ready(None));
            };
            let t = s.lock();
            if t.len() != *len {
                *len = usize::MAX;
                return Err(PyErr::new(
                    ExcKind::RuntimeError,
                    "Set changed size during iteration",
                ));
            }
            match t.next_from(*pos) {
                Some((p, k)) => {
                    *pos = p + 1;
                    Step::Ready(Some(k.clone()))
                }
                None => Step::Ready(None),
            }
        }
        IterState::Enumerate { inner, count } => Step::Enumerate(inner.clone(), count.clone()),
        IterState::Zip { iters, strict } => Step::Zip(iters.clone(), *strict),
        IterState::Map { func, iters } => Step::Map(func.clone(), iters.clone()),
        IterState::Filter { func, inner } => Step::Filter(func.clone(), inner.clone()),
        IterState::SeqIndex { seq, index } => Step::Index(seq.clone(), *index),
        IterState::SeqReverse { seq, next } => {
            let i = *next - 1;
            Step::ReverseIndex(seq.clone(), i)
        }
        IterState::Callable { func, sentinel } => Step::Call(func.clone(), sentinel.clone()),
        IterState::Done => Step::Ready(None),
    })
}
