//! Raising and catching: exception construction, `raise X` / `raise X(...)`,
//! and `except (A, B)` matching by class hierarchy.
//!
//! ```text
//!   raise ValueError        → a new instance with no args
//!   raise ValueError("m")   → the instance
//!   except LookupError      → matches KeyError and IndexError (subclasses)
//! ```
//!
//! Python equivalent: `do_raise` and `PyErr_GivenExceptionMatches`.

use crate::v1::vm::exception::{ExcKind, ExcObj, PyErr, PyResult};
use crate::v1::vm::value::Value;
use std::sync::{Arc, Mutex};

/// A new exception instance.
pub fn new_exception(kind: ExcKind, args: Vec<Value>) -> Value {
    Value::Exception(Arc::new(ExcObj {
        kind,
        args,
        traceback: Mutex::new(Vec::new()),
        context: Mutex::new(None),
    }))
}

/// What `raise v` raises.
pub fn make_raisable(v: &Value) -> PyResult<PyErr> {
    match v {
        Value::Exception(e) => Ok(PyErr::Exc(e.clone())),
        Value::ExcType(k) => match new_exception(*k, Vec::new()) {
            Value::Exception(e) => Ok(PyErr::Exc(e)),
            _ => Err(PyErr::type_error(
                "exceptions must derive from BaseException",
            )),
        },
        _ => Err(PyErr::type_error(
            "exceptions must derive from BaseException",
        )),
    }
}

/// Whether `exc` matches the `except` clause's class (or tuple of classes).
pub fn exception_matches(exc: &Value, class: &Value) -> PyResult<bool> {
    let kind = match exc {
        Value::Exception(e) => e.kind,
        _ => return Ok(false),
    };
    match class {
        Value::ExcType(k) => Ok(kind.is_subclass_of(*k)),
        Value::Tuple(t) => {
            for c in t.iter() {
                if exception_matches(exc, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyErr::type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}
