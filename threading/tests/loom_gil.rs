//! # A loom model of the GIL state machine
//!
//! Run by `ci/loom.sh`:
//! `RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS=3 CARGO_TARGET_DIR=target/loom cargo test -p threading --release --test loom_gil`
//!
//! Built with `--cfg loom`, the `gil` module takes its `Mutex`, `Condvar`
//! and atomics from loom (see `src/gil/sync.rs`), and loom runs each model
//! below under every thread interleaving it can reach within the
//! preemption bound. What each model proves, for every one of those
//! interleavings:
//!
//! - **mutual exclusion**: the data the threads touch "inside" is a
//!   `loom::cell::UnsafeCell`, which loom fails on any access not ordered by
//!   happens-before; and `Gil::max_holders_seen` stays 1;
//! - **no deadlock, no lost wake-up**: loom fails a model in which every
//!   thread is blocked (for example a dropper waiting on `switch_cond` that
//!   nobody will signal);
//! - **forced switching**: a holder that dropped on request finds the
//!   waiter's entry in the log when it gets the GIL back.
//!
//! How timeouts are modelled: loom has no clock, so under loom every timed
//! wait of a waiter returns "timed out" after letting the other threads run
//! (see `src/gil/sync.rs`). Drop requests therefore happen at every point
//! where a real timeout could fire.

#![cfg(loom)]

// The GIL's own source files, compiled into this test crate so that their
// `sync` shim can use loom, a dev-dependency (see `src/gil/sync.rs`). The
// allow: this crate uses only part of their API.
#[allow(dead_code, unused_imports)]
#[path = "../src/gil/mod.rs"]
mod gil;
#[allow(dead_code, unused_imports)]
#[path = "../src/timeline/mod.rs"]
mod timeline;

use loom::cell::UnsafeCell;
use loom::sync::Arc;
use loom::thread;

use gil::{Gil, GilConfig, GilMode, ThreadState};

/// The GIL plus the data it protects: a log of who did what inside.
struct Interpreter {
    /// The GIL under test.
    gil: Gil,
    /// Written only while holding the GIL; loom checks that claim.
    log: UnsafeCell<Vec<&'static str>>,
}

impl Interpreter {
    fn new(mode: GilMode) -> Arc<Interpreter> {
        Arc::new(Interpreter {
            gil: Gil::new(GilConfig {
                mode,
                old_check_interval: 1,
                ..GilConfig::default()
            }),
            log: UnsafeCell::new(Vec::new()),
        })
    }

    /// Appends `entry` to the log. Caller must hold the GIL.
    fn record(&self, ts: &ThreadState, entry: &'static str) {
        assert!(ts.holds_gil());
        // SAFETY: the caller holds the GIL, which is exactly the claim under
        // test: loom fails the model if two threads get here unordered.
        self.log.with_mut(|log| unsafe { (*log).push(entry) });
    }

    /// The log's length. Caller must hold the GIL.
    fn log_len(&self, ts: &ThreadState) -> usize {
        assert!(ts.holds_gil());
        // SAFETY: as in `record`, the GIL orders this read after every write.
        self.log.with(|log| unsafe { (*log).len() })
    }

    /// The log's entries from `from` on. Caller must hold the GIL.
    fn log_since(&self, ts: &ThreadState, from: usize) -> Vec<&'static str> {
        assert!(ts.holds_gil());
        // SAFETY: as in `record`.
        self.log.with(|log| unsafe { (&(*log))[from..].to_vec() })
    }

    /// The log after all threads have joined.
    fn final_log(&self) -> Vec<&'static str> {
        // SAFETY: every thread has been joined; nothing else touches it.
        self.log.with(|log| unsafe { (*log).clone() })
    }
}

/// A thread that takes the GIL, logs `name`, and drops it.
fn short_thread(interp: &Arc<Interpreter>, name: &'static str) -> thread::JoinHandle<()> {
    let interp = interp.clone();
    thread::spawn(move || {
        let mut ts = interp.gil.register(name);
        interp.gil.take(&mut ts);
        interp.record(&ts, name);
        interp.gil.drop_gil(&mut ts);
        interp.gil.unregister(ts);
    })
}

/// A CPU-bound holder: takes the GIL and hits `checks` check points, logging
/// before each. After a check that dropped on request, the log must show
/// that another thread had the GIL in between (FORCE_SWITCHING).
fn spinning_holder(interp: &Interpreter, checks: usize) {
    let mut ts = interp.gil.register("holder");
    interp.gil.take(&mut ts);
    for _ in 0..checks {
        interp.record(&ts, "holder");
        // The bytecode between two check points: on a real machine the
        // waiter runs meanwhile on another core. Loom needs the hint to
        // explore that without spending its preemption budget.
        thread::yield_now();
        let forced_before = ts.forced_switches();
        let len_before = interp.log_len(&ts);
        interp.gil.check(&mut ts);
        if ts.forced_switches() > forced_before {
            let since = interp.log_since(&ts, len_before);
            assert!(
                since.iter().any(|entry| *entry != "holder"),
                "forced switch but nobody else ran: {since:?}"
            );
        }
    }
    interp.gil.drop_gil(&mut ts);
    interp.gil.unregister(ts);
}

#[test]
fn new_gil_two_threads_take_and_drop() {
    loom::model(|| {
        let interp = Interpreter::new(GilMode::New);
        let other = short_thread(&interp, "a");
        short_thread(&interp, "b").join().unwrap();
        other.join().unwrap();
        assert_eq!(interp.final_log().len(), 2);
        assert_eq!(interp.gil.max_holders_seen(), 1);
    });
}

#[test]
fn old_gil_two_threads_take_and_drop() {
    loom::model(|| {
        let interp = Interpreter::new(GilMode::Old);
        let other = short_thread(&interp, "a");
        short_thread(&interp, "b").join().unwrap();
        other.join().unwrap();
        assert_eq!(interp.final_log().len(), 2);
        assert_eq!(interp.gil.max_holders_seen(), 1);
    });
}

#[test]
fn new_gil_drop_request_and_forced_switch() {
    loom::model(|| {
        let interp = Interpreter::new(GilMode::New);
        let waiter = short_thread(&interp, "waiter");
        spinning_holder(&interp, 2);
        waiter.join().unwrap();
        let log = interp.final_log();
        assert_eq!(log.len(), 3, "{log:?}");
        assert_eq!(interp.gil.max_holders_seen(), 1);
        let stats = interp.gil.stats();
        // A forced switch needs a drop request before it.
        assert!(stats.forced_switches <= stats.drop_requests, "{stats:?}");
    });
}

#[test]
fn old_gil_check_releases_and_reacquires() {
    loom::model(|| {
        let interp = Interpreter::new(GilMode::Old);
        let waiter = short_thread(&interp, "waiter");
        spinning_holder(&interp, 2);
        waiter.join().unwrap();
        assert_eq!(interp.final_log().len(), 3);
        assert_eq!(interp.gil.max_holders_seen(), 1);
        let stats = interp.gil.stats();
        assert_eq!((stats.drop_requests, stats.forced_switches), (0, 0));
    });
}

#[test]
fn new_gil_blocking_call_lets_another_thread_in() {
    loom::model(|| {
        let interp = Interpreter::new(GilMode::New);
        let other = short_thread(&interp, "other");
        let mut ts = interp.gil.register("blocker");
        interp.gil.take(&mut ts);
        interp.record(&ts, "before");
        interp.gil.blocking(&mut ts, || ());
        interp.record(&ts, "after");
        interp.gil.drop_gil(&mut ts);
        interp.gil.unregister(ts);
        other.join().unwrap();
        assert_eq!(interp.final_log().len(), 3);
        assert_eq!(interp.gil.max_holders_seen(), 1);
    });
}

#[test]
fn new_gil_holder_and_two_waiters() {
    loom::model(|| {
        let interp = Interpreter::new(GilMode::New);
        let first = short_thread(&interp, "w1");
        let second = short_thread(&interp, "w2");
        spinning_holder(&interp, 1);
        first.join().unwrap();
        second.join().unwrap();
        assert_eq!(interp.final_log().len(), 3);
        assert_eq!(interp.gil.max_holders_seen(), 1);
    });
}

#[test]
fn new_gil_blocking_with_a_pending_drop_request() {
    // The holder goes into a blocking call while a waiter may already have
    // asked it to drop: the release inside `blocking` then does the forced
    // switch (as CPython's drop_gil does for Py_BEGIN_ALLOW_THREADS).
    loom::model(|| {
        let interp = Interpreter::new(GilMode::New);
        let waiter = short_thread(&interp, "waiter");
        let mut ts = interp.gil.register("holder");
        interp.gil.take(&mut ts);
        interp.record(&ts, "holder");
        thread::yield_now();
        interp.gil.blocking(&mut ts, || ());
        interp.record(&ts, "holder");
        interp.gil.drop_gil(&mut ts);
        interp.gil.unregister(ts);
        waiter.join().unwrap();
        assert_eq!(interp.final_log().len(), 3);
        assert_eq!(interp.gil.max_holders_seen(), 1);
    });
}

#[test]
fn old_gil_blocking_call_lets_another_thread_in() {
    loom::model(|| {
        let interp = Interpreter::new(GilMode::Old);
        let other = short_thread(&interp, "other");
        let mut ts = interp.gil.register("blocker");
        interp.gil.take(&mut ts);
        interp.record(&ts, "before");
        interp.gil.blocking(&mut ts, thread::yield_now);
        interp.record(&ts, "after");
        interp.gil.drop_gil(&mut ts);
        interp.gil.unregister(ts);
        other.join().unwrap();
        assert_eq!(interp.final_log().len(), 3);
        assert_eq!(interp.gil.max_holders_seen(), 1);
    });
}
