//! # The GIL: one lock, three protocols, CPython's rules
//!
//! Every interpreter thread runs bytecode only while it holds the global
//! interpreter lock. The VM calls [`Gil::take`] before it runs, [`Gil::check`]
//! at its check points (the eval breaker), [`Gil::blocking`] around every
//! call that may block, and [`Gil::drop_gil`] when the thread ends. What
//! happens inside depends on the era ([`GilMode`]):
//!
//! | mode | CPython | file |
//! |---|---|---|
//! | [`GilMode::New`] | 3.2 – 3.12 (`Python/ceval_gil.c`) | `new_gil.rs` |
//! | [`GilMode::Old`] | ≤ 3.1 (`Python/ceval.c`, `thread_pthread.h`) | `old_gil.rs` |
//! | [`GilMode::None`] | 3.13t free-threaded (PEP 703) | this file (no-ops) |
//!
//! ## The state machine (new GIL)
//!
//! ```text
//!                 take: locked == false
//!     ┌──────────┐ ─────────────────────────▶ ┌──────────┐
//!     │  FREE    │                             │  HELD    │ by last_holder,
//!     │ locked=0 │ ◀───────────────────────── │ locked=1 │ runs bytecode
//!     └──────────┘   drop_gil / blocking /     └────┬─────┘
//!          ▲         check (on drop_request)        │ a waiter's timed wait
//!          │                                        │ expires with no switch
//!          │                                        ▼
//!          │                                 ┌──────────────┐
//!          │      check() sees the request   │ HELD +       │
//!          └──────────────────────────────── │ drop_request │
//!            FORCE_SWITCHING: the dropper    └──────────────┘
//!            sleeps until last_holder != itself,
//!            then queues up in take like anyone else
//! ```
//!
//! ## Notes about the implementation (after `ceval_gil.c`)
//!
//! - **The GIL is a flag under a mutex, not the mutex itself.** `locked` is
//!   a `bool` inside `state: Mutex<GilState>`; the mutex is held only for a
//!   few instructions at a time. Why: a thread must be able to *wait* for the
//!   GIL with a timeout and to be told apart from other waiters, and an OS
//!   mutex offers neither a timed acquire with a switch test nor a handoff.
//! - **A waiter waits on `cond` for one switch interval (5 ms), not forever.**
//!   Why: it needs to wake up to measure how long the holder has run.
//!   When the wait times out *and* `switch_number` did not change meanwhile
//!   (no other thread got the GIL in between, so this waiter really has been
//!   starved for a whole interval), it sets `drop_request`.
//! - **The drop request lives on the eval breaker, read without a lock.**
//!   Why: the holder checks it at every check point (millions per second);
//!   [`Gil::check`]'s fast path is one `Relaxed` load of one word that
//!   also carries the finishing interpreter's stop and the old GIL's
//!   ticking (`breaker.rs`), so nothing asked costs one load and one test
//!   in every mode. The request's writes happen under the mutex, so
//!   readers that hold the mutex see it exactly and the lock-free reader
//!   sees it as soon as the cache line travels (no fence needed: a late
//!   read only delays the drop by one check point).
//! - **Where the VM checks is a policy** ([`CheckPolicy`]): ≤ 3.9 before
//!   every instruction, ≥ 3.10 only at `RESUME`, `CALL` and
//!   `JUMP_BACKWARD`. Why it matters: a switch can only land at a check
//!   point, so under the later policy `x += 1` is never split.
//! - **FORCE_SWITCHING: a thread that dropped on request waits on
//!   `switch_cond` until `last_holder` is someone else.** Why: without it the
//!   dropper, still on a CPU, re-takes the GIL before the woken waiter is even
//!   scheduled (which is precisely the old GIL's failure), and the waiter
//!   starves. `switch_number` / `last_holder` change only when a *different*
//!   thread takes the GIL.
//! - **Voluntary release around blocking calls** ([`Gil::blocking`]). Why:
//!   a thread sleeping, waiting for a lock or joining another must not stop
//!   the others running Python code; this is what makes threads overlap I/O.
//! - **The old GIL releases and re-acquires every 100 ticks with no
//!   handoff** (see `old_gil.rs`), which on multicore machines mostly wakes
//!   a waiter for nothing: the reason 2.7's CPU-bound threads got slower.
//! - **No GIL** ([`GilMode::None`]): take/drop/check do nothing but keep the
//!   timeline and the holder counter, which then rightly exceeds 1.
//! - **Counters are per-thread until the thread ends** ([`ThreadState`]):
//!   the only shared writes are the few in the GIL's own state, under the
//!   mutex it takes anyway; wait histograms and timeline spans are merged at
//!   [`Gil::unregister`]. Why: `--stats` and `--timeline` must not change
//!   the timings they report.
//! - **`max_holders_seen`** counts threads between "took" and "about to
//!   drop" with an atomic; it is the "at most one thread inside" invariant
//!   the tests and the loom model assert.
//!
//! ## Memory orderings
//! Every atomic here is `Relaxed`, on purpose: the GIL's happens-before
//! edges come from its mutex (a take locks what the previous drop
//! unlocked), and the atomics are either written only under that mutex
//! (the breaker's drop request; its stop bit, set once without the mutex,
//! is a read-modify-write that cannot lose the request's), plain settings
//! (`switch_interval_nanos`), or counters whose read-modify-writes cannot
//! miss one another (`holders`).
//!
//! Depends on std (loom's twins in the loom model, see `sync.rs`) and on
//! the sibling [`timeline`](crate::timeline) module for span buffers.

mod breaker;
mod config;
mod handoff;
mod new_gil;
mod old_gil;
mod stats;
mod sync;
mod thread_state;

pub use breaker::CheckPoint;
pub use config::{
    CheckPolicy, GilConfig, GilMode, DEFAULT_OLD_CHECK_INTERVAL, DEFAULT_SWITCH_INTERVAL,
};
pub use stats::{GilStats, ThreadStats};
pub use thread_state::ThreadState;

use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use crate::timeline::{Lane, LaneRecorder, LaneState, Timeline};
use breaker::EvalBreaker;
use stats::WaitHistogram;
use sync::{lock, AtomicU64, AtomicUsize, Condvar, Mutex};

/// `last_holder` before any thread has taken the GIL (CPython: `NULL`).
pub(crate) const NO_HOLDER: u64 = 0;

/// The shortest switch interval: CPython clamps `sys.setswitchinterval` to
/// one microsecond in `take_gil` (`interval >= 1 ? interval : 1`).
const MIN_SWITCH_INTERVAL: Duration = Duration::from_micros(1);

/// The part of the GIL guarded by its mutex (CPython's `struct _gil_runtime_state`).
#[derive(Debug)]
struct GilState {
    /// `true` while some thread holds the GIL.
    locked: bool,
    /// `ThreadState::id` of the thread that took it last ([`NO_HOLDER`] at
    /// first); FORCE_SWITCHING waits until it differs from the dropper.
    last_holder: u64,
    /// Incremented whenever a different thread than `last_holder` takes the
    /// GIL; a waiter compares it across its timed wait.
    switch_number: u64,
    /// Threads blocked in `take` on `cond`. Why count them: `notify_one` on
    /// a futex condvar is a system call even with nobody waiting, and the
    /// old GIL releases every 100 ticks; glibc's `pthread_cond_signal`
    /// makes the same check for CPython.
    waiters: usize,
    /// Threads registered and not yet unregistered. The old GIL reads the
    /// clock at a release only if another thread could take the GIL in the
    /// gap before the re-take (see `old_gil.rs`).
    registered: usize,
    /// Handoffs between two different threads (`switch_number` minus the
    /// very first take).
    switches: u64,
    /// Times a waiter set the drop request.
    drop_requests: u64,
    /// Times a dropper waited on `switch_cond`.
    forced_switches: u64,
}

/// What threads leave behind when they unregister.
#[derive(Debug, Default)]
struct Results {
    /// Per-thread counters, keyed by `ThreadState::id` (registration order).
    threads: Vec<(u64, ThreadStats)>,
    /// Per-thread timeline lanes (recording on only), same keys.
    lanes: Vec<(u64, Lane)>,
}

/// The global interpreter lock shared (in an `Arc`) by all interpreter
/// threads. See the module notes for the protocol.
///
/// The life of an interpreter thread, as the VM drives it:
///
/// ```
/// use std::sync::Arc;
/// use std::thread;
/// use threading::gil::{Gil, GilConfig};
///
/// let gil = Arc::new(Gil::new(GilConfig::preset("3.12").unwrap()));
/// let run = |gil: Arc<Gil>, name: &str| {
///     let mut ts = gil.register(name); // threading.Thread(...).start()
///     gil.take(&mut ts); // before the first bytecode
///     for _ in 0..10_000 {
///         gil.check(&mut ts); // at each check point of the eval loop
///     }
///     gil.blocking(&mut ts, thread::yield_now); // e.g. time.sleep(0)
///     gil.drop_gil(&mut ts); // the thread's function returned
///     gil.unregister(ts);
/// };
/// let worker = {
///     let gil = gil.clone();
///     thread::spawn(move || run(gil, "Thread-1"))
/// };
/// run(gil.clone(), "MainThread");
/// worker.join().unwrap();
/// assert_eq!(gil.max_holders_seen(), 1);
/// assert_eq!(gil.stats().threads.len(), 2);
/// eprintln!("{}", gil.stats()); // what `minipy --stats` prints
/// ```
pub struct Gil {
    /// Fixed at start; `config.switch_interval` is the initial value only.
    config: GilConfig,
    /// The current switch interval in nanoseconds (`sys.setswitchinterval`);
    /// read by waiters at each timed wait, Relaxed (a plain setting).
    switch_interval_nanos: AtomicU64,
    /// `locked`, `last_holder`, `switch_number` and the shared counters.
    state: Mutex<GilState>,
    /// Signalled (one waiter) when the GIL is released (CPython `gil->cond`).
    cond: Condvar,
    /// Signalled when a thread other than the last holder took the GIL
    /// (CPython `gil->switch_cond`); FORCE_SWITCHING droppers wait on it.
    switch_cond: Condvar,
    /// The eval breaker (`breaker.rs`): the drop request (set by a starved
    /// waiter, written only under `state`'s mutex), the stop of a finishing
    /// interpreter, the old GIL's ticking; read by the holder in `check`.
    breaker: EvalBreaker,
    /// Threads currently between take and drop ("inside").
    holders: AtomicUsize,
    /// The largest value `holders` ever reached.
    max_holders: AtomicUsize,
    /// Source of `ThreadState::id`s (starts above [`NO_HOLDER`]).
    next_thread_id: AtomicU64,
    /// Interpreter start: the origin of every timeline span.
    epoch: Instant,
    /// Merged per-thread results; locked once per `unregister` and by readers.
    results: Mutex<Results>,
}

impl Gil {
    /// A free GIL configured by `config`.
    pub fn new(config: GilConfig) -> Gil {
        let interval = config.switch_interval.max(MIN_SWITCH_INTERVAL);
        Gil {
            breaker: EvalBreaker::new(config.mode == GilMode::Old),
            switch_interval_nanos: AtomicU64::new(duration_nanos(interval)),
            config,
            state: Mutex::new(GilState {
                locked: false,
                last_holder: NO_HOLDER,
                switch_number: 0,
                waiters: 0,
                registered: 0,
                switches: 0,
                drop_requests: 0,
                forced_switches: 0,
            }),
            cond: Condvar::new(),
            switch_cond: Condvar::new(),
            holders: AtomicUsize::new(0),
            max_holders: AtomicUsize::new(0),
            next_thread_id: AtomicU64::new(NO_HOLDER + 1),
            epoch: Instant::now(),
            results: Mutex::new(Results::default()),
        }
    }

    /// The configuration the GIL was created with (mode and policy never
    /// change; see [`Gil::switch_interval`] for the live interval).
    pub fn config(&self) -> &GilConfig {
        &self.config
    }

    /// A new thread's state; call before the thread first takes the GIL.
    pub fn register(&self, name: &str) -> ThreadState {
        lock(&self.state).registered += 1;
        ThreadState {
            id: self.next_thread_id.fetch_add(1, Relaxed),
            name: name.to_owned(),
            holds_gil: false,
            ticks: self.config.old_check_interval.max(1),
            takes: 0,
            forced_switches: 0,
            waits: WaitHistogram::new(),
            lane: LaneRecorder::new(self.config.record_timeline, self.epoch),
        }
    }

    /// Blocks until `ts`'s thread holds the GIL (`take_gil`). In mode
    /// `None` it only marks the thread as running.
    ///
    /// # Panics
    /// If `ts` already holds the GIL (it would deadlock on itself).
    pub fn take(&self, ts: &mut ThreadState) {
        assert!(
            !ts.holds_gil,
            "GIL invariant broken: thread {:?} took the GIL twice",
            ts.name
        );
        let waiting_since = self.acquire(ts);
        self.after_take(ts, waiting_since);
    }

    /// Releases the GIL (`drop_gil` at thread exit: no forced switch).
    ///
    /// # Panics
    /// If `ts` does not hold the GIL.
    pub fn drop_gil(&self, ts: &mut ThreadState) {
        // Read the clock before releasing, so this thread's Running span
        // ends before the next holder's begins.
        let released_at = ts.lane.enabled().then(Instant::now);
        self.before_drop(ts);
        self.release(ts, false);
        if let Some(at) = released_at {
            ts.lane.leave(at);
        }
    }

    /// The eval breaker, called by the holder at every check point its
    /// [`CheckPolicy`] selects. Fast path: one Relaxed load of the
    /// breaker's word, whatever the mode (`breaker.rs`); plain path:
    /// `attend`.
    #[inline(always)]
    pub fn check(&self, ts: &mut ThreadState) {
        if !self.breaker.quiet() {
            self.attend(ts);
        }
    }

    /// [`check`](Self::check) at a place that is a check point only when
    /// `is_point()` says so (a generator's resumption, which is not one
    /// where the frame was parked in `yield from`). Fast path: the
    /// breaker is quiet, and `is_point` is never asked — the place costs
    /// what a plain check costs.
    #[inline(always)]
    pub fn check_if(&self, ts: &mut ThreadState, is_point: impl FnOnce() -> bool) {
        if !self.breaker.quiet() && is_point() {
            self.attend(ts);
        }
    }

    /// [`check`](Self::check) at a check point where a thread may also
    /// stop (`RESUME`, a backward jump): whether the interpreter is
    /// finishing, asked of the same word.
    #[inline(always)]
    pub fn check_or_stop(&self, ts: &mut ThreadState) -> CheckPoint {
        if self.breaker.quiet() {
            return CheckPoint::Continue;
        }
        self.attend(ts)
    }

    /// Something is asked of the holder: drop on a waiter's request (new
    /// GIL), count a tick and release every `old_check_interval` (old
    /// GIL), and report a finishing interpreter — read after the drop, so
    /// a stop requested while this thread waited is seen at once.
    #[inline(never)]
    fn attend(&self, ts: &mut ThreadState) -> CheckPoint {
        match self.config.mode {
            GilMode::New => {
                if self.breaker.drop_requested() {
                    self.drop_on_request(ts);
                }
            }
            GilMode::Old => {
                if ts.ticks <= 1 {
                    self.release_and_reacquire(ts);
                } else {
                    ts.ticks -= 1;
                }
            }
            GilMode::None => {}
        }
        if self.breaker.stop_requested() {
            CheckPoint::Stop
        } else {
            CheckPoint::Continue
        }
    }

    /// Tells every thread to stop at its next `RESUME` or backward jump:
    /// the interpreter is finishing (`vm/lifecycle.rs`).
    pub fn request_stop(&self) {
        self.breaker.request_stop();
    }

    /// Whether [`request_stop`](Self::request_stop) was called.
    #[inline(always)]
    pub fn stop_requested(&self) -> bool {
        self.breaker.stop_requested()
    }

    /// Runs the blocking call `f` with the GIL released, then takes it back
    /// (`Py_BEGIN_ALLOW_THREADS` … `Py_END_ALLOW_THREADS`). The timeline
    /// marks the time inside `f` as [`LaneState::Blocked`].
    pub fn blocking<R>(&self, ts: &mut ThreadState, f: impl FnOnce() -> R) -> R {
        ts.lane.enter_now(LaneState::Blocked);
        self.before_drop(ts);
        self.release(ts, true);
        let result = f();
        let waiting_since = self.acquire(ts);
        self.after_take(ts, waiting_since);
        result
    }

    /// `sys.setswitchinterval`: waiters use `interval` from their next
    /// timed wait on (clamped to at least 1 µs, as CPython does).
    pub fn set_switch_interval(&self, interval: Duration) {
        let interval = interval.max(MIN_SWITCH_INTERVAL);
        self.switch_interval_nanos
            .store(duration_nanos(interval), Relaxed);
    }

    /// `sys.getswitchinterval`.
    pub fn switch_interval(&self) -> Duration {
        Duration::from_nanos(self.switch_interval_nanos.load(Relaxed))
    }

    /// Merges a finished thread's counters and timeline into the results.
    /// A thread that still holds the GIL releases it first, so a VM that
    /// forgot `drop_gil` on an error path cannot hang the others.
    pub fn unregister(&self, mut ts: ThreadState) {
        if ts.holds_gil {
            self.drop_gil(&mut ts);
        }
        {
            let mut state = lock(&self.state);
            state.registered = state.registered.saturating_sub(1);
        }
        let lane = ts.lane.finish(&ts.name);
        let thread = ThreadStats {
            name: ts.name,
            wait_total: ts.waits.total(),
            wait_p99: ts.waits.p99(),
            takes: ts.takes,
            forced_switches: ts.forced_switches,
        };
        let mut results = lock(&self.results);
        results.threads.push((ts.id, thread));
        results.lanes.extend(lane.map(|lane| (ts.id, lane)));
    }

    /// The counters so far (complete once all threads have unregistered).
    pub fn stats(&self) -> GilStats {
        let (switches, drop_requests, forced_switches) = {
            let state = lock(&self.state);
            (state.switches, state.drop_requests, state.forced_switches)
        };
        GilStats {
            mode: self.config.mode,
            switch_interval: self.switch_interval(),
            switches,
            drop_requests,
            forced_switches,
            threads: in_registration_order(&lock(&self.results).threads),
        }
    }

    /// The lanes of all unregistered threads (empty unless
    /// `record_timeline` was on).
    pub fn timeline(&self) -> Timeline {
        Timeline {
            lanes: in_registration_order(&lock(&self.results).lanes),
        }
    }

    /// The most threads ever inside (between take and drop) at once:
    /// at most 1 with a GIL, up to the thread count without one.
    pub fn max_holders_seen(&self) -> usize {
        self.max_holders.load(Relaxed)
    }
}

impl std::fmt::Debug for Gil {
    /// The configuration and the live state (taking the GIL's mutex for a
    /// moment); not the per-thread results.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gil")
            .field("config", &self.config)
            .field("switch_interval", &self.switch_interval())
            .field("state", &*lock(&self.state))
            .field("breaker", &self.breaker)
            .field("max_holders_seen", &self.max_holders_seen())
            .finish_non_exhaustive()
    }
}

/// The values of `(ThreadState::id, value)` pairs, ordered by id, so that
/// `MainThread` comes first whatever order the threads ended in.
fn in_registration_order<T: Clone>(entries: &[(u64, T)]) -> Vec<T> {
    let mut sorted: Vec<&(u64, T)> = entries.iter().collect();
    sorted.sort_by_key(|(id, _)| *id);
    sorted.into_iter().map(|(_, value)| value.clone()).collect()
}

/// A duration in whole nanoseconds, saturating.
fn duration_nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

#[cfg(all(test, not(loom)))]
mod tests;
