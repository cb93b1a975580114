//! # Shared handoff plumbing: mode dispatch, bookkeeping, the eval breaker's slow paths
//!
//! What every take and drop does whatever the mode, kept out of the
//! public API file so each reads on its own:
//!
//! ```text
//!   take:  acquire (mode's protocol) ─▶ after_take (inside counter,
//!          takes, wait sample, timeline: WaitingForGil ─▶ Running)
//!   drop:  before_drop (inside counter) ─▶ release (mode's protocol)
//!   check slow path, new GIL:  drop_on_request = drop with FORCE_SWITCHING,
//!                               take again; all of it counts as waiting
//!   check slow path, old GIL:  release_and_reacquire = release, take again
//! ```
//!
//! `mark_taken` is CPython's "if (tstate != last_holder) { last_holder =
//! tstate; ++switch_number; }" from `take_gil`, shared by both GILs.

use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use crate::timeline::LaneState;

use super::{Gil, GilMode, GilState, ThreadState, NO_HOLDER};

impl Gil {
    /// Takes the GIL by the mode's protocol; returns when waiting started.
    pub(super) fn acquire(&self, ts: &mut ThreadState) -> Option<Instant> {
        match self.config.mode {
            GilMode::New => self.take_new(ts),
            GilMode::Old => self.take_old(ts).0,
            GilMode::None => None,
        }
    }

    /// Releases the GIL by the mode's protocol.
    pub(super) fn release(&self, ts: &mut ThreadState, forced_switching: bool) {
        match self.config.mode {
            GilMode::New => self.drop_new(ts, forced_switching),
            GilMode::Old => {
                self.drop_old(false);
            }
            GilMode::None => {}
        }
    }

    /// Bookkeeping after any take: the inside counter, the thread's
    /// counters, its wait sample and its timeline.
    pub(super) fn after_take(&self, ts: &mut ThreadState, waiting_since: Option<Instant>) {
        // Relaxed: the GIL mutex orders one holder's fetch_sub (before its
        // release) before the next holder's fetch_add (after its take), and
        // read-modify-writes of one atomic never miss each other.
        let inside = self.holders.fetch_add(1, Relaxed) + 1;
        self.max_holders.fetch_max(inside, Relaxed);
        ts.holds_gil = true;
        ts.takes += 1;
        match waiting_since {
            Some(since) => {
                let now = Instant::now();
                ts.waits.record(now.saturating_duration_since(since));
                ts.lane.enter(LaneState::WaitingForGil, since);
                ts.lane.enter(LaneState::Running, now);
            }
            None => {
                ts.waits.record(Duration::ZERO);
                ts.lane.enter_now(LaneState::Running);
            }
        }
    }

    /// Bookkeeping before any drop.
    pub(super) fn before_drop(&self, ts: &mut ThreadState) {
        assert!(
            ts.holds_gil,
            "GIL invariant broken: thread {:?} dropped a GIL it does not hold",
            ts.name
        );
        ts.holds_gil = false;
        self.holders.fetch_sub(1, Relaxed);
    }

    /// Records that `ts` now holds the GIL; returns whether that was a switch
    /// (a thread other than the last holder). Called with the mutex held.
    pub(super) fn mark_taken(&self, state: &mut GilState, ts: &ThreadState) -> bool {
        if state.last_holder == ts.id {
            return false;
        }
        if state.last_holder != NO_HOLDER {
            state.switches += 1;
        }
        state.last_holder = ts.id;
        state.switch_number += 1;
        true
    }

    /// New GIL, eval breaker slow path: drop (with FORCE_SWITCHING), let
    /// the waiter run, take again. The whole time counts as waiting.
    #[cold]
    pub(super) fn drop_on_request(&self, ts: &mut ThreadState) {
        let since = Instant::now();
        self.before_drop(ts);
        self.drop_new(ts, true);
        // Waiting since the drop, whether or not the re-take found the GIL
        // busy: FORCE_SWITCHING already made this thread wait.
        let _busy_since = self.take_new(ts);
        self.after_take(ts, Some(since));
    }

    /// Old GIL, tick counter at zero: release, and at once re-acquire.
    #[cold]
    pub(super) fn release_and_reacquire(&self, ts: &mut ThreadState) {
        ts.ticks = self.config.old_check_interval.max(1);
        self.before_drop(ts);
        let released_at = self.drop_old(ts.lane.enabled());
        let (waiting_since, switched) = self.take_old(ts);
        // The thread lost the GIL if it had to wait, or if another thread
        // took (and released) it in the gap between our release and
        // re-take: on a loaded machine the OS often deschedules the
        // releaser right there. Either way it was not running since the
        // release; without this the lane would show it running meanwhile.
        let lost_since = match (waiting_since, released_at) {
            (Some(_), Some(released)) => Some(released),
            (None, Some(released)) if switched => Some(released),
            (waiting, _) => waiting,
        };
        self.after_take(ts, lost_since);
    }
}
