//! The frame arena: a per-thread free list of frame allocations, so a
//! Python call allocates nothing once the thread has called that deep
//! before.
//!
//! ```text
//!   CALL f     slots.pop() ──▶ Box::write(slot, Frame{ locals: locals.pop() .. })
//!                               ──▶ frames.push(box)          (a pointer moves)
//!   RETURN     frames.pop() ──▶ release: locals cleared, kept; the rest of the
//!                               frame dropped in place; the box kept
//!   yield      frames.pop() ──▶ the generator holds the box (no copy, no free)
//!   next(g)    the generator's box ──▶ frames.push(box)
//! ```
//!
//! Why boxes at all: a generator's frame leaves the thread's frame list at
//! every `yield` and comes back at every `next`. Held by value in a
//! `Vec<Frame>` it was copied out, boxed, unboxed and copied back each time
//! (the memmove and malloc of the generators profile); held as
//! `Box<Frame>` it moves as one pointer, and the generator owns the same
//! allocation from creation to its end. Plain calls would then pay a
//! malloc per frame, which this free list gives back: a returned frame's
//! allocation and its local-slot vector wait here for the next call.
//!
//! What is kept and what is not: a released frame's *contents* are dropped
//! at once (its locals, globals, handled exceptions, generator), exactly
//! when the by-value frame used to be dropped, so no object lives longer
//! than it did. Only the two allocations stay: the box (as uninitialised
//! memory) and the emptied locals vector (its capacity).
//!
//! Invariant (cited by the `SAFETY` comments below):
//! 1. Every box in `slots` came from a `Box<Frame>` whose frame has been
//!    dropped in place; its memory holds no live `Frame` and is only ever
//!    written (`Box::write`) before it is read again.
//!
//! Simplification: CPython 3.11 allocates frames from a per-thread
//! contiguous "data stack" of chunks (`_PyThreadState_PushFrame`), copying
//! a generator's frame into the generator object at creation. A bump
//! allocator over chunks is faster still but needs unsafe pointer
//! arithmetic throughout the VM; a free list of boxes keeps the VM's frame
//! list an ordinary `Vec<Box<Frame>>`.
//!
//! Python equivalent: `Python/pystate.c` (`_PyThreadState_PushFrame`,
//! `_PyThreadState_PopFrame`). Needs only `object/frame.rs`.

use crate::object::frame::Frame;
use crate::object::Value;
use std::mem::MaybeUninit;

/// At most this many spare allocations of each kind are kept per thread:
/// a burst of deep recursion frees its frames beyond this instead of
/// holding their memory for the thread's lifetime.
const MAX_SPARE: usize = 64;

/// A thread's spare frame allocations (see the module docs).
#[derive(Default)]
pub struct FrameArena {
    /// Frame-sized allocations whose frames were dropped (invariant 1).
    /// Boxes, not a `Vec<MaybeUninit<Frame>>`: the point is to hand out
    /// the allocation itself, which then moves by pointer.
    #[allow(clippy::vec_box)]
    slots: Vec<Box<MaybeUninit<Frame>>>,
    /// Emptied local-slot vectors, capacity kept.
    locals: Vec<Vec<Option<Value>>>,
}

impl FrameArena {
    /// An empty local-slot vector, reusing a released frame's capacity
    /// when there is one.
    #[inline]
    pub fn take_locals(&mut self) -> Vec<Option<Value>> {
        self.locals.pop().unwrap_or_default()
    }

    /// `frame`, moved into a spare allocation if there is one.
    #[inline]
    pub fn boxed(&mut self, frame: Frame) -> Box<Frame> {
        match self.slots.pop() {
            // Fast path: reuse a released frame's allocation.
            Some(slot) => Box::write(slot, frame),
            // The plain path: a fresh allocation.
            None => Box::new(frame),
        }
    }

    /// A frame for `code` with every local unbound (`Frame::new`, locals
    /// and allocation from the arena).
    pub fn frame(
        &mut self,
        code: std::sync::Arc<crate::bytecode::Code>,
        globals: std::sync::Arc<crate::object::module::Globals>,
        closure: &[std::sync::Arc<crate::object::function::Cell>],
    ) -> Box<Frame> {
        let mut locals = self.take_locals();
        locals.resize(code.varnames.len(), None);
        self.boxed(Frame::with_cells(code, globals, locals, closure))
    }

    /// Drops `frame`'s contents now and keeps its two allocations for the
    /// next call.
    pub fn release(&mut self, mut frame: Box<Frame>) {
        let mut locals = std::mem::take(&mut frame.locals);
        // Locals go first, as they did when the frame was dropped whole
        // (`locals` is declared before the fields that follow it).
        locals.clear();
        if self.locals.len() < MAX_SPARE && locals.capacity() > 0 {
            self.locals.push(locals);
        }
        if self.slots.len() >= MAX_SPARE {
            return;
        }
        let raw = Box::into_raw(frame);
        // SAFETY: `raw` comes from `Box::into_raw` of a live, uniquely
        // owned `Box<Frame>`, so it is valid for the in-place drop, and
        // nothing reads the frame afterwards: the pointer is at once
        // re-owned as `MaybeUninit<Frame>` (same size and alignment, and
        // any bytes are a valid `MaybeUninit`), which establishes
        // invariant 1 for the slot pushed below. Should a drop panic, the
        // allocation leaks, which is safe.
        let slot = unsafe {
            std::ptr::drop_in_place(raw);
            Box::from_raw(raw.cast::<MaybeUninit<Frame>>())
        };
        self.slots.push(slot);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::Code;
    use crate::object::module::Globals;
    use std::sync::Arc;

    fn code_and_globals() -> (Arc<Code>, Arc<Globals>) {
        let code = crate::compiler::compile_source("t.py", "x = 1\n").expect("compiles");
        let name = crate::object::str::intern("t");
        (
            code,
            Arc::new(Globals::new(name, Arc::from(Vec::new()), |_| None)),
        )
    }

    #[test]
    fn a_released_frame_is_reused_and_drops_its_values_at_release() {
        let (code, globals) = code_and_globals();
        let mut arena = FrameArena::default();
        let marker = Value::tuple(vec![Value::Int(7)]);
        let mut f = arena.frame(code.clone(), globals.clone(), &[]);
        f.locals.push(Some(marker.clone()));
        let first = &*f as *const Frame;
        let Value::Tuple(t) = &marker else {
            unreachable!()
        };
        assert_eq!(Arc::strong_count(t), 2);
        arena.release(f);
        // The local was dropped at release, not kept in the arena.
        assert_eq!(Arc::strong_count(t), 1);
        let g = arena.frame(code, globals, &[]);
        assert_eq!(&*g as *const Frame, first, "the same allocation again");
        assert!(g.locals.iter().all(Option::is_none));
    }

    #[test]
    fn the_arena_keeps_at_most_max_spare() {
        let (code, globals) = code_and_globals();
        let mut arena = FrameArena::default();
        let frames: Vec<Box<Frame>> = (0..MAX_SPARE + 10)
            .map(|_| arena.frame(code.clone(), globals.clone(), &[]))
            .collect();
        for f in frames {
            arena.release(f);
        }
        assert_eq!(arena.slots.len(), MAX_SPARE);
    }
}
