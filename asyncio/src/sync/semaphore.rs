//! `Semaphore`: at most `value` holders at once.
//!
//! ```text
//!   acquire: value > 0 and no waiter pending? ──yes──▶ value -= 1, permit
//!                 └─no──▶ wait in FIFO ──notified──▶ value > 0? take one
//!   permit dropped (release): value += 1, notify the first waiter
//! ```
//!
//! Python equivalent: `asyncio.Semaphore`; the permit is `async with sem:`.
//!
//! Needs: `waiters.rs`.

use super::waiters::WaitQueue;
use std::cell::Cell;

/// A counting semaphore for tasks.
pub struct Semaphore {
    /// Permits available now.
    value: Cell<usize>,
    /// Tasks waiting for a permit.
    waiters: WaitQueue,
}

/// One permit; dropping it releases.
pub struct SemaphorePermit<'a> {
    /// The semaphore it came from.
    semaphore: &'a Semaphore,
}

impl Semaphore {
    /// A semaphore with `value` permits.
    pub fn new(value: usize) -> Semaphore {
        Semaphore {
            value: Cell::new(value),
            waiters: WaitQueue::default(),
        }
    }

    /// Permits available now.
    pub fn value(&self) -> usize {
        self.value.get()
    }

    /// True when `acquire` would wait (Python: `sem.locked()`).
    pub fn locked(&self) -> bool {
        self.value.get() == 0 || self.waiters.has_waiters()
    }

    /// Waits for a permit (Python: `await sem.acquire()`).
    pub async fn acquire(&self) -> SemaphorePermit<'_> {
        if !self.locked() {
            self.value.set(self.value.get() - 1);
            return SemaphorePermit { semaphore: self };
        }
        loop {
            self.waiters.wait().await;
            if self.value.get() > 0 {
                self.value.set(self.value.get() - 1);
                return SemaphorePermit { semaphore: self };
            }
        }
    }

    /// Adds a permit and wakes the next waiter (Python: `sem.release()`);
    /// a dropped permit calls this.
    pub fn release(&self) {
        // Saturating: releasing past `usize::MAX` permits is nonsense, but
        // it must not abort the program.
        self.value.set(self.value.get().saturating_add(1));
        self.waiters.notify_one();
    }
}

impl Drop for SemaphorePermit<'_> {
    fn drop(&mut self) {
        self.semaphore.release();
    }
}
