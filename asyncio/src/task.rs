//! Tasks: a spawned future, its result slot, and the handle that awaits it.
//!
//! One task is one heap allocation, an `Rc<TaskCell<F>>` holding a small
//! [`Header`] and the future's [`Stage`]. The loop's task slab keeps one
//! `Rc` (as `Rc<dyn Runnable>`, to poll it); the user's [`Task<T>`] handle
//! keeps another (as `Rc<dyn Joinable<T>>`, to read the result). The same
//! allocation is seen through two traits, so neither side needs to know the
//! future's concrete type and no second allocation holds the output.
//!
//! ```text
//!                 ┌──────────────── Rc<TaskCell<F>> ───────────────┐
//!  loop slab ───▶ │ Header { key, number, name, cancel_requested,  │ ◀─── Task<T> (user)
//!  (Runnable)     │          join_waker }                          │      (Joinable<T>)
//!                 │ Stage:  Running(F) ─▶ Finished(Result) ─▶ Consumed │
//!                 └────────────────────────────────────────────────┘
//! ```
//!
//! A task's life: `spawn` → *ready* (its key is in the ready queue) →
//! *polled* → *pending* (parked in the slab; some waker holds its key) →
//! *woken* (key back in the ready queue) → ... → *done* (`Finished`), at
//! which point the loop frees its slot and wakes whoever awaits the handle.
//!
//! Cancellation (Python: `task.cancel()`): [`Task::cancel`] sets
//! `cancel_requested` and schedules the task; the next time the loop picks
//! it, it drops the future instead of polling it (Rust's cancellation *is*
//! drop: every `Drop` on the future's stack runs, like `finally` blocks
//! running when `CancelledError` unwinds a coroutine) and stores
//! `Err(Cancelled)`. Simplification: Python delivers `CancelledError` *into*
//! the coroutine, which may catch it and carry on; a dropped Rust future
//! cannot refuse.
//!
//! Panics: the poll runs inside `catch_unwind`, so a panicking task ends as
//! `Err(Panicked(message))` and the loop carries on (Python: the exception
//! is stored on the task). Simplification: a `Drop` impl that panics while
//! a cancelled future is being dropped is not caught; it unwinds out of
//! `run`.

use crate::error::{panic_message, TaskError};
use crate::event_loop::{with_loop, LoopInner};
use crate::slab::Key;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// What every task carries besides its future.
pub(crate) struct Header {
    /// The task's slot in the loop's task slab; set once, right after the
    /// slot is taken, and used to schedule the task on `cancel()`.
    pub(crate) key: Cell<Key>,
    /// The `N` of the default name `Task-N`, unique within one loop (a
    /// `u32` keeps the header small; it wraps after 4 billion spawns).
    pub(crate) number: u32,
    /// Set by `cancel()`; read by the loop before each poll.
    pub(crate) cancel_requested: Cell<bool>,
    /// A name given with [`spawn_named`]; `None` means `Task-{number}`.
    /// Boxed so an unnamed task pays one pointer, not a `String`'s three
    /// words.
    pub(crate) custom_name: Option<Box<CustomName>>,
    /// The waker of whoever awaits the [`Task`] handle (one awaiter: the
    /// handle is not `Clone`).
    pub(crate) join_waker: Cell<Option<Waker>>,
}

/// A task name given by the user (see [`Header::custom_name`]).
pub(crate) struct CustomName {
    /// The name.
    name: String,
}

impl Header {
    /// The task's name, as Python's `task.get_name()` gives it.
    pub(crate) fn name(&self) -> String {
        match &self.custom_name {
            Some(custom) => custom.name.clone(),
            None => format!("Task-{}", self.number),
        }
    }
}

/// Where a task's future is in its life.
enum Stage<F: Future> {
    /// Still running: the future itself, pinned inside the `Rc`.
    Running(F),
    /// Done: the value, the panic message, or `Cancelled`.
    Finished(Result<F::Output, TaskError>),
    /// The handle already took the result.
    Consumed,
}

/// The single allocation behind one task.
struct TaskCell<F: Future> {
    /// Scheduling and naming data.
    header: Header,
    /// The future or its outcome. A `RefCell`, not an `UnsafeCell`: a task
    /// that awaits its own handle panics with a clear borrow error (then
    /// ends as `Panicked`) instead of causing undefined behaviour.
    stage: RefCell<Stage<F>>,
}

/// The loop's view of a task: something it can poll and cancel.
pub(crate) trait Runnable {
    /// Polls the future once with `waker` (or drops it, when cancellation
    /// was requested). Returns `true` when the task is finished.
    fn poll_task(&self, waker: &Waker) -> bool;
    /// The task's header.
    fn header(&self) -> &Header;
}

/// The handle's view of a task: a result slot it can wait on.
trait Joinable<T> {
    /// Takes the result if finished, else registers the awaiter's waker.
    fn poll_join(&self, cx: &mut Context<'_>) -> Poll<Result<T, TaskError>>;
    /// True once the task has finished (or its result was taken).
    fn is_finished(&self) -> bool;
    /// Like `is_finished`, but registers the waker when not finished.
    fn poll_finished(&self, cx: &mut Context<'_>) -> bool;
    /// The task's header.
    fn header(&self) -> &Header;
}

impl<F: Future> Runnable for TaskCell<F> {
    fn poll_task(&self, waker: &Waker) -> bool {
        {
            let mut stage = self.stage.borrow_mut();
            let Stage::Running(future) = &mut *stage else {
                return true;
            };
            if self.header.cancel_requested.get() {
                // Dropping the future in place is what cancelling means.
                *stage = Stage::Finished(Err(TaskError::Cancelled));
            } else {
                // The future lives inside an `Rc` allocation that never
                // moves, and is only ever dropped in place (by the
                // assignments below or by dropping the `Rc`), never moved out.
                // SAFETY: that is the `Pin` contract.
                let future = unsafe { Pin::new_unchecked(future) };
                let mut cx = Context::from_waker(waker);
                match catch_unwind(AssertUnwindSafe(|| future.poll(&mut cx))) {
                    Ok(Poll::Pending) => return false,
                    Ok(Poll::Ready(value)) => *stage = Stage::Finished(Ok(value)),
                    Err(payload) => {
                        *stage = Stage::Finished(Err(TaskError::Panicked(panic_message(&*payload))))
                    }
                }
            }
        }
        // Wake the awaiter after the borrow ends: its poll reads `stage`.
        if let Some(awaiter) = self.header.join_waker.take() {
            awaiter.wake();
        }
        true
    }

    fn header(&self) -> &Header {
        &self.header
    }
}

impl<F: Future> Joinable<F::Output> for TaskCell<F> {
    fn poll_join(&self, cx: &mut Context<'_>) -> Poll<Result<F::Output, TaskError>> {
        let mut stage = self.stage.borrow_mut();
        match &*stage {
            Stage::Running(_) => {
                let old = self.header.join_waker.take();
                let keep = match old {
                    Some(w) if w.will_wake(cx.waker()) => w,
                    _ => cx.waker().clone(),
                };
                self.header.join_waker.set(Some(keep));
                Poll::Pending
            }
            Stage::Finished(_) => match std::mem::replace(&mut *stage, Stage::Consumed) {
                Stage::Finished(result) => Poll::Ready(result),
                _ => unreachable!("stage was just matched as Finished"),
            },
            Stage::Consumed => panic!("a Task was awaited again after it returned its result"),
        }
    }

    fn is_finished(&self) -> bool {
        // Borrowed means the task is being polled right now (it called
        // `cancel()` or `is_done()` on its own handle): still running.
        self.stage
            .try_borrow()
            .is_ok_and(|stage| !matches!(&*stage, Stage::Running(_)))
    }

    fn poll_finished(&self, cx: &mut Context<'_>) -> bool {
        if self.is_finished() {
            return true;
        }
        let old = self.header.join_waker.take();
        let keep = match old {
            Some(w) if w.will_wake(cx.waker()) => w,
            _ => cx.waker().clone(),
        };
        self.header.join_waker.set(Some(keep));
        false
    }

    fn header(&self) -> &Header {
        &self.header
    }
}

/// One slab slot: the task and whether its key is already in the ready
/// queue (so many wakes before one poll queue it once).
pub(crate) struct TaskSlot {
    /// The task, type-erased for polling.
    pub(crate) task: Rc<dyn Runnable>,
    /// True while the task's key sits in the ready queue.
    pub(crate) queued: bool,
}

/// A handle to a spawned task: await it for `Ok(value)`,
/// `Err(TaskError::Cancelled)` or `Err(TaskError::Panicked(msg))`.
///
/// Python equivalent: `asyncio.Task`. Dropping the handle detaches the task
/// (it keeps running), as dropping the last reference to a Python task does
/// not cancel it either.
pub struct Task<T> {
    /// The task's allocation, seen as a result slot.
    inner: Rc<dyn Joinable<T>>,
}

impl<T> Task<T> {
    /// Requests cancellation: the loop drops the task's future the next
    /// time it picks the task, and the handle then yields
    /// `Err(TaskError::Cancelled)`. Returns `false` when the task had
    /// already finished (Python's `task.cancel()` returns `False` then).
    pub fn cancel(&self) -> bool {
        if self.inner.is_finished() {
            return false;
        }
        let header = self.inner.header();
        header.cancel_requested.set(true);
        let key = header.key.get();
        with_loop(|l| l.schedule(key));
        true
    }

    /// True once the task has finished (completed, panicked or cancelled).
    pub fn is_done(&self) -> bool {
        self.inner.is_finished()
    }

    /// The task's name: the one given to [`spawn_named`], else `Task-N`.
    pub fn name(&self) -> String {
        self.inner.header().name()
    }

    /// True when finished; otherwise the waker of `cx` is woken when it
    /// finishes (used by `wait`).
    pub(crate) fn poll_finished(&self, cx: &mut Context<'_>) -> bool {
        self.inner.poll_finished(cx)
    }

    /// A cancel-only handle, for structures that cancel tasks they do not
    /// await (`TaskGroup`).
    pub(crate) fn canceller(&self) -> Canceller {
        Canceller {
            key: self.inner.header().key.get(),
        }
    }
}

impl<T> Future for Task<T> {
    type Output = Result<T, TaskError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.inner.poll_join(cx)
    }
}

impl<T> std::fmt::Debug for Task<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Task")
            .field("name", &self.name())
            .field("done", &self.is_done())
            .finish()
    }
}

/// Cancels a task by its slab key without holding its result type.
#[derive(Clone, Copy)]
pub(crate) struct Canceller {
    /// The task's slot.
    key: Key,
}

impl Canceller {
    /// Same as [`Task::cancel`]; a key whose task already left the slab
    /// does nothing.
    pub(crate) fn cancel(self) {
        with_loop(|l| l.cancel_key(self.key));
    }
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
pub fn create_task<F: Future + 'static>(future: F) -> Task<F::Output> {
    spawn_inner(future, None)
}

/// [`spawn`] with a name (Python: `create_task(coro, name=...)`), shown by
/// debug mode and the task timeline.
pub fn spawn_named<F: Future + 'static>(name: &str, future: F) -> Task<F::Output> {
    spawn_inner(
        future,
        Some(Box::new(CustomName {
            name: name.to_owned(),
        })),
    )
}

fn spawn_inner<F: Future + 'static>(future: F, name: Option<Box<CustomName>>) -> Task<F::Output> {
    with_loop(|l: &LoopInner| {
        let cell = Rc::new(TaskCell {
            header: Header {
                key: Cell::new(Key {
                    index: 0,
                    generation: 0,
                }),
                number: l.next_task_number(),
                custom_name: name,
                cancel_requested: Cell::new(false),
                join_waker: Cell::new(None),
            },
            stage: RefCell::new(Stage::Running(future)),
        });
        let key = l.insert_task(cell.clone());
        cell.header.key.set(key);
        Task { inner: cell }
    })
    .expect("spawn() called outside asyncio::run: there is no running event loop")
}
