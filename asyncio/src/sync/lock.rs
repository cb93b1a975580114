//! `Lock`: mutual exclusion between tasks, FIFO-fair.
//!
//! ```text
//!   acquire: unlocked and no waiter pending? ──yes──▶ locked, guard
//!                 │ no
//!                 ▼
//!            wait in FIFO ──notified──▶ unlocked? ──yes──▶ locked, guard
//!                                          │ no (cannot happen: no barging)
//!                                          └──▶ wait again
//!   guard dropped (release): unlocked, notify the first waiter
//! ```
//!
//! A newcomer does not barge past a notified waiter that has not run yet
//! (`has_waiters` counts it), and a notified waiter that is cancelled
//! passes the wake-up on (see `waiters.rs`).
//!
//! Python equivalent: `asyncio.Lock`; the guard is `async with lock:`.
//! Road not taken: handing ownership straight to the woken waiter (as
//! tokio's `Mutex` does) — asyncio instead lets the waiter take the lock
//! when it runs, which this file follows.
//!
//! Needs: `waiters.rs`.

use super::waiters::WaitQueue;
use std::cell::Cell;

/// A task lock (not a thread lock: share it with `Rc`).
#[derive(Default)]
pub struct Lock {
    /// True while some guard exists.
    locked: Cell<bool>,
    /// Tasks waiting to acquire.
    waiters: WaitQueue,
}

/// Holds the lock; dropping it releases.
pub struct LockGuard<'a> {
    /// The lock held.
    lock: &'a Lock,
}

impl Lock {
    /// An unlocked lock.
    pub fn new() -> Lock {
        Lock::default()
    }

    /// True while held (Python: `lock.locked()`).
    pub fn locked(&self) -> bool {
        self.locked.get()
    }

    /// Waits for the lock (Python: `await lock.acquire()`).
    pub async fn acquire(&self) -> LockGuard<'_> {
        if !self.locked.get() && !self.waiters.has_waiters() {
            self.locked.set(true);
            return LockGuard { lock: self };
        }
        loop {
            self.waiters.wait().await;
            if !self.locked.get() {
                self.locked.set(true);
                return LockGuard { lock: self };
            }
        }
    }

    /// Releases and wakes the next waiter.
    fn release(&self) {
        self.locked.set(false);
        self.waiters.notify_one();
    }
}

impl Drop for LockGuard<'_> {
    fn drop(&mut self) {
        self.lock.release();
    }
}

impl<'a> LockGuard<'a> {
    /// The lock this guard holds.
    pub(crate) fn lock(&self) -> &'a Lock {
        self.lock
    }
}
