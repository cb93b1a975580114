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
//! Fast path for a sink that only keeps the items (`list(g)`, `tuple(g)`:
//! [`ThreadCtx::collect_generator`]): the frame stays on the frame list
//! between items and each yielded value goes straight into the vector,
//! with no suspension at all. The instruction loop does it
//! (`inline_call.rs`, `yield_in_loop`, on the [`DrainInto`] this file
//! installs for the generator's frame depth): it pushes the value, pushes
//! `None` as the value of the `yield` (what `next()` sends), runs the check
//! point of a resumption and goes on in the same frame. Per item that
//! saves the suspension, the resumption and a trip out of the instruction
//! loop and back (~450 instructions). Only for that sink: one that runs
//! Python code (a set's `__hash__`, `sum`'s `__add__`) could resume `g`
//! itself, and must find it suspended, as in CPython.
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
//! (the frame loop and its native-stack guard).

use super::generator::Resumed;
use super::ThreadCtx;
use crate::object::frame::Resume;
use crate::object::generator::GenKind;
use crate::object::set::Set;
use crate::object::{PyResult, Value};
use crate::vm::frames::Finished;

/// The items vector's first capacity: a generator expression collected by
/// `tuple(...)` or `set(...)` yields a handful of items (nqueens: 8 per
/// call, 80,000 calls), and growing from empty reallocated twice on the
/// way to 8 (`grow_one`, ~117 instructions each: 16 % of the in-loop
/// yield's cost). One 128-byte allocation instead.
const FIRST_CAPACITY: usize = 8;

/// Where the instruction loop puts the items of a generator being
/// collected (see the module docs): the frame depth of the generator's
/// frame (`frames.len()` while it runs), which items it keeps, and the
/// items so far.
pub struct DrainInto {
    /// `frames.len()` while the collected generator's frame is on top.
    pub depth: usize,
    /// Which yielded values the instruction loop keeps.
    pub keeps: Keeps,
    /// Its items, in order.
    pub items: Vec<Value>,
}

/// Which yielded values a [`DrainInto`] keeps in place.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Keeps {
    /// Every one (`list(g)`, `tuple(g)`: nothing runs per item).
    Everything,
    /// Those whose hash and equality run no Python code (ints, floats,
    /// strs, bytes, bools, `None`): a new set's items, inserted after the
    /// generator stops, which nothing can tell from inserting them one by
    /// one (the set is not visible yet, and holds only such keys). The
    /// first other value goes back through the frame loop.
    PlainHashables,
}

impl Keeps {
    /// Whether `v` is kept in place.
    #[inline]
    pub fn takes(self, v: &Value) -> bool {
        match self {
            Keeps::Everything => true,
            Keeps::PlainHashables => matches!(
                v,
                Value::Int(_)
                    | Value::Float(_)
                    | Value::Str(_)
                    | Value::Bytes(_)
                    | Value::Bool(_)
                    | Value::None
            ),
        }
    }
}

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

    /// Every item of the generator `g` (a `Value::Generator` of kind
    /// generator), in order: [`drain_generator`](Self::drain_generator)
    /// with the instruction loop keeping the items in place (the module
    /// docs' fast path). An error from the generator discards the items.
    pub(in crate::vm) fn collect_generator(&mut self, g: Value) -> PyResult<Vec<Value>> {
        crate::vm::check_native_stack(self)?;
        let slot = self.stack.len();
        self.stack.push(g);
        let mut items = Vec::with_capacity(FIRST_CAPACITY);
        let result = self.collect_from_slot(slot, &mut items, Keeps::Everything);
        self.stack.truncate(slot);
        result.map(|_| items)
    }

    /// Fills the new set `s` (not yet visible to Python code) with the
    /// items of the generator `g`: collected in place while they are
    /// [`Keeps::PlainHashables`] and inserted when the generator stops or
    /// yields another kind of value; from that value on (the set may now
    /// hold a key whose `__eq__` is Python code), item by item as
    /// `drain_generator` does.
    pub(in crate::vm) fn fill_new_set_from_generator(&mut self, s: &Set, g: Value) -> PyResult<()> {
        crate::vm::check_native_stack(self)?;
        let slot = self.stack.len();
        self.stack.push(g);
        let result = self.fill_new_set_from_slot(s, slot);
        self.stack.truncate(slot);
        result
    }

    /// The body of [`fill_new_set_from_generator`](Self::fill_new_set_from_generator).
    fn fill_new_set_from_slot(&mut self, s: &Set, slot: usize) -> PyResult<()> {
        let mut items = Vec::with_capacity(FIRST_CAPACITY);
        let other = self.collect_from_slot(slot, &mut items, Keeps::PlainHashables)?;
        // One by one, as they came: the table grows as CPython's does
        // (a reserved table would lay the keys out, and iterate them, in
        // another order).
        for item in items {
            self.set_insert(s, item)?;
        }
        if let Some(item) = other {
            self.set_insert(s, item)?;
            self.drain_from_slot(slot, &mut |vm: &mut ThreadCtx, item| vm.set_insert(s, item))?;
        }
        Ok(())
    }

    /// The loop of [`collect_generator`](Self::collect_generator): as
    /// `drain_from_slot`, with a [`DrainInto`] installed for the frame's
    /// depth while it runs (an outer collection's put back after). Returns
    /// the first yielded value `keeps` refuses (the generator suspended
    /// after it), or `None` when the generator ended.
    fn collect_from_slot(
        &mut self,
        slot: usize,
        items: &mut Vec<Value>,
        keeps: Keeps,
    ) -> PyResult<Option<Value>> {
        loop {
            let Some(base) = self.resume_slot(slot)? else {
                return Ok(None);
            };
            let outer = self.drain_into.replace(DrainInto {
                depth: base + 1,
                keeps,
                items: std::mem::take(items),
            });
            let finished = self.run_frames(base);
            if let Some(d) = std::mem::replace(&mut self.drain_into, outer) {
                *items = d.items;
            }
            match finished? {
                // A value the instruction loop did not keep: refused, or
                // a yield through the frame loop (kept here, and the
                // generator resumed again).
                Finished::Yielded(item) if !keeps.takes(&item) => return Ok(Some(item)),
                Finished::Yielded(item) => items.push(item),
                Finished::Returned(_) => return Ok(None),
            }
        }
    }

    /// Pushes the frame of the generator in `self.stack[slot]` to resume it
    /// as a consumer's `next()` would: the index of its frame, or `None`
    /// when the generator is finished. Moved out of its slot for the call
    /// and back before the frame runs (as `for_iter` does): no clone of
    /// the reference.
    fn resume_slot(&mut self, slot: usize) -> PyResult<Option<usize>> {
        let g = std::mem::replace(&mut self.stack[slot], Value::Null);
        let pushed = match &g {
            Value::Generator(gen) => self.push_generator_frame(gen, Value::None, Resume::Consumer),
            _ => unreachable!("a drain's slot holds a generator"),
        };
        self.stack[slot] = g;
        Ok((pushed? == Resumed::Pushed).then(|| self.frames.len() - 1))
    }

    /// The loop of [`drain_generator`](Self::drain_generator), with the
    /// generator in `self.stack[slot]`.
    fn drain_from_slot(
        &mut self,
        slot: usize,
        sink: &mut impl FnMut(&mut ThreadCtx, Value) -> PyResult<()>,
    ) -> PyResult<()> {
        loop {
            let Some(base) = self.resume_slot(slot)? else {
                return Ok(());
            };
            match self.run_frames(base)? {
                Finished::Yielded(item) => sink(self, item)?,
                Finished::Returned(_) => return Ok(()),
            }
        }
    }
}
