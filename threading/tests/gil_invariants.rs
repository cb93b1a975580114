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

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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

/// The holder never drops voluntarily: it only spins on `check`, as a
/// CPU-bound Python loop does. The waiter can only get the GIL through the
/// drop request its timed wait sets.
fn waiter_gets_the_gil_from_a_spinning_holder(gil: Arc<Gil>) {
    let waiter_ran = Arc::new(AtomicBool::new(false));
    let (holding_tx, holding_rx) = mpsc::channel();
    thread::scope(|scope| {
        let (holder_gil, holder_flag) = (gil.clone(), waiter_ran.clone());
        let holder = scope.spawn(move || {
            let mut ts = holder_gil.register("holder");
            holder_gil.take(&mut ts);
            holding_tx.send(()).expect("waiter alive");
            // Relaxed is enough: the waiter set the flag while holding the
            // GIL, and our re-take after the switch synchronises with it.
            while !holder_flag.load(Ordering::Relaxed) {
                holder_gil.check(&mut ts);
            }
            let forced = ts.forced_switches();
            holder_gil.drop_gil(&mut ts);
            holder_gil.unregister(ts);
            forced
        });
        let (waiter_gil, waiter_flag) = (gil.clone(), waiter_ran.clone());
        scope.spawn(move || {
            let mut ts = waiter_gil.register("waiter");
            holding_rx.recv().expect("holder alive");
            waiter_gil.take(&mut ts); // returns only if the holder dropped
            waiter_flag.store(true, Ordering::Relaxed);
            waiter_gil.drop_gil(&mut ts);
            waiter_gil.unregister(ts);
        });
        let forced = holder.join().expect("holder panicked");
        assert!(forced >= 1, "the holder only drops on request");
    });
    let stats = gil.stats();
    assert!(stats.drop_requests >= 1, "{stats}");
    assert!(stats.forced_switches >= 1, "{stats}");
    // holder → waiter, then waiter → holder.
    assert!(stats.switches >= 2, "{stats}");
    assert_eq!(gil.max_holders_seen(), 1);
}

#[test]
fn waiter_that_requests_a_drop_gets_the_gil() {
    with_watchdog("waiter_that_requests_a_drop_gets_the_gil", || {
        waiter_gets_the_gil_from_a_spinning_holder(Arc::new(Gil::new(fast_config(GilMode::New))));
    });
}

#[test]
fn drop_request_works_at_the_default_preset_and_after_setswitchinterval() {
    with_watchdog("drop_request_after_setswitchinterval", || {
        let gil = Gil::new(GilConfig::preset("3.9").expect("preset"));
        gil.set_switch_interval(Duration::from_micros(500));
        waiter_gets_the_gil_from_a_spinning_holder(Arc::new(gil));
    });
}

#[test]
fn forced_switching_hands_the_gil_to_the_waiter_first() {
    with_watchdog("forced_switching_hands_the_gil_to_the_waiter_first", || {
        const WAITER_TURNS: usize = 20;
        let gil = Arc::new(Gil::new(fast_config(GilMode::New)));
        // Who took the GIL, in order. Pushed only while holding the GIL.
        let log = Arc::new(std::sync::Mutex::new(Vec::<&'static str>::new()));
        let waiter_done = Arc::new(AtomicBool::new(false));
        let start = Arc::new(Barrier::new(2));
        thread::scope(|scope| {
            let (gil_h, log_h, done_h, start_h) =
                (gil.clone(), log.clone(), waiter_done.clone(), start.clone());
            scope.spawn(move || {
                let mut ts = gil_h.register("holder");
                gil_h.take(&mut ts);
                start_h.wait();
                let mut forced_seen = 0;
                while !done_h.load(Ordering::Relaxed) {
                    let forced_before = ts.forced_switches();
                    let entries_before = log_h.lock().unwrap().len();
                    gil_h.check(&mut ts);
                    if ts.forced_switches() > forced_before {
                        forced_seen += 1;
                        // We dropped on request: the waiter must have taken
                        // the GIL (and logged it) before we got it back.
                        let log = log_h.lock().unwrap();
                        assert!(
                            log[entries_before..].contains(&"waiter"),
                            "holder re-took before the waiter: {:?}",
                            &log[entries_before..]
                        );
                    }
                }
                assert!(forced_seen >= 1, "the holder never dropped on request");
                gil_h.drop_gil(&mut ts);
                gil_h.unregister(ts);
            });
            let (gil_w, log_w, done_w) = (gil.clone(), log.clone(), waiter_done.clone());
            scope.spawn(move || {
                let mut ts = gil_w.register("waiter");
                start.wait();
                for _ in 0..WAITER_TURNS {
                    gil_w.take(&mut ts);
                    log_w.lock().unwrap().push("waiter");
                    gil_w.drop_gil(&mut ts);
                }
                // Set while not holding the GIL; the holder sees it on its
                // next check or, at the latest, after its next re-take.
                done_w.store(true, Ordering::Relaxed);
                gil_w.unregister(ts);
            });
        });
        assert_eq!(log.lock().unwrap().len(), WAITER_TURNS);
        assert_eq!(gil.max_holders_seen(), 1);
    });
}

/// Runs a `blocking` call that can only finish if another thread takes the
/// GIL while it runs.
fn blocking_releases_the_gil(mode: GilMode) {
    let gil = Arc::new(Gil::new(fast_config(mode)));
    let (inside_tx, inside_rx) = mpsc::channel::<()>();
    let (taken_tx, taken_rx) = mpsc::channel::<()>();
    thread::scope(|scope| {
        let blocker_gil = gil.clone();
        scope.spawn(move || {
            let mut ts = blocker_gil.register("blocker");
            blocker_gil.take(&mut ts);
            blocker_gil.blocking(&mut ts, || {
                inside_tx.send(()).expect("other alive");
                // Deadlocks (caught by the watchdog) unless the GIL is free.
                taken_rx.recv().expect("other took the GIL");
            });
            assert!(ts.holds_gil(), "blocking re-takes the GIL before returning");
            blocker_gil.drop_gil(&mut ts);
            blocker_gil.unregister(ts);
        });
        let other_gil = gil.clone();
        scope.spawn(move || {
            let mut ts = other_gil.register("other");
            inside_rx.recv().expect("blocker alive");
            other_gil.take(&mut ts);
            taken_tx.send(()).expect("blocker alive");
            other_gil.drop_gil(&mut ts);
            other_gil.unregister(ts);
        });
    });
    let stats = gil.stats();
    assert!(stats.switches >= 1, "{stats}");
    assert_eq!(gil.max_holders_seen(), 1);
}

#[test]
fn blocking_releases_the_gil_new() {
    with_watchdog("blocking_releases_the_gil_new", || {
        blocking_releases_the_gil(GilMode::New)
    });
}

#[test]
fn blocking_releases_the_gil_old() {
    with_watchdog("blocking_releases_the_gil_old", || {
        blocking_releases_the_gil(GilMode::Old)
    });
}
