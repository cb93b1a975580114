//! Synchronisation between tasks of one loop: asyncio's locks and queue.
//!
//! | Rust | Python | file |
//! |---|---|---|
//! | [`Lock`] | `asyncio.Lock` | `lock.rs` |
//! | [`Event`] | `asyncio.Event` | `event.rs` |
//! | [`Semaphore`] | `asyncio.Semaphore` | `semaphore.rs` |
//! | [`Condition`] | `asyncio.Condition` | `condition.rs` |
//! | [`Queue`] | `asyncio.Queue` | `queue.rs` |
//! | (shared) | the `_waiters` deque of futures | `waiters.rs` |
//!
//! These are *not* thread-safe, exactly like asyncio's: every task of a
//! loop runs on one thread, so a `Cell` is enough and no atomic is needed.
//! They are `!Send`; share them between tasks with `Rc`.
//!
//! All of them are built on one FIFO of waiters (`waiters.rs`) with
//! asyncio's rule for cancellation: a waiter that was woken but is
//! cancelled before it runs passes its wake-up on to the next waiter, so a
//! cancellation can never strand the others (the lost-wakeup bug tokio's
//! `Notify` once had).
//!
//! Needs: its six files; nothing of the loop — any executor that polls on
//! one thread will do.

mod condition;
mod event;
mod lock;
mod queue;
mod semaphore;
pub(crate) mod waiters;

pub use condition::Condition;
pub use event::Event;
pub use lock::{Lock, LockGuard};
pub use queue::Queue;
pub use semaphore::{Semaphore, SemaphorePermit};
