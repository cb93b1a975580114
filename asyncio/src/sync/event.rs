//! `Event`: a flag tasks can wait for.
//!
//! ```text
//!   wait(): set? ──yes──▶ return
//!              └─no──▶ park ──set() notifies all──▶ return
//! ```
//!
//! Python equivalent: `asyncio.Event` (`set`, `clear`, `is_set`, `wait`).
//!
//! Needs: `waiters.rs`.

use super::waiters::WaitQueue;
use std::cell::Cell;

/// A settable flag with waiters.
#[derive(Default)]
pub struct Event {
    /// The flag.
    flag: Cell<bool>,
    /// Tasks waiting for the flag.
    waiters: WaitQueue,
}

impl Event {
    /// A clear event.
    pub fn new() -> Event {
        Event::default()
    }

    /// True when set.
    pub fn is_set(&self) -> bool {
        self.flag.get()
    }

    /// Sets the flag and wakes every waiter.
    pub fn set(&self) {
        if !self.flag.replace(true) {
            self.waiters.notify_all();
        }
    }

    /// Clears the flag.
    pub fn clear(&self) {
        self.flag.set(false);
    }

    /// Waits until the flag is set. A waiter woken by `set` returns even
    /// if `clear` ran before it was polled, as in asyncio.
    pub async fn wait(&self) {
        if self.flag.get() {
            return;
        }
        self.waiters.wait().await;
    }
}
