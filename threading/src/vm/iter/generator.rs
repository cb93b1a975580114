//! Generators and coroutines driven from the VM: `send`, `throw`,
//! `close`, `yield from`, `await`.
//!
//! ```text
//!   push_generator_frame: Suspended(frame box) ─▶ Running (the box pushed)
//!   the frame yields ─▶ Suspended again      returns/raises ─▶ Done
//! ```
//!
//! A generator owns its suspended frame; resuming it pushes that frame
//! on the thread's frame list ([`ThreadCtx::push_generator_frame`]).
//! `FOR_ITER` and `YIELD_FROM` let the frame loop run it (no Rust
//! recursion); natives (`next(g)`, `g.send`, `g.throw`, `list(g)`) run a
//! nested frame loop through [`ThreadCtx::resume_generator`], which checks
//! the native stack first. `throw` and `close` into a generator that is
//! delegating with `yield from` go to the sub-iterator first, as CPython's
//! `_gen_throw` does.
//!
//! GIL check point: resuming a generator at a `yield` checks for a drop
//! request under the ≥ 3.10 policy (CPython 3.11 has a `RESUME` after
//! every `YIELD_VALUE`); a first start meets the frame's own `RESUME`.
//!
//! Python equivalent: `Objects/genobject.c` (`gen_send_ex`, `_gen_throw`,
//! `gen_close`), `Python/ceval.c` (`SEND`, `GET_YIELD_FROM_ITER`,
//! `GET_AWAITABLE`).
//!
//! Needs: the parent `mod.rs` (`iter()`, `next()`), `vm/frames.rs` (the
//! frame loop and its native-stack guard).

use super::{is_iterator, ThreadCtx};
use crate::gil::GilMode;
use crate::object::builtin_types::types;
use crate::object::frame::{Frame, Resume};
use crate::object::generator::{GenKind, GenState, Generator};
use crate::object::refcount::Arc;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::frames::{Finished, Flow};

/// What one step of `yield from` did.
pub enum Delegated {
    /// The sub-generator's frame was pushed.
    Pushed,
    /// The sub-iterator yielded this (the delegating frame yields it on).
    Yielded(Value),
    /// The sub-iterator finished with this value.
    Returned(Value),
}

/// What [`ThreadCtx::push_generator_frame`] did.
///
/// A full machine word (`repr(usize)`), not a `bool`: inside a
/// `PyResult`, a one-byte payload was stored as a byte and read back by
/// the caller as a word, a store-forwarding stall at every resumption
/// (perf: half of `yield_from`'s samples in the generators benchmark).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum Resumed {
    /// The generator had finished: nothing was pushed.
    Finished = 0,
    /// Its frame is on top of the frame list, ready to run.
    Pushed = 1,
}

/// A generator resumed from Rust: what it did.
pub enum GenStep {
    /// It yielded.
    Yielded(Value),
    /// It returned (`StopIteration(value)` for the consumer).
    Returned(Value),
}
impl ThreadCtx {
    /// Takes a suspended generator's frame and pushes it to run, with
    /// `sent` as the value of the `yield` it stopped at (`None` for
    /// `next()` and for a `throw`, whose exception the frame meets before
    /// it reads the value). `false` if the generator has finished.
    ///
    /// `sent` is a plain `Value`, not an `Option<Value>` with `None`
    /// standing for `Value::None`: unwrapping the option copied the value
    /// byte by byte into a temporary that the push then read back whole,
    /// a store-forwarding stall on every resumption (perf: two thirds of
    /// this function's samples in the generators benchmark).
    pub(in crate::vm) fn push_generator_frame(
        &mut self,
        g: &Arc<Generator>,
        sent: Value,
        resume: Resume,
    ) -> PyResult<Resumed> {
        match self.take_generator_frame(g) {
            GenState::Suspended(mut frame) => {
                if frame.pc == 0 && !matches!(sent, Value::None) {
                    g.state.suspend(frame);
                    return Err(PyErr::type_error(format!(
                        "can't send non-None value to a just-started {}",
                        kind_name(g)
                    )));
                }
                frame.stack_base = self.stack.len();
                // Saved top first (`frames.rs`, `suspend_yielded`): popped
                // back in stack order; `saved_stack` keeps its capacity
                // for the next yield.
                while let Some(v) = frame.saved_stack.pop() {
                    self.stack.push(v);
                }
                if frame.pc != 0 {
                    self.stack.push(sent);
                }
                let resuming = frame.pc != 0;
                frame.resume = resume;
                // Fast path: resumed by FOR_ITER or YIELD_FROM, the
                // generator stays in the consumer's stack slot just below
                // this frame's stack (`stack_base - 1`) while the frame
                // runs, and the frame loop finds it there (`frames.rs`,
                // `generator_in_consumer_slot`): no reference of the
                // frame's own. From Rust, the frame gets one.
                frame.generator = match resume {
                    Resume::ForIter(_) | Resume::YieldFrom | Resume::Consumer => None,
                    _ => Some(g.clone()),
                };
                self.frames.push(frame);
                // A resumption's check point under the ≥ 3.10 policy is
                // the `RESUME` after the `yield` it stopped at, which
                // CPython ≥ 3.11 checks only after a plain `yield`
                // (`RESUME 1`), not after a `yield from` or `await`
                // (`RESUME 2`/`3`: `oparg < 2` in `RESUME`). So a chain of
                // delegating generators checks once per item, at its
                // innermost frame (as 3.9's `YIELD_FROM` rule did:
                // `check_points.rs`). A first start meets the frame's own
                // RESUME, and ≤ 3.9 checks the first instruction it runs
                // anyway.
                if resuming && !self.check_every {
                    let frames = &self.frames;
                    self.rt.gil.check_if(&mut self.ts, || {
                        !frames.last().is_some_and(Frame::parked_in_yield_from)
                    });
                }
                Ok(Resumed::Pushed)
            }
            GenState::Running => Err(PyErr::value_error(format!(
                "{} already executing",
                kind_name(g)
            ))),
            GenState::Done => {
                if g.kind == GenKind::Coroutine {
                    return Err(PyErr::new(
                        ExcKind::RuntimeError,
                        "cannot reuse already awaited coroutine",
                    ));
                }
                Ok(Resumed::Finished)
            }
        }
    }

    /// Takes `g`'s suspended frame to resume it (see `FrameSlot`).
    #[inline]
    fn take_generator_frame(&self, g: &Generator) -> GenState {
        if self.rt.gil.config().mode != GilMode::None {
            debug_assert!(self.ts.holds_gil(), "resuming a generator without the GIL");
            // Fast path: under a GIL no other thread can be taking this
            // frame now, so no compare-exchange (once per resumption, so
            // once per level of a `yield from` chain for every item).
            // SAFETY: this thread runs Python code, so under modes `New`
            // and `Old` it holds the GIL, which every thread reaching `g`
            // runs under (`take_holding_gil`'s contract).
            unsafe { g.state.take_holding_gil() }
        } else {
            // The plain path: without a GIL two threads may race to resume
            // `g`; the compare-exchange lets exactly one win, and the other
            // is told "generator already executing" (as 3.13t does).
            g.state.take()
        }
    }

    /// `g.send(v)` from Rust.
    pub fn resume_generator(&mut self, g: &Arc<Generator>, sent: Value) -> PyResult<GenStep> {
        crate::vm::check_native_stack(self)?;
        if self.push_generator_frame(g, sent, Resume::Native)? == Resumed::Finished {
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
        crate::vm::check_native_stack(self)?;
        // Delegating with `yield from`: the sub-iterator gets it first.
        if let Some(sub) = delegated_to(g) {
            if exc.is(ExcKind::GeneratorExit) {
                self.close_iter(&sub)?;
            } else if let Value::Generator(sg) = &sub {
                match self.gen_throw(sg, exc) {
                    Ok(GenStep::Yielded(v)) => return Ok(GenStep::Yielded(v)),
                    Ok(GenStep::Returned(v)) => return self.finish_delegation(g, v),
                    Err(e) if e.is(ExcKind::StopIteration) => {
                        let v = crate::vm::exceptions::stop_iteration_value(&e);
                        return self.finish_delegation(g, v);
                    }
                    Err(e) => return self.throw_into(g, e),
                }
            } else if let Some(t) = self.get_attr_opt(&sub, &types().names.throw)? {
                let exc_value = exc.value().unwrap_or(Value::None);
                match self.call(&t, &[exc_value]) {
                    Ok(v) => return Ok(GenStep::Yielded(v)),
                    Err(e) if e.is(ExcKind::StopIteration) => {
                        let v = crate::vm::exceptions::stop_iteration_value(&e);
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
        if self.push_generator_frame(g, Value::None, Resume::Native)? == Resumed::Finished {
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
        if self.push_generator_frame(g, Value::None, Resume::Native)? == Resumed::Finished {
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
        match g.state.take() {
            GenState::Done => return Ok(()),
            // Never started: nothing to unwind, the frame just goes.
            GenState::Suspended(frame) if frame.pc == 0 => {
                g.state.finish();
                drop(frame);
                return Ok(());
            }
            // Stopped at a yield: put back for `gen_throw` to resume.
            GenState::Suspended(frame) => g.state.suspend(frame),
            GenState::Running => {}
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
    pub(in crate::vm) fn yield_from(&mut self, sent: Value) -> PyResult<Delegated> {
        // Fast path: a generator is resumed from its stack slot, moved out
        // and back rather than cloned (two atomic operations saved per
        // delegation level and item: `yield from` re-enters every level of
        // a recursive generator for every item). The slot stays put: the
        // resumed frame's stack goes above it.
        let slot = self.stack.len().saturating_sub(1);
        if let Some(Value::Generator(_)) = self.stack.get(slot) {
            let sub = std::mem::replace(&mut self.stack[slot], Value::Null);
            let pushed = match &sub {
                Value::Generator(g) => self.push_generator_frame(g, sent, Resume::YieldFrom),
                _ => unreachable!("checked above: a generator"),
            };
            // The `Null` placed above owns nothing: forgotten, not
            // dropped through the enum's out-of-line drop glue.
            std::mem::forget(std::mem::replace(&mut self.stack[slot], sub));
            return Ok(if pushed? == Resumed::Pushed {
                Delegated::Pushed
            } else {
                Delegated::Returned(Value::None)
            });
        }
        // The plain path: any other iterator.
        let sub = self.stack.last().cloned().unwrap_or(Value::None);
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
                crate::vm::exceptions::stop_iteration_value(&e),
            )),
            Err(e) => Err(e),
        }
    }

    /// `GET_YIELD_FROM_ITER`.
    pub(in crate::vm) fn get_yield_from_iter(&mut self, v: Value) -> PyResult {
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
    pub(in crate::vm) fn get_awaitable(&mut self, v: Value) -> PyResult {
        match &v {
            Value::Generator(g) if g.kind == GenKind::Coroutine => {
                if g.is_running() {
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
/// from` (the top of its saved stack), if any.
/// A look at the frame: taken and put back at once (under a GIL no
/// check point falls in between; without one, a thread resuming `g` at
/// that instant is told it is already executing, as CPython 3.13t can).
fn delegated_to(g: &Generator) -> Option<Value> {
    let GenState::Suspended(frame) = g.state.take() else {
        return None;
    };
    let sub = match frame.code.ops.get(frame.pc) {
        // Saved top first: the sub-iterator is the first value.
        Some(crate::bytecode::Op::YieldFrom) => frame.saved_stack.first().cloned(),
        _ => None,
    };
    g.state.suspend(frame);
    sub
}
