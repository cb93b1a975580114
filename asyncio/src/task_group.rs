//! `TaskGroup`: structured concurrency — the first failure cancels the
//! rest, and every failure is reported.
//!
//! ```text
//!   tg = TaskGroup::new()
//!   tg.create_task(a) ─┐       running = 3
//!   tg.create_task(b) ─┼─ b panics ─▶ errors = [Panicked(b)], cancel a and c
//!   tg.create_task(c) ─┘             (a, c dropped: running 3 → 0)
//!   tg.wait().await ──▶ Err([Panicked(b)])
//! ```
//!
//! Each child is spawned inside a small wrapper: a guard whose `Drop`
//! decrements `running` (so a child counts as gone whether it returned,
//! panicked or was cancelled), and a `catch_unwind` that records a panic
//! in the group, cancels the siblings, then re-raises it so the child's own
//! [`Task`] handle still reports `Panicked`.
//!
//! A child *fails* when it panics — Rust's nearest thing to an uncaught
//! exception. A child that returns an `Err` value has not failed; it
//! returned a value. Cancelled children are not errors, as in Python.
//!
//! Dropping a group while children still run cancels them: a group's
//! children never outlive it (Python gets this from `async with`).
//!
//! Python equivalent: `asyncio.TaskGroup` (3.11), whose `__aexit__` raises
//! an `ExceptionGroup` of every child's exception.

use crate::error::{panic_message, TaskError};
use crate::task::{spawn, Canceller, Task};
use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// What the group and its children share.
#[derive(Default)]
struct GroupState {
    /// Children not yet finished, panicked or dropped.
    running: Cell<usize>,
    /// Every child's failure, in the order they happened.
    errors: RefCell<Vec<TaskError>>,
    /// A cancel handle per child (stale handles for finished children are
    /// harmless: their slab keys no longer match).
    children: RefCell<Vec<Canceller>>,
    /// Set by the first failure: later children are cancelled at once.
    aborting: Cell<bool>,
    /// The task awaiting [`TaskGroup::wait`].
    waiter: Cell<Option<Waker>>,
}

impl GroupState {
    /// Records a failure; the first one cancels every child.
    fn fail(&self, error: TaskError) {
        self.errors.borrow_mut().push(error);
        if !self.aborting.replace(true) {
            let children = self.children.borrow().clone();
            for child in children {
                child.cancel();
            }
        }
    }
}

/// Decrements the group's `running` count when its child ends, however it
/// ends.
struct ChildGuard {
    /// The group.
    state: Rc<GroupState>,
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        self.state.running.set(self.state.running.get() - 1);
        if self.state.running.get() == 0 {
            if let Some(waiter) = self.state.waiter.take() {
                waiter.wake();
            }
        }
    }
}

/// Polls a future inside `catch_unwind`, handing a panic back as a value.
struct CatchUnwind<F> {
    /// The wrapped future.
    future: F,
}

impl<F: Future> Future for CatchUnwind<F> {
    type Output = std::thread::Result<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // SAFETY: `future` is structurally pinned: `CatchUnwind` never
        // moves it out and has no `Drop` impl.
        let future = unsafe { self.map_unchecked_mut(|s| &mut s.future) };
        match catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(payload) => Poll::Ready(Err(payload)),
        }
    }
}

/// A group of tasks that succeed or fail together.
pub struct TaskGroup {
    /// Shared with the children's wrappers.
    state: Rc<GroupState>,
}

impl Default for TaskGroup {
    fn default() -> Self {
        TaskGroup::new()
    }
}

impl TaskGroup {
    /// An empty group.
    pub fn new() -> TaskGroup {
        TaskGroup {
            state: Rc::new(GroupState::default()),
        }
    }

    /// Spawns `future` as a child (Python: `tg.create_task(coro)`). After a
    /// failure the group is aborting, and a new child is cancelled at once.
    ///
    /// # Panics
    /// Outside [`run`](crate::run).
    pub fn create_task<F: Future + 'static>(&self, future: F) -> Task<F::Output> {
        let state = Rc::clone(&self.state);
        state.running.set(state.running.get() + 1);
        let guard = ChildGuard {
            state: Rc::clone(&state),
        };
        let task = spawn(async move {
            let guard = guard;
            match (CatchUnwind { future }).await {
                Ok(value) => value,
                Err(payload) => {
                    guard
                        .state
                        .fail(TaskError::Panicked(panic_message(&*payload)));
                    // Re-raise: the child's own handle reports Panicked too.
                    resume_unwind(payload)
                }
            }
        });
        let canceller = task.canceller();
        state.children.borrow_mut().push(canceller);
        if state.aborting.get() {
            canceller.cancel();
        }
        task
    }

    /// Waits until every child has ended; `Err` holds every failure
    /// (Python: leaving `async with TaskGroup()`, which raises an
    /// `ExceptionGroup`). One task waits on a group at a time, as one
    /// `async with` block owns it.
    ///
    /// # Errors
    /// Every child's panic, in the order they happened.
    pub async fn wait(&self) -> Result<(), Vec<TaskError>> {
        poll_fn(|cx| {
            if self.state.running.get() == 0 {
                Poll::Ready(())
            } else {
                self.state.waiter.set(Some(cx.waker().clone()));
                Poll::Pending
            }
        })
        .await;
        let errors = std::mem::take(&mut *self.state.errors.borrow_mut());
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Children not yet ended.
    pub fn running(&self) -> usize {
        self.state.running.get()
    }
}

impl Drop for TaskGroup {
    fn drop(&mut self) {
        if self.state.running.get() > 0 {
            let children = std::mem::take(&mut *self.state.children.borrow_mut());
            for child in children {
                child.cancel();
            }
        }
    }
}
