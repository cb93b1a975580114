//! The building instructions of the eval loop that are too long to sit
//! inline in its `match`: `BUILD_MAP`, `UNPACK_SEQUENCE`, `MAKE_FUNCTION`,
//! `IMPORT_FROM`.
//!
//! ```text
//!   {k: v}          BUILD_MAP 1        → dict (TypeError for an unhashable key)
//!   a, b = xs       UNPACK_SEQUENCE 2  → ValueError on a length mismatch
//!   def f(x=1): ... MAKE_FUNCTION      → function object with its defaults
//!   from m import n IMPORT_FROM        → ImportError when m has no n
//! ```
//!
//! Python equivalent: the same instructions in `Python/bytecodes.c`.

use super::dict::PyDict;
use super::exception::{ExcKind, PyErr, PyResult};
use super::value::{Function, Value};
use super::ThreadCtx;
use crate::v1::bytecode::Code;
use std::sync::{Arc, Mutex};

impl ThreadCtx {
    /// `BUILD_MAP n`: `n` key/value pairs from the stack.
    pub(super) fn build_map(&mut self, n: usize) -> PyResult<()> {
        let items = self.stack.split_off(self.stack.len().saturating_sub(2 * n));
        let mut d = PyDict::default();
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            d.set(k, v)
                .map_err(|t| PyErr::type_error(format!("unhashable type: '{t}'")))?;
        }
        self.stack.push(Value::Dict(Arc::new(Mutex::new(d))));
        Ok(())
    }

    /// `UNPACK_SEQUENCE n`: TOS's items, first item on top.
    pub(super) fn unpack_sequence(&mut self, n: usize) -> PyResult<()> {
        let v = self.stack.pop().unwrap_or(Value::None);
        let items = super::iter::collect(&v)?;
        if items.len() > n {
            return Err(PyErr::value_error(format!(
                "too many values to unpack (expected {n})"
            )));
        }
        if items.len() < n {
            return Err(PyErr::value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        self.stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// `MAKE_FUNCTION`: a function from child code `i` (defaults tuple on
    /// the stack when `has_defaults`).
    pub(super) fn make_function(&mut self, code: &Code, i: usize, has_defaults: bool) {
        let defaults = match has_defaults.then(|| self.stack.pop()) {
            Some(Some(Value::Tuple(t))) => t.to_vec(),
            _ => Vec::new(),
        };
        if let Some(child) = code.children.get(i) {
            self.stack.push(Value::Function(Arc::new(Function {
                code: child.clone(),
                defaults,
            })));
        }
    }

    /// `IMPORT_FROM name`: `name` from the module on TOS (kept there).
    pub(super) fn import_from(&mut self, name: &str) -> PyResult<()> {
        let m = self.stack.last().cloned().unwrap_or(Value::None);
        let v = crate::v1::builtins::attrs::load_attr(&m, name).map_err(|_| {
            PyErr::new(
                ExcKind::ImportError,
                format!(
                    "cannot import name '{name}' from '{}' (unknown location)",
                    m.to_str()
                ),
            )
        })?;
        self.stack.push(v);
        Ok(())
    }
}
