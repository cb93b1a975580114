//! `repr()` and `str()` of exceptions: `ValueError('msg')`, `str(e)` by
//! the number of args, `KeyError`'s repr'd key, and `OSError`'s
//! `[Errno N] strerror` from its named fields.
//!
//! Python equivalent: `BaseException_repr`, `BaseException_str`,
//! `KeyError_str`, `OSError_str`, `oserror_parse_args` in
//! `Objects/exceptions.c`.
//!
//! Needs: the parent `mod.rs` (`repr` of the args).

use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::instance::Instance;
use crate::object::{ExcKind, PyResult, Value};

/// An exception's `args` tuple, and its items.
fn exc_args(inst: &Instance) -> (Value, Vec<Value>) {
    let args = inst
        .exc()
        .map(|st| st.lock().args.clone())
        .unwrap_or_else(Value::empty_tuple);
    let items = args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    (args, items)
}

/// `BaseException.__repr__`: `ValueError('msg')`.
pub fn exception_repr(vm: &mut ThreadCtx, v: &Value) -> PyResult<String> {
    let Value::Instance(inst) = v else {
        return Ok(String::new());
    };
    let (args, items) = exc_args(inst);
    let name = inst.class.name.as_str().to_string();
    if items.len() == 1 {
        Ok(format!("{name}({})", vm.repr(&items[0])?))
    } else {
        Ok(format!("{name}{}", vm.repr(&args)?))
    }
}

/// `BaseException.__str__`: the message (`KeyError` shows its key's repr).
pub fn exception_str(vm: &mut ThreadCtx, v: &Value) -> PyResult<String> {
    let Value::Instance(inst) = v else {
        return Ok(String::new());
    };
    let (args, items) = exc_args(inst);
    if inst.class.is_subtype(types().exc(ExcKind::OSError)) {
        if let Some(fields) = OsErrorFields::parse(&items) {
            return fields.to_str(vm);
        }
    }
    let is_key_error = inst.class.is_subtype(types().exc(ExcKind::KeyError));
    match items.len() {
        0 => Ok(String::new()),
        1 if is_key_error => vm.repr(&items[0]),
        1 => vm.str(&items[0]),
        _ => vm.repr(&args),
    }
}

/// `OSError`'s named fields, read from its args as CPython's
/// `oserror_parse_args` reads them: 2 to 5 args are `(errno, strerror,
/// filename, winerror, filename2)`; any other count sets none of them
/// (`OSError('msg').errno is None`).
///
/// Simplification: CPython also shortens `args` to `(errno, strerror)`
/// when a filename is given; here `args` keeps all of them (no socket or
/// stream error has a filename).
pub struct OsErrorFields {
    /// `e.errno`.
    pub errno: Value,
    /// `e.strerror`.
    pub strerror: Value,
    /// `e.filename` (`None` when absent).
    pub filename: Value,
    /// `e.filename2` (`None` when absent).
    pub filename2: Value,
}

impl OsErrorFields {
    /// The fields, if `args` has 2 to 5 items.
    pub fn parse(args: &[Value]) -> Option<OsErrorFields> {
        if !(2..=5).contains(&args.len()) {
            return None;
        }
        let at = |i: usize| args.get(i).cloned().unwrap_or(Value::None);
        Some(OsErrorFields {
            errno: at(0),
            strerror: at(1),
            filename: at(2),
            filename2: at(4),
        })
    }

    /// `OSError.__str__`: `[Errno 111] Connection refused`, with `: 'name'`
    /// (and ` -> 'name2'`) when a filename is set.
    fn to_str(&self, vm: &mut ThreadCtx) -> PyResult<String> {
        let mut text = format!(
            "[Errno {}] {}",
            vm.str(&self.errno)?,
            vm.str(&self.strerror)?
        );
        if !matches!(self.filename, Value::None) {
            text.push_str(&format!(": {}", vm.repr(&self.filename)?));
            if !matches!(self.filename2, Value::None) {
                text.push_str(&format!(" -> {}", vm.repr(&self.filename2)?));
            }
        }
        Ok(text)
    }
}
