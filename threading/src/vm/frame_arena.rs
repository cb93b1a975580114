//! The frame arena: a per-thread free list of frames, so a Python call
//! allocates nothing once the thread has called that deep before.
//!
//! ```text
//!   CALL f     spare.pop() ──▶ code/globals set unless already f's ──▶ locals
//!              bound in place ──▶ frames.push(box)          (a pointer moves)
//!   RETURN     frames.pop() ──▶ release: frame.reset() (values dropped,
//!              capacities kept, code/globals kept) ──▶ spare.push(box)
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
//! malloc per frame, which this free list gives back: a returned frame
//! waits here, emptied, for the next call, its local-slot, block and
//! handled-exception vectors keeping their capacity.
//!
//! What a spare frame keeps: no Python value (its locals, handled
//! exceptions, cells and generator are dropped at release, exactly when
//! the frame used to be dropped), but its last `code` and `globals`.
//! A call in a loop then finds its own function's frame on top of the
//! list and sets neither (four atomic reference-count operations saved
//! per call); another function's call swaps them (what a fresh frame
//! costs). Keeping them alive a little longer is invisible to programs
//! (MiniPy has no `__del__` or weak references) and bounded: at most
//! [`MAX_SPARE`] code objects and globals per thread.
//!
//! Simplification: CPython 3.11 allocates frames from a per-thread
//! contiguous "data stack" of chunks (`_PyThreadState_PushFrame`), copying
//! a generator's frame into the generator object at creation. A bump
//! allocator over chunks is faster still but needs unsafe pointer
//! arithmetic throughout the VM; a free list of boxes keeps the VM's frame
//! list a list of boxes (`frame_stack.rs`) and this file free of `unsafe`.
//!
//! Python equivalent: `Python/pystate.c` (`_PyThreadState_PushFrame`,
//! `_PyThreadState_PopFrame`). Needs only `object/frame.rs`.

use crate::bytecode::Code;
use crate::object::frame::Frame;
use crate::object::function::Cell;
use crate::object::module::Globals;
use crate::object::refcount::Arc;

/// At most this many spare frames are kept per thread: a burst of deep
/// recursion frees its frames beyond this instead of holding their memory
/// for the thread's lifetime.
const MAX_SPARE: usize = 64;

/// A thread's spare frames (see the module docs).
#[derive(Default)]
pub struct FrameArena {
    /// Released frames, emptied by [`Frame::reset`]; the last one
    /// released is reused first. Boxes, not frames by value: the point is
    /// to hand out the allocation itself, which then moves by pointer.
    #[allow(clippy::vec_box)]
    spare: Vec<Box<Frame>>,
}

impl FrameArena {
    /// A frame for `code` with no local slots (capacity kept) and no
    /// cells: the caller binds the locals and sets the cells.
    #[inline]
    pub fn acquire(&mut self, code: &Arc<Code>, globals: &Arc<Globals>) -> Box<Frame> {
        match self.spare.pop() {
            Some(mut frame) => {
                // Fast path: the frame last ran this same function (a call
                // in a loop), so its code and globals are already in place
                // and no reference count moves.
                if !Arc::ptr_eq(&frame.code, code) {
                    frame.code = code.clone();
                }
                if !Arc::ptr_eq(&frame.globals, globals) {
                    frame.globals = globals.clone();
                }
                frame
            }
            // The plain path: a fresh allocation.
            None => Box::new(Frame::empty(code.clone(), globals.clone())),
        }
    }

    /// A frame for `code` with every local unbound and fresh cells
    /// (`Frame::new`, from the arena).
    pub fn frame(
        &mut self,
        code: &Arc<Code>,
        globals: &Arc<Globals>,
        closure: &[Arc<Cell>],
    ) -> Box<Frame> {
        let mut frame = self.acquire(code, globals);
        frame.locals.resize(code.varnames.len(), None);
        frame.cells = Frame::new_cells(code, closure);
        frame
    }

    /// Drops `frame`'s values now and keeps the emptied frame for the
    /// next call.
    pub fn release(&mut self, mut frame: Box<Frame>) {
        frame.reset();
        if self.spare.len() < MAX_SPARE {
            self.spare.push(frame);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::Value;

    fn code_and_globals() -> (Arc<Code>, Arc<Globals>) {
        let code = crate::compiler::compile_source("t.py", "x = 1\n").expect("compiles");
        let name = crate::object::str::intern("t");
        (
            code,
            Arc::new(Globals::new(name, std::sync::Arc::from(Vec::new()), |_| {
                None
            })),
        )
    }

    #[test]
    fn a_released_frame_is_reused_and_drops_its_values_at_release() {
        let (code, globals) = code_and_globals();
        let mut arena = FrameArena::default();
        let marker = Value::tuple(vec![Value::Int(7)]);
        let mut f = arena.frame(&code, &globals, &[]);
        f.locals.push(Some(marker.clone()));
        f.handled.push(marker.clone());
        f.pc = 5;
        let first = &*f as *const Frame;
        let Value::Tuple(t) = &marker else {
            unreachable!("built as a tuple")
        };
        assert_eq!(Arc::strong_count(t), 3);
        arena.release(f);
        // The values were dropped at release, not kept in the arena.
        assert_eq!(Arc::strong_count(t), 1);
        let g = arena.frame(&code, &globals, &[]);
        assert_eq!(&*g as *const Frame, first, "the same allocation again");
        assert!(g.locals.iter().all(Option::is_none));
        assert!(g.handled.is_empty());
        assert_eq!(g.pc, 0);
    }

    #[test]
    fn a_reused_frame_takes_the_new_code_and_globals() {
        let (code, globals) = code_and_globals();
        let (other_code, other_globals) = code_and_globals();
        let mut arena = FrameArena::default();
        let f = arena.frame(&code, &globals, &[]);
        arena.release(f);
        let g = arena.acquire(&other_code, &other_globals);
        assert!(Arc::ptr_eq(&g.code, &other_code));
        assert!(Arc::ptr_eq(&g.globals, &other_globals));
        // The first code is no longer held by the arena.
        assert_eq!(Arc::strong_count(&code), 1);
    }

    #[test]
    fn the_arena_keeps_at_most_max_spare() {
        let (code, globals) = code_and_globals();
        let mut arena = FrameArena::default();
        let frames: Vec<Box<Frame>> = (0..MAX_SPARE + 10)
            .map(|_| arena.frame(&code, &globals, &[]))
            .collect();
        for f in frames {
            arena.release(f);
        }
        assert_eq!(arena.spare.len(), MAX_SPARE);
    }
}
