//! `LOAD_ATTR`: module members, exception `args`, thread attributes and
//! bound methods.
//!
//! ```text
//!   time.sleep      → Value::Builtin(Sleep)        (modules::module_attr)
//!   xs.append       → Value::Method{xs, "append"}  (name checked here)
//!   t.name          → Thread's name                (modules::threading)
//! ```
//!
//! Python equivalent: `PyObject_GetAttr` (`Objects/object.c`).

use super::methods::{DICT_METHODS, LIST_METHODS, STR_METHODS};
use crate::v1::vm::exception::{ExcKind, PyErr, PyResult};
use crate::v1::vm::value::{BoundMethod, Value};
use std::sync::Arc;

fn bind(recv: &Value, table: &[&'static str], name: &str) -> Option<Value> {
    table.iter().find(|m| **m == name).map(|m| {
        Value::Method(Arc::new(BoundMethod {
            recv: recv.clone(),
            name: m,
        }))
    })
}

/// `obj.name`.
pub fn load_attr(obj: &Value, name: &str) -> PyResult {
    let found = match obj {
        Value::Module(m) => crate::v1::modules::module_attr(m.name, name),
        Value::Str(_) => bind(obj, STR_METHODS, name),
        Value::List(_) => bind(obj, LIST_METHODS, name),
        Value::Dict(_) => bind(obj, DICT_METHODS, name),
        Value::Exception(e) if name == "args" => Some(Value::tuple(e.args.clone())),
        Value::Object(o) => return crate::v1::modules::threading::object_attr(obj, o, name),
        _ => None,
    };
    found.ok_or_else(|| {
        let msg = match obj {
            Value::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
            Value::ExcType(k) => format!("type object '{}' has no attribute '{name}'", k.name()),
            other => format!("'{}' object has no attribute '{name}'", other.type_name()),
        };
        PyErr::new(ExcKind::AttributeError, msg)
    })
}

/// The static name of built-in method `name` of `recv`, if it has one
/// (what `CALL_METHOD` uses to skip building a bound method).
pub fn method_name(recv: &Value, name: &str) -> Option<&'static str> {
    let table: &[&'static str] = match recv {
        Value::Str(_) => STR_METHODS,
        Value::List(_) => LIST_METHODS,
        Value::Dict(_) => DICT_METHODS,
        Value::Object(o) => crate::v1::modules::threading::method_table(o),
        _ => return None,
    };
    table.iter().find(|m| **m == name).copied()
}

/// Builds a bound method of a threading object.
pub fn bind_object_method(recv: &Value, table: &[&'static str], name: &str) -> Option<Value> {
    bind(recv, table, name)
}
