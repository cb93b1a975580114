//! The crate's error type, and the two small enums callers branch on.
//!
//! | Rust | Python |
//! |---|---|
//! | [`TaskError::Cancelled`] | `asyncio.CancelledError` |
//! | [`TaskError::Panicked`] | any exception escaping a task (`task.exception()`) |
//! | [`TimeoutError`] | `TimeoutError` raised by `asyncio.wait_for` / `asyncio.timeout` |
//! | [`Error`] | everything else: `OSError`, `RuntimeError`, `QueueFull`, ... |
//!
//! A task's own outcome is a [`TaskError`] rather than an [`Error`] because
//! callers match on it (was the task cancelled, or did it fail?). An
//! [`Error`] is what the crate's other fallible calls return; it wraps the
//! other two so `?` carries them along.
//!
//! Needs: nothing but std (and `nix`, for `From<nix::Error>`).

use std::fmt;

/// Why awaiting a [`Task`](crate::Task) gave no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskError {
    /// The task was cancelled (`task.cancel()`, a `TaskGroup` sibling
    /// failing, or the loop shutting down) and its future was dropped.
    Cancelled,
    /// The task's future panicked; the message is the panic payload when
    /// it was a string. The loop caught it and went on (Python: the
    /// exception is stored on the task and re-raised by `await task`).
    Panicked(String),
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskError::Cancelled => write!(f, "task was cancelled"),
            TaskError::Panicked(msg) => write!(f, "task panicked: {msg}"),
        }
    }
}

impl std::error::Error for TaskError {}

/// `wait_for`/`timeout` ran out of time; the inner future was dropped
/// (cancelled) before this error was returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeoutError;

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "timed out; the awaited future was cancelled")
    }
}

impl std::error::Error for TimeoutError {}

/// Every other failure the crate reports.
#[derive(Debug)]
pub enum Error {
    /// An operating-system call failed (epoll, eventfd, sockets).
    Io(std::io::Error),
    /// A task ended without a value.
    Task(TaskError),
    /// A timeout expired.
    Timeout(TimeoutError),
    /// `run` was called from inside a running loop (Python: `RuntimeError:
    /// asyncio.run() cannot be called from a running event loop`).
    NestedRun,
    /// `Queue::put_nowait` on a full queue (Python: `asyncio.QueueFull`).
    QueueFull,
    /// `Queue::get_nowait` on an empty queue (Python: `asyncio.QueueEmpty`).
    QueueEmpty,
    /// `Queue::task_done` called more times than items were put (Python:
    /// `ValueError: task_done() called too many times`).
    TaskDoneTooManyTimes,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "I/O error: {e}"),
            Error::Task(e) => write!(f, "{e}"),
            Error::Timeout(e) => write!(f, "{e}"),
            Error::NestedRun => write!(f, "run() cannot be called from a running event loop"),
            Error::QueueFull => write!(f, "queue is full"),
            Error::QueueEmpty => write!(f, "queue is empty"),
            Error::TaskDoneTooManyTimes => write!(f, "task_done() called too many times"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::Task(e) => Some(e),
            Error::Timeout(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Io(e)
    }
}

impl From<nix::Error> for Error {
    fn from(e: nix::Error) -> Error {
        Error::Io(std::io::Error::from(e))
    }
}

impl From<TaskError> for Error {
    fn from(e: TaskError) -> Error {
        Error::Task(e)
    }
}

impl From<TimeoutError> for Error {
    fn from(e: TimeoutError) -> Error {
        Error::Timeout(e)
    }
}

/// Turns a caught panic payload into the message a [`TaskError::Panicked`]
/// carries (`&str` and `String` payloads are kept; anything else is named).
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_owned()
    }
}
