//! The event loop: a ready queue, and one tick that follows asyncio's
//! `BaseEventLoop._run_once`.
//!
//! ```text
//!            ┌────────────────────────── one tick ──────────────────────────┐
//!            │                                                              │
//!  ready ────┼─▶ 1. clean timers: pop cancelled ones at the top, or rebuild │
//!  queue     │      the heap when more than half are cancelled              │
//!  [k3,k7]   │   2. timeout = 0            if the ready queue is not empty  │
//!            │              = until top    if a timer is scheduled          │
//!            │              = forever      otherwise                        │
//!            │   3. epoll_wait(timeout) ─▶ readiness bits, wake I/O waiters  │
//!            │      drain the eventfd inbox ─▶ wakes from other threads      │
//!            │   4. pop due timers ─▶ wake their tasks                       │
//!            │   5. ntodo = len(ready); poll exactly ntodo tasks;            │
//!            │      tasks woken meanwhile wait for the next tick             │
//!            └──────────────────────────────────────────────────────────────┘
//!  (a "wake" pushes the task's key on the ready queue, once — see waker.rs)
//! ```
//!
//! Step 5's `ntodo` is asyncio's rule too: a task that wakes itself
//! (`sleep(0)`) runs again only after I/O and timers had their turn, so
//! one busy task cannot starve the reactor.
//!
//! One difference from asyncio, for speed: when the ready queue is not
//! empty (timeout zero) *and no fd is registered*, step 3 skips the
//! `epoll_wait` syscall and only checks the cross-thread inbox flag (an
//! atomic load). With sockets open it polls every tick, as asyncio does.
//!
//! The loop lives on `run`'s stack. It knows no thread-local of its own:
//! while [`EventLoop::run`] runs, it is installed as this thread's
//! [`LocalScheduler`] hook (see `waker.rs`), which is how same-thread wakes
//! reach its ready queue; the ambient "current loop" that `spawn` and
//! `sleep` use lives one layer up, in `context.rs`. Everything here is
//! single-threaded: `RefCell`s are borrowed only for a few instructions,
//! and never while a task runs or a waker fires (so a task's `Drop` may
//! freely wake others).
//!
//! Python equivalent: `asyncio.base_events.BaseEventLoop`.
//!
//! Needs: `slab.rs`, `timers.rs`, `reactor.rs`, `waker.rs`, `task.rs`,
//! `debug.rs` (and, through them, `error.rs`).

use crate::debug::DebugState;
use crate::reactor::{PollTimeout, Reactor};
use crate::slab::{Key, Slab};
use crate::task::{new_task, CustomName, Runnable, Task};
use crate::timers::Timers;
use crate::waker::{self, task_waker, LocalScheduler, Remote, WakeTarget};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

/// The slot index that stands for `run`'s main future, which lives on
/// `run`'s stack rather than in the task slab (the slab never hands out
/// this index: see `Slab::vacant_entry`).
const MAIN_INDEX: u32 = u32::MAX;

/// The key that stands for `run`'s main future in the ready queue.
const MAIN_KEY: Key = Key {
    index: MAIN_INDEX,
    generation: 0,
};

/// Counts a test can assert on: what the loop still holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoopStats {
    /// Tasks spawned and not finished.
    pub tasks: usize,
    /// Keys in the ready queue.
    pub ready: usize,
    /// Timers scheduled and not cancelled.
    pub timers_active: usize,
    /// Timer heap entries, including cancelled ones awaiting clean-up.
    pub timers_in_heap: usize,
    /// Fds registered with the reactor.
    pub io_sources: usize,
    /// Ticks run so far (a loop that spins while idle shows up here).
    pub ticks: u64,
}

/// One slab slot: the task and whether its key is already in the ready
/// queue (so many wakes before one poll queue it once).
struct TaskSlot {
    /// The task, type-erased for polling.
    task: Rc<dyn Runnable>,
    /// True while the task's key sits in the ready queue.
    queued: bool,
}

/// The loop's state. Lives on `run`'s stack.
pub(crate) struct EventLoop {
    /// This loop's id in wakers (see waker.rs).
    pub(crate) id: u16,
    /// Spawned, unfinished tasks.
    tasks: RefCell<Slab<TaskSlot>>,
    /// Keys of tasks to poll, in wake order.
    ready: RefCell<VecDeque<Key>>,
    /// True while `MAIN_KEY` is in the ready queue.
    main_queued: Cell<bool>,
    /// Scheduled timers (`sleep.rs` schedules and cancels through this).
    pub(crate) timers: RefCell<Timers>,
    /// The epoll set (`net/` registers its sockets here).
    pub(crate) reactor: Reactor,
    /// The inbox other threads wake us through.
    remote: Arc<Remote>,
    /// Ticks run so far.
    ticks: Cell<u64>,
    /// Numbers default task names (`Task-1`, `Task-2`, ...).
    task_counter: Cell<u32>,
    /// Debug mode and the task timeline.
    pub(crate) debug: DebugState,
    /// Reused buffer of wakers to fire once borrows end.
    scratch_wakers: RefCell<Vec<Waker>>,
    /// Reused buffer of targets drained from the remote inbox.
    scratch_targets: RefCell<Vec<WakeTarget>>,
}

impl LocalScheduler for EventLoop {
    #[inline]
    fn schedule_local(&self, target: WakeTarget) {
        if target.index == MAIN_INDEX {
            if !self.main_queued.replace(true) {
                self.ready.borrow_mut().push_back(MAIN_KEY);
            }
            return;
        }
        let mut tasks = self.tasks.borrow_mut();
        if let Some((key, slot)) = tasks.get_mut_gen16(target.index, target.generation16) {
            if !slot.queued {
                slot.queued = true;
                self.ready.borrow_mut().push_back(key);
            }
        }
    }
}

impl EventLoop {
    /// A new loop registered for cross-thread wakes.
    pub(crate) fn new(debug: DebugState) -> std::io::Result<EventLoop> {
        let (id, remote) = waker::register_loop()?;
        let reactor = match Reactor::new(&remote.eventfd) {
            Ok(r) => r,
            Err(e) => {
                waker::unregister_loop(id);
                return Err(e.into());
            }
        };
        Ok(EventLoop {
            id,
            tasks: RefCell::new(Slab::new()),
            ready: RefCell::new(VecDeque::new()),
            main_queued: Cell::new(false),
            timers: RefCell::new(Timers::default()),
            reactor,
            remote,
            ticks: Cell::new(0),
            task_counter: Cell::new(0),
            debug,
            scratch_wakers: RefCell::new(Vec::new()),
            scratch_targets: RefCell::new(Vec::new()),
        })
    }

    /// What the loop holds right now (see [`LoopStats`]).
    pub(crate) fn stats(&self) -> LoopStats {
        LoopStats {
            tasks: self.tasks.borrow().len(),
            ready: self.ready.borrow().len(),
            timers_active: self.timers.borrow().active(),
            timers_in_heap: self.timers.borrow().in_heap(),
            io_sources: self.reactor.source_count(),
            ticks: self.ticks.get(),
        }
    }

    /// Spawns `future` as a task, scheduled to run on the next tick.
    ///
    /// The task's key is reserved first, so its schedule callback — wake
    /// this slot of this loop — is complete before the task exists.
    pub(crate) fn spawn<F: Future + 'static>(
        &self,
        future: F,
        name: Option<Box<CustomName>>,
    ) -> Task<F::Output> {
        let number = self.task_counter.get().wrapping_add(1);
        self.task_counter.set(number);
        let mut tasks = self.tasks.borrow_mut();
        let entry = tasks.vacant_entry();
        let key = entry.key();
        let target = WakeTarget::new(self.id, key);
        let (runnable, handle) = new_task(future, move || waker::wake(target), number, name);
        entry.insert(TaskSlot {
            task: runnable,
            queued: true,
        });
        self.ready.borrow_mut().push_back(key);
        handle
    }

    /// Polls the task in `key` once; frees its slot when it finishes.
    fn run_task(&self, key: Key) {
        let task = {
            let mut tasks = self.tasks.borrow_mut();
            let Some(slot) = tasks.get_mut(key) else {
                return;
            };
            slot.queued = false;
            Rc::clone(&slot.task)
        };
        let waker = task_waker(WakeTarget::new(self.id, key));
        let finished = if self.debug.instrumented() {
            let header = task.header();
            self.debug.timed(
                u64::from(header.number),
                || header.name(),
                || task.poll_task(&waker),
            )
        } else {
            task.poll_task(&waker)
        };
        if finished {
            // The slot's `Rc` is dropped after the borrow ends.
            let slot = self.tasks.borrow_mut().remove(key);
            drop(slot);
        }
    }

    /// Schedules every task woken from another thread.
    fn drain_remote(&self) {
        let mut targets = std::mem::take(&mut *self.scratch_targets.borrow_mut());
        self.remote.drain_into(&mut targets);
        for target in targets.drain(..) {
            self.schedule_local(target);
        }
        *self.scratch_targets.borrow_mut() = targets;
    }

    /// Steps 1–4 of a tick: decide the timeout, poll, fire due timers.
    fn poll_events(&self) -> std::io::Result<()> {
        let has_timers = !self.timers.borrow().is_empty();
        // Fast path (the `sleep(0)` ping-pong): work is ready, no timer and
        // no fd to look at — only the cross-thread inbox could add anything.
        if !has_timers && self.reactor.source_count() == 0 && !self.ready.borrow().is_empty() {
            if self.remote.has_pending() {
                self.drain_remote();
            }
            return Ok(());
        }
        // The plain path: asyncio's `_run_once`.
        let timeout = {
            let mut timers = self.timers.borrow_mut();
            if has_timers {
                timers.clean();
            }
            if !self.ready.borrow().is_empty() {
                PollTimeout::Zero
            } else if let Some(deadline) = timers.next_deadline() {
                PollTimeout::Until(deadline)
            } else {
                PollTimeout::Forever
            }
        };
        let mut wakers = std::mem::take(&mut *self.scratch_wakers.borrow_mut());
        let skip_syscall = matches!(timeout, PollTimeout::Zero) && self.reactor.source_count() == 0;
        if !skip_syscall && self.reactor.poll(timeout, &mut wakers)? {
            self.remote.reset_eventfd();
        }
        if self.remote.has_pending() {
            self.drain_remote();
        }
        if has_timers {
            self.timers
                .borrow_mut()
                .fire_due(Instant::now(), &mut wakers);
        }
        for waker in wakers.drain(..) {
            waker.wake();
        }
        *self.scratch_wakers.borrow_mut() = wakers;
        Ok(())
    }

    /// Runs `main` to completion, then cancels every task left (asyncio.run's
    /// `_cancel_all_tasks`) and drops `main` — all while this loop takes
    /// its thread's wake-ups.
    pub(crate) fn run<F: Future>(&self, main: F) -> std::io::Result<F::Output> {
        waker::with_local_hook(self.id, self, || {
            let main = pin!(main);
            let output = self.run_until(main);
            self.cancel_all();
            output
            // `main` is dropped here, while the hook is still installed.
        })
    }

    /// Runs ticks until `main` completes.
    fn run_until<F: Future>(&self, mut main: std::pin::Pin<&mut F>) -> std::io::Result<F::Output> {
        let main_waker = task_waker(WakeTarget::new(self.id, MAIN_KEY));
        self.main_queued.set(true);
        self.ready.borrow_mut().push_back(MAIN_KEY);
        loop {
            self.ticks.set(self.ticks.get() + 1);
            self.poll_events()?;
            let ntodo = self.ready.borrow().len();
            for _ in 0..ntodo {
                let Some(key) = self.ready.borrow_mut().pop_front() else {
                    break;
                };
                if key.index != MAIN_INDEX {
                    self.run_task(key);
                    continue;
                }
                self.main_queued.set(false);
                let mut cx = Context::from_waker(&main_waker);
                let polled = if self.debug.instrumented() {
                    self.debug
                        .timed(0, || "main".to_owned(), || main.as_mut().poll(&mut cx))
                } else {
                    main.as_mut().poll(&mut cx)
                };
                if let Poll::Ready(output) = polled {
                    return Ok(output);
                }
            }
        }
    }

    /// asyncio.run's `_cancel_all_tasks`: cancel and drop every task still
    /// alive (tasks spawned by those drops included).
    fn cancel_all(&self) {
        loop {
            let remaining = self.tasks.borrow_mut().drain();
            if remaining.is_empty() {
                break;
            }
            for slot in remaining {
                slot.task.cancel_now();
            }
        }
        self.ready.borrow_mut().clear();
    }
}

impl Drop for EventLoop {
    fn drop(&mut self) {
        waker::unregister_loop(self.id);
    }
}
