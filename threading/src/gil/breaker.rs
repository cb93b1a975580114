//! # The eval breaker: one word the holder reads at every check point
//!
//! ```text
//!   bits:  DROP_REQUEST   a starved waiter asks the holder to drop (new GIL)
//!          STOP           the interpreter is finishing: other threads stop
//!          TICKING        the old GIL counts ticks at every check (set for
//!                         the whole run in GilMode::Old)
//!
//!   check point:  bits == 0 ?  ── yes ──▶ run on            (one Relaxed load)
//!                              └─ no ───▶ Gil::attend: drop on request,
//!                                         count a tick, report STOP
//! ```
//!
//! Why one word: a check point used to ask two questions in two places —
//! the GIL's mode (a load and a three-way match), its drop request (a
//! load), then the runtime's "finishing?" flag (another load) — about
//! nine instructions on every backward jump, `RESUME` and call, and under
//! the free-threaded preset the same match only to find nothing to do
//! (callgrind: 8 of the count loop's 121 instructions per iteration).
//! Everything that can ask the holder for attention now sets a bit here,
//! so the common case, nothing asked, is one load and one test whatever
//! the mode; the rare cases go to one out-of-line function that sorts
//! them out.
//!
//! The old GIL is the exception that proves the rule: its tick countdown
//! is per-thread state with work at every check, so `GilMode::Old` keeps
//! `TICKING` set for the whole run and pays the out-of-line call at every
//! check (the 2.7 preset exists for its switch pattern, not its speed).
//!
//! Writes: `DROP_REQUEST` is set and cleared under the GIL's state mutex,
//! as the `AtomicBool` it replaces was; `STOP` is set once, by the thread
//! finishing the interpreter, without that mutex. So every write is a
//! read-modify-write (`fetch_or` / `fetch_and`) that cannot lose the other
//! writer's bit; they are rare (a drop request per switch interval, one
//! stop per run). Reads are `Relaxed`: a late read delays a drop or a stop
//! by one check point, and the GIL's mutex orders everything else (see the
//! module docs of `gil/mod.rs`).
//!
//! Python equivalent: `eval_breaker` in CPython 3.11's `struct
//! _ceval_state` (`Include/internal/pycore_ceval_state.h`), recomputed by
//! `COMPUTE_EVAL_BREAKER` from `gil_drop_request`, pending calls, signals
//! and async exceptions; CPython 2.7 ticked `_Py_Ticker` inline instead.
//! Needs only `sync.rs` (std's atomics, loom's in the loom model).

use super::sync::AtomicU32;
use std::sync::atomic::Ordering::Relaxed;

/// A starved waiter asked the holder to drop the GIL (new GIL).
const DROP_REQUEST: u32 = 1;
/// The interpreter is finishing: threads other than the finishing one stop
/// at their next `RESUME` or backward jump.
const STOP: u32 = 1 << 1;
/// The old GIL: every check counts down the holder's ticks.
const TICKING: u32 = 1 << 2;

/// What a check point should do once the GIL has had its say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckPoint {
    /// Run on.
    Continue,
    /// The interpreter is finishing: this thread stops here.
    Stop,
}

/// The word (see the module docs).
#[derive(Debug)]
pub(super) struct EvalBreaker {
    /// `DROP_REQUEST | STOP | TICKING`, any combination.
    bits: AtomicU32,
}

impl EvalBreaker {
    /// A breaker with nothing asked; `ticking` for the old GIL.
    pub(super) fn new(ticking: bool) -> EvalBreaker {
        EvalBreaker {
            bits: AtomicU32::new(if ticking { TICKING } else { 0 }),
        }
    }

    /// Whether nothing at all is asked of the holder: the check point's
    /// fast path.
    #[inline(always)]
    pub(super) fn quiet(&self) -> bool {
        self.bits.load(Relaxed) == 0
    }

    /// Whether a waiter asked the holder to drop.
    #[inline]
    pub(super) fn drop_requested(&self) -> bool {
        self.bits.load(Relaxed) & DROP_REQUEST != 0
    }

    /// Asks the holder to drop (call under the GIL's state mutex).
    pub(super) fn request_drop(&self) {
        self.bits.fetch_or(DROP_REQUEST, Relaxed);
    }

    /// Withdraws a drop request (call under the GIL's state mutex).
    pub(super) fn clear_drop_request(&self) {
        self.bits.fetch_and(!DROP_REQUEST, Relaxed);
    }

    /// Tells every thread to stop at its next check point (once per run).
    pub(super) fn request_stop(&self) {
        self.bits.fetch_or(STOP, Relaxed);
    }

    /// Whether the interpreter is finishing.
    #[inline]
    pub(super) fn stop_requested(&self) -> bool {
        self.bits.load(Relaxed) & STOP != 0
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn quiet_until_asked_and_each_bit_kept_apart() {
        let b = EvalBreaker::new(false);
        assert!(b.quiet());
        b.request_drop();
        assert!(!b.quiet() && b.drop_requested() && !b.stop_requested());
        b.request_stop();
        b.clear_drop_request();
        assert!(!b.quiet() && !b.drop_requested() && b.stop_requested());
    }

    #[test]
    fn the_old_gil_is_never_quiet() {
        let b = EvalBreaker::new(true);
        assert!(!b.quiet());
        assert!(!b.drop_requested() && !b.stop_requested());
    }
}
