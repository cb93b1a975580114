//! Generators and coroutines: a function activation that can stop at
//! `yield` and be resumed later.
//!
//! ```text
//!   g = gen()        Generator { state: Suspended(frame at pc 0, no stack) }
//!   next(g)          Running: the frame is on the thread's frame list
//!     ... yield v    Suspended(frame at the yield, its stack slice saved)
//!   next(g)          Running again, from the instruction after the yield
//!     ... return     Done (StopIteration for the consumer)
//! ```
//!
//! The frame is one heap allocation (`Box<Frame>`) for the generator's
//! whole life: suspending and resuming move that pointer between the
//! generator and the thread's frame list, and the stack slice at the
//! `yield` waits in the frame's own `saved_stack` (CPython 3.11 likewise
//! keeps a generator's frame inside the generator object and links it
//! into the thread's frame chain on resumption).
//!
//! While running, the frame is out of the generator and on the running
//! thread's frame list, so a second `next(g)` from anywhere sees `Running`
//! and raises "generator already executing" (as CPython does), and the
//! frame loop resumes generators without Rust recursion.
//!
//! Python equivalent: `Objects/genobject.c` (`gen_send_ex`, `gi_frame_state`).

use super::cell::PyCell;
use super::frame::Frame;
use super::str::PyStr;
use std::sync::Arc;

/// What kind of suspendable function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    /// A generator (`def` with `yield`).
    Generator,
    /// A coroutine (`async def`).
    Coroutine,
}

/// Where a generator is in its life.
pub enum GenState {
    /// Waiting to be resumed: the frame, stopped after a `yield` (or not
    /// started: `pc == 0`), its value-stack slice in `saved_stack`.
    Suspended(Box<Frame>),
    /// Its frame is running on some thread.
    Running,
    /// Returned or raised: every further resumption raises
    /// `StopIteration`.
    Done,
}

/// A generator or coroutine object.
pub struct Generator {
    /// Generator or coroutine.
    pub kind: GenKind,
    /// `__name__`.
    pub name: Arc<PyStr>,
    /// `__qualname__`.
    pub qualname: Arc<PyStr>,
    /// Its state (in the one cell type: another thread may try to resume
    /// it).
    pub state: PyCell<GenState>,
}

impl Generator {
    /// A new, not yet started generator over `frame`.
    pub fn new(
        kind: GenKind,
        name: Arc<PyStr>,
        qualname: Arc<PyStr>,
        frame: Box<Frame>,
    ) -> Generator {
        Generator {
            kind,
            name,
            qualname,
            state: PyCell::new(GenState::Suspended(frame)),
        }
    }

    /// Whether the generator has finished.
    pub fn is_done(&self) -> bool {
        matches!(*self.state.lock(), GenState::Done)
    }
}
