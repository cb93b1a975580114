//! # `array` as a sequence: indexing, slices, comparisons, `+`, `*`,
//! iteration and repr
//!
//! ```text
//!   a[i]  a[i] = x  del a[i]        one item: bounds checked under the lock
//!   a[i:j:k]                        a new array.array (never the subclass)
//!   a[i:j] = b                      b must be an array of the same code;
//!                                   k != 1 needs len(b) == the slice's length
//!   a == b, a < b                   item by item, as Python values
//!   a + b, a * n, a += b, a *= n    same-code arrays only
//! ```
//!
//! Slice bounds are unpacked (which may call `__index__`) before the array
//! is locked and resolved against the length inside the lock, as CPython's
//! `PySlice_Unpack` / `PySlice_AdjustIndices` pair does.
//!
//! Python equivalent: `Modules/arraymodule.c` (`array_subscr`,
//! `array_ass_subscr`, `array_richcompare`, `array_concat`,
//! `array_repeat`, `arrayiterator`). Needs the sibling `mod.rs` (the
//! `Array` state) and `typecode.rs`.

use super::typecode::MAX_ITEMSIZE;
use super::{array_of, extend_with, me, new_array, one_arg};
use crate::ast::CmpOp;
use crate::object::cell::PyCell;
use crate::object::range::{Slice, SliceIndices};
use crate::object::value::Flag;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::native::{Args, NativeClass, NativeSpec};
use crate::vm::ThreadCtx;

/// `len(a)`.
pub(super) fn len(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__len__")?;
    Ok(Value::Int(a.len() as i64))
}

/// An item index: an int or an object with `__index__`.
fn item_index(vm: &mut ThreadCtx, v: &Value) -> PyResult<i64> {
    vm.index_value(v)?
        .ok_or_else(|| PyErr::type_error("array indices must be integers"))
}

/// `i` counted from the end when negative, if it is inside `0..len`.
fn in_bounds(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

/// A slice's `(start, stop, step)` before they meet a length.
struct Unpacked {
    /// `start`, `None` when omitted.
    start: Option<i64>,
    /// `stop`, `None` when omitted.
    stop: Option<i64>,
    /// `step` (never 0).
    step: i64,
}

impl Unpacked {
    /// `PySlice_Unpack`: may call `__index__`, so done before locking.
    fn new(vm: &mut ThreadCtx, s: &Slice) -> PyResult<Unpacked> {
        let mut part = |v: &Value| -> PyResult<Option<i64>> {
            match v {
                Value::None => Ok(None),
                other => vm.index_value(other)?.map(Some).ok_or_else(|| {
                    PyErr::type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    )
                }),
            }
        };
        let step = part(&s.step)?.unwrap_or(1);
        if step == 0 {
            return Err(PyErr::value_error("slice step cannot be zero"));
        }
        Ok(Unpacked {
            start: part(&s.start)?,
            stop: part(&s.stop)?,
            step: step.max(-i64::MAX),
        })
    }

    /// `PySlice_AdjustIndices` against `len` items.
    fn resolve(&self, len: usize) -> SliceIndices {
        SliceIndices::adjust(self.start, self.stop, self.step, len)
    }
}

/// `a[i]` / `a[i:j:k]`.
pub(super) fn getitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__getitem__")?;
    let index = one_arg(&args, "__getitem__")?;
    let size = a.itemsize();
    if let Value::Slice(s) = index {
        let s = Unpacked::new(vm, s)?;
        let bytes = a.bytes.lock();
        let sel = s.resolve(bytes.len() / size);
        let mut out = Vec::with_capacity(sel.len * size);
        for p in sel.positions() {
            out.extend_from_slice(&bytes[p * size..(p + 1) * size]);
        }
        drop(bytes);
        return Ok(new_array(None, a.code, out));
    }
    let i = item_index(vm, index)?;
    let raw: Vec<u8> = {
        let bytes = a.bytes.lock();
        let Some(p) = in_bounds(i, bytes.len() / size) else {
            return Err(PyErr::index_error("array index out of range"));
        };
        bytes[p * size..(p + 1) * size].to_vec()
    };
    a.code.decode(&raw)
}

/// `a[i] = x` / `a[i:j:k] = b`.
pub(super) fn setitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__setitem__")?;
    args.no_kwargs("__setitem__")?;
    args.arity("__setitem__", 3, 3)?;
    let (index, value) = (&args.positional()[1], &args.positional()[2]);
    let size = a.itemsize();
    if let Value::Slice(s) = index {
        let s = Unpacked::new(vm, s)?;
        let Some(other) = array_of(value) else {
            return Err(PyErr::type_error(format!(
                "can only assign array (not \"{}\") to array slice",
                value.type_name()
            )));
        };
        if other.code != a.code {
            return Err(PyErr::type_error(
                "bad argument type for built-in operation",
            ));
        }
        // Copied first: `a[:] = a` reads the same cell.
        let new = other.snapshot();
        let mut bytes = a.bytes.lock();
        let sel = s.resolve(bytes.len() / size);
        if sel.step == 1 {
            let start = sel.start as usize;
            let stop = (sel.stop as usize).max(start);
            bytes.splice(start * size..stop * size, new);
        } else {
            let n = new.len() / size;
            if n != sel.len {
                return Err(PyErr::value_error(format!(
                    "attempt to assign array of size {n} to extended slice of size {}",
                    sel.len
                )));
            }
            for (k, p) in sel.positions().enumerate() {
                bytes[p * size..(p + 1) * size].copy_from_slice(&new[k * size..(k + 1) * size]);
            }
        }
        return Ok(Value::None);
    }
    let i = item_index(vm, index)?;
    let mut buf = [0u8; MAX_ITEMSIZE];
    a.code.encode(vm, value, &mut buf)?;
    let mut bytes = a.bytes.lock();
    let Some(p) = in_bounds(i, bytes.len() / size) else {
        return Err(PyErr::index_error("array assignment index out of range"));
    };
    bytes[p * size..(p + 1) * size].copy_from_slice(&buf[..size]);
    Ok(Value::None)
}

/// `del a[i]` / `del a[i:j:k]`.
pub(super) fn delitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__delitem__")?;
    let index = one_arg(&args, "__delitem__")?;
    let size = a.itemsize();
    if let Value::Slice(s) = index {
        let s = Unpacked::new(vm, s)?;
        let mut bytes = a.bytes.lock();
        let sel = s.resolve(bytes.len() / size);
        let mut doomed = vec![false; bytes.len() / size];
        for p in sel.positions() {
            doomed[p] = true;
        }
        let kept: Vec<u8> = bytes
            .chunks_exact(size)
            .zip(&doomed)
            .filter(|(_, &gone)| !gone)
            .flat_map(|(item, _)| item.iter().copied())
            .collect();
        *bytes = kept;
        return Ok(Value::None);
    }
    let i = item_index(vm, index)?;
    let mut bytes = a.bytes.lock();
    let Some(p) = in_bounds(i, bytes.len() / size) else {
        return Err(PyErr::index_error("array assignment index out of range"));
    };
    bytes.drain(p * size..(p + 1) * size);
    Ok(Value::None)
}

/// `x in a`.
pub(super) fn contains(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__contains__")?;
    let x = one_arg(&args, "__contains__")?;
    for v in a.values()? {
        if vm.eq(&v, x)? {
            return Ok(Value::Bool(Flag(true)));
        }
    }
    Ok(Value::Bool(Flag(false)))
}

/// `repr(a)`: `array('i')`, `array('i', [1, 2])`, `array('u', 'ab')`,
/// named after the object's class.
pub(super) fn repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__repr__")?;
    let class = args.positional()[0].class().name.as_str().to_string();
    let code = a.code.as_char();
    let values = a.values()?;
    if values.is_empty() {
        return Ok(Value::string(format!("{class}('{code}')")));
    }
    let items = if code == 'u' {
        let text: String = values
            .iter()
            .filter_map(|v| match v {
                Value::Str(s) => Some(s.as_str().to_string()),
                _ => None,
            })
            .collect();
        vm.repr(&Value::string(text))?
    } else {
        vm.repr(&Value::list(values))?
    };
    Ok(Value::string(format!("{class}('{code}', {items})")))
}

/// CPython's `array_richcompare`: arrays only (else NotImplemented); equal
/// lengths decide `==`/`!=` at once; otherwise the first differing item
/// decides, or the lengths when one is a prefix of the other.
fn compare(vm: &mut ThreadCtx, args: Args, op: CmpOp, name: &str) -> PyResult {
    let a = me(&args, name)?;
    let Some(b) = array_of(one_arg(&args, name)?) else {
        return Ok(Value::NotImplemented);
    };
    let (x, y) = (a.values()?, b.values()?);
    if x.len() != y.len() && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(Value::Bool(Flag(op == CmpOp::Ne)));
    }
    for (p, q) in x.iter().zip(&y) {
        if !vm.eq(p, q)? {
            return match op {
                CmpOp::Eq => Ok(Value::Bool(Flag(false))),
                CmpOp::Ne => Ok(Value::Bool(Flag(true))),
                _ => vm.rich_compare(p, q, op),
            };
        }
    }
    let order = x.len().cmp(&y.len());
    Ok(Value::Bool(Flag(match op {
        CmpOp::Eq => order.is_eq(),
        CmpOp::Ne => order.is_ne(),
        CmpOp::Lt => order.is_lt(),
        CmpOp::Le => order.is_le(),
        CmpOp::Gt => order.is_gt(),
        _ => order.is_ge(),
    })))
}

pub(super) fn eq(vm: &mut ThreadCtx, args: Args) -> PyResult {
    compare(vm, args, CmpOp::Eq, "__eq__")
}

pub(super) fn ne(vm: &mut ThreadCtx, args: Args) -> PyResult {
    compare(vm, args, CmpOp::Ne, "__ne__")
}

pub(super) fn lt(vm: &mut ThreadCtx, args: Args) -> PyResult {
    compare(vm, args, CmpOp::Lt, "__lt__")
}

pub(super) fn le(vm: &mut ThreadCtx, args: Args) -> PyResult {
    compare(vm, args, CmpOp::Le, "__le__")
}

pub(super) fn gt(vm: &mut ThreadCtx, args: Args) -> PyResult {
    compare(vm, args, CmpOp::Gt, "__gt__")
}

pub(super) fn ge(vm: &mut ThreadCtx, args: Args) -> PyResult {
    compare(vm, args, CmpOp::Ge, "__ge__")
}

/// `a + b`: a new `array.array`.
pub(super) fn add(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__add__")?;
    let other = one_arg(&args, "__add__")?;
    let Some(b) = array_of(other) else {
        return Err(PyErr::type_error(format!(
            "can only append array (not \"{}\") to array",
            other.type_name()
        )));
    };
    if b.code != a.code {
        return Err(PyErr::type_error(
            "bad argument type for built-in operation",
        ));
    }
    let mut bytes = a.snapshot();
    bytes.extend(b.snapshot());
    Ok(new_array(None, a.code, bytes))
}

/// `a += b`: extends `a` in place.
pub(super) fn iadd(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__iadd__")?;
    let other = one_arg(&args, "__iadd__")?;
    if array_of(other).is_none() {
        return Err(PyErr::type_error(format!(
            "can only extend array with array (not \"{}\")",
            other.type_name()
        )));
    }
    extend_with(vm, a, other)?;
    Ok(args.positional()[0].clone())
}

/// The repeat count of `a * n` (a negative count repeats zero times).
fn repeat_count(vm: &mut ThreadCtx, n: &Value) -> PyResult<usize> {
    match vm.index_value(n)? {
        Some(k) => Ok(k.max(0) as usize),
        None => Err(PyErr::type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            n.type_name()
        ))),
    }
}

/// The bytes of `bytes` repeated `count` times, refusing sizes that
/// cannot be allocated (`MemoryError`, as CPython).
fn repeated(bytes: &[u8], count: usize) -> PyResult<Vec<u8>> {
    match bytes.len().checked_mul(count) {
        Some(total) if total <= isize::MAX as usize / 2 => Ok(bytes.repeat(count)),
        _ => Err(PyErr::new(crate::object::ExcKind::MemoryError, "")),
    }
}

/// `a * n` and `n * a`: a new `array.array`.
pub(super) fn mul(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__mul__")?;
    let count = repeat_count(vm, one_arg(&args, "__mul__")?)?;
    let bytes = repeated(&a.snapshot(), count)?;
    Ok(new_array(None, a.code, bytes))
}

/// `a *= n`.
pub(super) fn imul(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = me(&args, "__imul__")?;
    let count = repeat_count(vm, one_arg(&args, "__imul__")?)?;
    let bytes = repeated(&a.snapshot(), count)?;
    *a.bytes.lock() = bytes;
    Ok(args.positional()[0].clone())
}

/// An array iterator's state: CPython's `arrayiterator` reads `a[index]`
/// at each step against the current length, so an array that grows while
/// it is walked yields the new items too.
struct ArrayIter {
    /// The array (keeps it alive).
    array: Value,
    /// The next position.
    index: PyCell<usize>,
}

/// `array.arrayiterator`.
static ARRAY_ITER: NativeClass = NativeClass::new(
    "arrayiterator",
    "array",
    &[
        NativeSpec::method("__iter__", iter_self),
        NativeSpec::method("__next__", iter_next),
    ],
);

/// `iter(a)`.
pub(super) fn iter(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    me(&args, "__iter__")?;
    Ok(ARRAY_ITER.instance(ArrayIter {
        array: args.positional()[0].clone(),
        index: PyCell::new(0),
    }))
}

fn iter_self(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(args.positional()[0].clone())
}

fn iter_next(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let it = args.native_self::<ArrayIter>(&ARRAY_ITER, "__next__")?;
    let Some(a) = array_of(&it.array) else {
        return Err(PyErr::stop_iteration(None));
    };
    let size = a.itemsize();
    let raw: Vec<u8> = {
        let bytes = a.bytes.lock();
        let mut index = it.index.lock();
        if (*index + 1) * size > bytes.len() {
            return Err(PyErr::stop_iteration(None));
        }
        *index += 1;
        bytes[(*index - 1) * size..*index * size].to_vec()
    };
    a.code.decode(&raw)
}
