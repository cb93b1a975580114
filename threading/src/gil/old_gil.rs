//! # The old GIL (CPython ≤ 3.1): a plain lock released every 100 ticks
//!
//! Before 3.2 the GIL was an ordinary lock (`PyThread_acquire_lock` on a
//! mutex + condition variable on Linux). The eval loop counted down
//! `_Py_Ticker` from `sys.getcheckinterval()` (100); at zero it did
//!
//! ```text
//!     PyThread_release_lock(interpreter_lock);   /* locked = 0; signal */
//!     /* Other threads may run now */
//!     PyThread_acquire_lock(interpreter_lock, 1); /* while locked: wait */
//! ```
//!
//! with nothing in between: no handoff, no drop request, no waiting for the
//! waiter. On a single CPU this cost little: the waiter only ran when the OS
//! preempted the holder. On a multicore machine the releasing thread keeps
//! running and re-acquires within nanoseconds, while the woken waiter is
//! still being scheduled on another core; it finds the lock taken and goes
//! back to sleep. That wasted wake-up (a futex system call on each side),
//! repeated every 100 ticks, is why two CPU-bound threads ran *slower* than
//! one: Beazley (2009, dual core) measured 24.6 s sequential, 45.5 s on two
//! threads.
//!
//! Timeline accounting: a thread that loses the GIL in the gap between its
//! release and its re-acquire (another thread took it, maybe ran and
//! released it) is shown waiting from its release on, so lanes never show
//! two threads running at once. `drop_old` reads the clock only when that
//! can happen, so a lone thread pays nothing.
//!
//! ```text
//!   holder:  ──run 100 ticks──▶ release ─▶ acquire ─▶ run 100 ticks ─▶ …
//!                                  │ signal    ▲ (wins the race)
//!   waiter:  sleeping ─────────────┴─▶ wakes ──┴─▶ locked again: sleep ─▶ …
//! ```
//!
//! Simplification: CPython 2 could use a POSIX semaphore instead of the
//! mutex + condvar pair; the behaviour (no fairness, no handoff) is the same.

use std::time::Instant;

use super::sync::{lock, wait};
use super::{Gil, ThreadState};

impl Gil {
    /// `PyThread_acquire_lock(interpreter_lock, 1)`: wait until unlocked,
    /// with no timeout and no drop request. Returns when it started waiting
    /// (`None` if the lock was free) and whether the GIL changed hands since
    /// this thread last held it.
    pub(super) fn take_old(&self, ts: &mut ThreadState) -> (Option<Instant>, bool) {
        let mut state = lock(&self.state);
        let mut waiting_since = None;
        while state.locked {
            if waiting_since.is_none() {
                waiting_since = Some(Instant::now());
                state.waiters += 1;
            }
            state = wait(&self.cond, state);
        }
        if waiting_since.is_some() {
            state.waiters -= 1;
        }
        state.locked = true;
        let switched = self.mark_taken(&mut state, ts);
        (waiting_since, switched)
    }

    /// `PyThread_release_lock(interpreter_lock)`: unlock and wake one waiter,
    /// and keep running. Returns the release time when the GIL may change
    /// hands before this thread re-takes it: a thread is waiting, or (when
    /// `recording` a timeline) another registered thread could arrive. A
    /// lone thread, the common case, never reads the clock here.
    pub(super) fn drop_old(&self, recording: bool) -> Option<Instant> {
        let mut state = lock(&self.state);
        state.locked = false;
        if state.waiters > 0 {
            self.cond.notify_one();
        } else if !(recording && state.registered > 1) {
            return None;
        }
        // Read under the mutex, so it precedes the next holder's take.
        Some(Instant::now())
    }
}
