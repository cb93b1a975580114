//! # errno → Python exception: PEP 3151's table and the C library's texts
//!
//! When a system call fails, CPython builds the exception with
//! `PyErr_SetFromErrno`: the *class* comes from the errno through the table
//! PEP 3151 added in Python 3.3 (`Objects/exceptions.c`, the `ADD_ERRNO`
//! lines of `_PyExc_InitState`), the *text* from the C library's
//! `strerror`, and `str()` of the exception joins them as
//! `[Errno 111] Connection refused`:
//!
//! ```text
//!   connect() fails, errno = 111
//!        │
//!        ├─ class_for_errno(111)  → ConnectionRefusedError   (PEP 3151 table)
//!        ├─ strerror(111)         → "Connection refused"     (C library, at run time)
//!        └─ os_error_text(111)    → "[Errno 111] Connection refused"
//! ```
//!
//! The texts are asked of the C library at run time (`strerror_r`, glibc's
//! XSI variant), exactly as CPython's `os.strerror` does, rather than
//! copied into a table here: a table would be right for one glibc version
//! only. The test `errno_leaf.rs` checks every errno 1..=133 (and a few
//! out-of-range ones) against `python3 -c 'os.strerror(n)'` when python3 is
//! present.
//!
//! The errno *numbers* below are Linux's generic values (x86-64, aarch64,
//! riscv; not the MIPS, SPARC or Alpha ones). Simplification: a port to
//! another Unix would take them from that system's `<errno.h>`.
//!
//! Needs only std (and the C library std already links). No sibling file.
//! The interpreter uses it wherever an `OSError` is raised from an errno:
//! the socket leaf (`modules/socket/`), writes to `sys.stdout`
//! (`BrokenPipeError`), `time.localtime` (`OverflowError`'s cousin
//! `OSError: [Errno 75] ...`).

use std::ffi::{c_char, c_int, CStr};

/// `EPERM`: operation not permitted.
pub const EPERM: i32 = 1;
/// `ENOENT`: no such file or directory.
pub const ENOENT: i32 = 2;
/// `ESRCH`: no such process.
pub const ESRCH: i32 = 3;
/// `EINTR`: interrupted system call.
pub const EINTR: i32 = 4;
/// `EBADF`: bad file descriptor (what a closed socket's calls fail with).
pub const EBADF: i32 = 9;
/// `ECHILD`: no child processes.
pub const ECHILD: i32 = 10;
/// `EAGAIN`, the same number as `EWOULDBLOCK` on Linux.
pub const EAGAIN: i32 = 11;
/// `EWOULDBLOCK`: a non-blocking call would block.
pub const EWOULDBLOCK: i32 = EAGAIN;
/// `EACCES`: permission denied.
pub const EACCES: i32 = 13;
/// `EEXIST`: file exists.
pub const EEXIST: i32 = 17;
/// `ENOTDIR`: not a directory.
pub const ENOTDIR: i32 = 20;
/// `EISDIR`: is a directory.
pub const EISDIR: i32 = 21;
/// `EINVAL`: invalid argument.
pub const EINVAL: i32 = 22;
/// `EPIPE`: broken pipe (writing to a connection the peer closed).
pub const EPIPE: i32 = 32;
/// `EOVERFLOW`: value too large for defined data type.
pub const EOVERFLOW: i32 = 75;
/// `EADDRINUSE`: address already in use.
pub const EADDRINUSE: i32 = 98;
/// `ECONNABORTED`: software caused connection abort.
pub const ECONNABORTED: i32 = 103;
/// `ECONNRESET`: connection reset by peer.
pub const ECONNRESET: i32 = 104;
/// `EISCONN`: transport endpoint is already connected.
pub const EISCONN: i32 = 106;
/// `ENOTCONN`: transport endpoint is not connected.
pub const ENOTCONN: i32 = 107;
/// `ESHUTDOWN`: cannot send after transport endpoint shutdown.
pub const ESHUTDOWN: i32 = 108;
/// `ETIMEDOUT`: connection timed out (the kernel's timeout, not a socket
/// timeout set with `settimeout`).
pub const ETIMEDOUT: i32 = 110;
/// `ECONNREFUSED`: connection refused.
pub const ECONNREFUSED: i32 = 111;
/// `EALREADY`: operation already in progress.
pub const EALREADY: i32 = 114;
/// `EINPROGRESS`: operation now in progress (a non-blocking `connect`).
pub const EINPROGRESS: i32 = 115;

/// The built-in exception class an errno selects: `OSError` itself or one of
/// the subclasses PEP 3151 introduced. Python's hierarchy:
///
/// ```text
///   OSError
///    ├── BlockingIOError, ChildProcessError, FileExistsError,
///    │   FileNotFoundError, InterruptedError, IsADirectoryError,
///    │   NotADirectoryError, PermissionError, ProcessLookupError,
///    │   TimeoutError
///    └── ConnectionError
///         └── BrokenPipeError, ConnectionAbortedError,
///             ConnectionRefusedError, ConnectionResetError
/// ```
// The variants are Python's class names, `Error` suffix included.
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OsErrorClass {
    /// Any errno without a subclass of its own.
    OSError,
    /// `EAGAIN`/`EWOULDBLOCK`, `EALREADY`, `EINPROGRESS`.
    BlockingIOError,
    /// `EPIPE`, `ESHUTDOWN`.
    BrokenPipeError,
    /// `ECHILD`.
    ChildProcessError,
    /// `ECONNABORTED`.
    ConnectionAbortedError,
    /// `ECONNREFUSED`.
    ConnectionRefusedError,
    /// `ECONNRESET`.
    ConnectionResetError,
    /// `EEXIST`.
    FileExistsError,
    /// `ENOENT`.
    FileNotFoundError,
    /// `EISDIR`.
    IsADirectoryError,
    /// `ENOTDIR`.
    NotADirectoryError,
    /// `EINTR`.
    InterruptedError,
    /// `EACCES`, `EPERM`.
    PermissionError,
    /// `ESRCH`.
    ProcessLookupError,
    /// `ETIMEDOUT`. (A socket *timeout* is also a `TimeoutError`, but one
    /// without an errno: see the socket leaf.)
    TimeoutError,
}

impl OsErrorClass {
    /// The class's Python name, as a traceback prints it.
    pub fn name(self) -> &'static str {
        match self {
            OsErrorClass::OSError => "OSError",
            OsErrorClass::BlockingIOError => "BlockingIOError",
            OsErrorClass::BrokenPipeError => "BrokenPipeError",
            OsErrorClass::ChildProcessError => "ChildProcessError",
            OsErrorClass::ConnectionAbortedError => "ConnectionAbortedError",
            OsErrorClass::ConnectionRefusedError => "ConnectionRefusedError",
            OsErrorClass::ConnectionResetError => "ConnectionResetError",
            OsErrorClass::FileExistsError => "FileExistsError",
            OsErrorClass::FileNotFoundError => "FileNotFoundError",
            OsErrorClass::IsADirectoryError => "IsADirectoryError",
            OsErrorClass::NotADirectoryError => "NotADirectoryError",
            OsErrorClass::InterruptedError => "InterruptedError",
            OsErrorClass::PermissionError => "PermissionError",
            OsErrorClass::ProcessLookupError => "ProcessLookupError",
            OsErrorClass::TimeoutError => "TimeoutError",
        }
    }

    /// True for the four subclasses of `ConnectionError` (so that
    /// `except ConnectionError:` catches them).
    pub fn is_connection_error(self) -> bool {
        matches!(
            self,
            OsErrorClass::BrokenPipeError
                | OsErrorClass::ConnectionAbortedError
                | OsErrorClass::ConnectionRefusedError
                | OsErrorClass::ConnectionResetError
        )
    }
}

/// PEP 3151's table: the class `OSError(errno, text)` turns into.
/// The order of the arms follows CPython's `ADD_ERRNO` lines.
pub fn class_for_errno(errno: i32) -> OsErrorClass {
    match errno {
        EAGAIN | EALREADY | EINPROGRESS => OsErrorClass::BlockingIOError,
        EPIPE | ESHUTDOWN => OsErrorClass::BrokenPipeError,
        ECHILD => OsErrorClass::ChildProcessError,
        ECONNABORTED => OsErrorClass::ConnectionAbortedError,
        ECONNREFUSED => OsErrorClass::ConnectionRefusedError,
        ECONNRESET => OsErrorClass::ConnectionResetError,
        EEXIST => OsErrorClass::FileExistsError,
        ENOENT => OsErrorClass::FileNotFoundError,
        EISDIR => OsErrorClass::IsADirectoryError,
        ENOTDIR => OsErrorClass::NotADirectoryError,
        EINTR => OsErrorClass::InterruptedError,
        EACCES | EPERM => OsErrorClass::PermissionError,
        ESRCH => OsErrorClass::ProcessLookupError,
        ETIMEDOUT => OsErrorClass::TimeoutError,
        _ => OsErrorClass::OSError,
    }
}

extern "C" {
    // glibc exports two functions under the C name `strerror_r`: the GNU one
    // (returns a `char *`) and the POSIX/XSI one (fills the buffer, returns
    // an int), whose symbol is `__xpg_strerror_r`. We want the XSI one, as
    // std itself does; other C libraries export only the XSI one.
    #[cfg_attr(
        all(target_os = "linux", target_env = "gnu"),
        link_name = "__xpg_strerror_r"
    )]
    fn strerror_r(errnum: c_int, buf: *mut c_char, buflen: usize) -> c_int;
}

/// The C library's text for `errno`, as Python's `os.strerror(errno)`
/// gives it: `strerror(111)` is `"Connection refused"`, an unknown number
/// is glibc's `"Unknown error 134"`.
pub fn strerror(errno: i32) -> String {
    // 1024 bytes: far more than the longest glibc message (under 60). A
    // text that filled the buffer would have no NUL and fall back below.
    let mut buf = [0u8; 1024];
    // The status is not needed: for an unknown errno glibc returns EINVAL
    // *and* writes "Unknown error N", which is the text Python shows; other
    // C libraries may leave the buffer empty, handled just below.
    // SAFETY: `buf` is a writable array of `buf.len()` bytes that outlives
    // the call; strerror_r writes at most `buflen` bytes into it, including
    // the terminating NUL, and keeps no pointer to it.
    unsafe { strerror_r(errno, buf.as_mut_ptr().cast::<c_char>(), buf.len()) };
    match CStr::from_bytes_until_nul(&buf) {
        Ok(text) if !text.is_empty() => text.to_string_lossy().into_owned(),
        _ => format!("Unknown error {errno}"),
    }
}

/// `str()` of `OSError(errno, strerror(errno))`: `[Errno 111] Connection refused`.
pub fn os_error_text(errno: i32) -> String {
    format!("[Errno {errno}] {}", strerror(errno))
}
