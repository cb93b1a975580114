//! Draining a generator from Rust: `list(g)`, `tuple(g)`, `set(g)`,
//! `frozenset(g)`, `a, *b = g`, `[*g]`, `sum(g)` run a generator to its
//! end and keep (or add up) every item.
//!
//! ```text
//!   value stack:  | caller's slice | g | g's frame's slice ... |
//!                                    ^ slot: holds g for the whole drain
//!   loop:  push_generator_frame(g, Resume::Consumer) ─▶ run_frames
//!            Yielded(item) ─▶ sink(item) ─▶ again
//!            Returned(_)   ─▶ pop the slot, done
//!            Err(e)        ─▶ pop the slot, e (the frame loop already
//!                             marked g done, PEP 479 applied)
//! ```
//!
//! The plain path ([`ThreadCtx::next`] per item, `iter/mod.rs`) resumes a
//! generator as `next(g)` does: the kind of iterator dispatched, the
//! native stack checked, and the frame given its own reference to `g`
//! (one atomic increment when it is pushed and one decrement when it
//! yields), once per item. Draining pays the first two once, and puts `g`
//! in a value-stack slot just below the frame's slice instead, where the
//! frame loop finds it when the frame yields, returns or raises
//! (`frames.rs`, `generator_in_consumer_slot`: the slot `FOR_ITER` and
//! `YIELD_FROM` already use). Between two items the frame is suspended
//! in `g` as usual, so a sink that runs Python code (a `__hash__`, an
//! `__eq__`) may even resume `g` itself, as in CPython.
//!
//! Road not taken: keeping the frame on the frame list between items and
//! copying each yielded value straight into the output, with no
//! suspension at all, would save a little more but needs the frame loop
//! (`frames.rs`) to know about consumers, and a sink running Python code
//! would then find `g` "already executing" where CPython does not.
//!
//! GIL check points: every item is a resumption at a `yield`, checked in
//! `push_generator_frame` exactly as `next(g)` is; nothing is added or
//! dropped.
//!
//! Python equivalent: `list_extend` / `set_update_internal` calling
//! `gen_iternext` per item (`Objects/listobject.c`,
//! `Objects/setobject.c`, `Objects/genobject.c`).
//!
//! Needs: `iter/generator.rs` (`push_generator_frame`), `vm/frames.rs`
//! (the frame loop), `vm/call.rs` (the native-stack guard).

use super::generator::Resumed;
use super::ThreadCtx;
use crate::object::frame::Resume;
use crate::object::generator::GenKind;
use crate::object::{PyResult, Value};
use crate::vm::frames::Finished;

impl ThreadCtx {
    /// Calls `each` on every item of `iterable`, in order (`for x in
    /// iterable:` from Rust, for consumers such as `sum` that take every
    /// item): the iterator of a generator is drained from a stack slot
    /// (the fast path above), any other iterator is stepped with `next()`
    /// (the plain path).
    pub fn for_each_item(
        &mut self,
        iterable: &Value,
        mut each: impl FnMut(&mut ThreadCtx, Value) -> PyResult<()>,
    ) -> PyResult<()> {
        let it = self.get_iter(iterable)?;
        if let Value::Generator(g) = &it {
            if g.kind == GenKind::Generator {
                return self.drain_generator(it, each);
            }
        }
        while let Some(item) = self.next(&it)? {
            each(self, item)?;
        }
        Ok(())
    }

    /// Runs the generator `g` (a `Value::Generator` of kind generator) to
    /// its end, handing each yielded item to `sink` in order. An error
    /// from the generator or from `sink` stops the drain (the generator
    /// is then done, or suspended after the item `sink` refused, as with
    /// `next()`).
    pub(in crate::vm) fn drain_generator(
        &mut self,
        g: Value,
        mut sink: impl FnMut(&mut ThreadCtx, Value) -> PyResult<()>,
    ) -> PyResult<()> {
        crate::vm::check_native_stack(self)?;
        let slot = self.stack.len();
        self.stack.push(g);
        let result = self.drain_from_slot(slot, &mut sink);
        // On success the generator's frames left nothing above the slot;
        // on an error the frame loop truncated to the frame's base, which
        // is just above it.
        self.stack.truncate(slot);
        result
    }

    /// The loop of [`drain_generator`](Self::drain_generator), with the
    /// generator in `self.stack[slot]`.
    fn drain_from_slot(
        &mut self,
        slot: usize,
        sink: &mut impl FnMut(&mut ThreadCtx, Value) -> PyResult<()>,
    ) -> PyResult<()> {
        loop {
            // Moved out of its slot for the call and back before the frame
            // runs (as `for_iter` does): no clone of the reference.
            let g = std::mem::replace(&mut self.stack[slot], Value::Null);
            let pushed = match &g {
                Value::Generator(gen) => {
                    self.push_generator_frame(gen, Value::None, Resume::Consumer)
                }
                _ => unreachable!("drain_generator's slot holds a generator"),
            };
            self.stack[slot] = g;
            if pushed? == Resumed::Finished {
                return Ok(());
            }
            let base = self.frames.len() - 1;
            match self.run_frames(base)? {
                Finished::Yielded(item) => sink(self, item)?,
                Finished::Returned(_) => return Ok(()),
            }
        }
    }
}
