//! # Socket errors as Python exceptions
//!
//! The socket leaf reports every failure as one `SocketError`
//! (`modules/socket/error.rs` has the table); this file turns it into the
//! exception CPython 3.11 raises, with the same class, args and text:
//!
//! ```text
//!   SocketError::Timeout          ─▶ TimeoutError('timed out')          errno None
//!   SocketError::Os(111)          ─▶ ConnectionRefusedError(111, 'Connection refused')
//!                                     str: [Errno 111] Connection refused (vm/repr/exception.rs)
//!   SocketError::AddressLookup    ─▶ socket.gaierror(-2, 'Name or service not known')
//!   SocketError::Builtin          ─▶ ValueError / OverflowError / TypeError / MemoryError
//! ```
//!
//! `socket.gaierror` and `socket.herror` are `OSError` subclasses that
//! only this module defines; like CPython's, they are created once (per
//! process here: classes are immutable and shared by every run).
//!
//! Python equivalent: `set_error`, `set_gaierror` and the exception
//! objects of `Modules/socketmodule.c`.

use crate::modules::socket::{BuiltinClass, SocketError};
use crate::object::builtin_types::types;
use crate::object::cell::PyCell;
use crate::object::dict::Dict;
use crate::object::exception::{ExcState, EXC_KINDS};
use crate::object::instance::{Instance, Payload};
use crate::object::refcount::Arc;
use crate::object::str::intern;
use crate::object::types::{Type, TypeSpec};
use crate::object::{ExcKind, PyErr, Value};
use crate::vm::exceptions::os_error;
use std::sync::OnceLock;

/// The built-in exception class called `name` (`OSError` if none is).
fn builtin_exception(name: &str) -> ExcKind {
    EXC_KINDS
        .iter()
        .map(|(kind, _)| *kind)
        .find(|kind| kind.name() == name)
        .unwrap_or(ExcKind::OSError)
}

/// A class `socket.NAME(OSError)`.
fn os_error_subclass(name: &str) -> Arc<Type> {
    Type::new(TypeSpec {
        name: intern(name),
        qualname: intern(name),
        module: intern("socket"),
        bases: vec![types().exc(ExcKind::OSError).clone()],
        dict: Dict::new(),
        own_slots: None,
        flags: 0,
        layout: None,
    })
    .unwrap_or_else(|e| panic!("socket.{name} cannot be created: {}", e.0))
}

/// `socket.gaierror`: name resolution failed (`[Errno -2] Name or service
/// not known`).
pub fn gaierror() -> &'static Arc<Type> {
    static CLASS: OnceLock<Arc<Type>> = OnceLock::new();
    CLASS.get_or_init(|| os_error_subclass("gaierror"))
}

/// `socket.herror`: the old `gethostbyname` family's error (MiniPy never
/// raises it; it exists so `except socket.herror` works).
pub fn herror() -> &'static Arc<Type> {
    static CLASS: OnceLock<Arc<Type>> = OnceLock::new();
    CLASS.get_or_init(|| os_error_subclass("herror"))
}

/// An exception of `class` with `args`.
fn raise(class: &Arc<Type>, args: Vec<Value>) -> PyErr {
    PyErr::Exc(Arc::new(Instance::new(
        class.clone(),
        Payload::Exception(Box::new(PyCell::new(ExcState::new(Value::tuple(args))))),
    )))
}

/// The exception CPython raises for `error`.
pub fn to_py_err(error: SocketError) -> PyErr {
    match error {
        SocketError::Timeout => PyErr::new(ExcKind::TimeoutError, "timed out"),
        SocketError::Os(errno) => os_error(errno),
        SocketError::AddressLookup { code, message } => raise(
            gaierror(),
            vec![Value::Int(code as i64), Value::string(message)],
        ),
        SocketError::Builtin {
            class: BuiltinClass::MemoryError,
            ..
        } => PyErr::from_args(ExcKind::MemoryError, Vec::new()),
        SocketError::Builtin { class, message } => {
            PyErr::new(builtin_exception(class.name()), message)
        }
    }
}
