//! The thread's call stack of frames: owned, boxed frames held by address,
//! so that the instruction loop can keep the running frame's address in a
//! local instead of finding it through the list at every instruction.
//!
//! ```text
//!   frames: [ *Frame, *Frame, *Frame ]      each from Box::leak, owned here
//!                                  │
//!   eval.rs:  frame_ptr ───────────┘        the top frame's address, reloaded
//!             f!() = &mut *frame_ptr        at every frame switch (load_frame!)
//! ```
//!
//! Plain path (what this replaces): `Vec<Box<Frame>>`, and the loop's
//! `self.frames[fi]` at every local read or write: the vector's length
//! (bounds check), its buffer, the box's pointer, then the field: three
//! dependent loads and a compare before the frame itself. CPython's loop
//! holds `_PyInterpreterFrame *frame` in a local; so does ours now
//! (callgrind: go −5.1 %, richards −5.4 %, nbody −3.9 % instructions).
//!
//! Why raw addresses and not the boxes themselves: a reference made from
//! a `Box` that is then used through the box again is invalidated under
//! Rust's aliasing rules (a box is a unique owner). The loop's address
//! would be used after calls that reach the same frame through the list.
//! Here every access — the list's own `Index`, `last_mut`, the loop's
//! `frame_ptr` — goes through copies of the one pointer `Box::leak`
//! gave, and each makes a short-lived reference from it; they never
//! overlap (the loop's references are made and dropped within one
//! expression that takes no `&mut self`; see `eval.rs`'s `f!`).
//!
//! Ownership is a `Vec<Box<Frame>>`'s: `push` takes a box, `pop` gives it
//! back, dropping the stack drops the frames (bottom first). A frame's
//! address does not change while it is on the list (the list moves
//! pointers, never frames), which is what `eval.rs` and `inline_call.rs`
//! rely on.
//!
//! Python equivalent: the `previous` chain of `_PyInterpreterFrame`s in
//! CPython 3.11 (`tstate->cframe->current_frame`). Needs `object/frame.rs`
//! and `superinstr.rs` (the loop's push).

use crate::object::frame::Frame;
use std::ptr::NonNull;

/// The frames of one thread's Python call stack, bottom first.
pub struct FrameStack {
    /// Each from `Box::leak`, owned by this stack until popped.
    frames: Vec<NonNull<Frame>>,
}

// SAFETY: the stack owns its frames exactly as a `Vec<Box<Frame>>` would
// (no other handle to them exists while they are on it), so it may move to
// another thread when boxed frames may.
unsafe impl Send for FrameStack where Box<Frame>: Send {}

impl FrameStack {
    /// An empty stack with room for `n` frames.
    pub fn with_capacity(n: usize) -> FrameStack {
        FrameStack {
            frames: Vec::with_capacity(n),
        }
    }

    /// How many frames are on the stack.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether no frame is on the stack.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// Pushes `frame` on top; the stack owns it from now on.
    #[inline(always)]
    pub fn push(&mut self, frame: Box<Frame>) {
        // `Box::leak` (`Box::into_raw` as a `NonNull`) gives the box's
        // ownership to this pointer: valid until `pop` turns it back into
        // a box, the premise of every dereference below.
        let ptr = NonNull::from(Box::leak(frame));
        super::superinstr::push_value(&mut self.frames, ptr);
    }

    /// Takes the top frame off, handing back its ownership.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<Box<Frame>> {
        let ptr = self.frames.pop()?;
        // SAFETY: `ptr` came from `Box::leak` in `push` and has just left
        // the list, so this box is its only owner again; no reference made
        // from it outlives the expression that made it.
        Some(unsafe { Box::from_raw(ptr.as_ptr()) })
    }

    /// The top frame.
    #[inline(always)]
    pub fn last(&self) -> Option<&Frame> {
        // SAFETY: a pointer on the list is a live, owned frame; the
        // reference borrows `self`, so the frame cannot be popped under it.
        self.frames.last().map(|p| unsafe { p.as_ref() })
    }

    /// The top frame, to change.
    #[inline(always)]
    pub fn last_mut(&mut self) -> Option<&mut Frame> {
        // SAFETY: as `last`, with `&mut self` making this the only
        // reference to the frame made through the list.
        self.frames.last_mut().map(|p| unsafe { p.as_mut() })
    }

    /// The top frame's address, for the instruction loop to keep while
    /// that frame runs (`eval.rs`, `load_frame!`); `None` when empty.
    #[inline(always)]
    pub fn top_ptr(&self) -> Option<NonNull<Frame>> {
        self.frames.last().copied()
    }

    /// The frames, bottom first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Frame> + ExactSizeIterator {
        // SAFETY: as `last`.
        self.frames.iter().map(|p| unsafe { p.as_ref() })
    }

    /// Drops every frame, bottom first (as `Vec<Box<Frame>>::clear`).
    pub fn clear(&mut self) {
        for ptr in std::mem::take(&mut self.frames) {
            // SAFETY: as `pop`: each pointer leaves the list here.
            drop(unsafe { Box::from_raw(ptr.as_ptr()) });
        }
    }
}

impl Drop for FrameStack {
    fn drop(&mut self) {
        self.clear();
    }
}

impl std::ops::Index<usize> for FrameStack {
    type Output = Frame;

    #[inline(always)]
    fn index(&self, i: usize) -> &Frame {
        // SAFETY: as `last`.
        unsafe { self.frames[i].as_ref() }
    }
}

impl std::ops::IndexMut<usize> for FrameStack {
    #[inline(always)]
    fn index_mut(&mut self, i: usize) -> &mut Frame {
        // SAFETY: as `last_mut`.
        unsafe { self.frames[i].as_mut() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::module::Globals;
    use crate::object::refcount::Arc;
    use crate::object::Value;

    fn frame() -> Box<Frame> {
        let code = crate::compiler::compile_source("t.py", "x = 1\n").expect("compiles");
        let name = crate::object::str::intern("t");
        let globals = Arc::new(Globals::new(name, std::sync::Arc::from(Vec::new()), |_| {
            None
        }));
        Box::new(Frame::empty(code, globals))
    }

    #[test]
    fn a_frame_keeps_its_address_while_the_list_grows() {
        let mut stack = FrameStack::with_capacity(1);
        stack.push(frame());
        let bottom = stack.top_ptr().expect("one frame");
        for _ in 0..100 {
            stack.push(frame());
        }
        assert_eq!(&stack[0] as *const Frame, bottom.as_ptr() as *const Frame);
        assert_eq!(stack.len(), 101);
    }

    #[test]
    fn pop_hands_back_the_frame_pushed_and_drop_releases_the_rest() {
        let marker = Value::tuple(vec![Value::Int(7)]);
        let Value::Tuple(t) = &marker else {
            unreachable!("built as a tuple")
        };
        let mut stack = FrameStack::with_capacity(4);
        for pc in 0..3 {
            let mut f = frame();
            f.pc = pc;
            f.locals.push(Some(marker.clone()));
            stack.push(f);
        }
        assert_eq!(Arc::strong_count(t), 4);
        stack[1].pc = 40;
        let top = stack.pop().expect("three frames");
        assert_eq!(top.pc, 2);
        drop(top);
        assert_eq!(Arc::strong_count(t), 3);
        assert_eq!(stack.iter().map(|f| f.pc).collect::<Vec<_>>(), [0, 40]);
        drop(stack);
        assert_eq!(Arc::strong_count(t), 1);
    }
}
