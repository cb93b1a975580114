//! # The GIL's synchronisation primitives: std normally, loom under `cfg(loom)`
//!
//! The GIL is built from exactly these: a `Mutex`, two `Condvar`s and a few
//! atomics. Building with `RUSTFLAGS="--cfg loom"` swaps them for
//! [loom](https://docs.rs/loom)'s model-checked twins so `tests/loom_gil.rs`
//! can explore every interleaving of take / drop / drop request / forced
//! switch (see `ci/loom.sh`).
//!
//! The one gap: loom's `Condvar::wait_timeout` never times out (it is a plain
//! `wait`), and loom has no clock. The new GIL's waiter *needs* its timeout:
//! that is where the drop request comes from. So under loom,
//! [`wait_timeout`] releases the mutex, yields to the other model threads
//! and reports "timed out". Every timed wait may really time out, so this
//! explores a superset of the real schedules as far as drop requests go
//! (the GIL code re-checks `locked` and `switch_number` after every wake-up,
//! spurious or not, exactly as it must under std).

use std::sync::PoisonError;
use std::time::Duration;

#[cfg(loom)]
pub(crate) use loom::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize};
#[cfg(loom)]
pub(crate) use loom::sync::{Condvar, Mutex, MutexGuard};

#[cfg(not(loom))]
pub(crate) use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize};
#[cfg(not(loom))]
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
#[cfg(not(loom))]
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

/// Under loom: release the mutex, let the other model threads run, re-lock,
/// and report a timeout (see the module notes for why).
#[cfg(loom)]
pub(crate) fn wait_timeout<'a, T>(
    _condvar: &Condvar,
    mutex: &'a Mutex<T>,
    guard: MutexGuard<'a, T>,
    _timeout: Duration,
) -> (MutexGuard<'a, T>, bool) {
    drop(guard);
    loom::thread::yield_now();
    (lock(mutex), true)
}
