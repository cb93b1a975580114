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
//! The loop lives on `run`'s stack; a thread-local pointer to it lets
//! `spawn`, `sleep` and wakers find it. Everything here is single-threaded:
//! `RefCell`s are borrowed only for a few instructions, and never while a
//! task runs or a waker fires (so a task's `Drop` may freely wake others).
//!
//! Python equivalent: `asyncio.base_events.BaseEventLoop`.

use crate::debug::DebugState;
use crate::reactor::{PollTimeout, Reactor};
use crate::slab::{Key, Slab};
use crate::task::{Runnable, TaskSlot};
use crate::timers::Timers;
use crate::waker::{self, task_waker, Remote, MAIN_INDEX};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

/// The key that stands for `run`'s main future in the ready queue.
const MAIN_KEY: Key = Key {
    index: MAIN_INDEX,
    generation: 0,
};

thread_local! {
    /// The loop running on this thread, or null. Set and cleared by
    /// [`CurrentGuard`].
    static CURRENT: Cell<*const LoopInner> = const { Cell::new(std::ptr::null()) };
}

/// Runs `f` with the loop running on this thread, or returns `None`.
#[inline]
pub(crate) fn with_loop<R>(f: impl FnOnce(&LoopInner) -> R) -> Option<R> {
    let current = CURRENT.with(Cell::get);
    if current.is_null() {
        return None;
    }
    // CURRENT is non-null only between `CurrentGuard::install` and the
    // guard's drop, and the guard is created after, and dropped before, the
    // `LoopInner` it points at (see `Runner::run`).
    // SAFETY: so `current` points at a live loop, only ever shared.
    Some(f(unsafe { &*current }))
}

/// The local half of a wake: if this thread runs the waker's loop,
/// schedule its task and return `true`.
#[inline]
pub(crate) fn wake_local(word: usize) -> bool {
    let (loop_id, index, generation16) = waker::unpack(word);
    with_loop(|l| {
        if l.id != loop_id {
            return false;
        }
        l.schedule_packed(index, generation16);
        true
    })
    .unwrap_or(false)
}

/// Installs a loop as this thread's current loop for the guard's lifetime.
pub(crate) struct CurrentGuard {
    /// The pointer that was current before (null unless nested misuse).
    previous: *const LoopInner,
}

impl CurrentGuard {
    /// Makes `inner` the current loop.
    pub(crate) fn install(inner: &LoopInner) -> CurrentGuard {
        let previous = CURRENT.with(|c| c.replace(inner));
        CurrentGuard { previous }
    }
}

impl Drop for CurrentGuard {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.previous));
    }
}

/// True when this thread is inside `run`.
pub(crate) fn is_running() -> bool {
    with_loop(|_| ()).is_some()
}

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

/// The running loop's counts (Python: `len(asyncio.all_tasks())` and the
/// loop's private `_scheduled`).
///
/// # Panics
/// Outside [`run`](crate::run).
pub fn loop_stats() -> LoopStats {
    with_loop(|l| LoopStats {
        tasks: l.tasks.borrow().len(),
        ready: l.ready.borrow().len(),
        timers_active: l.timers.borrow().active(),
        timers_in_heap: l.timers.borrow().in_heap(),
        io_sources: l.reactor.source_count(),
        ticks: l.ticks.get(),
    })
    .expect("loop_stats() called outside asyncio::run")
}

/// The loop's state. Lives on `run`'s stack.
pub(crate) struct LoopInner {
    /// This loop's id in wakers (see waker.rs).
    pub(crate) id: u16,
    /// Spawned, unfinished tasks.
    tasks: RefCell<Slab<TaskSlot>>,
    /// Keys of tasks to poll, in wake order.
    ready: RefCell<VecDeque<Key>>,
    /// True while `MAIN_KEY` is in the ready queue.
    main_queued: Cell<bool>,
    /// Scheduled timers.
    pub(crate) timers: RefCell<Timers>,
    /// The epoll set.
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
    /// Reused buffer of packed wakers drained from the remote inbox.
    scratch_words: RefCell<Vec<usize>>,
}

impl LoopInner {
    /// A new loop registered for cross-thread wakes.
    pub(crate) fn new(debug: DebugState) -> std::io::Result<LoopInner> {
        let (id, remote) = waker::register_loop()?;
        let reactor = match Reactor::new(&remote.eventfd) {
            Ok(r) => r,
            Err(e) => {
                waker::unregister_loop(id);
                return Err(e.into());
            }
        };
        Ok(LoopInner {
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
            scratch_words: RefCell::new(Vec::new()),
        })
    }

    /// The next default task number.
    pub(crate) fn next_task_number(&self) -> u32 {
        let n = self.task_counter.get().wrapping_add(1);
        self.task_counter.set(n);
        n
    }

    /// Puts a new task in the slab, already scheduled.
    pub(crate) fn insert_task(&self, task: Rc<dyn Runnable>) -> Key {
        let key = self
            .tasks
            .borrow_mut()
            .insert(TaskSlot { task, queued: true });
        self.ready.borrow_mut().push_back(key);
        key
    }

    /// Schedules the task in slot `key` unless it is already queued or gone.
    pub(crate) fn schedule(&self, key: Key) {
        let mut tasks = self.tasks.borrow_mut();
        if let Some(slot) = tasks.get_mut(key) {
            if !slot.queued {
                slot.queued = true;
                self.ready.borrow_mut().push_back(key);
            }
        }
    }

    /// Schedules from a packed waker (16-bit generation).
    #[inline]
    fn schedule_packed(&self, index: u32, generation16: u16) {
        if index == MAIN_INDEX {
            if !self.main_queued.replace(true) {
                self.ready.borrow_mut().push_back(MAIN_KEY);
            }
            return;
        }
        let mut tasks = self.tasks.borrow_mut();
        if let Some((key, slot)) = tasks.get_mut_gen16(index, generation16) {
            if !slot.queued {
                slot.queued = true;
                self.ready.borrow_mut().push_back(key);
            }
        }
    }

    /// Requests cancellation of the task in `key` and schedules it.
    pub(crate) fn cancel_key(&self, key: Key) {
        let found = self
            .tasks
            .borrow()
            .get(key)
            .map(|slot| Rc::clone(&slot.task));
        if let Some(task) = found {
            task.header().cancel_requested.set(true);
            self.schedule(key);
        }
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
        let waker = task_waker(self.id, key);
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
        let mut words = std::mem::take(&mut *self.scratch_words.borrow_mut());
        self.remote.drain_into(&mut words);
        for word in words.drain(..) {
            let (_, index, generation16) = waker::unpack(word);
            self.schedule_packed(index, generation16);
        }
        *self.scratch_words.borrow_mut() = words;
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

    /// Runs ticks until `main` completes.
    pub(crate) fn run_until<F: Future>(&self, mut main: Pin<&mut F>) -> std::io::Result<F::Output> {
        let main_waker = task_waker(self.id, MAIN_KEY);
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
    pub(crate) fn cancel_all(&self) {
        let noop = Waker::noop();
        loop {
            let remaining = self.tasks.borrow_mut().drain();
            if remaining.is_empty() {
                break;
            }
            for slot in remaining {
                slot.task.header().cancel_requested.set(true);
                slot.task.poll_task(noop);
            }
        }
        self.ready.borrow_mut().clear();
    }
}

impl Drop for LoopInner {
    fn drop(&mut self) {
        waker::unregister_loop(self.id);
    }
}
