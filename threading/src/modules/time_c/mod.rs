//! # What Python's `time` module needs beyond std: calendars and strftime
//!
//! std gives clocks (`SystemTime`, `Instant`: enough for `time.time`,
//! `monotonic`, `perf_counter`, `sleep` and the `_ns` forms, which the
//! interpreter builds directly), but no CPU clock (`cpu_clock.rs`). What
//! it lacks above all is the *calendar*: broken-down
//! local time with the system's time-zone database, and `strftime`. CPython
//! (`Modules/timemodule.c`) asks the C library for both, and so does this
//! leaf, through `extern "C"` declarations of `localtime_r`, `gmtime_r`,
//! `mktime` and `strftime` — so `TZ=America/New_York` and `%c` behave here
//! exactly as under CPython on the same machine.
//!
//! ```text
//!   Python                               Rust (this leaf)
//!   ──────────────────────────────────   ─────────────────────────────────────────
//!   time.localtime(secs)                 localtime(secs)          → StructTime
//!   time.gmtime(secs)                    gmtime(secs)             → StructTime
//!   time.localtime() (no argument)       localtime(now_seconds())
//!   time.localtime(1.5) (a float)        localtime(time_t_from_f64(1.5)?)
//!   time.mktime(t)                       mktime(&t)               → f64
//!   time.strftime(fmt, t)                strftime(fmt, &t)        → String
//!   time.strftime(fmt)                   strftime(fmt, &localtime(now_seconds())?)
//!   time.asctime(t) / time.ctime(secs)   asctime(&t) / ctime(secs)
//!   struct_time repr                     StructTime::python_repr()
//!   OSError: [Errno 75] ...              TimeError::Os(75)
//! ```
//!
//! ## Files
//! | file | mechanism |
//! |---|---|
//! | `mod.rs` | `TimeError`, the one error type, and the map above |
//! | `tm.rs` | C's `struct tm` ↔ Python's `struct_time`: `localtime`, `gmtime`, `mktime`, and CPython's argument checks (`gettmarg`, `checktm`) |
//! | `format.rs` | `strftime` with CPython's buffer loop, `asctime`/`ctime` in CPython's own format |
//! | `cpu_clock.rs` | `process_time`'s and `thread_time`'s CPU clocks (`clock_gettime`) |
//!
//! ## How the interpreter uses it
//! Plain calls with the GIL held: CPython does not release the GIL around
//! these (they do not wait). The interpreter converts a Python tuple or
//! `struct_time` to [`StructTime`] (its fields are Python ints; a tuple of
//! the wrong length is [`TimeError::illegal_tuple`], a non-tuple
//! [`TimeError::tuple_required`]) and a result back to a `struct_time`.
//!
//! Needs std, the C library std links, and the sibling leaf
//! `modules/errno.rs` (the text of `OSError`, reached as `super::errno`; a
//! test including this module with `#[path]` includes `errno.rs` beside
//! it). Platform: 64-bit Linux, glibc or musl (`time_t` is 64 bits and
//! `struct tm` ends with `tm_gmtoff` and `tm_zone`).

// The sibling leaf, visible to the files below as `super::errno`.
use super::errno;

pub mod cpu_clock;
pub mod format;
pub mod tm;

pub use cpu_clock::{cpu_time_ns, CpuClock};
pub use format::{asctime, ctime, strftime};
pub use tm::{gmtime, localtime, mktime, now_seconds, time_t_from_f64, StructTime};

use std::fmt;

/// Everything `time` raises, as CPython 3.11 words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeError {
    /// The C library failed with this errno: `OSError`, e.g. `[Errno 75]
    /// Value too large for defined data type` for a year beyond `int`.
    Os(i32),
    /// `ValueError` (`month out of range`, `embedded null character`, ...).
    Value(String),
    /// `OverflowError` (`timestamp out of range for platform time_t`, ...).
    Overflow(String),
    /// `TypeError` (`Tuple or struct_time argument required`, ...).
    Type(String),
}

impl TimeError {
    /// `TypeError: <caller>(): illegal time tuple argument`: a tuple whose
    /// length is not 9, or whose items are not ints.
    pub fn illegal_tuple(caller: &str) -> TimeError {
        TimeError::Type(format!("{caller}(): illegal time tuple argument"))
    }

    /// `TypeError: Tuple or struct_time argument required`: not a tuple.
    pub fn tuple_required() -> TimeError {
        TimeError::Type("Tuple or struct_time argument required".to_string())
    }

    /// `OverflowError` for a seconds value outside `time_t` (the
    /// interpreter raises it for an int beyond `i64`).
    pub fn time_t_overflow() -> TimeError {
        TimeError::Overflow("timestamp out of range for platform time_t".to_string())
    }

    /// The Python class name.
    pub fn class_name(&self) -> &'static str {
        match self {
            TimeError::Os(_) => "OSError",
            TimeError::Value(_) => "ValueError",
            TimeError::Overflow(_) => "OverflowError",
            TimeError::Type(_) => "TypeError",
        }
    }
}

impl fmt::Display for TimeError {
    /// `str(e)`; for `Os`, `[Errno 75] Value too large for defined data type`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::Os(code) => f.write_str(&errno::os_error_text(*code)),
            TimeError::Value(message) | TimeError::Overflow(message) | TimeError::Type(message) => {
                f.write_str(message)
            }
        }
    }
}

impl std::error::Error for TimeError {}
