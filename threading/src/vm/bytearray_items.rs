//! `bytearray` item and slice assignment and deletion: `ba[i] = 65`,
//! `ba[1:3] = b"XYZ"`, `ba[::2] = b"ab"`, `del ba[-3:]`, with CPython's
//! rules and messages.
//!
//! ```text
//!   ba[i] = v        v an int in range(256); i negative counts from the end
//!   ba[a:b] = src    src bytes-like or an iterable of ints: the run is replaced
//!                    (it may grow or shrink the array); an int or str is refused
//!   ba[a:b:k] = src  an extended slice: src must have exactly as many bytes
//!   del ba[i]        one byte out; del ba[a:b:k] every selected byte out
//! ```
//!
//! The right-hand side is converted to bytes before the array is locked,
//! because converting may run Python code (an iterator's `__next__`) that
//! could touch the same array. Needs `subscript.rs` (slice indices) and
//! `ops.rs` (`bytes_of`).
//!
//! Python equivalent: `Objects/bytearrayobject.c` (`bytearray_ass_subscript`,
//! `bytearray_setslice_linear`).

use super::number::{int_ref, IntRef};
use super::ops::bytes_of;
use super::ThreadCtx;
use crate::object::bytes::ByteArray;
use crate::object::{PyErr, PyResult, Value};

/// Where an assignment or deletion lands in the array.
enum Target {
    /// One position, already normalised into range.
    Item(usize),
    /// A slice: `start`, `step` and how many positions it selects
    /// (`step == 1` is the linear case that may change the length).
    Slice {
        /// First position.
        start: i64,
        /// Never 0.
        step: i64,
        /// Positions selected.
        len: usize,
    },
}

/// The byte an `int` stands for, with CPython's errors.
fn byte_of(v: &Value) -> PyResult<u8> {
    match int_ref(v) {
        Some(IntRef::Small(x)) if (0..256).contains(&x) => Ok(x as u8),
        Some(_) => Err(PyErr::value_error("byte must be in range(0, 256)")),
        None => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))),
    }
}

impl ThreadCtx {
    /// Resolves `index` against an array of `len` bytes.
    fn bytearray_target(&mut self, index: &Value, len: usize) -> PyResult<Target> {
        if let Value::Slice(sl) = index {
            let ix = self.slice_indices(sl, len)?;
            return Ok(Target::Slice {
                start: ix.start,
                step: ix.step,
                len: ix.len,
            });
        }
        let Some(i) = self.item_index(index)? else {
            return Err(PyErr::type_error(format!(
                "bytearray indices must be integers or slices, not {}",
                index.type_name()
            )));
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if !(0..len as i64).contains(&j) {
            return Err(PyErr::index_error("bytearray index out of range"));
        }
        Ok(Target::Item(j as usize))
    }

    /// The bytes a slice assignment inserts: a bytes-like object as is, any
    /// other iterable item by item; numbers and strings are refused.
    fn bytearray_source(&mut self, v: &Value) -> PyResult<Vec<u8>> {
        if let Some(data) = bytes_of(v) {
            return Ok(data);
        }
        if int_ref(v).is_some() || matches!(v, Value::Float(_) | Value::Str(_)) {
            return Err(PyErr::type_error(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
            ));
        }
        let items = self.collect(v)?;
        items.iter().map(byte_of).collect()
    }

    /// `ba[index] = v`.
    pub fn bytearray_setitem(&mut self, b: &ByteArray, index: &Value, v: &Value) -> PyResult<()> {
        let len = b.lock().len();
        match self.bytearray_target(index, len)? {
            Target::Item(j) => {
                let byte = byte_of(v)?;
                // An `__index__` may have shrunk the array since `len`.
                match b.lock().get_mut(j) {
                    Some(slot) => {
                        *slot = byte;
                        Ok(())
                    }
                    None => Err(PyErr::index_error("bytearray index out of range")),
                }
            }
            Target::Slice {
                start,
                step,
                len: selected,
            } => {
                let new = self.bytearray_source(v)?;
                let mut data = b.lock();
                if step == 1 {
                    // Clamp again: collecting the source may have run code
                    // that resized the array.
                    let start = (start as usize).min(data.len());
                    let stop = (start + selected).min(data.len());
                    data.splice(start..stop, new);
                    return Ok(());
                }
                if new.len() != selected {
                    return Err(PyErr::value_error(format!(
                        "attempt to assign bytes of size {} to extended slice of size {}",
                        new.len(),
                        selected
                    )));
                }
                for (k, byte) in new.into_iter().enumerate() {
                    let p = (start + k as i64 * step) as usize;
                    if let Some(slot) = data.get_mut(p) {
                        *slot = byte;
                    }
                }
                Ok(())
            }
        }
    }

    /// `del ba[index]`.
    pub fn bytearray_delitem(&mut self, b: &ByteArray, index: &Value) -> PyResult<()> {
        let len = b.lock().len();
        let target = self.bytearray_target(index, len)?;
        let mut data = b.lock();
        match target {
            Target::Item(j) if j < data.len() => {
                data.remove(j);
            }
            Target::Item(_) => return Err(PyErr::index_error("bytearray index out of range")),
            Target::Slice {
                start,
                step,
                len: selected,
            } => {
                // Keep every byte whose position the slice does not select.
                let selects = |p: usize| {
                    let off = p as i64 - start;
                    off % step == 0 && (0..selected as i64).contains(&(off / step))
                };
                let mut p = 0;
                data.retain(|_| {
                    let keep = !selects(p);
                    p += 1;
                    keep
                });
            }
        }
        Ok(())
    }
}
