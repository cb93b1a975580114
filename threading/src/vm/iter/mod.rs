//! Iteration: `iter()`, `next()`, `FOR_ITER`, unpacking, and generators
//! (`send`, `throw`, `close`, `yield from`, `await`).
//!
//! ```text
//!   for x in g:      FOR_ITER on a generator pushes g's frame on the
//!                    frame list (Resume::ForIter): it resumes in the same
//!                    frame loop, no Rust recursion
//!   next(g), list(g) natives resume g through a nested frame loop
//!                    (resume_generator: Resume::Native)
//!   yield from sub   YIELD_FROM pushes sub's frame (Resume::YieldFrom);
//!                    its yields pass on through the delegating frame
//! ```
//!
//! Built-in iterators (`object/iter.rs`) step under their cell and read
//! their container under its cell; states that must call Python (`map`,
//! `filter`, `zip`, `enumerate` over a generator) copy what they need out
//! first (the one-cell rule).
//!
//! This file holds the protocol itself: `iter(v)` ([`ThreadCtx::get_iter`]),
//! `next(it)` ([`ThreadCtx::next`]) and `FOR_ITER`, which dispatch on the
//! kind of iterator to the files below.
//!
//! | file | holds | Python equivalent |
//! |---|---|---|
//! | `mod.rs` | `iter()`, `next()`, `FOR_ITER`, "is it an iterator" | `PyObject_GetIter`, `PyIter_Next` |
//! | `step.rs` | one step of a built-in iterator (`map`, `zip`, `enumerate`, ...) | `map_next`, `zip_next`, ... in `bltinmodule.c` |
//! | `consume.rs` | whole-iterable consumers: `list(it)`, unpacking, `**` merges | `PySequence_List`, `UNPACK_SEQUENCE`, `DICT_MERGE` |
//! | `drain.rs` | running a generator to its end for `list(g)`, `set(g)`, ... | `list_extend`, `set_update_internal` |
//! | `generator.rs` | generators and coroutines: send, throw, close, `yield from`, `await` | `Objects/genobject.c` |
//! | `views.rs` | dict views as sets, `x in view` | `Objects/dictobject.c` (`dictviews_*`) |
//!
//! Python equivalent: `Objects/abstract.c` (`PyObject_GetIter`,
//! `PyIter_Next`), `Objects/genobject.c` (`gen_send_ex`, `_gen_throw`,
//! `gen_close`), `Python/ceval.c` (`FOR_ITER`, `SEND`, `UNPACK_*`).

mod consume;
pub(in crate::vm) use consume::is_builtin_container;
mod drain;
mod generator;
mod step;
pub use drain::{DrainInto, Keeps};
pub(in crate::vm) use step::{step_sequence, step_sequence_into};
mod views;

pub use generator::{Delegated, GenStep};
pub use views::{view_as_set, view_contains, view_value};

use super::number::int_ref;
use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::dict::Dict;
use crate::object::frame::Resume;
use crate::object::generator::GenKind;
use crate::object::iter::{Iter, IterState, ViewKind};
use crate::object::range::RangeIter;
use crate::object::refcount::Arc;
use crate::object::{ExcKind, PyErr, PyResult, Value};

/// What `FOR_ITER` found.
pub enum ForIter {
    /// The next item.
    Item(Value),
    /// The iterator is exhausted.
    Exhausted,
    /// A generator's frame was pushed: the frame loop runs it.
    Pushed,
}

/// A new built-in iterator value.
pub fn iter_value(state: IterState) -> Value {
    Value::Iter(Arc::new(Iter::new(state)))
}

/// `TypeError: 'X' object is not iterable`.
fn not_iterable(v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not iterable", v.type_name()))
}

impl ThreadCtx {
    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> PyResult {
        let state = match v {
            Value::List(_) => IterState::List {
                seq: v.clone(),
                index: 0,
            },
            Value::Tuple(_) => IterState::Tuple {
                seq: v.clone(),
                index: 0,
            },
            Value::Str(s) => IterState::Str {
                s: s.clone(),
                pos: 0,
            },
            Value::Bytes(_) | Value::ByteArray(_) => IterState::Bytes {
                seq: v.clone(),
                index: 0,
            },
            Value::Dict(d) => IterState::Dict {
                dict: v.clone(),
                kind: ViewKind::Keys,
                pos: 0,
                len: d.len(),
            },
            Value::Set(s) | Value::FrozenSet(s) => IterState::Set {
                set: v.clone(),
                pos: 0,
                len: s.len(),
            },
            Value::Range(r) => return Ok(Value::RangeIter(Arc::new(RangeIter::new(r)))),
            Value::DictView(view) => IterState::Dict {
                dict: view.dict.clone(),
                kind: view.kind,
                pos: 0,
                len: view.dict.as_dict().map_or(0, |d| d.len()),
            },
            Value::Iter(_) | Value::RangeIter(_) => return Ok(v.clone()),
            Value::Generator(g) if g.kind == GenKind::Generator => return Ok(v.clone()),
            Value::Instance(inst) => {
                let names = &types().names;
                match inst.class.lookup(&names.iter) {
                    Some(Value::Native(_)) | None => {
                        // A built-in base's iterator over the payload.
                        if v.as_list().is_some() {
                            IterState::List {
                                seq: v.clone(),
                                index: 0,
                            }
                        } else if v.as_tuple().is_some() {
                            IterState::Tuple {
                                seq: v.clone(),
                                index: 0,
                            }
                        } else if let Some(d) = v.as_dict() {
                            IterState::Dict {
                                dict: v.clone(),
                                kind: ViewKind::Keys,
                                pos: 0,
                                len: d.len(),
                            }
                        } else if let Some(s) = v.as_set() {
                            IterState::Set {
                                set: v.clone(),
                                pos: 0,
                                len: s.len(),
                            }
                        } else if let Some(m) = inst.class.lookup(&names.iter) {
                            let m = self.special_method(v, &names.iter)?.unwrap_or(m);
                            return self.call(&m, &[]);
                        } else if inst.class.lookup(&names.getitem).is_some() {
                            IterState::SeqIndex {
                                seq: v.clone(),
                                index: 0,
                            }
                        } else {
                            return Err(not_iterable(v));
                        }
                    }
                    Some(Value::None) => return Err(not_iterable(v)),
                    Some(found) => {
                        let it = match found {
                            // Fast path: a plain Python function is called
                            // with the instance first, no bound method
                            // built and freed per `iter()` (generators'
                            // `yield from self.left`: ~270 of the ~640
                            // instructions). The call is the one the bound
                            // method makes, so no check point moves.
                            // CPython's `slot_tp_iter` calls unbound too.
                            Value::Function(_) => self.call(&found, std::slice::from_ref(v))?,
                            // The plain path: any descriptor, bound first.
                            _ => {
                                let m = self
                                    .special_method(v, &names.iter)?
                                    .ok_or_else(|| not_iterable(v))?;
                                self.call(&m, &[])?
                            }
                        };
                        if !is_iterator(&it) {
                            return Err(PyErr::type_error(format!(
                                "iter() returned non-iterator of type '{}'",
                                it.type_name()
                            )));
                        }
                        return Ok(it);
                    }
                }
            }
            _ => return Err(not_iterable(v)),
        };
        Ok(iter_value(state))
    }

    /// `next(it)`: `None` when exhausted (`StopIteration`).
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::RangeIter(r) => Ok(r.next_int().map(Value::Int)),
            Value::Iter(i) => {
                // Fast path: a list or tuple iterator stepped in place, as
                // `FOR_ITER` does (`step.rs`, `step_sequence`), for the
                // natives that consume iterables (`sum`, `str.join`,
                // `list(it)`, `min`, ...). Through `iter_next`, its
                // `PyResult<Step>` came back through memory in overlapping
                // partial copies, a store-forwarding stall: half the
                // samples of `sum(xs)` on one load.
                if let Some(item) = step::step_sequence(i) {
                    return Ok(item);
                }
                self.iter_next(i)
            }
            Value::Generator(g) => match self.resume_generator(g, Value::None)? {
                GenStep::Yielded(v) => Ok(Some(v)),
                GenStep::Returned(_) => Ok(None),
            },
            Value::Instance(_) => {
                let Some(m) = self.special_method(it, &types().names.next)? else {
                    return Err(PyErr::type_error(format!(
                        "'{}' object is not an iterator",
                        it.type_name()
                    )));
                };
                match self.call(&m, &[]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if e.is(ExcKind::StopIteration) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            _ => Err(PyErr::type_error(format!(
                "'{}' object is not an iterator",
                it.type_name()
            ))),
        }
    }

    /// `zip(strict=True)` found iterator `k` exhausted first: CPython's
    /// message (shorter, or longer when a later one still has items).
    fn zip_mismatch(&mut self, iters: &[Value], k: usize) -> PyResult<Option<PyErr>> {
        if k > 0 {
            let plural = if k == 1 { " " } else { "s 1-" };
            return Ok(Some(PyErr::value_error(format!(
                "zip() argument {} is shorter than argument{plural}{k}",
                k + 1
            ))));
        }
        for (j, i) in iters.iter().enumerate().skip(1) {
            if self.next(i)?.is_some() {
                let plural = if j == 1 { " " } else { "s 1-" };
                return Ok(Some(PyErr::value_error(format!(
                    "zip() argument {} is longer than argument{plural}{j}",
                    j + 1
                ))));
            }
        }
        Ok(None)
    }

    /// `FOR_ITER` on the iterator at the top of the stack.
    pub(super) fn for_iter(&mut self, target: u32) -> PyResult<ForIter> {
        // Fast path: a generator is resumed from its stack slot, moved out
        // and back rather than cloned (as `yield_from` does); it is back
        // in the slot before its frame runs.
        let slot = self.stack.len().saturating_sub(1);
        if let Some(Value::Generator(_)) = self.stack.get(slot) {
            let it = std::mem::replace(&mut self.stack[slot], Value::Null);
            let pushed = match &it {
                Value::Generator(g) => {
                    self.push_generator_frame(g, Value::None, Resume::ForIter(target))
                }
                _ => unreachable!("checked above: a generator"),
            };
            self.stack[slot] = it;
            return Ok(if pushed? == generator::Resumed::Pushed {
                ForIter::Pushed
            } else {
                ForIter::Exhausted
            });
        }
        // Fast path: a list or tuple iterator steps while borrowed from its
        // slot (`step.rs`, `step_sequence`): no clone of the iterator (an
        // atomic increment and decrement per item) and no dispatch through
        // `next` and `iter_next`.
        if let Some(Value::Iter(i)) = self.stack.last() {
            if let Some(item) = step::step_sequence(i) {
                return Ok(match item {
                    Some(v) => ForIter::Item(v),
                    None => ForIter::Exhausted,
                });
            }
        }
        // The plain path: any other iterator. A built-in one goes straight
        // to its plain step: `next` would try `step_sequence` a third time
        // (the loop's arm and the block above have said no).
        let it = self.stack.last().cloned().unwrap_or(Value::None);
        let item = match &it {
            Value::Iter(i) => self.iter_next(i)?,
            _ => self.next(&it)?,
        };
        Ok(match item {
            Some(v) => ForIter::Item(v),
            None => ForIter::Exhausted,
        })
    }
}

/// Whether `v` supports `next()`.
pub fn is_iterator(v: &Value) -> bool {
    match v {
        Value::Iter(_) | Value::RangeIter(_) | Value::Generator(_) => true,
        Value::Instance(i) => i.class.lookup(&types().names.next).is_some(),
        _ => false,
    }
}

/// Whether `v`'s type is iterable at all (for error messages).
pub(super) fn is_iterable_type(v: &Value) -> bool {
    match v {
        Value::Instance(i) => {
            let n = &types().names;
            i.class.lookup(&n.iter).is_some() || i.class.lookup(&n.getitem).is_some()
        }
        Value::List(_)
        | Value::Tuple(_)
        | Value::Str(_)
        | Value::Bytes(_)
        | Value::ByteArray(_)
        | Value::Dict(_)
        | Value::Set(_)
        | Value::FrozenSet(_)
        | Value::Range(_)
        | Value::DictView(_)
        | Value::Iter(_)
        | Value::RangeIter(_)
        | Value::Generator(_) => true,
        _ => false,
    }
}

/// The dict behind a dict value or view (for natives).
pub fn dict_of(v: &Value) -> Option<&Dict> {
    v.as_dict()
}

/// `int(x)` of a small count (`enumerate(start=...)`).
pub fn small_int(v: &Value) -> Option<i64> {
    match int_ref(v)? {
        super::number::IntRef::Small(i) => Some(i),
        super::number::IntRef::Big(_) => None,
    }
}
