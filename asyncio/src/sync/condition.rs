//! `Condition`: wait for a notification while atomically giving up a lock.
//!
//! ```text
//!   guard = cond.acquire().await
//!   guard = cond.wait(guard).await:   join the waiters ─▶ release the lock
//!                                     ─▶ park until notify ─▶ re-acquire
//!   cond.notify(n): wake the first n waiters (the caller holds the lock)
//! ```
//!
//! "Atomically" is free on one thread: between releasing the lock and
//! parking, no other task can run, so a notify cannot slip in between.
//!
//! Python equivalent: `asyncio.Condition` (`wait`, `wait_for`, `notify`,
//! `notify_all`). Simplification: Python raises `RuntimeError` when
//! `notify` is called without holding the lock; here that is the caller's
//! duty.
//!
//! Needs: `lock.rs`, `waiters.rs`.

use super::lock::{Lock, LockGuard};
use super::waiters::WaitQueue;

/// A condition variable for tasks, with its own lock.
#[derive(Default)]
pub struct Condition {
    /// The lock `wait` releases and re-acquires.
    lock: Lock,
    /// Tasks parked in `wait`.
    waiters: WaitQueue,
}

impl Condition {
    /// A condition with a fresh lock.
    pub fn new() -> Condition {
        Condition::default()
    }

    /// Acquires the condition's lock (Python: `async with cond:`).
    pub async fn acquire(&self) -> LockGuard<'_> {
        self.lock.acquire().await
    }

    /// Releases the lock, waits for a notify, re-acquires the lock.
    ///
    /// # Panics
    /// When `guard` belongs to another lock.
    pub async fn wait<'a>(&'a self, guard: LockGuard<'a>) -> LockGuard<'a> {
        assert!(
            std::ptr::eq(guard.lock(), &self.lock),
            "Condition::wait given a guard of another lock"
        );
        let notified = self.waiters.wait();
        drop(guard);
        notified.await;
        self.lock.acquire().await
    }

    /// Waits until `predicate()` is true, re-checking after each notify
    /// (Python: `await cond.wait_for(predicate)`).
    pub async fn wait_for<'a>(
        &'a self,
        mut guard: LockGuard<'a>,
        mut predicate: impl FnMut() -> bool,
    ) -> LockGuard<'a> {
        while !predicate() {
            guard = self.wait(guard).await;
        }
        guard
    }

    /// Wakes up to `n` waiters; returns how many.
    pub fn notify(&self, n: usize) -> usize {
        (0..n).take_while(|_| self.waiters.notify_one()).count()
    }

    /// Wakes every waiter.
    pub fn notify_all(&self) -> usize {
        self.waiters.notify_all()
    }
}
