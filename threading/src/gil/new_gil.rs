//! # The new GIL (CPython 3.2 – 3.12): timed waits, drop requests, forced switching
//!
//! `take_new` and `drop_new` are CPython's `take_gil` / `drop_gil` from
//! `Python/ceval_gil.c`, with one mutex where CPython has two (see
//! "Simplification" below). The reasons for each rule are in the notes of
//! [`super`]; this file is the mechanism.
//!
//! ```text
//!  take_new (waiter W)                      holder H
//!  ───────────────────                      ────────
//!  lock state
//!  while locked:
//!      saved = switch_number
//!      timed wait on `cond` (interval) ──┐
//!      if timed out && locked &&         │  … runs bytecode …
//!         switch_number == saved:        │
//!          drop_request = true ──────────┼─▶ check(): sees drop_request
//!                                        │   drop_new(forced):
//!                                        │     locked = false
//!      ◀─────────────────────────────────┴──── notify `cond`
//!  locked = true                               drop_request = false
//!  last_holder = W, switch_number += 1         while last_holder == H:
//!  notify `switch_cond` ─────────────────────▶     wait on `switch_cond`
//!  reset drop_request if set                   take_new (now H waits)
//! ```
//!
//! Simplification: CPython guards `last_holder` and `switch_cond` with a
//! second mutex (`switch_mutex`) so that `drop_gil` can release the main
//! mutex before deciding whether to wait. One mutex for both condition
//! variables gives the same guarantee (no lost `switch_cond` wake-up: the
//! dropper checks `last_holder` and starts waiting without ever releasing the
//! lock in between) with one fewer lock to explain.

use std::time::Instant;

use super::sync::{lock, wait, wait_timeout};
use super::{Gil, ThreadState};

impl Gil {
    /// CPython's `take_gil`. Blocks until `ts` holds the GIL; returns when
    /// it started waiting, or `None` if the GIL was free.
    pub(super) fn take_new(&self, ts: &mut ThreadState) -> Option<Instant> {
        let mut state = lock(&self.state);
        let mut waiting_since = None;
        while state.locked {
            if waiting_since.is_none() {
                waiting_since = Some(Instant::now());
                state.waiters += 1;
            }
            let saved_switch_number = state.switch_number;
            let (relocked, timed_out) =
                wait_timeout(&self.cond, &self.state, state, self.switch_interval());
            state = relocked;
            // Timed out, still locked, and nobody else got it meanwhile: the
            // holder has had a whole interval, so ask it to drop. Relaxed:
            // every write of the drop request happens under `state`'s mutex;
            // the holder's lock-free read in `check` only needs to see it
            // eventually (the mutex release in the next take/drop publishes it).
            if timed_out
                && state.locked
                && state.switch_number == saved_switch_number
                && !self.breaker.drop_requested()
            {
                self.breaker.request_drop();
                state.drop_requests += 1;
            }
        }
        if waiting_since.is_some() {
            state.waiters -= 1;
        }
        state.locked = true;
        if self.mark_taken(&mut state, ts) {
            // A dropper in FORCE_SWITCHING waits for exactly this: the GIL
            // went to someone other than itself.
            self.switch_cond.notify_all();
        }
        // Whoever asked for the drop has been served (or we were that
        // waiter): clear the request so the next holder is not told to drop
        // at once. CPython: RESET_GIL_DROP_REQUEST in take_gil.
        if self.breaker.drop_requested() {
            self.breaker.clear_drop_request();
        }
        waiting_since
    }

    /// CPython's `drop_gil`. With `forced_switching` (a drop on request or
    /// around a blocking call) and a pending drop request, waits until
    /// another thread has taken the GIL before returning.
    pub(super) fn drop_new(&self, ts: &mut ThreadState, forced_switching: bool) {
        let mut state = lock(&self.state);
        state.locked = false;
        if state.waiters > 0 {
            self.cond.notify_one();
        }
        // FORCE_SWITCHING. Relaxed is exact here: we hold the mutex that
        // every store to the drop request is made under.
        if forced_switching && self.breaker.drop_requested() && state.last_holder == ts.id {
            self.breaker.clear_drop_request();
            state.forced_switches += 1;
            ts.forced_switches += 1;
            // Loop, unlike CPython's single COND_WAIT: a spurious wake-up
            // must not let us race the waiter we just handed the GIL to.
            while state.last_holder == ts.id {
                state = wait(&self.switch_cond, state);
            }
        }
    }
}
