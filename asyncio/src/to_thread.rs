//! `to_thread`: run a blocking closure on a thread pool and await it.
//!
//! ```text
//!   loop thread                        pool thread
//!   to_thread(f).await
//!     ├─ push job ──────────────────▶  job queue ─▶ r = catch_unwind(f)
//!     └─ Pending (waker in slot)                    slot.result = r
//!                                                   slot.waker.wake()
//!   epoll_wait returns ◀── eventfd ◀── waker's Remote path (inbox + write)
//!   task polled again ─▶ takes r
//! ```
//!
//! The pool starts threads on demand up to [`MAX_WORKERS`] (Python's
//! `ThreadPoolExecutor` default, `min(32, cpus + 4)`), and a thread that
//! finds no job parks on a condvar. The completion crosses threads through
//! the waker: on a pool thread, `wake` takes the loop's remote path — push
//! into its inbox, write its eventfd once — and `epoll_wait` returns.
//!
//! Cancelling a task that awaits `to_thread` cannot stop the closure (a
//! thread cannot be interrupted safely); its result is dropped when it
//! arrives, as Python's `to_thread` behaves.
//!
//! Simplification: one process-wide pool whose threads live until the
//! process exits. asyncio gives each loop a default executor and shuts it
//! down at the end of `asyncio.run`.
//!
//! Needs: `error.rs`; the loop is reached only through the waker (its
//! cross-thread road, `waker.rs`).

use crate::error::{panic_message, TaskError};
use std::collections::VecDeque;
use std::future::poll_fn;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::task::{Poll, Waker};

/// A job for the pool.
type Job = Box<dyn FnOnce() + Send>;

/// The most threads the pool starts. Unset, it becomes `min(32, cpus +
/// 4)` at the first `to_thread`; to choose another bound, set it before
/// that (`MAX_WORKERS.set(8)`), as `ThreadPoolExecutor(max_workers=8)`
/// would.
pub static MAX_WORKERS: OnceLock<usize> = OnceLock::new();

/// `min(32, cpus + 4)`, as Python's default executor.
fn max_workers() -> usize {
    let configured = *MAX_WORKERS.get_or_init(|| {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        (cpus + 4).min(32)
    });
    // A bound of 0 would queue jobs that no thread ever runs.
    configured.max(1)
}

/// The pool's queue and thread counts, under one mutex.
#[derive(Default)]
struct PoolState {
    /// Jobs not yet taken by a thread.
    jobs: VecDeque<Job>,
    /// Threads parked waiting for a job.
    idle: usize,
    /// Threads started.
    threads: usize,
}

/// The process-wide pool.
#[derive(Default)]
struct Pool {
    /// Queue and counts.
    state: Mutex<PoolState>,
    /// Signalled when a job is pushed.
    job_ready: Condvar,
}

/// The pool, created on first use.
fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(Pool::default)
}

impl Pool {
    /// Queues `job`, waking an idle thread or starting a new one.
    fn submit(&'static self, job: Job) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.jobs.push_back(job);
        if state.idle > 0 {
            self.job_ready.notify_one();
            return;
        }
        if state.threads < max_workers() {
            state.threads += 1;
            let started = std::thread::Builder::new()
                .name("asyncio-to-thread".into())
                .spawn(move || self.work());
            if started.is_err() {
                state.threads -= 1;
                if state.threads == 0 {
                    // No thread at all: run it here rather than never.
                    let job = state.jobs.pop_back();
                    drop(state);
                    if let Some(job) = job {
                        job();
                    }
                }
            }
        }
    }

    /// A pool thread's loop: take a job, run it, repeat.
    fn work(&self) {
        loop {
            let job = {
                let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
                loop {
                    if let Some(job) = state.jobs.pop_front() {
                        break job;
                    }
                    state.idle += 1;
                    state = self
                        .job_ready
                        .wait(state)
                        .unwrap_or_else(|p| p.into_inner());
                    state.idle -= 1;
                }
            };
            job();
        }
    }
}

/// Where a pool thread leaves the result for the awaiting task.
struct Slot<T> {
    /// The result (or panic) once the closure ran.
    result: Option<std::thread::Result<T>>,
    /// The waker of the task awaiting it.
    waker: Option<Waker>,
}

/// Runs `f` on the thread pool and awaits its result (Python:
/// `await asyncio.to_thread(f)`). The closure is submitted when the future
/// is first polled. A panic in `f` becomes `Err(TaskError::Panicked)`.
///
/// # Errors
/// `TaskError::Panicked` when `f` panicked.
pub async fn to_thread<T, F>(f: F) -> Result<T, TaskError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let slot = Arc::new(Mutex::new(Slot {
        result: None,
        waker: None,
    }));
    let for_thread = Arc::clone(&slot);
    pool().submit(Box::new(move || {
        let result = catch_unwind(AssertUnwindSafe(f));
        let waker = {
            let mut slot = for_thread.lock().unwrap_or_else(|p| p.into_inner());
            slot.result = Some(result);
            slot.waker.take()
        };
        // Wake after unlocking: the loop's poll takes this same mutex.
        if let Some(waker) = waker {
            waker.wake();
        }
    }));
    let result = poll_fn(|cx| {
        let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
        match slot.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    })
    .await;
    result.map_err(|payload| TaskError::Panicked(panic_message(&*payload)))
}
