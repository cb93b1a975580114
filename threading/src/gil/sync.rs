//! # The GIL's synchronisation primitives: std normally, loom under `cfg(loom)`
//!
//! The GIL is built from exactly these: a `Mutex`, two `Condvar`s and a few
//! atomics. Under `RUSTFLAGS="--cfg loom"` they become
//! [loom](https://docs.rs/loom)'s model-checked twins so `tests/loom_gil.rs`
//! can explore every interleaving of take / drop / drop request / forced
//! switch (see `ci/loom.sh`).
//!
//! Why `cfg(all(loom, test))` and not just `cfg(loom)`: loom is only a
//! *dev*-dependency (this crate has no dependencies at all outside tests),
//! and a library cannot see its dev-dependencies. So `tests/loom_gil.rs`
//! compiles the `gil` and `timeline` source files into the test crate
//! itself (`#[path = "../src/gil/mod.rs"] mod gil;`), where loom is
//! available and `cfg(test)` is set; the library proper keeps std's
//! primitives even when built with `--cfg loom`. The road not taken,
//! `[target.'cfg(loom)'.dependencies]`, would work too but would list loom
//! among the library's dependencies.
//!
//! The one gap: loom's `Condvar::wait_timeout` never times out (it is a plain
//! `wait`), and loom has no clock. The new GIL's waiter *needs* its timeout:
//! that is where the drop request comes from. So under loom,
//! [`wait_timeout`] releases the mutex, re-locks it and reports "timed out"
//! (loom may run other threads in between), a bounded number of times per
//! thread; then it waits for a notification like a plain `wait`. A real
//! timeout may fire at any moment, so this explores the drop-request paths
//! (the GIL code re-checks `locked` and `switch_number` after every wake-up,
//! spurious or not, exactly as it must under std).

use std::sync::PoisonError;
use std::time::Duration;

#[cfg(all(loom, test))]
pub(crate) use loom::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize};
#[cfg(all(loom, test))]
pub(crate) use loom::sync::{Condvar, Mutex, MutexGuard};

#[cfg(not(all(loom, test)))]
pub(crate) use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize};
#[cfg(not(all(loom, test)))]
pub(crate) use std::sync::{Condvar, Mutex, MutexGuard};

/// Locks `mutex`, ignoring poisoning: the GIL's state stays consistent even if
/// an interpreter thread panicked (no GIL code panics while holding it), and
/// one crashed thread must not take the whole interpreter down with it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Waits on `condvar` until notified (or a spurious wake-up).
pub(crate) fn wait<'a, T>(condvar: &Condvar, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
    condvar.wait(guard).unwrap_or_else(PoisonError::into_inner)
}

/// Waits on `condvar` for at most `timeout`; returns the re-locked guard and
/// whether the wait timed out (rather than being notified).
#[cfg(not(all(loom, test)))]
pub(crate) fn wait_timeout<'a, T>(
    condvar: &Condvar,
    _mutex: &'a Mutex<T>,
    guard: MutexGuard<'a, T>,
    timeout: Duration,
) -> (MutexGuard<'a, T>, bool) {
    let (guard, result) = condvar
        .wait_timeout(guard, timeout)
        .unwrap_or_else(PoisonError::into_inner);
    (guard, result.timed_out())
}

/// Under loom, how many of a thread's timed waits may "time out"; later
/// ones wait for a notification only. See [`wait_timeout`] for why.
#[cfg(all(loom, test))]
const LOOM_TIMEOUTS_PER_THREAD: u32 = 2;

#[cfg(all(loom, test))]
loom::thread_local! {
    /// Simulated timeouts this model thread has left.
    static LOOM_TIMEOUTS_LEFT: std::cell::Cell<u32> = std::cell::Cell::new(LOOM_TIMEOUTS_PER_THREAD);
}

/// Under loom: release the mutex, re-lock it and report a timeout (see the
/// module notes for why) — at most
/// [`LOOM_TIMEOUTS_PER_THREAD`] times per thread. After that the wait is a
/// plain `wait`. Why the budget: a waiter that always times out spins, and
/// loom rightly rejects unbounded spinning (it would explore a schedule in
/// which the holder is never run again, which no real OS produces). Every
/// release notifies a waiter, so plain waits cannot hang the model.
#[cfg(all(loom, test))]
pub(crate) fn wait_timeout<'a, T>(
    condvar: &Condvar,
    mutex: &'a Mutex<T>,
    guard: MutexGuard<'a, T>,
    _timeout: Duration,
) -> (MutexGuard<'a, T>, bool) {
    let may_time_out = LOOM_TIMEOUTS_LEFT.with(|left| {
        let may = left.get() > 0;
        left.set(left.get().saturating_sub(1));
        may
    });
    if !may_time_out {
        return (wait(condvar, guard), false);
    }
    // Releasing and re-locking are both points where loom may switch
    // threads, so the "timeout" can land anywhere in the holder's run.
    // Not `loom::thread::yield_now()`: loom does not schedule a yielded
    // thread again while another can run, so the waiter would only "time
    // out" after the holder had finished, and never request a drop.
    drop(guard);
    (lock(mutex), true)
}
