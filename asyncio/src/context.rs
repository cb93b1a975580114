//! The ambient "current loop": which loop `spawn`, `sleep` and new sockets
//! use when nobody passes one in.
//!
//! ```text
//!   run(main) ─▶ enter(&loop, || loop.run(main))
//!                  │  CURRENT = &loop  (this thread only, restored on exit)
//!                  ▼
//!   spawn(f) ─▶ with_loop(|l| l.spawn(f))     sleep(d) ─▶ with_loop(|l| l.timers …)
//!   TcpStream::connect ─▶ with_loop(|l| l.reactor.register(fd))
//! ```
//!
//! This is the one file that reaches for the loop through a thread-local,
//! and it sits *above* the loop: `slab`, `timers`, `reactor`, `waker`,
//! `task` and `event_loop` below it never ask "which loop am I on?" — they
//! are handed what they need (a schedule callback, a wake hook, a
//! reactor). What builds on this file — `sleep.rs`, `net/`, `combinators.rs`,
//! `task_group.rs` — is the layer a user calls.
//!
//! [`enter`] is scoped (it takes the body as a closure) rather than
//! returning a guard: a guard could be leaked with `mem::forget`, leaving
//! `CURRENT` pointing at a loop that is gone; a closure cannot escape.
//!
//! Python equivalent: `asyncio.events._get_running_loop()` /
//! `_set_running_loop()`, the per-thread running loop behind
//! `asyncio.get_running_loop()`, `create_task` and `sleep`.
//!
//! Needs: `event_loop.rs` (and what it needs), `task.rs`.

use crate::event_loop::{EventLoop, LoopStats};
use crate::task::{CustomName, Task};
use std::cell::Cell;
use std::future::Future;

thread_local! {
    /// The loop running on this thread, or null. Set and restored only by
    /// [`enter`].
    static CURRENT: Cell<*const EventLoop> = const { Cell::new(std::ptr::null()) };
}

/// Runs `body` with `event_loop` as this thread's current loop.
pub(crate) fn enter<R>(event_loop: &EventLoop, body: impl FnOnce() -> R) -> R {
    /// Puts the previous pointer back, on return and on unwind.
    struct Restore {
        /// The loop that was current before (null but for misuse: `run`
        /// refuses to nest).
        previous: *const EventLoop,
    }
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.previous));
        }
    }
    let _restore = Restore {
        previous: CURRENT.with(|c| c.replace(event_loop)),
    };
    body()
}

/// Runs `f` with the loop running on this thread, or returns `None`.
#[inline]
pub(crate) fn with_loop<R>(f: impl FnOnce(&EventLoop) -> R) -> Option<R> {
    let current = CURRENT.with(Cell::get);
    if current.is_null() {
        return None;
    }
    // CURRENT is non-null only inside `enter`, whose borrow of the loop
    // outlives the call that set it (and `Restore` resets it on unwind).
    // SAFETY: so `current` points at a live loop, only ever shared.
    Some(f(unsafe { &*current }))
}

/// True when this thread is inside `run`.
pub(crate) fn is_running() -> bool {
    with_loop(|_| ()).is_some()
}

/// Spawns `future` as a task on the running loop and returns its handle.
/// It starts on the next tick (Python: `asyncio.create_task(coro)`).
///
/// The future need not be `Send`: the loop is single-threaded.
///
/// # Panics
/// When called outside [`run`](crate::run) (Python raises `RuntimeError:
/// no running event loop`).
pub fn spawn<F: Future + 'static>(future: F) -> Task<F::Output> {
    spawn_inner(future, None)
}

/// Python's name for [`spawn`].
///
/// # Panics
/// As [`spawn`].
pub fn create_task<F: Future + 'static>(future: F) -> Task<F::Output> {
    spawn_inner(future, None)
}

/// [`spawn`] with a name (Python: `create_task(coro, name=...)`), shown by
/// debug mode and the task timeline.
///
/// # Panics
/// As [`spawn`].
pub fn spawn_named<F: Future + 'static>(name: &str, future: F) -> Task<F::Output> {
    spawn_inner(future, Some(CustomName::boxed(name)))
}

/// The body of the three spawn functions.
fn spawn_inner<F: Future + 'static>(future: F, name: Option<Box<CustomName>>) -> Task<F::Output> {
    with_loop(|l| l.spawn(future, name))
        .expect("spawn() called outside asyncio::run: there is no running event loop")
}

/// The running loop's counts (Python: `len(asyncio.all_tasks())` and the
/// loop's private `_scheduled`).
///
/// # Panics
/// Outside [`run`](crate::run).
pub fn loop_stats() -> LoopStats {
    with_loop(EventLoop::stats).expect("loop_stats() called outside asyncio::run")
}
