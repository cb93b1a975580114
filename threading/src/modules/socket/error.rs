//! # What a socket call raises
//!
//! Every failure of this leaf is one `SocketError`, and every variant is
//! one Python exception, named and worded as CPython 3.11 words it:
//!
//! | variant | Python exception | `str(e)` |
//! |---|---|---|
//! | `Timeout` | `TimeoutError` (alias `socket.timeout`), no errno | `timed out` |
//! | `Os(111)` | PEP 3151's class for the errno: `ConnectionRefusedError` | `[Errno 111] Connection refused` |
//! | `AddressLookup` | `socket.gaierror` (an `OSError`) | `[Errno -2] Name or service not known` |
//! | `Builtin` | `OverflowError`, `ValueError`, `TypeError`, `MemoryError`, or a bare `OSError(message)` | the message |
//!
//! The two `TimeoutError`s differ: a socket timeout has `e.errno is None`
//! and `args == ('timed out',)`; the kernel's `ETIMEDOUT` is
//! `TimeoutError(110, 'Connection timed out')`. Callers that branch on
//! "was it a timeout" test [`SocketError::is_timeout`], which is true only
//! for the first.
//!
//! Needs the sibling leaf `modules/errno.rs` (class and text of an errno),
//! reached as `super::errno` from `socket/mod.rs`.

use super::errno::{class_for_errno, os_error_text, strerror};
use std::fmt;

/// A built-in exception class that is not chosen by an errno.
// The variants are Python's class names, `Error` suffix included.
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinClass {
    /// A wrong argument type (`host name must not contain null character`).
    TypeError,
    /// A wrong argument value (`Timeout value out of range`).
    ValueError,
    /// A number out of range (`bind(): port must be 0-65535.`).
    OverflowError,
    /// A `recv(n)` buffer that cannot be allocated.
    MemoryError,
    /// `OSError(message)` with no errno (`getaddrinfo returns an empty list`).
    OSError,
}

impl BuiltinClass {
    /// The class's Python name.
    pub fn name(self) -> &'static str {
        match self {
            BuiltinClass::TypeError => "TypeError",
            BuiltinClass::ValueError => "ValueError",
            BuiltinClass::OverflowError => "OverflowError",
            BuiltinClass::MemoryError => "MemoryError",
            BuiltinClass::OSError => "OSError",
        }
    }
}

/// The one error type of the socket leaf: see the table in this file's
/// header for the exception each variant becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SocketError {
    /// The socket's timeout (`settimeout`) expired: `TimeoutError: timed out`.
    Timeout,
    /// A system call failed with this errno.
    Os(i32),
    /// Name resolution failed: `socket.gaierror(code, message)`, where
    /// `code` is one of the C library's negative `EAI_*` values.
    AddressLookup {
        /// The `EAI_*` code, e.g. -2 (`EAI_NONAME`).
        code: i32,
        /// `gai_strerror(code)`, e.g. `Name or service not known`.
        message: String,
    },
    /// A non-`OSError` built-in exception (or a message-only `OSError`).
    Builtin {
        /// Which exception.
        class: BuiltinClass,
        /// Its message, CPython's wording.
        message: String,
    },
}

impl SocketError {
    /// A `Builtin` error with CPython's wording.
    pub fn builtin(class: BuiltinClass, message: impl Into<String>) -> SocketError {
        SocketError::Builtin {
            class,
            message: message.into(),
        }
    }

    /// True for a socket timeout (not for the kernel's `ETIMEDOUT`).
    pub fn is_timeout(&self) -> bool {
        matches!(self, SocketError::Timeout)
    }

    /// The Python class name: `TimeoutError`, `ConnectionRefusedError`,
    /// `gaierror` (in module `socket`), `OverflowError`, ...
    pub fn class_name(&self) -> &'static str {
        match self {
            SocketError::Timeout => "TimeoutError",
            SocketError::Os(errno) => class_for_errno(*errno).name(),
            SocketError::AddressLookup { .. } => "gaierror",
            SocketError::Builtin { class, .. } => class.name(),
        }
    }

    /// `e.errno`: the errno, the `EAI_*` code for `gaierror`, or `None`.
    pub fn errno(&self) -> Option<i32> {
        match self {
            SocketError::Os(errno) => Some(*errno),
            SocketError::AddressLookup { code, .. } => Some(*code),
            SocketError::Timeout | SocketError::Builtin { .. } => None,
        }
    }

    /// `e.strerror`: the text that goes with `errno()`, or `None`.
    pub fn strerror(&self) -> Option<String> {
        match self {
            SocketError::Os(errno) => Some(strerror(*errno)),
            SocketError::AddressLookup { message, .. } => Some(message.clone()),
            SocketError::Timeout | SocketError::Builtin { .. } => None,
        }
    }
}

impl fmt::Display for SocketError {
    /// `str(e)`, as a traceback's last line shows it after the class name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SocketError::Timeout => f.write_str("timed out"),
            SocketError::Os(errno) => f.write_str(&os_error_text(*errno)),
            SocketError::AddressLookup { code, message } => write!(f, "[Errno {code}] {message}"),
            SocketError::Builtin { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for SocketError {}
