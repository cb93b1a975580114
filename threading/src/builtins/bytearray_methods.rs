//! `bytearray`'s mutators: `append`, `extend`, `insert`, `pop`, `remove`,
//! `reverse`, `clear`, `copy` (the methods it shares with `bytes` are in
//! `bytes_methods.rs`; item and slice assignment in `vm/bytearray_items.rs`).
//!
//! Every mutator computes what it needs (a byte value, an iterable's items)
//! before it locks the array, because computing may run Python code.
//!
//! Python equivalent: `Objects/bytearrayobject.c` (`bytearray_append`,
//! `bytearray_insert_impl`, `bytearray_pop_impl`, ...).

use crate::object::bytes::ByteArray;
use crate::object::refcount::Arc;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, NativeSpec};
use crate::vm::number::{int_ref, IntRef};
use crate::vm::ops::bytes_of;
use crate::vm::ThreadCtx;

/// The receiver of a bytearray method.
fn ba_of<'a>(args: &Args<'a>) -> PyResult<&'a ByteArray> {
    match args.positional().first() {
        Some(Value::ByteArray(b)) => Ok(b),
        _ => Err(PyErr::type_error("bytearray method needs a bytearray")),
    }
}

/// The byte an `int` argument stands for, with CPython's errors.
fn byte_value(v: &Value) -> PyResult<u8> {
    match int_ref(v) {
        Some(IntRef::Small(x)) if (0..256).contains(&x) => Ok(x as u8),
        Some(_) => Err(PyErr::value_error("byte must be in range(0, 256)")),
        None => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))),
    }
}

/// `ba.append(x)`.
fn ba_append(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let b = ba_of(&args)?;
    // CPython's words (argument clinic): the qualified name.
    args.no_kwargs("bytearray.append")?;
    args.arity("bytearray.append", 2, 2)?;
    let x = byte_value(args.get(1).unwrap_or(&Value::None))?;
    b.lock().push(x);
    Ok(Value::None)
}

/// `ba.extend(iterable)`: bytes-like objects as they are, other iterables
/// item by item.
fn ba_extend(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let b = ba_of(&args)?;
    args.arity("extend", 2, 2)?;
    let src = args.get(1).cloned().unwrap_or(Value::None);
    let more = match bytes_of(&src) {
        Some(d) => d,
        None => {
            let items = vm.collect(&src)?;
            items
                .iter()
                .map(byte_value)
                .collect::<PyResult<Vec<u8>>>()?
        }
    };
    b.lock().extend(more);
    Ok(Value::None)
}

/// `ba.insert(i, x)`: `i` clamped into the array as `list.insert` does.
fn ba_insert(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let b = ba_of(&args)?;
    args.arity("insert", 3, 3)?;
    let i = index_arg(vm, &args.positional()[1])?;
    let x = byte_value(&args.positional()[2])?;
    let mut data = b.lock();
    let len = data.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    data.insert(at as usize, x);
    Ok(Value::None)
}

/// `ba.pop([i])`: the last byte by default.
fn ba_pop(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let b = ba_of(&args)?;
    args.arity("pop", 1, 2)?;
    let i = match args.get(1) {
        Some(v) => index_arg(vm, v)?,
        None => -1,
    };
    let mut data = b.lock();
    if data.is_empty() {
        return Err(PyErr::index_error("pop from empty bytearray"));
    }
    let len = data.len() as i64;
    let j = if i < 0 { i + len } else { i };
    if !(0..len).contains(&j) {
        return Err(PyErr::index_error("pop index out of range"));
    }
    Ok(Value::Int(i64::from(data.remove(j as usize))))
}

/// `ba.remove(x)`: the first byte equal to `x`.
fn ba_remove(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let b = ba_of(&args)?;
    args.arity("remove", 2, 2)?;
    let x = byte_value(&args.positional()[1])?;
    let mut data = b.lock();
    match data.iter().position(|&y| y == x) {
        Some(j) => {
            data.remove(j);
            Ok(Value::None)
        }
        None => Err(PyErr::value_error("value not found in bytearray")),
    }
}

/// `ba.reverse()`, in place.
fn ba_reverse(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let b = ba_of(&args)?;
    args.arity("reverse", 1, 1)?;
    b.lock().reverse();
    Ok(Value::None)
}

/// `ba.clear()`.
fn ba_clear(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("clear", 1, 1)?;
    ba_of(&args)?.lock().clear();
    Ok(Value::None)
}

/// `ba.copy()`: a new bytearray with the same bytes.
fn ba_copy(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("copy", 1, 1)?;
    let data = ba_of(&args)?.lock().clone();
    Ok(Value::ByteArray(Arc::new(ByteArray::new(data))))
}

/// `bytearray`'s mutators.
pub static BYTEARRAY_MUTATORS: &[NativeSpec] = &[
    NativeSpec::method("append", ba_append),
    NativeSpec::method("extend", ba_extend),
    NativeSpec::method("insert", ba_insert),
    NativeSpec::method("pop", ba_pop),
    NativeSpec::method("remove", ba_remove),
    NativeSpec::method("reverse", ba_reverse),
    NativeSpec::method("clear", ba_clear),
    NativeSpec::method("copy", ba_copy),
];
