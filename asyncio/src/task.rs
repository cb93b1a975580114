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
//!                 ┌────────────── Rc<TaskCell<F, S>> ─────────────────┐
//!  loop slab ───▶ │ Header { number, name, cancel_requested,          │ ◀─── Task<T> (user)
//!  (Runnable)     │          join_waker }                             │      (Joinable<T>)
//!                 │ schedule: S   (the callback given at spawn)       │
//!                 │ Stage:  Running(F) ─▶ Finished(Result) ─▶ Consumed │
//!                 └───────────────────────────────────────────────────┘
//! ```
//!
//! A task's life: `spawn` → *ready* (its key is in the ready queue) →
//! *polled* → *pending* (parked in the slab; some waker holds its key) →
//! *woken* (key back in the ready queue) → ... → *done* (`Finished`), at
//! which point the loop frees its slot and wakes whoever awaits the handle.
//!
//! **Knowing nothing of the loop.** As in async-task, whoever creates a
//! task ([`new_task`]) hands it a *schedule callback*: a closure that puts
//! this task back on its loop's ready queue. The task calls it for one
//! thing only — to get itself polled after `cancel()`. Wake-ups go
//! through wakers (see `waker.rs`), which the loop builds; so this file
//! needs no loop type, no thread-local and no slab key. The callback is a
//! generic parameter, not a boxed closure: the loop's is 8 bytes (the
//! packed waker word), stored inline.
//!
//! Cancellation (Python: `task.cancel()`): [`Task::cancel`] sets
//! `cancel_requested` and calls the schedule callback; the next time the loop picks
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
//!
//! Needs: `error.rs` (`TaskError`, `panic_message`).

use crate::error::{panic_message, TaskError};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

/// What every task carries besides its future and its schedule callback.
pub(crate) struct Header {
    /// The `N` of the default name `Task-N`, unique within one loop (a
    /// `u32` keeps the header small; it wraps after 4 billion spawns).
    pub(crate) number: u32,
    /// Set by `cancel()`; read before each poll.
    cancel_requested: Cell<bool>,
    /// A name given with `spawn_named`; `None` means `Task-{number}`.
    /// Boxed so an unnamed task pays one pointer, not a `String`'s three
    /// words.
    custom_name: Option<Box<CustomName>>,
    /// The waker of whoever awaits the [`Task`] handle (one awaiter: the
    /// handle is not `Clone`).
    join_waker: Cell<Option<Waker>>,
}

/// A task name given by the user (see [`Header::custom_name`]).
pub(crate) struct CustomName {
    /// The name.
    name: String,
}

impl CustomName {
    /// Boxes `name` for [`new_task`].
    pub(crate) fn boxed(name: &str) -> Box<CustomName> {
        Box::new(CustomName {
            name: name.to_owned(),
        })
    }
}

impl Header {
    /// The task's name, as Python's `task.get_name()` gives it.
    pub(crate) fn name(&self) -> String {
        match &self.custom_name {
            Some(custom) => custom.name.clone(),
            None => format!("Task-{}", self.number),
        }
    }

    /// Remembers `cx`'s waker as the awaiter, keeping the old one when it
    /// would wake the same task.
    fn register_awaiter(&self, cx: &Context<'_>) {
        let old = self.join_waker.take();
        let keep = match old {
            Some(w) if w.will_wake(cx.waker()) => w,
            _ => cx.waker().clone(),
        };
        self.join_waker.set(Some(keep));
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
struct TaskCell<F: Future, S> {
    /// Naming, cancellation and the awaiter.
    header: Header,
    /// Puts this task back on its loop's ready queue (given at spawn).
    schedule: S,
    /// The future or its outcome. A `RefCell`, not an `UnsafeCell`: a task
    /// that awaits its own handle panics with a clear borrow error (then
    /// ends as `Panicked`) instead of causing undefined behaviour.
    stage: RefCell<Stage<F>>,
}

/// Cancelling a task, whatever its output type.
pub(crate) trait Cancel {
    /// Requests cancellation and schedules the task so the loop drops its
    /// future at the next pick. `false` when the task already finished.
    fn cancel(&self) -> bool;
}

/// The loop's view of a task: something it can poll and cancel.
pub(crate) trait Runnable: Cancel {
    /// Polls the future once with `waker` (or drops it, when cancellation
    /// was requested). Returns `true` when the task is finished.
    fn poll_task(&self, waker: &Waker) -> bool;
    /// Drops the future now, without polling it (the loop shutting down:
    /// asyncio.run's `_cancel_all_tasks`).
    fn cancel_now(&self);
    /// The task's header.
    fn header(&self) -> &Header;
}

/// The handle's view of a task: a result slot it can wait on.
trait Joinable<T>: Cancel {
    /// Takes the result if finished, else registers the awaiter's waker.
    fn poll_join(&self, cx: &mut Context<'_>) -> Poll<Result<T, TaskError>>;
    /// True once the task has finished (or its result was taken).
    fn is_finished(&self) -> bool;
    /// Like `is_finished`, but registers the waker when not finished.
    fn poll_finished(&self, cx: &mut Context<'_>) -> bool;
    /// The task's header.
    fn header(&self) -> &Header;
    /// A weak cancel-only handle on this same allocation.
    fn canceller(self: Rc<Self>) -> Canceller;
}

impl<F: Future, S> TaskCell<F, S> {
    /// True once the future has finished. Borrowed means the task is being
    /// polled right now (it called `cancel()` or `is_done()` on its own
    /// handle): still running.
    fn finished(&self) -> bool {
        self.stage
            .try_borrow()
            .is_ok_and(|stage| !matches!(&*stage, Stage::Running(_)))
    }
}

impl<F: Future, S: Fn()> Cancel for TaskCell<F, S> {
    fn cancel(&self) -> bool {
        if self.finished() {
            return false;
        }
        self.header.cancel_requested.set(true);
        (self.schedule)();
        true
    }
}

impl<F: Future, S: Fn()> Runnable for TaskCell<F, S> {
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

    fn cancel_now(&self) {
        self.header.cancel_requested.set(true);
        self.poll_task(Waker::noop());
    }

    fn header(&self) -> &Header {
        &self.header
    }
}

impl<F: Future + 'static, S: Fn() + 'static> Joinable<F::Output> for TaskCell<F, S> {
    fn poll_join(&self, cx: &mut Context<'_>) -> Poll<Result<F::Output, TaskError>> {
        let mut stage = self.stage.borrow_mut();
        match &*stage {
            Stage::Running(_) => {
                self.header.register_awaiter(cx);
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
        self.finished()
    }

    fn poll_finished(&self, cx: &mut Context<'_>) -> bool {
        if self.finished() {
            return true;
        }
        self.header.register_awaiter(cx);
        false
    }

    fn header(&self) -> &Header {
        &self.header
    }

    fn canceller(self: Rc<Self>) -> Canceller {
        let task: Rc<dyn Cancel> = self;
        Canceller {
            task: Rc::downgrade(&task),
        }
    }
}

/// Creates a task around `future`. `schedule` puts the task back on its
/// loop's ready queue; the task calls it when cancelled (async-task's
/// `spawn(future, schedule)`). Returns the loop's half (to keep in its
/// slab and poll) and the user's handle — two views of one allocation.
pub(crate) fn new_task<F, S>(
    future: F,
    schedule: S,
    number: u32,
    custom_name: Option<Box<CustomName>>,
) -> (Rc<dyn Runnable>, Task<F::Output>)
where
    F: Future + 'static,
    S: Fn() + 'static,
{
    let cell = Rc::new(TaskCell {
        header: Header {
            number,
            cancel_requested: Cell::new(false),
            custom_name,
            join_waker: Cell::new(None),
        },
        schedule,
        stage: RefCell::new(Stage::Running(future)),
    });
    let handle = Task {
        inner: Rc::clone(&cell) as Rc<dyn Joinable<F::Output>>,
    };
    (cell, handle)
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
        self.inner.cancel()
    }

    /// True once the task has finished (completed, panicked or cancelled).
    pub fn is_done(&self) -> bool {
        self.inner.is_finished()
    }

    /// The task's name: the one given to `spawn_named`, else `Task-N`.
    pub fn name(&self) -> String {
        self.inner.header().name()
    }

    /// True when finished; otherwise the waker of `cx` is woken when it
    /// finishes (used by `wait`).
    pub(crate) fn poll_finished(&self, cx: &mut Context<'_>) -> bool {
        self.inner.poll_finished(cx)
    }

    /// A cancel-only handle that does not keep the task alive, for
    /// structures that cancel tasks they do not await (`TaskGroup`).
    pub(crate) fn canceller(&self) -> Canceller {
        Rc::clone(&self.inner).canceller()
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

/// Cancels a task without holding its result type or keeping it alive: a
/// `Weak` on the task's allocation (16 bytes).
#[derive(Clone)]
pub(crate) struct Canceller {
    /// The task; dead once the loop and every handle let go of it.
    task: Weak<dyn Cancel>,
}

impl Canceller {
    /// Same as [`Task::cancel`]; a task that finished, or whose allocation
    /// is gone, is left alone.
    pub(crate) fn cancel(&self) -> bool {
        self.task.upgrade().is_some_and(|task| task.cancel())
    }
}
