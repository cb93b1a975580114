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
//! Python equivalent: `Objects/abstract.c` (`PyObject_GetIter`,
//! `PyIter_Next`), `Objects/genobject.c` (`gen_send_ex`, `_gen_throw`,
//! `gen_close`), `Python/ceval.c` (`FOR_ITER`, `SEND`, `UNPACK_*`).

use super::frames::{Finished, Flow};
use super::number::int_ref;
use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::dict::Dict;
use crate::object::frame::Resume;
use crate::object::generator::{GenKind, GenState, Generator};
use crate::object::iter::{DictView, Iter, IterState, ViewKind};
use crate::object::range::RangeIter;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::sync::Arc;

/// What `FOR_ITER` found.
pub enum ForIter {
    /// The next item.
    Item(Value),
    /// The iterator is exhausted.
    Exhausted,
    /// A generator's frame was pushed: the frame loop runs it.
    Pushed,
}

/// What one step of `yield from` did.
pub enum Delegated {
    /// The sub-generator's frame was pushed.
    Pushed,
    /// The sub-iterator yielded this (the delegating frame yields it on).
    Yielded(Value),
    /// The sub-iterator finished with this value.
    Returned(Value),
}

/// A generator resumed from Rust: what it did.
pub enum GenStep {
    /// It yielded.
    Yielded(Value),
    /// It returned (`StopIteration(value)` for the consumer).
    Returned(Value),
}

/// A new built-in iterator value.
pub fn iter_value(state: IterState) -> Value {
    Value::Iter(Arc::new(Iter::new(state)))
}

/// `TypeError: 'X' object is not iterable`.
fn not_iterable(v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not iterable", v.type_name()))
}

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
                    Some(_) => {
                        let m = self
                            .special_method(v, &names.iter)?
                            .ok_or_else(|| not_iterable(v))?;
                        let it = self.call(&m, &[])?;
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
            Value::Iter(i) => self.iter_next(i),
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
        let it = self.stack.last().cloned().unwrap_or(Value::None);
        if let Value::Generator(g) = &it {
            return Ok(
                if self.push_generator_frame(g, Some(Value::None), Resume::ForIter(target))? {
                    ForIter::Pushed
                } else {
                    ForIter::Exhausted
                },
            );
        }
        Ok(match self.next(&it)? {
            Some(v) => ForIter::Item(v),
            None => ForIter::Exhausted,
        })
    }

    /// One step of a built-in iterator.
    fn iter_next(&mut self, it: &Iter) -> PyResult<Option<Value>> {
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

    /// All items of an iterable.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Some(l) = v.as_list() {
            if !matches!(v, Value::Instance(_)) {
                return Ok(l.snapshot());
            }
        }
        if let Value::Tuple(t) = v {
            return Ok(t.to_vec());
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    /// `a, b = v`: exactly `n` items.
    pub fn unpack(&mut self, v: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items = match v {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.snapshot(),
            _ => {
                let it = match self.get_iter(v) {
                    Ok(it) => it,
                    Err(e) if e.is(ExcKind::TypeError) => {
                        return Err(PyErr::type_error(format!(
                            "cannot unpack non-iterable {} object",
                            v.type_name()
                        )))
                    }
                    Err(e) => return Err(e),
                };
                let mut out = Vec::with_capacity(n);
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                    if out.len() > n {
                        return Err(PyErr::value_error(format!(
                            "too many values to unpack (expected {n})"
                        )));
                    }
                }
                out
            }
        };
        if items.len() > n {
            return Err(PyErr::value_error(format!(
                "too many values to unpack (expected {n})"
            )));
        }
        if items.len() < n {
            return Err(PyErr::value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        Ok(items)
    }

    /// `a, *rest, b = v`: `before` items, a list, `after` items.
    pub fn unpack_ex(&mut self, v: &Value, before: usize, after: usize) -> PyResult<Vec<Value>> {
        let mut items = match self.collect(v) {
            Ok(items) => items,
            Err(e) if e.is(ExcKind::TypeError) && !is_iterable_type(v) => {
                return Err(PyErr::type_error(format!(
                    "cannot unpack non-iterable {} object",
                    v.type_name()
                )))
            }
            Err(e) => return Err(e),
        };
        if items.len() < before + after {
            return Err(PyErr::value_error(format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            )));
        }
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        items.push(Value::list(middle));
        items.extend(tail);
        Ok(items)
    }

    /// `LIST_EXTEND`: `l.extend(it)`.
    pub fn list_extend(&mut self, l: &Value, it: &Value) -> PyResult<()> {
        let items = match self.collect(it) {
            Ok(items) => items,
            Err(e) if e.is(ExcKind::TypeError) && !is_iterable_type(it) => {
                return Err(PyErr::type_error(format!(
                    "Value after * must be an iterable, not {}",
                    it.type_name()
                )))
            }
            Err(e) => return Err(e),
        };
        if let Some(list) = l.as_list() {
            list.lock().extend(items);
        }
        Ok(())
    }

    /// The `(key, value)` pairs of a mapping (`**kwargs`, `dict.update`).
    pub fn mapping_items(&mut self, m: &Value) -> PyResult<Vec<(Value, Value)>> {
        if let Some(d) = m.as_dict() {
            if !matches!(m, Value::Instance(_)) {
                return Ok(d.entries());
            }
        }
        let Some(keys) = self.get_attr_opt(m, &crate::object::str::intern("keys"))? else {
            return Err(PyErr::type_error(format!(
                "argument after ** must be a mapping, not {}",
                m.type_name()
            )));
        };
        let keys = self.call(&keys, &[])?;
        let keys = self.collect(&keys)?;
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            let v = self.get_item(m, &k)?;
            out.push((k, v));
        }
        Ok(out)
    }

    /// `DICT_UPDATE` / `DICT_MERGE` (`merge`: a repeated key is an error,
    /// as in `f(**a, **b)`).
    pub fn dict_update(&mut self, d: &Value, m: &Value, merge: bool) -> PyResult<()> {
        let Some(target) = d.as_dict() else {
            return Err(PyErr::type_error("not a dict"));
        };
        let items = match self.mapping_items(m) {
            Ok(items) => items,
            Err(e) if !merge && e.is(ExcKind::TypeError) => {
                return Err(PyErr::type_error(format!(
                    "'{}' object is not a mapping",
                    m.type_name()
                )))
            }
            Err(e) if merge && e.is(ExcKind::TypeError) && !self.has_keys(m)? => {
                let callee = self.callee_str_for_merge();
                return Err(PyErr::type_error(format!(
                    "{callee} argument after ** must be a mapping, not {}",
                    m.type_name()
                )));
            }
            Err(e) => return Err(e),
        };
        for (k, v) in items {
            if merge {
                if !matches!(k, Value::Str(_)) {
                    return Err(PyErr::type_error("keywords must be strings"));
                }
                if self.dict_get(target, &k)?.is_some() {
                    let name = match &k {
                        Value::Str(s) => s.as_str().to_string(),
                        _ => String::new(),
                    };
                    let callee = self.callee_str_for_merge();
                    return Err(PyErr::type_error(format!(
                        "{callee} got multiple values for keyword argument '{name}'"
                    )));
                }
            }
            self.dict_set(target, k, v)?;
        }
        Ok(())
    }

    /// The callable a `**` merge is building arguments for (it sits
    /// below the positional-arguments tuple), as CPython names it in the
    /// error: `__main__.f()`.
    fn callee_str_for_merge(&mut self) -> String {
        let n = self.stack.len();
        match n.checked_sub(3).and_then(|i| self.stack.get(i)).cloned() {
            Some(f) => self.function_str(&f),
            None => "function".into(),
        }
    }

    /// Whether `m` has a `keys` attribute (what makes it a mapping for
    /// `**`).
    fn has_keys(&mut self, m: &Value) -> PyResult<bool> {
        Ok(self
            .get_attr_opt(m, &crate::object::str::intern("keys"))?
            .is_some())
    }

    /// Takes a suspended generator's frame and pushes it to run, with
    /// `sent` as the value of the `yield` it stopped at. `false` if the
    /// generator has finished.
    pub(super) fn push_generator_frame(
        &mut self,
        g: &Arc<Generator>,
        sent: Option<Value>,
        resume: Resume,
    ) -> PyResult<bool> {
        let mut st = g.state.lock();
        match std::mem::replace(&mut *st, GenState::Running) {
            GenState::Suspended(s) => {
                let crate::object::generator::Suspended { mut frame, stack } = *s;
                if frame.pc == 0 && sent.as_ref().is_some_and(|v| !matches!(v, Value::None)) {
                    *st = GenState::Suspended(Box::new(crate::object::generator::Suspended {
                        frame,
                        stack,
                    }));
                    return Err(PyErr::type_error(format!(
                        "can't send non-None value to a just-started {}",
                        kind_name(g)
                    )));
                }
                drop(st);
                frame.stack_base = self.stack.len();
                self.stack.extend(stack);
                if frame.pc != 0 {
                    self.stack.push(sent.unwrap_or(Value::None));
                }
                frame.resume = resume;
                frame.generator = Some(g.clone());
                self.frames.push(frame);
                Ok(true)
            }
            GenState::Running => {
                *st = GenState::Running;
                Err(PyErr::value_error(format!(
                    "{} already executing",
                    kind_name(g)
                )))
            }
            GenState::Done => {
                *st = GenState::Done;
                if g.kind == GenKind::Coroutine {
                    return Err(PyErr::new(
                        ExcKind::RuntimeError,
                        "cannot reuse already awaited coroutine",
                    ));
                }
                Ok(false)
            }
        }
    }

    /// `g.send(v)` from Rust.
    pub fn resume_generator(&mut self, g: &Arc<Generator>, sent: Value) -> PyResult<GenStep> {
        super::call::check_native_stack(self)?;
        if !self.push_generator_frame(g, Some(sent), Resume::Native)? {
            return Ok(GenStep::Returned(Value::None));
        }
        let base = self.frames.len() - 1;
        Ok(match self.run_frames(base)? {
            Finished::Yielded(v) => GenStep::Yielded(v),
            Finished::Returned(v) => GenStep::Returned(v),
        })
    }

    /// `g.throw(exc)`: raise `exc` at the `yield` where `g` stopped.
    pub fn gen_throw(&mut self, g: &Arc<Generator>, exc: PyErr) -> PyResult<GenStep> {
        super::call::check_native_stack(self)?;
        // Delegating with `yield from`: the sub-iterator gets it first.
        if let Some(sub) = delegated_to(g) {
            if exc.is(ExcKind::GeneratorExit) {
                self.close_iter(&sub)?;
            } else if let Value::Generator(sg) = &sub {
                match self.gen_throw(sg, exc) {
                    Ok(GenStep::Yielded(v)) => return Ok(GenStep::Yielded(v)),
                    Ok(GenStep::Returned(v)) => return self.finish_delegation(g, v),
                    Err(e) if e.is(ExcKind::StopIteration) => {
                        let v = super::exceptions::stop_iteration_value(&e);
                        return self.finish_delegation(g, v);
                    }
                    Err(e) => return self.throw_into(g, e),
                }
            } else if let Some(t) = self.get_attr_opt(&sub, &types().names.throw)? {
                let exc_value = exc.value().unwrap_or(Value::None);
                match self.call(&t, &[exc_value]) {
                    Ok(v) => return Ok(GenStep::Yielded(v)),
                    Err(e) if e.is(ExcKind::StopIteration) => {
                        let v = super::exceptions::stop_iteration_value(&e);
                        return self.finish_delegation(g, v);
                    }
                    Err(e) => return self.throw_into(g, e),
                }
            }
        }
        self.throw_into(g, exc)
    }

    /// Raises `exc` inside `g`'s frame.
    fn throw_into(&mut self, g: &Arc<Generator>, exc: PyErr) -> PyResult<GenStep> {
        if !self.push_generator_frame(g, None, Resume::Native)? {
            return Err(exc);
        }
        let base = self.frames.len() - 1;
        Ok(
            match self.run_frames_from(base, Some(Flow::Error(exc, true)))? {
                Finished::Yielded(v) => GenStep::Yielded(v),
                Finished::Returned(v) => GenStep::Returned(v),
            },
        )
    }

    /// Resumes a delegating generator as if its `yield from` returned `v`.
    fn finish_delegation(&mut self, g: &Arc<Generator>, v: Value) -> PyResult<GenStep> {
        if !self.push_generator_frame(g, None, Resume::Native)? {
            return Ok(GenStep::Returned(Value::None));
        }
        // The pushed "sent" value and the sub-iterator below it make way
        // for the result; the frame moves past its YIELD_FROM.
        self.stack.pop();
        self.stack.pop();
        self.stack.push(v);
        if let Some(f) = self.frames.last_mut() {
            f.pc += 1;
        }
        let base = self.frames.len() - 1;
        Ok(match self.run_frames(base)? {
            Finished::Yielded(v) => GenStep::Yielded(v),
            Finished::Returned(v) => GenStep::Returned(v),
        })
    }

    /// `g.close()`.
    pub fn gen_close(&mut self, g: &Arc<Generator>) -> PyResult<()> {
        {
            let mut st = g.state.lock();
            match &*st {
                GenState::Done => return Ok(()),
                GenState::Suspended(s) if s.frame.pc == 0 => {
                    *st = GenState::Done;
                    return Ok(());
                }
                _ => {}
            }
        }
        let exit = PyErr::from_args(ExcKind::GeneratorExit, Vec::new());
        match self.gen_throw(g, exit) {
            Ok(GenStep::Yielded(_)) => Err(PyErr::new(
                ExcKind::RuntimeError,
                format!("{} ignored GeneratorExit", kind_name(g)),
            )),
            Ok(GenStep::Returned(_)) => Ok(()),
            Err(e) if e.is(ExcKind::GeneratorExit) || e.is(ExcKind::StopIteration) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Closes any iterator that has a `close` (a generator's, usually).
    fn close_iter(&mut self, it: &Value) -> PyResult<()> {
        match it {
            Value::Generator(g) => self.gen_close(g),
            _ => {
                if let Some(c) = self.get_attr_opt(it, &types().names.close)? {
                    self.call(&c, &[])?;
                }
                Ok(())
            }
        }
    }

    /// `YIELD_FROM` with the sub-iterator at the top of the stack.
    pub(super) fn yield_from(&mut self, sent: Value) -> PyResult<Delegated> {
        let sub = self.stack.last().cloned().unwrap_or(Value::None);
        if let Value::Generator(g) = &sub {
            return Ok(
                if self.push_generator_frame(g, Some(sent), Resume::YieldFrom)? {
                    Delegated::Pushed
                } else {
                    Delegated::Returned(Value::None)
                },
            );
        }
        let step = if matches!(sent, Value::None) {
            match &sub {
                Value::Instance(_) => {
                    let m = self.special_method(&sub, &types().names.next)?;
                    match m {
                        Some(m) => self.call(&m, &[]),
                        None => {
                            return Err(PyErr::type_error(format!(
                                "'{}' object is not an iterator",
                                sub.type_name()
                            )))
                        }
                    }
                }
                _ => match self.next(&sub)? {
                    Some(v) => Ok(v),
                    None => Err(PyErr::stop_iteration(None)),
                },
            }
        } else {
            let send = self.get_attr(&sub, &types().names.send)?;
            self.call(&send, &[sent])
        };
        match step {
            Ok(v) => Ok(Delegated::Yielded(v)),
            Err(e) if e.is(ExcKind::StopIteration) => Ok(Delegated::Returned(
                super::exceptions::stop_iteration_value(&e),
            )),
            Err(e) => Err(e),
        }
    }

    /// `GET_YIELD_FROM_ITER`.
    pub(super) fn get_yield_from_iter(&mut self, v: Value) -> PyResult {
        if let Value::Generator(g) = &v {
            if g.kind == GenKind::Coroutine {
                let in_coroutine = self
                    .frames
                    .last()
                    .is_some_and(|f| f.code.flags.has(crate::bytecode::CodeFlags::COROUTINE));
                if !in_coroutine {
                    return Err(PyErr::type_error(
                        "cannot 'yield from' a coroutine object in a non-coroutine generator",
                    ));
                }
            }
            return Ok(v);
        }
        self.get_iter(&v)
    }

    /// `GET_AWAITABLE`: a coroutine, or what `__await__()` returns.
    pub(super) fn get_awaitable(&mut self, v: Value) -> PyResult {
        match &v {
            Value::Generator(g) if g.kind == GenKind::Coroutine => {
                if matches!(*g.state.lock(), GenState::Running) {
                    return Err(PyErr::new(
                        ExcKind::RuntimeError,
                        "coroutine is being awaited already",
                    ));
                }
                Ok(v)
            }
            Value::Instance(_) => match self.special_method(&v, &types().names.await_)? {
                Some(m) => {
                    let it = self.call(&m, &[])?;
                    if !is_iterator(&it) {
                        return Err(PyErr::type_error(format!(
                            "__await__() returned non-iterator of type '{}'",
                            it.type_name()
                        )));
                    }
                    Ok(it)
                }
                None => Err(cant_await(&v)),
            },
            _ => Err(cant_await(&v)),
        }
    }
}

/// `TypeError: object X can't be used in 'await' expression`.
fn cant_await(v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "object {} can't be used in 'await' expression",
        v.type_name()
    ))
}

/// "generator" or "coroutine".
fn kind_name(g: &Generator) -> &'static str {
    match g.kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
    }
}

/// The sub-iterator a suspended generator is delegating to with `yield
/// from` (the value below the top of its saved stack), if any.
fn delegated_to(g: &Generator) -> Option<Value> {
    let st = g.state.lock();
    match &*st {
        GenState::Suspended(s) => {
            let at = s.frame.code.ops.get(s.frame.pc)?;
            if matches!(at, crate::bytecode::Op::YieldFrom) {
                s.stack.last().cloned()
            } else {
                None
            }
        }
        _ => None,
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

/// One step of a built-in iterator under its cell.
fn step_locked(st: &mut IterState) -> PyResult<Step> {
    Ok(match st {
        IterState::List { seq, index } => {
            let item = seq.as_list().and_then(|l| l.lock().get(*index).cloned());
            if item.is_some() {
                *index += 1;
            }
            Step::Ready(item)
        }
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
        IterState::Tuple { seq, index } => {
            let item = seq.as_tuple().and_then(|t| t.get(*index).cloned());
            if item.is_some() {
                *index += 1;
            }
            Step::Ready(item)
        }
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

/// A set of a keys or items view's elements (for `==` and set operations
/// on views).
pub fn view_as_set(vm: &mut ThreadCtx, view: &DictView) -> PyResult {
    let items = match view.dict.as_dict() {
        Some(d) => d.entries(),
        None => Vec::new(),
    };
    let elems: Vec<Value> = items
        .into_iter()
        .map(|(k, v)| match view.kind {
            ViewKind::Items => Value::tuple(vec![k, v]),
            _ => k,
        })
        .collect();
    vm.new_set(elems)
}

/// `x in view`.
pub fn view_contains(vm: &mut ThreadCtx, view: &DictView, item: &Value) -> PyResult<bool> {
    let Some(d) = view.dict.as_dict() else {
        return Ok(false);
    };
    match view.kind {
        ViewKind::Keys => Ok(vm.dict_get(d, item)?.is_some()),
        ViewKind::Items => {
            let Some(pair) = item.as_tuple() else {
                return Ok(false);
            };
            if pair.len() != 2 {
                return Ok(false);
            }
            let (k, v) = (pair[0].clone(), pair[1].clone());
            match vm.dict_get(d, &k)? {
                Some(w) => vm.eq(&w, &v),
                None => Ok(false),
            }
        }
        ViewKind::Values => {
            for v in d.lock().iter().map(|e| e.value.clone()).collect::<Vec<_>>() {
                if vm.eq(&v, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// A dict view value.
pub fn view_value(dict: Value, kind: ViewKind) -> Value {
    Value::DictView(Arc::new(DictView { dict, kind }))
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
