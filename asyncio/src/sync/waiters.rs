//! A FIFO of waiting tasks, with asyncio's hand-off rule on cancellation.
//!
//! ```text
//!   entries (front → back):  [Notified A] [Waiting B] [Gone C] [Waiting D]
//!
//!   notify_one(): first Waiting entry (B) → Notified, wake its task
//!   A polled:     Notified → Gone, its wait() returns
//!   A dropped instead (its task was cancelled before it ran):
//!                 Notified → Gone, and notify_one() again → D or B gets it
//! ```
//!
//! Entry states ([`WaiterState`]):
//! - `Waiting`: parked, holds its task's waker;
//! - `Notified`: chosen by a notify, its task not yet run — still counts
//!   as a waiter, so a newcomer cannot barge in ahead of it (asyncio's
//!   fairness: `Lock.acquire` only takes the fast path when no waiter is
//!   pending);
//! - `Gone`: finished or dropped; trimmed off the front lazily.
//!
//! Python equivalent: the `collections.deque` of futures in
//! `asyncio.locks` (`_waiters`) and `_wake_up_first`.
//!
//! Needs: nothing but std (wakers come from whoever polls).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Where one waiter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WaiterState {
    /// Parked until notified.
    Waiting,
    /// Notified; its task has not run yet.
    Notified,
    /// Done (returned or dropped).
    Gone,
}

/// One waiting task.
struct Waiter {
    /// See [`WaiterState`].
    state: Cell<WaiterState>,
    /// The task to wake on notify.
    waker: Cell<Option<Waker>>,
}

/// The FIFO.
#[derive(Default)]
pub(crate) struct WaitQueue {
    /// Waiters in arrival order (some may be `Gone`).
    entries: RefCell<VecDeque<Rc<Waiter>>>,
}

impl WaitQueue {
    /// Drops `Gone` entries from the front.
    fn trim(entries: &mut VecDeque<Rc<Waiter>>) {
        while entries
            .front()
            .is_some_and(|e| e.state.get() == WaiterState::Gone)
        {
            entries.pop_front();
        }
    }

    /// Wakes the first `Waiting` waiter; `false` when there is none.
    pub(crate) fn notify_one(&self) -> bool {
        let waker = {
            let mut entries = self.entries.borrow_mut();
            Self::trim(&mut entries);
            let Some(entry) = entries
                .iter()
                .find(|e| e.state.get() == WaiterState::Waiting)
            else {
                return false;
            };
            entry.state.set(WaiterState::Notified);
            entry.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        true
    }

    /// Wakes every `Waiting` waiter; returns how many.
    pub(crate) fn notify_all(&self) -> usize {
        let mut woken = 0;
        while self.notify_one() {
            woken += 1;
        }
        woken
    }

    /// True when some waiter is `Waiting` or `Notified`.
    pub(crate) fn has_waiters(&self) -> bool {
        let mut entries = self.entries.borrow_mut();
        Self::trim(&mut entries);
        entries.iter().any(|e| e.state.get() != WaiterState::Gone)
    }

    /// Waits for a notify. The entry joins the queue at the first poll.
    pub(crate) fn wait(&self) -> Wait<'_> {
        Wait {
            queue: self,
            entry: None,
        }
    }
}

/// The future of [`WaitQueue::wait`].
pub(crate) struct Wait<'a> {
    /// The queue waited on.
    queue: &'a WaitQueue,
    /// This waiter's entry, once queued.
    entry: Option<Rc<Waiter>>,
}

impl Future for Wait<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match &self.entry {
            None => {
                let entry = Rc::new(Waiter {
                    state: Cell::new(WaiterState::Waiting),
                    waker: Cell::new(Some(cx.waker().clone())),
                });
                self.queue.entries.borrow_mut().push_back(Rc::clone(&entry));
                self.entry = Some(entry);
                Poll::Pending
            }
            Some(entry) => match entry.state.get() {
                WaiterState::Notified => {
                    entry.state.set(WaiterState::Gone);
                    self.entry = None;
                    Poll::Ready(())
                }
                WaiterState::Waiting => {
                    entry.waker.set(Some(cx.waker().clone()));
                    Poll::Pending
                }
                WaiterState::Gone => {
                    unreachable!("a queued waiter is never Gone before it returns")
                }
            },
        }
    }
}

impl Drop for Wait<'_> {
    fn drop(&mut self) {
        if let Some(entry) = self.entry.take() {
            if entry.state.replace(WaiterState::Gone) == WaiterState::Notified {
                // Woken but cancelled before it ran: hand the wake-up on.
                self.queue.notify_one();
            }
        }
    }
}
