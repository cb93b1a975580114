//! The frame loop: calls, returns, yields and exception unwinding without
//! Rust recursion.
//!
//! ```text
//!   frames: [<module>] [main] [work]               the last one runs in eval::exec
//!     (an ordinary call and its return switch frames inside exec itself:
//!      inline_call.rs; what reaches this loop is everything else)
//!     exec returns Flow::Call       → a new frame is on top: run it
//!     exec returns Flow::Return(v)  → pop; hand v to the caller as the frame
//!                                     was entered (push it, end a FOR_ITER,
//!                                     finish a YIELD_FROM, or back to Rust)
//!     exec returns Flow::Yield      → pop the yielded value (on the stack)
//!                                     and the generator's frame into its
//!                                     object; hand v to its consumer
//!     exec returns Flow::Error(e)   → unwind: the innermost handler block of
//!                                     the top frame, else pop it and retry
//! ```
//!
//! Python calls push onto a `Vec` instead of recursing in Rust, and
//! generators driven by `for` or `yield from` resume in this same loop,
//! so `RecursionError` at the recursion limit is an ordinary exception and
//! no MiniPy program can overflow the native stack through Python calls
//! (CPython 3.11 made the same move). A native function that calls back
//! into Python (a `key=` function, `__eq__`, `__repr__`) starts a nested
//! loop over its own frames ([`ThreadCtx::run_frames`] with a higher
//! `base`); a guard on the native stack left turns runaway nesting into
//! `RecursionError` too.
//!
//! Python equivalent: `_PyEval_EvalFrameDefault`'s frame push/pop
//! (3.11's inlined calls) and its `exception_unwind` label.

use super::ops::{Reflected, Spelling};
use super::ThreadCtx;
use crate::object::exception::TbEntry;
use crate::object::frame::{Frame, Resume};
use crate::object::generator::Generator;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::sync::atomic::Ordering::Relaxed;

/// What `eval::exec` hands back to the frame loop.
pub enum Flow {
    /// The top frame returned a value.
    Return(Value),
    /// The top frame (a generator's) yielded the value on top of the
    /// value stack. On the stack, not in the variant: `exec` returns the
    /// `Flow` through memory, and a `Value` written there field by field
    /// and read back whole by the frame loop could not be store-forwarded
    /// (a stall per level of a `yield from` chain per item).
    Yield,
    /// A new frame is on top of the frame stack: run it.
    Call,
    /// An exception; `true` when it starts here (the top frame's line
    /// joins the traceback and its context is set), `false` for a
    /// re-raise.
    Error(PyErr, bool),
}

/// How the bottom frame of a frame-loop run ended.
pub enum Finished {
    /// It returned this value.
    Returned(Value),
    /// It yielded this value (a generator resumed from Rust).
    Yielded(Value),
}

impl ThreadCtx {
    /// Runs the frames from index `base` (already pushed, the bottom one
    /// entered with [`Resume::Native`]) until the bottom one finishes.
    pub fn run_frames(&mut self, base: usize) -> PyResult<Finished> {
        self.run_frames_from(base, None)
    }

    /// Like [`run_frames`](Self::run_frames), starting with `first`
    /// instead of running the top frame (a generator's `throw`).
    pub fn run_frames_from(&mut self, base: usize, first: Option<Flow>) -> PyResult<Finished> {
        self.loop_depth += 1;
        // The instruction loop's in-loop returns stop at this base; the
        // outer loop's base comes back when this run ends.
        let outer_base = std::mem::replace(&mut self.loop_base, base);
        let r = self.frame_loop(base, first);
        self.loop_base = outer_base;
        self.loop_depth -= 1;
        r
    }

    fn frame_loop(&mut self, base: usize, first: Option<Flow>) -> PyResult<Finished> {
        let mut flow = match first {
            Some(f) => f,
            None => self.exec(),
        };
        loop {
            flow = match flow {
                // Plain path: a generator's frame pushed by FOR_ITER or
                // YIELD_FROM. (An ordinary call's frame is admitted inside
                // the instruction loop, `inline_call.rs`; the same check.)
                Flow::Call => match self.admit_pushed_frame() {
                    Ok(()) => self.exec(),
                    // The refused frame is gone; the error belongs to the
                    // caller's instruction.
                    Err(e) => Flow::Error(e, true),
                },
                // Plain path: a return the instruction loop did not take
                // in-loop (a generator's, the bottom frame's, an
                // `__init__` returning a value: `inline_call.rs`).
                Flow::Return(v) => {
                    let Some(f) = self.frames.pop() else {
                        return Ok(Finished::Returned(v));
                    };
                    self.stack.truncate(f.stack_base);
                    if let Some(g) = generator_of(&f, &self.stack) {
                        g.state.finish();
                    }
                    let resume = f.resume;
                    self.frame_arena.release(f);
                    if self.frames.len() <= base {
                        return Ok(Finished::Returned(v));
                    }
                    match self.deliver_return(resume, v) {
                        Ok(()) => self.exec(),
                        Err(e) => Flow::Error(e, true),
                    }
                }
                Flow::Yield => {
                    let v = self.stack.pop().unwrap_or(Value::None);
                    let Some(f) = self.frames.pop() else {
                        return Ok(Finished::Yielded(v));
                    };
                    let resume = self.suspend_yielded(f);
                    if self.frames.len() <= base {
                        return Ok(Finished::Yielded(v));
                    }
                    self.stack.push(v);
                    match resume {
                        // The consumer's FOR_ITER already moved past
                        // itself: it gets the item and goes on.
                        Resume::ForIter(_) => self.exec(),
                        // The delegating generator passes the value on to
                        // its own consumer, staying at its YIELD_FROM.
                        _ => Flow::Yield,
                    }
                }
                Flow::Error(e, origin) => match self.unwind(base, e, origin) {
                    Ok(()) => self.exec(),
                    Err(e) => return Err(e),
                },
            };
        }
    }

    /// Puts `f`, the frame of a generator that has just yielded (popped
    /// from the frame list, the yielded value already popped off the value
    /// stack), back into its generator object; returns how the frame had
    /// been entered, which says who gets the value. Shared by the frame
    /// loop's `Flow::Yield` arm and the instruction loop's in-loop yield
    /// (`inline_call.rs`).
    pub(super) fn suspend_yielded(&mut self, mut f: Box<Frame>) -> Resume {
        let resume = f.resume;
        // The frame keeps its stack slice and goes back into its generator
        // as the same allocation: a pointer moves, nothing is copied or
        // allocated (after the first yield has sized `saved_stack`).
        let from = f.stack_base.min(self.stack.len());
        // Fast path: one or two values (a `yield from`'s sub-iterator, a
        // `for` loop's iterator) move by a pop and a push each, inline, and
        // stay in the order they were popped (top first: see `Frame`'s
        // `saved_stack`), so neither this nor the resumption calls out of
        // line (`extend(drain)`, `reverse`, `append` each did, per level of
        // a `yield from` chain and per item).
        while self.stack.len() > from {
            let Some(v) = self.stack.pop() else { break };
            f.saved_stack.push(v);
        }
        // The frame's own reference (if it has one) must not go into the
        // generator with it: a cycle.
        let own = f.generator.take();
        let in_slot = generator_in_consumer_slot(f.resume, f.stack_base, &self.stack);
        if let Some(g) = own.as_deref().or(in_slot) {
            g.state.suspend(f);
        }
        resume
    }

    /// Hands a returned value to the caller, as the frame was entered.
    fn deliver_return(&mut self, resume: Resume, v: Value) -> PyResult<()> {
        match resume {
            Resume::Call | Resume::Native | Resume::Consumer => {
                self.stack.push(v);
                Ok(())
            }
            Resume::Init => {
                // The caller's stack already holds the new instance.
                if matches!(v, Value::None) {
                    Ok(())
                } else {
                    Err(PyErr::type_error(format!(
                        "__init__() should return None, not '{}'",
                        v.type_name()
                    )))
                }
            }
            Resume::BinaryOp(op) => {
                // The operands stayed under the method's frame
                // (`dunder_call.rs`).
                let b = self.pop();
                let a = self.pop();
                let r = match v {
                    Value::NotImplemented => self.binary_after_left(
                        op,
                        &a,
                        &b,
                        Reflected::NotYetTried,
                        Spelling::Binary,
                    )?,
                    v => v,
                };
                self.stack.push(r);
                Ok(())
            }
            Resume::ForIter(target) => {
                // The generator is exhausted: drop it and leave the loop.
                self.stack.pop();
                if let Some(caller) = self.frames.last_mut() {
                    caller.pc = target as usize;
                }
                Ok(())
            }
            Resume::YieldFrom => {
                // `yield from` evaluates to the return value.
                self.stack.pop();
                self.stack.push(v);
                if let Some(caller) = self.frames.last_mut() {
                    caller.pc += 1;
                }
                Ok(())
            }
        }
    }

    /// Finds a handler for `err`, popping frames that have none (down to
    /// `base`). `Ok` when the top frame now runs its handler; `Err` when
    /// the frame at `base` did not catch it.
    fn unwind(&mut self, base: usize, mut err: PyErr, origin: bool) -> PyResult<()> {
        if origin {
            if let PyErr::Exc(exc) = &err {
                if let Some(top) = self.frames.last() {
                    add_traceback(exc, top);
                }
                let handled = self.handled_exception();
                super::exceptions::set_context(exc, handled.as_ref());
            }
        }
        loop {
            let Some(top) = self.frames.last_mut() else {
                return Err(err);
            };
            if let PyErr::Exc(exc) = &err {
                if let Some(block) = top.blocks.pop() {
                    self.stack
                        .truncate(top.stack_base + block.stack_depth as usize);
                    top.handled.truncate(block.handled_depth as usize);
                    self.stack.push(Value::Instance(exc.clone()));
                    top.pc = block.handler as usize;
                    return Ok(());
                }
            }
            let Some(f) = self.frames.pop() else {
                return Err(err);
            };
            self.stack.truncate(f.stack_base);
            if let Some(g) = generator_of(&f, &self.stack) {
                g.state.finish();
                err = super::exceptions::generator_stop_iteration(err, g);
            }
            self.frame_arena.release(f);
            if self.frames.len() <= base {
                return Err(err);
            }
            if let (PyErr::Exc(exc), Some(caller)) = (&err, self.frames.last()) {
                add_traceback(exc, caller);
            }
        }
    }

    /// The exception being handled by the innermost frame that handles
    /// one (`sys.exc_info()[1]`).
    pub fn handled_exception(&self) -> Option<Value> {
        self.frames
            .iter()
            .rev()
            .find_map(|f| f.handled.last().cloned())
    }

    /// Pushes `frame` (entered from Rust) and runs it to its end.
    pub fn run_frame(&mut self, frame: Frame) -> PyResult {
        self.run_boxed_frame(Box::new(frame))
    }

    /// [`run_frame`](Self::run_frame) for a frame already in its box.
    pub fn run_boxed_frame(&mut self, mut frame: Box<Frame>) -> PyResult {
        super::check_native_stack(self)?;
        frame.resume = Resume::Native;
        frame.stack_base = self.stack.len();
        let base = self.frames.len();
        self.frames.push(frame);
        let limit = self.rt.recursion_limit.load(Relaxed);
        if self.frames.len() > limit {
            if let Some(f) = self.frames.pop() {
                self.frame_arena.release(f);
            }
            return Err(PyErr::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        match self.run_frames(base)? {
            Finished::Returned(v) | Finished::Yielded(v) => Ok(v),
        }
    }
}

/// The generator whose frame `f` is (just popped, its part of the stack
/// truncated), if any.
fn generator_of<'a>(f: &'a Frame, stack: &'a [Value]) -> Option<&'a Generator> {
    match &f.generator {
        Some(g) => Some(g),
        None => generator_in_consumer_slot(f.resume, f.stack_base, stack),
    }
}

/// Fast path: a frame resumed by `FOR_ITER`, `YIELD_FROM` or a draining
/// consumer (`iter/drain.rs`) holds no reference to its generator (two atomic operations per resumption
/// saved, `iter/generator.rs`): the consumer's stack slot just below the
/// frame's part of the stack holds the generator for as long as the frame
/// runs, and the consumer does not run meanwhile. (A resumption from Rust,
/// `Resume::Native`, gives the frame a reference of its own: the plain
/// path.)
fn generator_in_consumer_slot(
    resume: Resume,
    stack_base: usize,
    stack: &[Value],
) -> Option<&Generator> {
    match resume {
        Resume::ForIter(_) | Resume::YieldFrom | Resume::Consumer => {
            match stack.get(stack_base.wrapping_sub(1)) {
                Some(Value::Generator(g)) => Some(g),
                _ => panic!(
                    "a generator frame resumed by FOR_ITER or YIELD_FROM lost its consumer's slot"
                ),
            }
        }
        _ => None,
    }
}

/// Records that `exc` passed through `frame` at its current instruction.
fn add_traceback(exc: &crate::object::instance::Instance, frame: &Frame) {
    if let Some(st) = exc.exc() {
        let at = frame.pc.saturating_sub(1);
        let entry = TbEntry {
            code: frame.code.clone(),
            line: frame.code.line_of(at),
            span: frame.code.spans.get(at).copied().unwrap_or((0, 0, 0)),
        };
        st.lock().traceback.push(entry);
    }
}
