//! Waiting on many things: `gather`, `wait`, and `wait_for`/`timeout`.
//!
//! ```text
//!   gather([f1, f2, f3])      spawn each as a task, then await them in order
//!      ├─ Task-1 ──────▶ r1 ┐
//!      ├─ Task-2 ───▶ r2    ├──▶ Ok([r1, r2, r3])   (list order, not finish order)
//!      └─ Task-3 ────────▶ r3┘
//!
//!   wait(tasks, FirstCompleted) ──▶ (done, pending) as soon as one is done
//!   wait_for(d, f) ── f first? ──▶ Ok(value)
//!                  └─ timer first ──▶ drop f (cancel) ──▶ Err(TimeoutError)
//! ```
//!
//! Python equivalents: `asyncio.gather(*aws)`, `gather(*aws,
//! return_exceptions=True)`, `asyncio.as_completed(aws)`,
//! `asyncio.wait(aws, return_when=...)`,
//! `asyncio.wait_for(aw, timeout)`, `async with asyncio.timeout(d)`.
//!
//! Needs: `context.rs` (`spawn`), `sleep.rs`, `task.rs`, `error.rs`.

use crate::context::spawn;
use crate::error::{TaskError, TimeoutError};
use crate::sleep::{sleep, Sleep};
use crate::task::Task;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// The tasks a `gather` still waits for, front first. Dropping it while
/// armed — the awaiting task was cancelled, so the gather future itself is
/// being dropped — cancels them all, as cancelling `asyncio.gather` cancels
/// its children.
struct Children<T> {
    /// Unfinished children, in list order.
    tasks: VecDeque<Task<T>>,
    /// False once `gather` returned an error: then, as in asyncio, the
    /// remaining children keep running.
    cancel_on_drop: bool,
}

impl<T> Drop for Children<T> {
    fn drop(&mut self) {
        if self.cancel_on_drop {
            for task in &self.tasks {
                task.cancel();
            }
        }
    }
}

/// Spawns every future and wraps the handles.
fn spawn_all<F>(futures: impl IntoIterator<Item = F>) -> Children<F::Output>
where
    F: Future + 'static,
{
    Children {
        tasks: futures.into_iter().map(spawn).collect(),
        cancel_on_drop: true,
    }
}

/// Runs every future as a task and returns their results in the order
/// given (Python: `await asyncio.gather(*aws)`). The first failure, in
/// list order, is returned as the error; the other tasks keep running, as
/// in asyncio. If the task awaiting `gather` is cancelled, the children
/// still running are cancelled too.
///
/// Simplification: results are awaited in list order, so a failure of the
/// third task is reported only once the first two have finished. asyncio
/// reports the first failure in time; awaiting in order keeps `gather`
/// `O(n)` and its error deterministic.
///
/// # Errors
/// The first task (in list order) that panicked or was cancelled.
pub async fn gather<F>(futures: impl IntoIterator<Item = F>) -> Result<Vec<F::Output>, TaskError>
where
    F: Future + 'static,
{
    let mut children = spawn_all(futures);
    let mut results = Vec::with_capacity(children.tasks.len());
    while let Some(task) = children.tasks.front_mut() {
        let outcome = task.await;
        children.tasks.pop_front();
        match outcome {
            Ok(value) => results.push(value),
            Err(error) => {
                children.cancel_on_drop = false;
                return Err(error);
            }
        }
    }
    Ok(results)
}

/// [`gather`] that never fails: every task's outcome, value or error, in
/// list order (Python: `gather(*aws, return_exceptions=True)`).
pub async fn gather_return_exceptions<F>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<Result<F::Output, TaskError>>
where
    F: Future + 'static,
{
    let mut children = spawn_all(futures);
    let mut results = Vec::with_capacity(children.tasks.len());
    while let Some(task) = children.tasks.front_mut() {
        results.push(task.await);
        children.tasks.pop_front();
    }
    results
}

/// When [`wait`] returns (Python: `asyncio.FIRST_COMPLETED`,
/// `asyncio.ALL_COMPLETED`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnWhen {
    /// As soon as at least one task is done.
    FirstCompleted,
    /// When every task is done.
    AllCompleted,
}

/// Waits for `tasks` and splits them into `(done, pending)`, each in the
/// order given (Python: `done, pending = await asyncio.wait(tasks,
/// return_when=...)`). Pending tasks keep running. An empty list returns
/// at once (Python raises `ValueError` instead).
pub async fn wait<T>(tasks: Vec<Task<T>>, return_when: ReturnWhen) -> (Vec<Task<T>>, Vec<Task<T>>) {
    wait_with_timeout(tasks, return_when, None).await
}

/// [`wait`] with Python's `timeout=`: returns when `return_when` is met or
/// `duration` has passed, whichever comes first. Unlike `wait_for`, a
/// timeout cancels nothing: unfinished tasks come back in `pending`.
pub async fn wait_timeout<T>(
    tasks: Vec<Task<T>>,
    return_when: ReturnWhen,
    duration: Duration,
) -> (Vec<Task<T>>, Vec<Task<T>>) {
    wait_with_timeout(tasks, return_when, Some(sleep(duration))).await
}

/// The body of [`wait`] and [`wait_timeout`].
async fn wait_with_timeout<T>(
    tasks: Vec<Task<T>>,
    return_when: ReturnWhen,
    mut deadline: Option<Sleep>,
) -> (Vec<Task<T>>, Vec<Task<T>>) {
    poll_fn(|cx| {
        // Register with every unfinished task, so any of them wakes us.
        let done = tasks.iter().filter(|t| t.poll_finished(cx)).count();
        let ready = match return_when {
            ReturnWhen::FirstCompleted => done > 0 || tasks.is_empty(),
            ReturnWhen::AllCompleted => done == tasks.len(),
        };
        let expired = deadline
            .as_mut()
            .is_some_and(|timer| Pin::new(timer).poll(cx).is_ready());
        if ready || expired {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    tasks.into_iter().partition(Task::is_done)
}

/// Results in the order the tasks finish (Python: `for aw in
/// asyncio.as_completed(aws): result = await aw`).
///
/// ```
/// # asyncio::run(async {
/// let tasks = (0..3u64).map(|i| asyncio::spawn(async move {
///     asyncio::sleep(std::time::Duration::from_millis(3 - i)).await;
///     i
/// }));
/// let mut completed = asyncio::as_completed(tasks);
/// let mut order = Vec::new();
/// while let Some(result) = completed.next().await {
///     order.push(result.unwrap());
/// }
/// order.sort(); // finish order is up to the timers; every result comes once
/// assert_eq!(order, vec![0, 1, 2]);
/// # }).unwrap();
/// ```
///
/// Like asyncio's done-callbacks, a small watcher task awaits each task
/// and appends its result to a shared queue the moment it is woken, so
/// results arrive in exactly the order the tasks finished. Dropping the
/// `AsCompleted` cancels the watchers; the tasks themselves keep running,
/// as in asyncio.
///
/// # Panics
/// Outside [`run`](crate::run).
pub fn as_completed<T: 'static>(tasks: impl IntoIterator<Item = Task<T>>) -> AsCompleted<T> {
    let finished = Rc::new(Finished {
        results: RefCell::new(VecDeque::new()),
        consumer: Cell::new(None),
    });
    let watchers: Vec<Task<()>> = tasks
        .into_iter()
        .map(|task| {
            let finished = Rc::clone(&finished);
            spawn(async move {
                let result = task.await;
                finished.results.borrow_mut().push_back(result);
                if let Some(consumer) = finished.consumer.take() {
                    consumer.wake();
                }
            })
        })
        .collect();
    AsCompleted {
        remaining: watchers.len(),
        finished,
        watchers,
    }
}

/// Results handed from the watcher tasks to [`AsCompleted::next`].
struct Finished<T> {
    /// Results in finish order, not yet taken.
    results: RefCell<VecDeque<Result<T, TaskError>>>,
    /// The task waiting in `next`.
    consumer: Cell<Option<Waker>>,
}

/// The iterator-like handle of [`as_completed`].
pub struct AsCompleted<T> {
    /// Results not yet returned by `next`.
    remaining: usize,
    /// Shared with the watchers.
    finished: Rc<Finished<T>>,
    /// One watcher per task; cancelled on drop.
    watchers: Vec<Task<()>>,
}

impl<T> AsCompleted<T> {
    /// The next task to finish, or `None` when all have been returned.
    pub async fn next(&mut self) -> Option<Result<T, TaskError>> {
        if self.remaining == 0 {
            return None;
        }
        let result = poll_fn(|cx| match self.finished.results.borrow_mut().pop_front() {
            Some(result) => Poll::Ready(result),
            None => {
                self.finished.consumer.set(Some(cx.waker().clone()));
                Poll::Pending
            }
        })
        .await;
        self.remaining -= 1;
        Some(result)
    }

    /// Results not yet returned.
    pub fn remaining(&self) -> usize {
        self.remaining
    }
}

impl<T> Drop for AsCompleted<T> {
    fn drop(&mut self) {
        for watcher in &self.watchers {
            watcher.cancel();
        }
    }
}

/// Awaits `future` for at most `duration`; on expiry drops it (which
/// cancels it) and returns `Err(TimeoutError)` (Python: `asyncio.wait_for`).
///
/// A [`Task`] given here is only detached on expiry (dropping a handle
/// never cancels); use [`wait_for_task`] to cancel it, as Python does.
///
/// # Errors
/// [`TimeoutError`] when the time ran out first.
pub async fn wait_for<F: Future>(duration: Duration, future: F) -> Result<F::Output, TimeoutError> {
    timeout(duration, future).await
}

/// [`wait_for`] for a spawned task: on expiry (or if the awaiting task is
/// itself cancelled) the task is cancelled, not just abandoned — what
/// Python's `asyncio.wait_for(task, t)` does to a task it times out.
///
/// # Errors
/// [`TimeoutError`] when the time ran out first; the task has then been
/// cancelled.
pub async fn wait_for_task<T>(
    duration: Duration,
    task: Task<T>,
) -> Result<Result<T, TaskError>, TimeoutError> {
    timeout(duration, CancelOnDrop(task)).await
}

/// Awaits a task; cancels it if dropped first (a no-op once it finished).
struct CancelOnDrop<T>(Task<T>);

impl<T> Future for CancelOnDrop<T> {
    type Output = Result<T, TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(cx)
    }
}

impl<T> Drop for CancelOnDrop<T> {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// The future behind [`wait_for`] (Python 3.11: `async with
/// asyncio.timeout(d)` around one await).
pub fn timeout<F: Future>(duration: Duration, future: F) -> Timeout<F> {
    Timeout {
        future: Some(future),
        timer: Some(sleep(duration)),
    }
}

/// A future with a deadline; see [`wait_for`].
pub struct Timeout<F> {
    /// The awaited future; set to `None` (dropped in place) on expiry.
    future: Option<F>,
    /// The deadline timer; set to `None` (timer cancelled) once decided.
    timer: Option<Sleep>,
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, TimeoutError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // `future` is structurally pinned — never moved out: it is only
        // polled through the `Pin` below and dropped in place by assigning
        // `None`. `Timeout` has no `Drop` impl and is `Unpin` only when `F`
        // is (the auto impl).
        // SAFETY: so unpinning `self` to reach the fields moves nothing.
        let this = unsafe { self.get_unchecked_mut() };
        if let Some(future) = this.future.as_mut() {
            // SAFETY: see above; `future` stays where it is until dropped.
            let future = unsafe { Pin::new_unchecked(future) };
            if let Poll::Ready(value) = future.poll(cx) {
                this.future = None;
                this.timer = None; // cancels the timer now, not at drop
                return Poll::Ready(Ok(value));
            }
        }
        match this.timer.as_mut() {
            Some(timer) => match Pin::new(timer).poll(cx) {
                Poll::Ready(()) => {
                    this.future = None; // expiry cancels the inner future
                    this.timer = None;
                    Poll::Ready(Err(TimeoutError))
                }
                Poll::Pending => Poll::Pending,
            },
            None => panic!("Timeout polled after it completed"),
        }
    }
}
