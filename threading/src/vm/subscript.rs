//! Subscripts and slices: `x[i]`, `x[i] = v`, `del x[i]`, with CPython's
//! index rules and messages, and `__getitem__`-style methods.
//!
//! ```text
//!   xs[-1]       negative index counts from the end; out of range → IndexError
//!   xs[1:3]      slice bounds are clamped, never an error (slice.indices)
//!   s[::-1]      negative step walks backwards
//!   xs[1:3] = ys slice assignment (extended slices need equal sizes)
//!   d[k]         KeyError(k) when missing (dict subclasses: __missing__)
//! ```
//!
//! Python equivalent: `Objects/abstract.c` (`PyObject_GetItem`),
//! `Objects/sliceobject.c` (`PySlice_Unpack`, `PySlice_AdjustIndices`),
//! `listobject.c` (`list_subscript`, `list_ass_subscript`).

use super::number::{int_ref, IntRef};
use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::instance::Payload;
use crate::object::range::{Range, Slice, SliceIndices};
use crate::object::refcount::Arc;
use crate::object::types::Type;
use crate::object::{PyErr, PyResult, Value};

/// A new `slice` object.
pub fn new_slice(start: Value, stop: Value, step: Value) -> Value {
    Value::Slice(Arc::new(Slice { start, stop, step }))
}

/// An index into a sequence of `len` items (negative from the end).
fn normalize(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

/// What an index past 64 bits becomes.
#[derive(Clone, Copy)]
enum BigIndex {
    /// Clamped to `i64::MIN`/`i64::MAX` (slice bounds, `range` items).
    Clamp,
    /// `IndexError: cannot fit 'int' into an index-sized integer`.
    Raise,
}

/// A slice's bounds after `__index__` (`None`: omitted), the step never
/// zero: what [`ThreadCtx::slice_bounds`] unpacks.
pub struct SliceBounds {
    /// `start`, if given.
    start: Option<i64>,
    /// `stop`, if given.
    stop: Option<i64>,
    /// `step` (1 if omitted), clamped above `i64::MIN`.
    step: i64,
}

/// One part of a slice as the fast path of [`ThreadCtx::slice_bounds`]
/// sees it.
enum Part {
    /// `None` (omitted) or an int that fits 64 bits.
    Plain(Option<i64>),
    /// Anything else (a big int, a bool, an instance with `__index__`, a
    /// wrong type): for the plain path.
    Other,
}

impl Part {
    #[inline(always)]
    fn of(v: &Value) -> Part {
        match v {
            Value::None => Part::Plain(None),
            Value::Int(i) => Part::Plain(Some(*i)),
            _ => Part::Other,
        }
    }
}

/// The items of `v` taken out, if `v` is an exact list that no one else
/// holds (this reference is its only one: the temporary `perm[k::-1]` or
/// `a + b` a slice assignment was just handed). The emptied list is the
/// caller's to drop. `None` for anything else, which the caller copies.
/// A count of one is stable even without a GIL: another reference could
/// only be made from this one.
fn unshared_list_items(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) if Arc::strong_count(l) == 1 => Some(std::mem::take(&mut *l.lock())),
        _ => None,
    }
}

impl SliceBounds {
    /// The positions these bounds select in a sequence of `len` items.
    pub fn adjust(&self, len: usize) -> SliceIndices {
        SliceIndices::adjust(self.start, self.stop, self.step, len)
    }
}

impl ThreadCtx {
    /// The integer an index value stands for (`__index__` for instances),
    /// an int past 64 bits clamped to `i64`'s range (a slice bound, a
    /// count: the caller's range check then answers).
    pub fn index_value(&mut self, v: &Value) -> PyResult<Option<i64>> {
        self.resolve_index(v, BigIndex::Clamp)
    }

    /// An item index (`xs[i]`, `xs[i] = v`, `del xs[i]`): as
    /// [`index_value`](Self::index_value), but an int past 64 bits (or an
    /// `__index__` answering one) raises `IndexError`, as CPython's
    /// `PyNumber_AsSsize_t(key, PyExc_IndexError)` does.
    pub fn item_index(&mut self, v: &Value) -> PyResult<Option<i64>> {
        self.resolve_index(v, BigIndex::Raise)
    }

    /// The one path of both: an int, or `__index__`'s answer for an
    /// instance, with `big` deciding an int past 64 bits.
    fn resolve_index(&mut self, v: &Value, big: BigIndex) -> PyResult<Option<i64>> {
        match int_ref(v) {
            Some(IntRef::Small(i)) => Ok(Some(i)),
            Some(IntRef::Big(b)) => match big {
                BigIndex::Clamp => Ok(Some(if b.is_negative() { i64::MIN } else { i64::MAX })),
                BigIndex::Raise => Err(PyErr::index_error(
                    "cannot fit 'int' into an index-sized integer",
                )),
            },
            None => {
                if let Value::Instance(_) = v {
                    if let Some(m) = self.special_method(v, &types().names.index)? {
                        let r = self.call(&m, &[])?;
                        return self.resolve_index(&r, big);
                    }
                }
                Ok(None)
            }
        }
    }

    /// `slice.indices(len)`.
    pub fn slice_indices(&mut self, s: &Slice, len: usize) -> PyResult<SliceIndices> {
        Ok(self.slice_bounds(s)?.adjust(len))
    }

    /// A slice's bounds as ints, `__index__` run where needed (which may
    /// run Python code): CPython's `PySlice_Unpack`, before the length is
    /// read (`SliceBounds::adjust`, its `PySlice_AdjustIndices`).
    pub fn slice_bounds(&mut self, s: &Slice) -> PyResult<SliceBounds> {
        // Fast path: each part an int or `None` (nearly every slice a
        // program writes: `xs[i + 1:]`, `perm[k::-1]`), so no `__index__`
        // can run and the only error left is a zero step, which the plain
        // path below raises. It went through `index_value` per part,
        // ~80 instructions per slice (fannkuch slices 350,000 times).
        if let (Part::Plain(start), Part::Plain(stop), Part::Plain(step)) =
            (Part::of(&s.start), Part::of(&s.stop), Part::of(&s.step))
        {
            let step = step.unwrap_or(1);
            if step != 0 {
                return Ok(SliceBounds {
                    start,
                    stop,
                    step: step.max(-i64::MAX),
                });
            }
        }
        // The plain path: `__index__` for instances, CPython's order
        // (step, start, stop) and messages.
        let part = |vm: &mut ThreadCtx, v: &Value| -> PyResult<Option<i64>> {
            match v {
                Value::None => Ok(None),
                other => match vm.index_value(other)? {
                    Some(i) => Ok(Some(i)),
                    None => Err(PyErr::type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    )),
                },
            }
        };
        let step = part(self, &s.step)?.unwrap_or(1);
        if step == 0 {
            return Err(PyErr::value_error("slice step cannot be zero"));
        }
        let start = part(self, &s.start)?;
        let stop = part(self, &s.stop)?;
        Ok(SliceBounds {
            start,
            stop,
            step: step.max(-i64::MAX),
        })
    }

    /// `obj[index]`.
    pub fn get_item(&mut self, obj: &Value, index: &Value) -> PyResult {
        if let Value::Instance(inst) = obj {
            let names = &types().names;
            match inst.class.lookup(&names.getitem) {
                // A built-in base's own special method: run it inline.
                Some(Value::Native(_)) if inst.has_builtin_payload() => {}
                None => {}
                Some(_) => {
                    let m = self
                        .special_method(obj, &names.getitem)?
                        .unwrap_or(Value::None);
                    return self.call(&m, std::slice::from_ref(index));
                }
            }
        }
        self.getitem_base(obj, index)
    }

    /// `obj[index]` for built-in values and built-in bases' payloads (a
    /// subclass's `__getitem__` is not consulted).
    pub fn getitem_base(&mut self, obj: &Value, index: &Value) -> PyResult {
        match obj {
            Value::Str(s) => {
                if let Value::Slice(sl) = index {
                    let ix = self.slice_indices(sl, s.char_count())?;
                    if s.is_ascii() {
                        let b = s.as_bytes();
                        return Ok(Value::string(
                            ix.positions().map(|i| b[i] as char).collect(),
                        ));
                    }
                    let chars: Vec<char> = s.as_str().chars().collect();
                    return Ok(Value::string(ix.positions().map(|i| chars[i]).collect()));
                }
                let Some(i) = self.item_index(index)? else {
                    return Err(PyErr::type_error(format!(
                        "string indices must be integers, not '{}'",
                        index.type_name()
                    )));
                };
                match normalize(i, s.char_count()).and_then(|j| s.char_at(j)) {
                    Some(c) => {
                        let mut buf = [0u8; 4];
                        Ok(Value::str(c.encode_utf8(&mut buf)))
                    }
                    None => Err(PyErr::index_error("string index out of range")),
                }
            }
            Value::Range(r) => {
                if let Value::Slice(sl) = index {
                    let ix = self.slice_indices(sl, r.len() as usize)?;
                    let start = r.item(ix.start);
                    let step = r.step * ix.step;
                    let stop = start + step * ix.len as i64;
                    return Ok(Value::Range(Arc::new(Range { start, stop, step })));
                }
                // A range answers an int past 64 bits with its own
                // out-of-range error, so its index clamps.
                let Some(i) = self.index_value(index)? else {
                    return Err(PyErr::type_error(format!(
                        "range indices must be integers or slices, not {}",
                        index.type_name()
                    )));
                };
                match normalize(i, r.len() as usize) {
                    Some(j) => Ok(Value::Int(r.item(j as i64))),
                    None => Err(PyErr::index_error("range object index out of range")),
                }
            }
            Value::Bytes(_) | Value::ByteArray(_) => {
                let data = super::ops::bytes_of(obj).unwrap_or_default();
                if let Value::Slice(sl) = index {
                    let ix = self.slice_indices(sl, data.len())?;
                    let part: Vec<u8> = ix.positions().map(|i| data[i]).collect();
                    return Ok(match obj {
                        Value::ByteArray(_) => {
                            Value::ByteArray(Arc::new(crate::object::bytes::ByteArray::new(part)))
                        }
                        _ => Value::Bytes(Arc::new(crate::object::bytes::Bytes::new(part))),
                    });
                }
                let Some(i) = self.item_index(index)? else {
                    return Err(PyErr::type_error(format!(
                        "byte indices must be integers or slices, not {}",
                        index.type_name()
                    )));
                };
                match normalize(i, data.len()) {
                    Some(j) => Ok(Value::Int(data[j] as i64)),
                    None => Err(PyErr::index_error("index out of range")),
                }
            }
            _ => {
                if let Some(l) = obj.as_list() {
                    if let Value::Slice(sl) = index {
                        // The bounds first (their `__index__` may change
                        // the list), then the length and the items under
                        // one lock: only the slice's items are cloned,
                        // not a snapshot of the whole list (nqueens'
                        // `indices[i + 1:]`).
                        let bounds = self.slice_bounds(sl)?;
                        let part: Vec<Value> = {
                            let items = l.lock();
                            let ix = bounds.adjust(items.len());
                            ix.positions().map(|i| items[i].clone()).collect()
                        };
                        return Ok(Value::list(part));
                    }
                    let Some(i) = self.item_index(index)? else {
                        return Err(PyErr::type_error(format!(
                            "list indices must be integers or slices, not {}",
                            index.type_name()
                        )));
                    };
                    let items = l.lock();
                    return match normalize(i, items.len()) {
                        Some(j) => Ok(items[j].clone()),
                        None => Err(PyErr::index_error("list index out of range")),
                    };
                }
                if let Some(t) = obj.as_tuple() {
                    if let Value::Slice(sl) = index {
                        let ix = self.slice_indices(sl, t.len())?;
                        return Ok(Value::tuple(ix.positions().map(|i| t[i].clone()).collect()));
                    }
                    let Some(i) = self.item_index(index)? else {
                        return Err(PyErr::type_error(format!(
                            "tuple indices must be integers or slices, not {}",
                            index.type_name()
                        )));
                    };
                    return match normalize(i, t.len()) {
                        Some(j) => Ok(t[j].clone()),
                        None => Err(PyErr::index_error("tuple index out of range")),
                    };
                }
                if let Some(d) = obj.as_dict() {
                    if let Some(v) = self.dict_get(d, index)? {
                        return Ok(v);
                    }
                    if let Value::Instance(_) = obj {
                        if let Some(m) = self.special_method(obj, &types().names.missing)? {
                            return self.call(&m, std::slice::from_ref(index));
                        }
                    }
                    return Err(PyErr::key_error(index.clone()));
                }
                if let Value::Type(t) = obj {
                    if let Some(m) = t.lookup(&types().names.class_getitem) {
                        let m = match &m {
                            Value::Instance(i) => match &i.payload {
                                crate::object::instance::Payload::ClassMethod(f) => f.clone(),
                                _ => m.clone(),
                            },
                            _ => m.clone(),
                        };
                        return self.call(&m, &[obj.clone(), index.clone()]);
                    }
                    return Err(PyErr::type_error(format!(
                        "type '{}' is not subscriptable",
                        t.name.as_str()
                    )));
                }
                Err(PyErr::type_error(format!(
                    "'{}' object is not subscriptable",
                    obj.type_name()
                )))
            }
        }
    }

    /// `obj[index] = v`.
    pub fn set_item(&mut self, obj: &Value, index: &Value, v: Value) -> PyResult<()> {
        if let Value::Instance(inst) = obj {
            let names = &types().names;
            match inst.class.lookup(&names.setitem) {
                // A built-in base's own special method: run it inline.
                Some(Value::Native(_)) if inst.has_builtin_payload() => {}
                None => {}
                Some(_) => {
                    let m = self
                        .special_method(obj, &names.setitem)?
                        .unwrap_or(Value::None);
                    self.call(&m, &[index.clone(), v])?;
                    return Ok(());
                }
            }
        }
        self.setitem_base(obj, index, v)
    }

    /// `obj[index] = v` for built-in values and payloads.
    pub fn setitem_base(&mut self, obj: &Value, index: &Value, v: Value) -> PyResult<()> {
        if let Some(l) = obj.as_list() {
            if let Value::Slice(sl) = index {
                // Fast path: the new items come in a list no one else
                // holds, so they are moved out of it instead of cloned
                // and then dropped with it (~250 instructions of
                // fannkuch's `perm[:k + 1] = perm[k::-1]`). Plain path:
                // `collect` copies them (any iterable, `a[:] = a`).
                let mut new = match unshared_list_items(&v) {
                    Some(items) => items,
                    None => self.collect(&v)?,
                };
                let len = l.len();
                let ix = self.slice_indices(sl, len)?;
                let mut items = l.lock();
                if ix.step == 1 {
                    let start = ix.start as usize;
                    let stop = (ix.stop.max(ix.start)) as usize;
                    let end = stop.min(items.len());
                    // Fast path: as many new items as old ones
                    // (`perm[:k + 1] = perm[k::-1]`): swapped in place, no
                    // splice; the old items leave in `new`, dropped after
                    // the lock is released.
                    if let Some(range) = items.get_mut(start..end) {
                        if range.len() == new.len() {
                            range.swap_with_slice(&mut new);
                            drop(items);
                            drop(new);
                            return Ok(());
                        }
                    }
                    let old: Vec<Value> = items.splice(start..end, new).collect();
                    drop(items);
                    drop(old);
                    return Ok(());
                }
                if new.len() != ix.len {
                    return Err(PyErr::value_error(format!(
                        "attempt to assign sequence of size {} to extended slice of size {}",
                        new.len(),
                        ix.len
                    )));
                }
                for (p, x) in ix.positions().zip(new) {
                    items[p] = x;
                }
                return Ok(());
            }
            let Some(i) = self.item_index(index)? else {
                return Err(PyErr::type_error(format!(
                    "list indices must be integers or slices, not {}",
                    index.type_name()
                )));
            };
            let mut items = l.lock();
            return match normalize(i, items.len()) {
                Some(j) => {
                    let old = std::mem::replace(&mut items[j], v);
                    drop(items);
                    drop(old);
                    Ok(())
                }
                None => Err(PyErr::index_error("list assignment index out of range")),
            };
        }
        if let Some(d) = obj.as_dict() {
            return self.dict_set(d, index.clone(), v);
        }
        if let Value::ByteArray(b) = obj {
            return self.bytearray_setitem(b, index, &v);
        }
        Err(PyErr::type_error(format!(
            "'{}' object does not support item assignment",
            obj.type_name()
        )))
    }

    /// `del obj[index]`.
    pub fn del_item(&mut self, obj: &Value, index: &Value) -> PyResult<()> {
        if let Value::Instance(inst) = obj {
            let names = &types().names;
            match inst.class.lookup(&names.delitem) {
                // A built-in base's own special method: run it inline.
                Some(Value::Native(_)) if inst.has_builtin_payload() => {}
                None => {}
                Some(_) => {
                    let m = self
                        .special_method(obj, &names.delitem)?
                        .unwrap_or(Value::None);
                    self.call(&m, std::slice::from_ref(index))?;
                    return Ok(());
                }
            }
        }
        self.delitem_base(obj, index)
    }

    /// `del obj[index]` for built-in values and payloads.
    pub fn delitem_base(&mut self, obj: &Value, index: &Value) -> PyResult<()> {
        if let Some(l) = obj.as_list() {
            if let Value::Slice(sl) = index {
                let len = l.len();
                let ix = self.slice_indices(sl, len)?;
                let mut doomed: Vec<usize> = ix.positions().collect();
                doomed.sort_unstable();
                let mut items = l.lock();
                let mut removed = Vec::with_capacity(doomed.len());
                for p in doomed.into_iter().rev() {
                    if p < items.len() {
                        removed.push(items.remove(p));
                    }
                }
                drop(items);
                drop(removed);
                return Ok(());
            }
            let Some(i) = self.item_index(index)? else {
                return Err(PyErr::type_error(format!(
                    "list indices must be integers or slices, not {}",
                    index.type_name()
                )));
            };
            let mut items = l.lock();
            return match normalize(i, items.len()) {
                Some(j) => {
                    let old = items.remove(j);
                    drop(items);
                    drop(old);
                    Ok(())
                }
                None => Err(PyErr::index_error("list assignment index out of range")),
            };
        }
        if let Some(d) = obj.as_dict() {
            return match self.dict_remove(d, index)? {
                Some(_) => Ok(()),
                None => Err(PyErr::key_error(index.clone())),
            };
        }
        if let Value::ByteArray(b) = obj {
            return self.bytearray_delitem(b, index);
        }
        Err(PyErr::type_error(format!(
            "'{}' object doesn't support item deletion",
            obj.type_name()
        )))
    }

    /// `len(v)`: the size [`builtin_len`] reads, else the class's
    /// `__len__` called (a Python one, or a native class's such as
    /// `deque`'s).
    pub fn len(&mut self, v: &Value) -> PyResult<i64> {
        if let Some(n) = builtin_len(v) {
            return Ok(n);
        }
        let Value::Instance(inst) = v else {
            return Err(no_len(v));
        };
        let names = &types().names;
        let Some(m) = inst.class.lookup(&names.len) else {
            return Err(no_len(v));
        };
        let m = self.special_method(v, &names.len)?.unwrap_or(m);
        let n = self.call(&m, &[])?;
        self.len_result(n)
    }
}

/// The size of `v` when reading it runs no Python code: a built-in sized
/// object, or an instance of a `list`, `tuple`, `dict` or `set` subclass
/// whose class keeps the built-in `__len__` (`Type::native_len`, cached
/// per class), as CPython's inherited `sq_length` slot reads it; `None`
/// for anything else. `len()`'s plain path ([`ThreadCtx::len`]) and its
/// in-place fast path (`builtin_calls.rs`) both start here.
#[inline]
pub(crate) fn builtin_len(v: &Value) -> Option<i64> {
    Some(match v {
        Value::Str(s) => s.char_count() as i64,
        Value::List(l) => l.len() as i64,
        Value::Tuple(t) => t.len() as i64,
        Value::Dict(d) => d.len() as i64,
        Value::Set(s) | Value::FrozenSet(s) => s.len() as i64,
        Value::Bytes(b) => b.data.len() as i64,
        Value::ByteArray(b) => b.lock().len() as i64,
        Value::Range(r) => r.len(),
        Value::DictView(view) => view.dict.as_dict().map_or(0, |d| d.len() as i64),
        Value::Instance(inst) if Type::native_len(&inst.class) => match &inst.payload {
            Payload::List(l) => l.len() as i64,
            Payload::Tuple(t) => t.len() as i64,
            Payload::Dict(d) => d.len() as i64,
            Payload::Set(s) => s.len() as i64,
            _ => return None,
        },
        _ => return None,
    })
}

/// `TypeError: object of type 'X' has no len()`.
fn no_len(v: &Value) -> PyErr {
    PyErr::type_error(format!("object of type '{}' has no len()", v.type_name()))
}
