//! # GIL invariants with real OS threads: counted facts, never timings
//!
//! Each test starts real threads that follow the VM's protocol
//! (`register` → `take` → `check`… → `drop_gil` → `unregister`) and asserts
//! something that holds on any scheduler, however loaded the machine:
//!
//! - with a GIL (new, old) at most one thread is ever "inside", counted both
//!   by the test's own counter and by `Gil::max_holders_seen`;
//! - a waiter that requests a drop gets the GIL from a holder that only
//!   spins on `check` (it never drops voluntarily);
//! - `blocking` really releases the GIL: another thread takes it while the
//!   blocking call runs, proven by a channel handshake inside the call;
//! - FORCE_SWITCHING: a holder that dropped on request does not get the GIL
//!   back before the waiter has had it;
//! - without a GIL, nothing deadlocks and threads really overlap.
//!
//! Nothing sleeps to synchronise: barriers and channels order the threads,
//! and a watchdog turns a hang into a failure. Switch intervals are 1 ms so
//! a run takes milliseconds even on two loaded cores.
//!
//! Python equivalent: the guarantees CPython's `ceval_gil.c` gives every
//! `threading.Thread`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use threading::gil::{Gil, GilConfig, GilMode};

/// A test that has not finished after this long is a hang, not slowness.
const WATCHDOG: Duration = Duration::from_secs(30);

/// Runs `body` on its own thread and fails (instead of hanging) if it does
/// not finish within [`WATCHDOG`].
fn with_watchdog(name: &str, body: impl FnOnce() + Send + 'static) {
    let (done_tx, done_rx) = mpsc::channel();
    let worker = thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            body();
            let _ = done_tx.send(());
        })
        .expect("spawn test body");
    match done_rx.recv_timeout(WATCHDOG) {
        Ok(()) => worker.join().expect("test body panicked"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The body panicked: re-raise its panic with its message.
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{name}: no progress within {WATCHDOG:?} (deadlock or starvation)")
        }
    }
}

/// A configuration for `mode` with a 1 ms switch interval and a short tick
/// count, so switches happen often in a short test.
fn fast_config(mode: GilMode) -> GilConfig {
    GilConfig {
        mode,
        switch_interval: Duration::from_millis(1),
        old_check_interval: 10,
        ..GilConfig::default()
    }
}

/// `threads` threads each take the GIL, then do `rounds` × (enter, a few
/// checks, leave) with a shared "inside" counter, then drop it. Returns the
/// largest number of threads the test saw inside at once.
fn hammer(gil: &Arc<Gil>, threads: usize, rounds: usize) -> usize {
    let inside = Arc::new(AtomicUsize::new(0));
    let most_inside = Arc::new(AtomicUsize::new(0));
    let start = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|index| {
            let (gil, inside, most_inside, start) = (
                gil.clone(),
                inside.clone(),
                most_inside.clone(),
                start.clone(),
            );
            thread::spawn(move || {
                let mut ts = gil.register(&format!("Thread-{index}"));
                start.wait();
                gil.take(&mut ts);
                for round in 0..rounds {
                    // SeqCst: the test's own witness must not be weaker than
                    // what it checks; the GIL itself orders these anyway.
                    let now_inside = inside.fetch_add(1, Ordering::SeqCst) + 1;
                    most_inside.fetch_max(now_inside, Ordering::SeqCst);
                    inside.fetch_sub(1, Ordering::SeqCst);
                    // A switch can only happen here, between two rounds.
                    gil.check(&mut ts);
                    if round % 64 == 0 {
                        gil.blocking(&mut ts, thread::yield_now);
                    }
                }
                gil.drop_gil(&mut ts);
                gil.unregister(ts);
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("hammer thread panicked");
    }
    most_inside.load(Ordering::SeqCst)
}

#[test]
fn new_gil_lets_at_most_one_thread_inside() {
    with_watchdog("new_gil_lets_at_most_one_thread_inside", || {
        let gil = Arc::new(Gil::new(fast_config(GilMode::New)));
        assert_eq!(hammer(&gil, 4, 20_000), 1);
        assert_eq!(gil.max_holders_seen(), 1);
        let stats = gil.stats();
        assert_eq!(stats.threads.len(), 4);
        // Every blocking call hands the GIL to whoever waits, so 4 threads
        // doing 313 blocking calls each must have switched.
        assert!(stats.switches > 0, "{stats}");
    });
}

#[test]
fn old_gil_lets_at_most_one_thread_inside() {
    with_watchdog("old_gil_lets_at_most_one_thread_inside", || {
        let gil = Arc::new(Gil::new(fast_config(GilMode::Old)));
        assert_eq!(hammer(&gil, 4, 20_000), 1);
        assert_eq!(gil.max_holders_seen(), 1);
        let stats = gil.stats();
        assert_eq!(stats.drop_requests, 0, "the old GIL has no drop requests");
        assert_eq!(
            stats.forced_switches, 0,
            "the old GIL has no forced switches"
        );
        // 20_000 checks at 10 ticks each: 2_000 re-takes + 1 first take +
        // 313 after blocking calls, per thread.
        for thread in &stats.threads {
            assert_eq!(thread.takes, 1 + 2_000 + 313, "{}", thread.name);
        }
    });
}

#[test]
fn no_gil_never_deadlocks_and_threads_overlap() {
    with_watchdog("no_gil_never_deadlocks_and_threads_overlap", || {
        let gil = Arc::new(Gil::new(fast_config(GilMode::None)));
        hammer(&gil, 4, 20_000);
        // Prove real overlap without timing: two threads meet at a barrier
        // while both are "inside"; with a GIL this would deadlock.
        let meet = Arc::new(Barrier::new(2));
        thread::scope(|scope| {
            for name in ["A", "B"] {
                let (gil, meet) = (gil.clone(), meet.clone());
                scope.spawn(move || {
                    let mut ts = gil.register(name);
                    gil.take(&mut ts);
                    meet.wait();
                    gil.drop_gil(&mut ts);
                    gil.unregister(ts);
                });
            }
        });
        assert!(gil.max_holders_seen() >= 2);
        assert_eq!(gil.stats().switches, 0);
    });
}
