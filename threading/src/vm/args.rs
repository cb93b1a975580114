//! Binding call arguments to a Python function's parameters, with
//! CPython 3.11's error messages.
//!
//! ```text
//!   def f(a, b=2, /, c=3, *rest, d, e=5, **kw)      varnames: a b c d e rest kw ...
//!   f(1, 2, 3, 4, d=0, z=9)  ─▶ a=1 b=2 c=3 rest=(4,) d=0 e=5 kw={'z': 9}
//! ```
//!
//! Steps (CPython's `initialize_locals`): positional arguments fill the
//! positional parameters, the surplus goes to `*args` (or is an error);
//! each keyword argument finds its parameter by name (positional-only ones
//! excluded), else goes to `**kwargs` (or is an error); then defaults fill
//! what is still missing, and anything left missing is an error that names
//! every missing parameter.
//!
//! The second half holds the conversions native functions use for their
//! arguments ([`index_arg`], [`float_arg`], [`str_arg`]), with CPython's
//! messages.
//!
//! Python equivalent: `Python/ceval.c` (`initialize_locals`,
//! `missing_arguments`, `too_many_positional`); `PyNumber_AsSsize_t`,
//! `PyFloat_AsDouble`.

use crate::bytecode::CodeFlags;
use crate::object::builtin_types::types;
use crate::object::dict::Dict;
use crate::object::function::Function;
use crate::object::refcount::Arc;
use crate::object::str::PyStr;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::number::{as_f64, int_ref, IntRef};
use crate::vm::ThreadCtx;

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`.
fn name_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// Binds `pos` and the keyword arguments into `locals` (already sized to
/// the code's locals, all unbound).
pub fn bind(
    func: &Function,
    locals: &mut [Option<Value>],
    pos: impl ExactSizeIterator<Item = Value>,
    kwnames: &[Value],
    kwvalues: impl Iterator<Item = Value>,
) -> PyResult<()> {
    let code = &func.code;
    let fname = code.qualname.as_str();
    let argcount = code.argcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let posonly = code.posonlyargcount as usize;
    let has_varargs = code.flags.has(CodeFlags::VARARGS);
    let has_varkw = code.flags.has(CodeFlags::VARKEYWORDS);
    let varargs_slot = argcount + kwonly;
    let varkw_slot = varargs_slot + has_varargs as usize;
    let given = pos.len();
    let mut extra = Vec::new();
    for (i, v) in pos.enumerate() {
        if i < argcount {
            locals[i] = Some(v);
        } else {
            extra.push(v);
        }
    }
    if !extra.is_empty() && !has_varargs {
        let kw_given = kwnames
            .iter()
            .filter(|k| {
                code.varnames[argcount..argcount + kwonly]
                    .iter()
                    .any(|p| matches!(k, Value::Str(s) if s.as_str() == p.as_str()))
            })
            .count();
        return Err(too_many_positional(func, given, kw_given));
    }
    if has_varargs {
        locals[varargs_slot] = Some(Value::tuple(extra));
    }
    let kwdict = if has_varkw {
        Some(Arc::new(Dict::new()))
    } else {
        None
    };
    let mut posonly_as_kw: Vec<&str> = Vec::new();
    for (k, v) in kwnames.iter().zip(kwvalues) {
        let Value::Str(name) = k else {
            return Err(PyErr::type_error("keywords must be strings"));
        };
        // Fast path: a keyword written in the call is the same interned
        // string as the parameter's name, so most matches are one pointer
        // comparison; the text comparison is the plain path (a name built
        // at run time, `f(**{"a": 1})`).
        let found = code.varnames[posonly..argcount + kwonly]
            .iter()
            .position(|p| Arc::ptr_eq(p, name) || p.as_str() == name.as_str())
            .map(|i| i + posonly);
        match found {
            Some(i) => {
                if locals[i].is_some() {
                    return Err(PyErr::type_error(format!(
                        "{fname}() got multiple values for argument '{}'",
                        name.as_str()
                    )));
                }
                locals[i] = Some(v);
            }
            None => match &kwdict {
                Some(d) => {
                    set_str_key(d, name.clone(), v);
                }
                None => {
                    if code.varnames[..posonly]
                        .iter()
                        .any(|p| p.as_str() == name.as_str())
                    {
                        posonly_as_kw.push(name.as_str());
                        continue;
                    }
                    return Err(PyErr::type_error(format!(
                        "{fname}() got an unexpected keyword argument '{}'",
                        name.as_str()
                    )));
                }
            },
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{fname}() got some positional-only arguments passed as keyword arguments: '{}'",
            posonly_as_kw.join(", ")
        )));
    }
    if let Some(d) = kwdict {
        locals[varkw_slot] = Some(Value::Dict(d));
    }
    // Defaults for the last positional parameters.
    let first_default = argcount - func.defaults.len().min(argcount);
    let mut missing: Vec<&str> = Vec::new();
    for (i, slot) in locals.iter_mut().enumerate().take(argcount) {
        if slot.is_none() {
            if i >= first_default {
                *slot = Some(func.defaults[i - first_default].clone());
            } else {
                missing.push(code.varnames[i].as_str());
            }
        }
    }
    if !missing.is_empty() {
        return Err(PyErr::type_error(format!(
            "{fname}() missing {} required positional argument{}: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        )));
    }
    let kwonly_slots = locals.iter_mut().enumerate().skip(argcount).take(kwonly);
    for (i, slot) in kwonly_slots {
        if slot.is_none() {
            let pname = &code.varnames[i];
            match func
                .kwdefaults
                .iter()
                .find(|(n, _)| n.as_str() == pname.as_str())
            {
                Some((_, v)) => *slot = Some(v.clone()),
                None => missing.push(pname.as_str()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(PyErr::type_error(format!(
            "{fname}() missing {} required keyword-only argument{}: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        )));
    }
    Ok(())
}

/// Inserts a `str` key into a fresh kwargs dict.
fn set_str_key(d: &Dict, name: Arc<PyStr>, v: Value) {
    let mut t = d.lock();
    let hash = name.hash();
    let key = Value::Str(name);
    match t.find(&key, hash) {
        crate::object::dict::Find::Found(pos) => {
            t.set_value(pos, v);
        }
        _ => t.insert_new(hash, key, v),
    }
}

/// CPython's `too_many_positional` message.
fn too_many_positional(func: &Function, given: usize, kw_given: usize) -> PyErr {
    let code = &func.code;
    let argcount = code.argcount as usize;
    let defaults = func.defaults.len().min(argcount);
    let takes = if defaults > 0 {
        format!(
            "from {} to {argcount} positional arguments",
            argcount - defaults
        )
    } else {
        format!(
            "{argcount} positional argument{}",
            if argcount == 1 { "" } else { "s" }
        )
    };
    let given_text = if kw_given > 0 {
        format!(
            "{given} positional argument{} (and {kw_given} keyword-only argument{})",
            if given == 1 { "" } else { "s" },
            if kw_given == 1 { "" } else { "s" }
        )
    } else {
        given.to_string()
    };
    let verb = if given == 1 && kw_given == 0 {
        "was"
    } else {
        "were"
    };
    PyErr::type_error(format!(
        "{}() takes {takes} but {given_text} {verb} given",
        code.qualname.as_str()
    ))
}

/// Whether a call of `func` with `n` positional arguments and no keywords
/// can skip [`bind`]: exactly the positional parameters (defaults filling
/// the tail), nothing else to set up.
#[inline]
pub fn simple_positional(func: &Function, n: usize) -> bool {
    let shape = &func.call;
    shape.plain_positional
        && n <= shape.argcount as usize
        && n + func.defaults.len() >= shape.argcount as usize
}

// ---- Argument conversions for native functions ----

/// `TypeError: 'X' object cannot be interpreted as an integer`.
pub fn not_an_int(v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        v.type_name()
    ))
}

/// An integer argument (`__index__` for instances).
pub fn index_arg(vm: &mut ThreadCtx, v: &Value) -> PyResult<i64> {
    match int_ref(v) {
        Some(IntRef::Small(i)) => Ok(i),
        Some(IntRef::Big(_)) => Err(PyErr::new(
            ExcKind::OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
        None => match vm.index_value(v)? {
            Some(i) => Ok(i),
            None => Err(not_an_int(v)),
        },
    }
}

/// A `str` argument.
pub fn str_arg<'a>(v: &'a Value, fname: &str, what: &str) -> PyResult<&'a PyStr> {
    match v {
        Value::Str(s) => Ok(s),
        other => Err(PyErr::type_error(format!(
            "{fname}() {what} must be str, not {}",
            other.type_name()
        ))),
    }
}

/// A real-number argument as `f64`: ints, floats, bools, and instances
/// with `__float__` or `__index__` (`PyFloat_AsDouble`). `fname` names
/// the function in the error: "must be real number, not str".
pub fn float_arg(vm: &mut ThreadCtx, v: &Value) -> PyResult<f64> {
    if let Some(r) = as_f64(v) {
        return r;
    }
    if let Value::Instance(_) = v {
        if let Some(m) = vm.special_method(v, &types().names.float)? {
            return match vm.call(&m, &[])? {
                Value::Float(f) => Ok(f),
                other => Err(PyErr::type_error(format!(
                    "{}.__float__ returned non-float (type {})",
                    v.type_name(),
                    other.type_name()
                ))),
            };
        }
        if let Some(i) = vm.index_value(v)? {
            return Ok(i as f64);
        }
    }
    Err(PyErr::type_error(format!(
        "must be real number, not {}",
        v.type_name()
    )))
}

/// A duration argument in seconds, as CPython's `_PyTime_FromSecondsObject`
/// converts it (rounding away from zero, `_PyTime_ROUND_TIMEOUT`): the
/// number of nanoseconds, which fits an `i64`. A float may be fractional
/// (NaN is a `ValueError`); anything else must be an integer
/// (`__index__`). What does not fit is CPython's `OverflowError`: a float
/// "timestamp out of range for platform time_t", an int "timestamp too
/// large to convert to C _PyTime_t". `time.sleep`, `lock.acquire` and
/// every wait built on it (`Condition.wait`, `Event.wait`, `join`, queue
/// timeouts) take their timeouts through here, so no value can reach
/// `Duration` unchecked.
pub fn seconds_arg(vm: &mut ThreadCtx, v: &Value) -> PyResult<i64> {
    const NS_PER_SEC: i64 = 1_000_000_000;
    if let Value::Float(d) = v {
        if d.is_nan() {
            return Err(PyErr::new(
                ExcKind::ValueError,
                "Invalid value NaN (not a number)",
            ));
        }
        let ns = d * NS_PER_SEC as f64;
        let ns = if ns >= 0.0 { ns.ceil() } else { ns.floor() };
        // `i64::MAX as f64` rounds up to 2**63, itself out of range.
        if !(i64::MIN as f64 <= ns && ns < i64::MAX as f64) {
            return Err(PyErr::new(
                ExcKind::OverflowError,
                "timestamp out of range for platform time_t",
            ));
        }
        return Ok(ns as i64);
    }
    let too_large = || {
        PyErr::new(
            ExcKind::OverflowError,
            "timestamp too large to convert to C _PyTime_t",
        )
    };
    let secs = match int_ref(v) {
        Some(IntRef::Small(i)) => i,
        Some(IntRef::Big(_)) => return Err(too_large()),
        None => match vm.index_value(v)? {
            Some(i) => i,
            None => return Err(not_an_int(v)),
        },
    };
    secs.checked_mul(NS_PER_SEC).ok_or_else(too_large)
}
