//! The crate's one error type.
//!
//! Every fallible call in this crate returns [`Result<T>`](Result). The
//! variants are the ones a caller branches on: a closed peer is the normal
//! end of a stream, a dead worker is a fault the pool survives, a panicking
//! task is the task's own bug.
//!
//! Needs nothing of the crate (the bottom layer, beside `sys.rs`).
//!
//! Python equivalent: the exceptions `multiprocessing` raises —
//! `EOFError` ([`Error::Closed`]), `OSError` ([`Error::Io`]),
//! `pickle.UnpicklingError` ([`Error::Decode`]), `AuthenticationError`
//! ([`Error::AuthenticationError`]), `TimeoutError`
//! ([`Error::Timeout`]), the task's own exception re-raised by
//! `AsyncResult.get` ([`Error::TaskPanicked`]), and `ValueError("Pool not
//! running")` ([`Error::PoolClosed`]). [`Error::WorkerDied`] has no CPython
//! counterpart: `Pool` hangs forever instead (bpo-22393).

use std::fmt;

/// How a child process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ExitCause {
    /// It called `_exit(code)` (or returned from its target: code 0).
    Code(i32),
    /// It was killed by this signal number (CPython reports `-signal`).
    Signal(i32),
}

impl ExitCause {
    /// CPython's `Process.exitcode`: the exit code, or minus the signal number.
    pub fn exitcode(self) -> i32 {
        match self {
            ExitCause::Code(code) => code,
            ExitCause::Signal(signal) => -signal,
        }
    }
}

impl fmt::Display for ExitCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExitCause::Code(code) => write!(f, "exit code {code}"),
            ExitCause::Signal(signal) => write!(f, "signal {signal}"),
        }
    }
}

/// Everything that can go wrong in this crate.
// `AuthenticationError` keeps Python's exception name (the one variant a
// reader of `multiprocessing.connection` looks for); clippy would rather
// it did not repeat the enum's name.
#[allow(clippy::enum_variant_names)]
#[derive(Debug)]
pub enum Error {
    /// The peer closed its end cleanly between messages (Python's `EOFError`).
    Closed,
    /// An operating-system error, or a frame torn in the middle (the peer
    /// vanished after sending part of a message).
    Io(std::io::Error),
    /// The bytes of a complete frame are not a valid encoding of the expected
    /// type (bincode said no), or the frame had bytes left over.
    Decode(String),
    /// Encoding a value failed (a serde `Serialize` impl returned an error).
    Encode(String),
    /// A frame announced more bytes than the connection's maximum message
    /// size. Nothing was allocated; the stream is no longer in step and the
    /// connection should be dropped.
    TooLarge {
        /// The length the frame header announced.
        announced: u64,
        /// The connection's limit.
        limit: usize,
    },
    /// A wait with a timeout ran out (Python's `TimeoutError`).
    Timeout,
    /// The worker holding this task died before answering.
    WorkerDied {
        /// The dead worker's process id.
        pid: i32,
        /// How it ended.
        cause: ExitCause,
    },
    /// The worker holding this task sent bytes that break the link protocol
    /// (a negative or oversized frame length, a result for a task it does not
    /// hold, a wrong item count). The pool killed and replaced it; only the
    /// task it was running fails with this error.
    Protocol {
        /// The worker's process id.
        pid: i32,
        /// What was wrong with its bytes.
        reason: String,
    },
    /// The task panicked inside the worker; the message is the panic payload.
    /// The worker caught the panic and keeps serving.
    TaskPanicked(String),
    /// The peer of a `Listener`/`Client` handshake did not prove it knows
    /// the authkey (Python's `multiprocessing.AuthenticationError`), or
    /// broke the handshake protocol. The message says which.
    AuthenticationError(String),
    /// The pool no longer accepts work (`close` or `terminate` was called).
    PoolClosed,
    /// A process was used in the wrong state (started twice, joined before
    /// start, ...): Python's `AssertionError`/`ValueError` from `Process`.
    State(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Closed => write!(f, "peer closed the connection"),
            Error::Io(err) => write!(f, "I/O error: {err}"),
            Error::Decode(msg) => write!(f, "cannot decode message: {msg}"),
            Error::Encode(msg) => write!(f, "cannot encode message: {msg}"),
            Error::TooLarge { announced, limit } => {
                write!(f, "frame of {announced} bytes exceeds the limit of {limit}")
            }
            Error::Timeout => write!(f, "timed out"),
            Error::WorkerDied { pid, cause } => write!(f, "worker {pid} died ({cause})"),
            Error::Protocol { pid, reason } => {
                write!(
                    f,
                    "worker {pid} broke the link protocol ({reason}) and was killed"
                )
            }
            Error::TaskPanicked(msg) => write!(f, "task panicked: {msg}"),
            Error::AuthenticationError(msg) => write!(f, "authentication failed: {msg}"),
            Error::PoolClosed => write!(f, "pool not running"),
            Error::State(msg) => write!(f, "invalid state: {msg}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(err) => Some(err),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Io(err)
    }
}

impl From<nix::Error> for Error {
    fn from(err: nix::Error) -> Self {
        Error::Io(std::io::Error::from_raw_os_error(err as i32))
    }
}

impl Clone for Error {
    /// A pool hands the same failure (say, one dead worker) to every task of a
    /// chunk, so errors are cloneable; an `io::Error` is cloned by kind and text.
    fn clone(&self) -> Self {
        match self {
            Error::Closed => Error::Closed,
            Error::Io(err) => Error::Io(match err.raw_os_error() {
                Some(code) => std::io::Error::from_raw_os_error(code),
                None => std::io::Error::new(err.kind(), err.to_string()),
            }),
            Error::Decode(msg) => Error::Decode(msg.clone()),
            Error::Encode(msg) => Error::Encode(msg.clone()),
            Error::TooLarge { announced, limit } => Error::TooLarge {
                announced: *announced,
                limit: *limit,
            },
            Error::Timeout => Error::Timeout,
            Error::WorkerDied { pid, cause } => Error::WorkerDied {
                pid: *pid,
                cause: *cause,
            },
            Error::Protocol { pid, reason } => Error::Protocol {
                pid: *pid,
                reason: reason.clone(),
            },
            Error::TaskPanicked(msg) => Error::TaskPanicked(msg.clone()),
            Error::AuthenticationError(msg) => Error::AuthenticationError(msg.clone()),
            Error::PoolClosed => Error::PoolClosed,
            Error::State(msg) => Error::State(msg),
        }
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
