//! # `itertools` stepping: one `__next__` for every class
//!
//! ```text
//!   next ─▶ quick_step (inside the cell) ─▶ Work::Ready / Stop ─▶ return
//!                                         └▶ Work::Pull(source) ─▶ vm.next(source)
//!                                              ─▶ slow_step (calls the predicate or
//!                                                 function, then re-enters the cell)
//! ```
//!
//! A step is split in two so the cell is never held while Python code
//! runs: [`quick_step`] does what needs no call (counting, cycling over
//! saved items, the combinatorics) and says what is left as a [`Work`];
//! `next` does that work outside the cell (pull from the source, add
//! non-int `count` values) and [`slow_step`] stores the result. The road
//! not taken, holding the cell across the call, would deadlock a
//! predicate that touches the same iterator and would hold a lock across
//! a GIL switch.
//!
//! Python equivalent: the `*_next` functions of
//! `Modules/itertoolsmodule.c`.
//!
//! Needs: the parent `mod.rs` (the state) and `combinatoric.rs` (the
//! combinatoric step).

use super::combinatoric::combinatoric_step;
use super::{ItIter, ItState};
use crate::ast::BinOp;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

/// `StopIteration`, the end of every iterator here.
fn stop() -> PyErr {
    PyErr::stop_iteration(None)
}

/// The state of the receiver (any itertools class).
fn state<'a>(args: &Args<'a>) -> PyResult<&'a ItIter> {
    if let Some(Value::Instance(i)) = args.positional().first() {
        if let Some(s) = i.native::<ItIter>() {
            return Ok(s);
        }
    }
    Err(PyErr::type_error(
        "descriptor '__next__' needs an itertools object",
    ))
}

/// What one step needs to do outside the cell.
enum Work {
    /// The answer.
    Ready(Value),
    /// Exhausted.
    Stop,
    /// `count`: compute `cur + step` (not ints).
    CountAdd(Value, Value),
    /// Pull one item from `source` (the state says what to do with it).
    Pull(Value),
    /// `zip_longest`: pull from every live source.
    Zip(Vec<Option<Value>>, Value),
}

/// `__next__` of every itertools iterator.
pub(super) fn next(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let it = state(&args)?;
    loop {
        let work = quick_step(&mut it.state.lock());
        match work {
            Work::Ready(v) => return Ok(v),
            Work::Stop => return Err(stop()),
            Work::CountAdd(cur, step) => {
                let nxt = vm.binary_op(BinOp::Add, &cur, &step)?;
                if let ItState::Count { cur: c, .. } = &mut *it.state.lock() {
                    *c = nxt;
                }
                return Ok(cur);
            }
            Work::Pull(source) => {
                let item = vm.next(&source)?;
                if let Some(v) = slow_step(vm, it, item)? {
                    return Ok(v);
                }
            }
            Work::Zip(sources, fill) => return zip_longest_step(vm, it, sources, fill),
        }
    }
}

/// The part of a step done inside the cell.
fn quick_step(st: &mut ItState) -> Work {
    match st {
        ItState::Count { cur, step } => match (&*cur, &*step) {
            (Value::Int(c), Value::Int(s)) => match c.checked_add(*s) {
                Some(n) => Work::Ready(std::mem::replace(cur, Value::Int(n))),
                None => Work::CountAdd(cur.clone(), step.clone()),
            },
            _ => Work::CountAdd(cur.clone(), step.clone()),
        },
        ItState::Cycle {
            source,
            saved,
            index,
        } => match source {
            Some(s) => Work::Pull(s.clone()),
            None => {
                if saved.is_empty() {
                    return Work::Stop;
                }
                let v = saved[*index % saved.len()].clone();
                *index = (*index + 1) % saved.len();
                Work::Ready(v)
            }
        },
        ItState::Repeat { obj, left } => match left {
            Some(0) => Work::Stop,
            Some(n) => {
                *n -= 1;
                Work::Ready(obj.clone())
            }
            None => Work::Ready(obj.clone()),
        },
        ItState::Islice {
            source, next, stop, ..
        } => {
            if stop.is_some_and(|s| *next >= s) {
                *st = ItState::Done;
                return Work::Stop;
            }
            Work::Pull(source.clone())
        }
        ItState::Chain { sources, current } => match current {
            Some(c) => Work::Pull(c.clone()),
            None => Work::Pull(sources.clone()),
        },
        ItState::ZipLongest { sources, fill } => Work::Zip(sources.clone(), fill.clone()),
        ItState::Accumulate {
            source,
            initial,
            total,
            ..
        } => {
            if let Some(i) = initial.take() {
                *total = Some(i.clone());
                return Work::Ready(i);
            }
            Work::Pull(source.clone())
        }
        ItState::Starmap { source, .. }
        | ItState::FilterFalse { source, .. }
        | ItState::Pairwise { source, .. } => Work::Pull(source.clone()),
        ItState::TakeWhile { source, done, .. } => {
            if *done {
                Work::Stop
            } else {
                Work::Pull(source.clone())
            }
        }
        ItState::DropWhile { source, .. } => Work::Pull(source.clone()),
        ItState::Compress { data, .. } => Work::Pull(data.clone()),
        ItState::Indices { .. } => match combinatoric_step(st) {
            Some(v) => Work::Ready(v),
            None => {
                *st = ItState::Done;
                Work::Stop
            }
        },
        ItState::Done => Work::Stop,
    }
}

/// The part of a step after pulling `item` from the source; `None` to
/// step again.
fn slow_step(vm: &mut ThreadCtx, it: &ItIter, item: Option<Value>) -> PyResult<Option<Value>> {
    enum Then {
        Yield(Value),
        Again,
        Stop,
        Call(Value, Vec<Value>, u8),
    }
    let then = {
        let mut st = it.state.lock();
        match &mut *st {
            ItState::Cycle { source, saved, .. } => match item {
                Some(v) => {
                    saved.push(v.clone());
                    Then::Yield(v)
                }
                None => {
                    *source = None;
                    Then::Again
                }
            },
            ItState::Islice {
                pos, next, step, ..
            } => match item {
                None => {
                    *st = ItState::Done;
                    Then::Stop
                }
                Some(v) => {
                    let here = *pos;
                    *pos += 1;
                    if here == *next {
                        *next += *step;
                        Then::Yield(v)
                    } else {
                        Then::Again
                    }
                }
            },
            ItState::Chain { current, .. } => match (current.is_some(), item) {
                (true, Some(v)) => Then::Yield(v),
                (true, None) => {
                    *current = None;
                    Then::Again
                }
                (false, Some(iterable)) => Then::Call(iterable, Vec::new(), 0),
                (false, None) => {
                    *st = ItState::Done;
                    Then::Stop
                }
            },
            ItState::Accumulate { func, total, .. } => match item {
                None => {
                    *st = ItState::Done;
                    Then::Stop
                }
                Some(v) => match total.clone() {
                    None => {
                        *total = Some(v.clone());
                        Then::Yield(v)
                    }
                    Some(t) => Then::Call(func.clone().unwrap_or(Value::None), vec![t, v], 1),
                },
            },
            ItState::Starmap { func, .. } => match item {
                None => Then::Stop,
                Some(v) => Then::Call(func.clone(), vec![v], 2),
            },
            ItState::TakeWhile { pred, .. } => match item {
                None => Then::Stop,
                Some(v) => Then::Call(pred.clone(), vec![v], 3),
            },
            ItState::DropWhile {
                pred,
                dropping_done,
                ..
            } => match item {
                None => Then::Stop,
                Some(v) if *dropping_done => Then::Yield(v),
                Some(v) => Then::Call(pred.clone(), vec![v], 4),
            },
            ItState::FilterFalse { pred, .. } => match item {
                None => Then::Stop,
                Some(v) => Then::Call(pred.clone(), vec![v], 5),
            },
            ItState::Compress { selectors, .. } => match item {
                None => Then::Stop,
                Some(v) => Then::Call(selectors.clone(), vec![v], 6),
            },
            ItState::Pairwise { prev, .. } => match item {
                None => {
                    *st = ItState::Done;
                    Then::Stop
                }
                Some(v) => match prev.replace(v.clone()) {
                    None => Then::Again,
                    Some(p) => Then::Yield(Value::tuple(vec![p, v])),
                },
            },
            _ => Then::Stop,
        }
    };
    match then {
        Then::Yield(v) => Ok(Some(v)),
        Then::Again => Ok(None),
        Then::Stop => Err(stop()),
        Then::Call(f, a, what) => match what {
            0 => {
                // chain: the next iterable becomes the current iterator.
                let c = vm.get_iter(&f)?;
                if let ItState::Chain { current, .. } = &mut *it.state.lock() {
                    *current = Some(c);
                }
                Ok(None)
            }
            1 => {
                let r = if matches!(f, Value::None) {
                    vm.binary_op(BinOp::Add, &a[0], &a[1])?
                } else {
                    vm.call(&f, &a)?
                };
                if let ItState::Accumulate { total, .. } = &mut *it.state.lock() {
                    *total = Some(r.clone());
                }
                Ok(Some(r))
            }
            2 => {
                let args = vm.collect(&a[0])?;
                Ok(Some(vm.call(&f, &args)?))
            }
            3 => {
                let r = vm.call(&f, &a)?;
                if vm.truthy(&r)? {
                    Ok(a.into_iter().next())
                } else {
                    if let ItState::TakeWhile { done, .. } = &mut *it.state.lock() {
                        *done = true;
                    }
                    Err(stop())
                }
            }
            4 => {
                let r = vm.call(&f, &a)?;
                if vm.truthy(&r)? {
                    Ok(None)
                } else {
                    if let ItState::DropWhile { dropping_done, .. } = &mut *it.state.lock() {
                        *dropping_done = true;
                    }
                    Ok(a.into_iter().next())
                }
            }
            5 => {
                let v = &a[0];
                let r = if matches!(f, Value::None) {
                    v.clone()
                } else {
                    vm.call(&f, &a)?
                };
                if vm.truthy(&r)? {
                    Ok(None)
                } else {
                    Ok(a.into_iter().next())
                }
            }
            _ => {
                // compress: `f` is the selectors iterator.
                match vm.next(&f)? {
                    None => Err(stop()),
                    Some(sel) => {
                        if vm.truthy(&sel)? {
                            Ok(a.into_iter().next())
                        } else {
                            Ok(None)
                        }
                    }
                }
            }
        },
    }
}

/// One step of `zip_longest`.
fn zip_longest_step(
    vm: &mut ThreadCtx,
    it: &ItIter,
    mut sources: Vec<Option<Value>>,
    fill: Value,
) -> PyResult {
    if sources.iter().all(|s| s.is_none()) {
        return Err(stop());
    }
    let mut out = Vec::with_capacity(sources.len());
    for s in sources.iter_mut() {
        match s {
            Some(src) => match vm.next(src)? {
                Some(v) => out.push(v),
                None => {
                    *s = None;
                    out.push(fill.clone());
                }
            },
            None => out.push(fill.clone()),
        }
    }
    let all_done = sources.iter().all(|s| s.is_none());
    if let ItState::ZipLongest { sources: st, .. } = &mut *it.state.lock() {
        *st = sources;
    }
    if all_done {
        *it.state.lock() = ItState::Done;
        return Err(stop());
    }
    Ok(Value::tuple(out))
}
