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
//! frees the child's slot in the group (so a child counts as gone whether
//! it returned, panicked or was cancelled), and a `catch_unwind` that
//! records a panic in the group, cancels the siblings, then re-raises it
//! so the child's own [`Task`] handle still reports `Panicked`.
//!
//! The group keeps one slot per *running* child — a weak cancel handle in
//! a slab — and a finished child's slot is reused by the next one, so a
//! long-lived group that has spawned two million short children holds as
//! many slots as it ever had children running at once, not two million
//! (Python's `TaskGroup` likewise discards a task from its `_tasks` set in
//! `_on_task_done`).
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
//!
//! Needs: `context.rs` (`spawn`), `task.rs` (`Canceller`), `slab.rs`,
//! `error.rs`.

use crate::context::spawn;
use crate::error::{panic_message, TaskError};
use crate::slab::{Key, Slab};
use crate::task::{Canceller, Task};
use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// What the group and its children share.
#[derive(Default)]
struct GroupState {
    /// One slot per running child: its cancel handle (`None` for the
    /// instant between taking the slot and spawning the child). A child's
    /// guard frees its slot when the child ends; the slab's length is the
    /// number of running children.
    children: RefCell<Slab<Option<Canceller>>>,
    /// Every child's failure, in the order they happened.
    errors: RefCell<Vec<TaskError>>,
    /// Set by the first failure: later children are cancelled at once.
    aborting: Cell<bool>,
    /// The task awaiting [`TaskGroup::wait`].
    waiter: Cell<Option<Waker>>,
}

impl GroupState {
    /// Cancels every running child. The handles are copied out first: a
    /// cancel schedules a task, and nothing here may hold the slab's
    /// borrow while anything else runs.
    fn cancel_children(&self) {
        let children: Vec<Canceller> = self.children.borrow().iter().flatten().cloned().collect();
        for child in children {
            child.cancel();
        }
    }

    /// Records a failure; the first one cancels every child.
    fn fail(&self, error: TaskError) {
        self.errors.borrow_mut().push(error);
        if !self.aborting.replace(true) {
            self.cancel_children();
        }
    }
}

/// Frees its child's slot in the group when the child ends, however it
/// ends, and wakes the group's waiter when it was the last.
struct ChildGuard {
    /// The group.
    state: Rc<GroupState>,
    /// The child's slot.
    slot: Key,
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let running = {
            let mut children = self.state.children.borrow_mut();
            children.remove(self.slot);
            children.len()
        };
        if running == 0 {
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
        // Take the slot first, so the guard knows it; fill it once the
        // task exists.
        let slot = state.children.borrow_mut().insert(None);
        let guard = ChildGuard {
            state: Rc::clone(&state),
            slot,
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
        if let Some(entry) = state.children.borrow_mut().get_mut(slot) {
            *entry = Some(canceller.clone());
        }
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
            if self.running() == 0 {
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
        self.state.children.borrow().len()
    }

    /// Slots the group has for children, running or free for reuse: what
    /// it holds in memory (24 bytes a slot). The most children it ever had
    /// running at once — not how many it ever spawned.
    pub fn child_slots(&self) -> usize {
        self.state.children.borrow().slots()
    }
}

impl Drop for TaskGroup {
    fn drop(&mut self) {
        if self.running() > 0 {
            self.state.cancel_children();
        }
    }
}
