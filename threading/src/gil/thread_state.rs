//! # ThreadState: one interpreter thread's private GIL bookkeeping
//!
//! CPython's `PyThreadState` is what `take_gil` / `drop_gil` receive; ours
//! carries what the GIL needs per thread and nothing the VM needs:
//!
//! - an identity (`id`) compared with the GIL's `last_holder` (a switch is a
//!   take by a different thread; FORCE_SWITCHING waits until
//!   `last_holder != id`);
//! - the old GIL's tick countdown. Simplification: CPython 2's `_Py_Ticker`
//!   was one global counter; since only the holder ticks, a per-thread one
//!   differs only in where a thread that just took the GIL starts counting
//!   from, and it needs no shared write per instruction;
//! - counters, a wait-time histogram and a timeline buffer, all written
//!   without any lock because only the owning thread touches them, and
//!   merged into the `Gil` once, at `unregister`.
//!
//! A `ThreadState` is `Send` (created by `register` on one thread, moved to
//! the interpreter thread) but used by one thread at a time through
//! `&mut`, so none of it needs to be atomic.

use crate::timeline::LaneRecorder;

use super::stats::WaitHistogram;

/// One interpreter thread's GIL state; create with `Gil::register`, pass to
/// every `take` / `check` / `drop_gil` / `blocking`, give back with
/// `Gil::unregister`.
pub struct ThreadState {
    /// Unique per `Gil`, never [`NO_HOLDER`](super::NO_HOLDER); compared with
    /// the GIL's `last_holder`.
    pub(crate) id: u64,
    /// The thread's name, for stats and the timeline.
    pub(crate) name: String,
    /// Whether this thread holds the GIL now (set by take, cleared by drop):
    /// catches a VM that takes twice or drops what it does not hold.
    pub(crate) holds_gil: bool,
    /// Old GIL: instructions left before the next release/re-acquire.
    pub(crate) ticks: u32,
    /// How many times this thread took the GIL.
    pub(crate) takes: u64,
    /// How many times it dropped on request and waited for the switch.
    pub(crate) forced_switches: u64,
    /// Its GIL wait times.
    pub(crate) waits: WaitHistogram,
    /// Its timeline spans (empty and clock-free when recording is off).
    pub(crate) lane: LaneRecorder,
}

impl ThreadState {
    /// The name given to `register`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether this thread holds the GIL right now.
    pub fn holds_gil(&self) -> bool {
        self.holds_gil
    }

    /// How many times this thread has taken the GIL so far.
    pub fn takes(&self) -> u64 {
        self.takes
    }

    /// How many times this thread dropped the GIL on request and waited
    /// until another thread took it (FORCE_SWITCHING).
    pub fn forced_switches(&self) -> u64 {
        self.forced_switches
    }
}

impl std::fmt::Debug for ThreadState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreadState")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("holds_gil", &self.holds_gil)
            .field("takes", &self.takes)
            .field("forced_switches", &self.forced_switches)
            .finish_non_exhaustive()
    }
}
