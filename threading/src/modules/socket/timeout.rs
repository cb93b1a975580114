//! # Socket timeouts: CPython's three modes and its `sock_call_ex` loop
//!
//! A Python socket is in one of three modes, set by `settimeout`:
//!
//! | `settimeout(x)` | [`Timeout`] | the fd | a call that cannot finish now |
//! |---|---|---|---|
//! | `None` | `Blocking` | blocking | waits in the kernel, forever |
//! | `0.0` | `NonBlocking` | `O_NONBLOCK` | fails at once: `BlockingIOError` (`EAGAIN`) |
//! | `> 0` | `After(d)` | `O_NONBLOCK` | waits in `poll(2)` up to `d`, then `TimeoutError: timed out` |
//!
//! The third mode is the interesting one. The fd is non-blocking even
//! though Python code sees a blocking call; CPython's `sock_call_ex`
//! (`Modules/socketmodule.c`) makes it block by waiting for readiness
//! first, and [`call_with_timeout`] is that function:
//!
//! ```text
//!   deadline = now + timeout                      (once, at the start)
//!   loop:
//!     poll(fd, POLLIN or POLLOUT, deadline - now)   ── nothing in time → Timeout
//!        └─ EINTR → poll again (with the time left)
//!     loop: the syscall                             ── success → return it
//!        └─ EINTR → call again
//!     EWOULDBLOCK after a "ready" poll? a false positive (the data was
//!        dropped, say for a bad checksum): back to poll
//!     any other errno → Os(errno)
//! ```
//!
//! In the other two modes the poll step is skipped (except for `connect`,
//! see `tcp.rs`) and the syscall alone decides. One deadline covers the
//! whole call, so a call that keeps being woken for nothing still ends on
//! time; `sendall` shares one deadline across its partial sends.
//!
//! ## How the interpreter runs it (the GIL)
//! [`call_with_timeout`] touches no interpreter state: the interpreter runs
//! the whole Socket method that calls it inside its "release the GIL, do
//! this, retake the GIL" helper. Simplification: CPython releases the GIL
//! twice, once around `poll` and once around the syscall, retaking it in
//! between (where it also runs signal handlers, which MiniPy does not
//! have: we simply retry after `EINTR`); here both happen in one release,
//! which saves a GIL round trip and changes nothing a Python program can
//! observe.
//!
//! Needs `sys.rs` (the `poll` wrapper) and `error.rs`.

use super::errno::{EINTR, EWOULDBLOCK};
use super::error::{BuiltinClass, SocketError};
use super::sys::{self, Errno, RawFd};
use std::time::{Duration, Instant};

/// Nanoseconds per second, as CPython's `_PyTime_t` counts.
const NANOS_PER_SEC: i64 = 1_000_000_000;

/// A socket's mode: see the table in this file's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeout {
    /// `settimeout(None)`, the default: calls block in the kernel.
    Blocking,
    /// `settimeout(0.0)` / `setblocking(False)`: calls never wait.
    NonBlocking,
    /// `settimeout(x)` with `x > 0`: calls wait in `poll` up to this long.
    After(Duration),
}

impl Timeout {
    /// `settimeout(x)` for a float `x`, with CPython's checks and rounding
    /// (`_PyTime_FromSecondsObject` rounding away from zero, to whole
    /// nanoseconds): `1e-10` becomes 1 ns, `-1e-10` is out of range.
    pub fn from_seconds_f64(seconds: f64) -> Result<Timeout, SocketError> {
        if seconds.is_nan() {
            let message = "Invalid value NaN (not a number)";
            return Err(SocketError::builtin(BuiltinClass::ValueError, message));
        }
        let nanos = seconds * 1e9;
        let nanos = if nanos >= 0.0 {
            nanos.ceil()
        } else {
            nanos.floor()
        };
        // i64's range as doubles: [-2**63, 2**63).
        if !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&nanos) {
            let message = "timestamp out of range for platform time_t";
            return Err(SocketError::builtin(BuiltinClass::OverflowError, message));
        }
        Timeout::from_nanos(nanos as i64)
    }

    /// `settimeout(n)` for an int `n` (an int too large for `i64` is the
    /// caller's `OverflowError` with [`Timeout::INT_OVERFLOW_MESSAGE`]).
    pub fn from_seconds_i64(seconds: i64) -> Result<Timeout, SocketError> {
        match seconds.checked_mul(NANOS_PER_SEC) {
            Some(nanos) => Timeout::from_nanos(nanos),
            None => Err(SocketError::builtin(
                BuiltinClass::OverflowError,
                Timeout::INT_OVERFLOW_MESSAGE,
            )),
        }
    }

    /// CPython's message for an int timeout whose nanoseconds overflow.
    pub const INT_OVERFLOW_MESSAGE: &'static str = "timestamp too large to convert to C _PyTime_t";

    /// The mode for a timeout in nanoseconds (negative: out of range).
    fn from_nanos(nanos: i64) -> Result<Timeout, SocketError> {
        match nanos {
            n if n < 0 => Err(SocketError::builtin(
                BuiltinClass::ValueError,
                "Timeout value out of range",
            )),
            0 => Ok(Timeout::NonBlocking),
            n => Ok(Timeout::After(Duration::from_nanos(n as u64))),
        }
    }

    /// `gettimeout()`: `None`, `0.0` or the seconds as CPython's
    /// `_PyTime_AsSecondsDouble` computes them (so `settimeout(0.05)` reads
    /// back as `0.05`).
    pub fn as_seconds(self) -> Option<f64> {
        match self {
            Timeout::Blocking => None,
            Timeout::NonBlocking => Some(0.0),
            Timeout::After(duration) => {
                let nanos = duration.as_nanos() as i64;
                if nanos % NANOS_PER_SEC == 0 {
                    Some((nanos / NANOS_PER_SEC) as f64)
                } else {
                    Some(nanos as f64 / 1e9)
                }
            }
        }
    }

    /// `getblocking()`: false only in non-blocking mode.
    pub fn is_blocking(self) -> bool {
        self != Timeout::NonBlocking
    }

    /// Whether the fd itself must be `O_NONBLOCK` in this mode.
    pub fn fd_nonblocking(self) -> bool {
        self != Timeout::Blocking
    }

    /// The encoding kept in `Socket`'s atomic: -1 blocking, 0 non-blocking,
    /// otherwise nanoseconds (saturating at `i64::MAX`, ~292 years).
    pub(super) fn to_code(self) -> i64 {
        match self {
            Timeout::Blocking => -1,
            Timeout::NonBlocking => 0,
            Timeout::After(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX).max(1),
        }
    }

    /// The inverse of [`Timeout::to_code`].
    pub(super) fn from_code(code: i64) -> Timeout {
        match code {
            c if c < 0 => Timeout::Blocking,
            0 => Timeout::NonBlocking,
            c => Timeout::After(Duration::from_nanos(c as u64)),
        }
    }
}

/// What a call waits for before trying its syscall.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readiness {
    /// `recv`, `accept`: wait for `POLLIN`.
    Readable,
    /// `send`: wait for `POLLOUT`.
    Writable,
    /// A `connect` in progress: `POLLOUT | POLLERR` (a failed connect is
    /// reported as an error condition).
    ConnectDone,
}

/// When the wait step runs and how long it may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// No wait step: go straight to the syscall (blocking and
    /// non-blocking modes).
    None,
    /// Wait with no limit (a blocking `connect` interrupted by a signal
    /// finishes in the background; CPython then polls without a timeout).
    Forever,
    /// Wait up to the deadline, then fail with `Timeout`.
    Until(Instant),
}

impl Wait {
    /// The wait a call in `mode` makes: a deadline from now in timeout
    /// mode, none otherwise.
    pub fn for_mode(mode: Timeout) -> Wait {
        match mode {
            Timeout::After(limit) => match Instant::now().checked_add(limit) {
                Some(deadline) => Wait::Until(deadline),
                // Centuries away: the same as no limit.
                None => Wait::Forever,
            },
            Timeout::Blocking | Timeout::NonBlocking => Wait::None,
        }
    }
}

/// CPython's `sock_call_ex`: wait for `readiness` as `wait` says, then run
/// `attempt` (one syscall), with the retries in this file's header.
/// `false_positive_retry` is true in timeout mode, where an `EWOULDBLOCK`
/// after a successful poll means "poll again".
pub fn call_with_timeout<T>(
    fd: RawFd,
    readiness: Readiness,
    wait: Wait,
    mut attempt: impl FnMut() -> Result<T, Errno>,
) -> Result<T, SocketError> {
    let false_positive_retry = matches!(wait, Wait::Until(_));
    loop {
        wait_until_ready(fd, readiness, wait)?;
        let errno = loop {
            match attempt() {
                Ok(value) => return Ok(value),
                Err(EINTR) => continue,
                Err(errno) => break errno,
            }
        };
        if false_positive_retry && errno == EWOULDBLOCK {
            continue;
        }
        return Err(SocketError::Os(errno));
    }
}

/// The wait step of [`call_with_timeout`] (CPython's `internal_select`):
/// returns when `fd` is ready, fails with `Timeout` when the deadline
/// passes first.
fn wait_until_ready(fd: RawFd, readiness: Readiness, wait: Wait) -> Result<(), SocketError> {
    let events = match readiness {
        Readiness::Readable => sys::POLLIN,
        Readiness::Writable => sys::POLLOUT,
        Readiness::ConnectDone => sys::POLLOUT | sys::POLLERR,
    };
    loop {
        let (timeout_ms, clamped) = match wait {
            Wait::None => return Ok(()),
            Wait::Forever => (-1, false),
            Wait::Until(deadline) => {
                let now = Instant::now();
                if now > deadline {
                    return Err(SocketError::Timeout);
                }
                // Round up, as CPython's `_PyTime_ROUND_CEILING`: a wait
                // shorter than asked for would report a timeout early.
                let nanos = (deadline - now).as_nanos();
                let millis = nanos.div_ceil(1_000_000);
                match i32::try_from(millis) {
                    Ok(ms) => (ms, false),
                    Err(_) => (i32::MAX, true),
                }
            }
        };
        match sys::poll_one(fd, events, timeout_ms) {
            Ok(true) => return Ok(()),
            // A wait longer than poll's ~24 days: go round again.
            Ok(false) if clamped => continue,
            Ok(false) => return Err(SocketError::Timeout),
            Err(EINTR) => continue,
            Err(errno) => return Err(SocketError::Os(errno)),
        }
    }
}
