//! Iterators: what `GET_ITER` makes and `FOR_ITER` advances.
//!
//! ```text
//!   for x in xs:   GET_ITER  ─▶ Iter(List { list: xs, index: 0 })
//!                  FOR_ITER  ─▶ xs[index] (reading under the list's lock),
//!                               index += 1, or "exhausted" → jump
//! ```
//!
//! A list iterator reads the live list at each step (appending while
//! iterating is seen, as in CPython); dict iterators work on a snapshot of
//! the keys (Simplification: CPython raises "dictionary changed size during
//! iteration" instead).
//!
//! Python equivalent: `Objects/iterobject.c`, `Objects/rangeobject.c`
//! (`rangeiterobject`), `enumobject.c`, `bltinmodule.c` (`zip`).

use super::exception::{PyErr, PyResult};
use super::value::{lock, Value};
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

/// An iterator's state.
#[derive(Debug)]
pub enum IterState {
    /// Over a range: next value, stop, step.
    Range {
        /// The next value to yield.
        next: i64,
        /// Exclusive bound.
        stop: i64,
        /// Step (never 0).
        step: i64,
    },
    /// Over a live list.
    List {
        /// The list.
        list: Arc<Mutex<super::value::Items>>,
        /// Next index.
        index: usize,
    },
    /// Over a fixed sequence (tuple, string characters, dict keys/items snapshot).
    Seq {
        /// The items.
        items: Arc<super::value::Items>,
        /// Next index.
        index: usize,
        /// The type name Python would report.
        kind: &'static str,
    },
    /// `enumerate(inner, start)`.
    Enumerate {
        /// The wrapped iterator.
        inner: Box<IterState>,
        /// The next count.
        count: i64,
    },
    /// `zip(a, b, ...)`.
    Zip(Vec<IterState>),
}

/// The iterator of `for i in range(...)`: no lock, because stepping it is
/// a load and a store of one atomic.
///
/// Simplification: two threads sharing one range iterator may both get the
/// same number (the load and the store are not one atomic step); each value
/// is still a valid integer and nothing can crash. CPython 3.13t documents
/// the same for sharing an iterator between threads.
#[derive(Debug)]
pub struct RangeIter {
    /// The next value to yield (Relaxed: see above).
    next: AtomicI64,
    /// Exclusive bound.
    stop: i64,
    /// Step (never 0).
    step: i64,
}

impl RangeIter {
    /// The next item, or `None` when exhausted.
    #[inline(always)]
    pub fn next_int(&self) -> Option<i64> {
        let v = self.next.load(Relaxed);
        if (self.step > 0 && v < self.stop) || (self.step < 0 && v > self.stop) {
            // Saturating: past the end the iterator is exhausted anyway.
            self.next.store(v.saturating_add(self.step), Relaxed);
            if v.checked_add(self.step).is_none() {
                self.next.store(self.stop, Relaxed);
            }
            Some(v)
        } else {
            None
        }
    }
}

/// `len(range(...))`.
pub fn range_len(r: &[i64; 3]) -> i64 {
    let (start, stop, step) = (r[0] as i128, r[1] as i128, r[2] as i128);
    let n = if step > 0 && start < stop {
        (stop - start + step - 1) / step
    } else if step < 0 && start > stop {
        (start - stop - step - 1) / (-step)
    } else {
        0
    };
    n.min(i64::MAX as i128) as i64
}

impl IterState {
    /// The Python type name of the iterator.
    pub fn type_name(&self) -> &'static str {
        match self {
            IterState::Range { .. } => "range_iterator",
            IterState::List { .. } => "list_iterator",
            IterState::Seq { kind, .. } => kind,
            IterState::Enumerate { .. } => "enumerate",
            IterState::Zip(_) => "zip",
        }
    }

    /// The next item, or `None` when exhausted.
    pub fn next_item(&mut self) -> Option<Value> {
        match self {
            IterState::Range { next, stop, step } => {
                let v = *next;
                if (*step > 0 && v < *stop) || (*step < 0 && v > *stop) {
                    // Past the end the iterator is exhausted anyway; saturate
                    // so the last step cannot overflow.
                    *next = v.saturating_add(*step);
                    if *next == v {
                        *step = 0;
                        *stop = v;
                    }
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            IterState::List { list, index } => {
                let item = lock(list).get(*index).cloned();
                if item.is_some() {
                    *index += 1;
                }
                item
            }
            IterState::Seq { items, index, .. } => {
                let item = items.get(*index).cloned();
                if item.is_some() {
                    *index += 1;
                }
                item
            }
            IterState::Enumerate { inner, count } => {
                let item = inner.next_item()?;
                let c = *count;
                *count = count.saturating_add(1);
                Some(Value::tuple(vec![Value::Int(c), item]))
            }
            IterState::Zip(parts) => {
                let mut items = Vec::with_capacity(parts.len());
                for p in parts.iter_mut() {
                    items.push(p.next_item()?);
                }
                if items.is_empty() {
                    return None;
                }
                Some(Value::tuple(items))
            }
        }
    }
}

/// `iter(v)`: the iterator state for any iterable value.
pub fn iter_state(v: &Value) -> PyResult<IterState> {
    Ok(match v {
        Value::Range(r) => IterState::Range {
            next: r[0],
            stop: r[1],
            step: r[2],
        },
        Value::List(l) => IterState::List {
            list: l.clone(),
            index: 0,
        },
        Value::Tuple(t) => IterState::Seq {
            items: t.clone(),
            index: 0,
            kind: "tuple_iterator",
        },
        Value::Str(s) => IterState::Seq {
            items: Arc::new(super::value::Items(
                s.chars().map(|c| Value::string(c.to_string())).collect(),
            )),
            index: 0,
            kind: "str_ascii_iterator",
        },
        Value::Dict(d) => IterState::Seq {
            items: Arc::new(super::value::Items(lock(d).keys())),
            index: 0,
            kind: "dict_keyiterator",
        },
        Value::RangeIter(r) => {
            let next = r.next.load(Relaxed);
            r.next.store(r.stop, Relaxed);
            IterState::Range {
                next,
                stop: r.stop,
                step: r.step,
            }
        }
        Value::Iter(it) => {
            // Iterating an iterator consumes it: drain into a snapshot would
            // change semantics, so share progress by moving the state out.
            let mut guard = lock(it);
            std::mem::replace(
                &mut *guard,
                IterState::Seq {
                    items: Arc::new(super::value::Items::default()),
                    index: 0,
                    kind: "iterator",
                },
            )
        }
        other => {
            return Err(PyErr::type_error(format!(
                "'{}' object is not iterable",
                other.type_name()
            )))
        }
    })
}

/// `iter(v)` as a value.
pub fn make_iter(v: &Value) -> PyResult {
    match v {
        Value::Iter(_) | Value::RangeIter(_) => return Ok(v.clone()),
        Value::Range(r) => {
            return Ok(Value::RangeIter(Arc::new(RangeIter {
                next: AtomicI64::new(r[0]),
                stop: r[1],
                step: r[2],
            })))
        }
        _ => {}
    }
    Ok(Value::Iter(Arc::new(Mutex::new(iter_state(v)?))))
}

/// All items of an iterable (for `list()`, `sorted()`, unpacking, ...).
pub fn collect(v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(l) => Ok(lock(l).to_vec()),
        Value::Tuple(t) => Ok(t.to_vec()),
        _ => {
            let mut st = match v {
                Value::Iter(it) => {
                    let mut out = Vec::new();
                    let mut g = lock(it);
                    while let Some(x) = g.next_item() {
                        out.push(x);
                    }
                    return Ok(out);
                }
                _ => iter_state(v)?,
            };
            let mut out = Vec::new();
            if let IterState::Range { .. } = st {
                if let Value::Range(r) = v {
                    if range_len(r) > 100_000_000 {
                        return Err(PyErr::new(
                            super::exception::ExcKind::OverflowError,
                            "range too large to materialise in MiniPy",
                        ));
                    }
                }
            }
            while let Some(x) = st.next_item() {
                out.push(x);
            }
            Ok(out)
        }
    }
}
