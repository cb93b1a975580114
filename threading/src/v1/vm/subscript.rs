//! Subscripts and slices: `BINARY_SUBSCR` and `STORE_SUBSCR`.
//!
//! ```text
//!   xs[-1]     negative index counts from the end; out of range → IndexError
//!   xs[1:3]    slice bounds are clamped, never an error (slice.indices)
//!   s[::-1]    negative step walks backwards
//!   d[k]       KeyError(k) when missing
//! ```
//!
//! Python equivalent: `Objects/sliceobject.c` (`PySlice_AdjustIndices`),
//! `listobject.c` (`list_subscript`), `dictobject.c` (`dict_subscript`).

use super::exception::{ExcKind, PyErr, PyResult};
use super::iter::range_len;
use super::value::{lock, Value};

fn index_of(v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(PyErr::type_error(format!(
            "{what} indices must be integers or slices, not {}",
            other.type_name()
        ))),
    }
}

fn normalize(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    if j < 0 || j >= len {
        return Err(PyErr::new(
            ExcKind::IndexError,
            format!("{what} index out of range"),
        ));
    }
    Ok(j as usize)
}

/// The positions a slice selects in a sequence of `len` items.
pub fn slice_indices(s: &[Value; 3], len: usize) -> PyResult<Vec<usize>> {
    let part = |v: &Value| -> PyResult<Option<i64>> {
        match v {
            Value::None => Ok(None),
            other => index_of(other, "slice").map(Some).map_err(|_| {
                PyErr::type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )
            }),
        }
    };
    let step = part(&s[2])?.unwrap_or(1);
    if step == 0 {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    let len = len as i64;
    let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| match v {
        None => default,
        Some(i) => {
            let i = if i < 0 { i.saturating_add(len) } else { i };
            i.clamp(lo, hi)
        }
    };
    let mut out = Vec::new();
    if step > 0 {
        let start = clamp(part(&s[0])?, 0, 0, len);
        let stop = clamp(part(&s[1])?, len, 0, len);
        let mut i = start;
        while i < stop {
            out.push(i as usize);
            i = i.saturating_add(step);
        }
    } else {
        let start = clamp(part(&s[0])?, len - 1, -1, len - 1);
        let stop = clamp(part(&s[1])?, -1, -1, len - 1);
        let mut i = start;
        while i > stop {
            out.push(i as usize);
            i = i.saturating_add(step);
        }
    }
    Ok(out)
}

/// `container[index]`.
pub fn get_item(container: &Value, index: &Value) -> PyResult {
    match (container, index) {
        (Value::List(l), Value::Slice(s)) => {
            let items = lock(l);
            let idx = slice_indices(s, items.len())?;
            Ok(Value::list(
                idx.into_iter().map(|i| items[i].clone()).collect(),
            ))
        }
        (Value::List(l), i) => {
            let i = index_of(i, "list")?;
            let items = lock(l);
            let j = normalize(i, items.len(), "list")?;
            Ok(items[j].clone())
        }
        (Value::Tuple(t), Value::Slice(s)) => {
            let idx = slice_indices(s, t.len())?;
            Ok(Value::tuple(
                idx.into_iter().map(|i| t[i].clone()).collect(),
            ))
        }
        (Value::Tuple(t), i) => {
            let i = index_of(i, "tuple")?;
            Ok(t[normalize(i, t.len(), "tuple")?].clone())
        }
        (Value::Str(s), idx) => {
            if s.is_ascii() {
                let bytes = s.as_bytes();
                return match idx {
                    Value::Slice(sl) => {
                        let idx = slice_indices(sl, bytes.len())?;
                        Ok(Value::string(
                            idx.into_iter().map(|i| bytes[i] as char).collect(),
                        ))
                    }
                    i => {
                        let i = index_of(i, "string")?;
                        let j = normalize(i, bytes.len(), "string")?;
                        Ok(Value::string((bytes[j] as char).to_string()))
                    }
                };
            }
            let chars: Vec<char> = s.chars().collect();
            match idx {
                Value::Slice(sl) => {
                    let idx = slice_indices(sl, chars.len())?;
                    Ok(Value::string(idx.into_iter().map(|i| chars[i]).collect()))
                }
                i => {
                    let i = index_of(i, "string")?;
                    Ok(Value::string(
                        chars[normalize(i, chars.len(), "string")?].to_string(),
                    ))
                }
            }
        }
        (Value::Dict(d), k) => match lock(d).get(k) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(PyErr::from_args(ExcKind::KeyError, vec![k.clone()])),
            Err(t) => Err(PyErr::type_error(format!("unhashable type: '{t}'"))),
        },
        (Value::Range(_), Value::Slice(_)) => Err(PyErr::new(
            ExcKind::NotImplementedError,
            format!("slicing a range is outside MiniPy ({})", container.repr()),
        )),
        (Value::Range(r), i) => {
            let i = index_of(i, "range object")?;
            let len = range_len(r);
            let j = if i < 0 { i + len } else { i };
            if j < 0 || j >= len {
                return Err(PyErr::new(
                    ExcKind::IndexError,
                    "range object index out of range",
                ));
            }
            Ok(Value::Int(r[0] + j * r[2]))
        }
        (other, _) => Err(PyErr::type_error(format!(
            "'{}' object is not subscriptable",
            other.type_name()
        ))),
    }
}

/// `container[index] = value`.
pub fn set_item(container: &Value, index: &Value, value: Value) -> PyResult<()> {
    match container {
        Value::List(l) => {
            if let Value::Slice(_) = index {
                return Err(PyErr::new(
                    ExcKind::NotImplementedError,
                    "slice assignment is outside MiniPy",
                ));
            }
            let i = index_of(index, "list")?;
            let mut items = lock(l);
            let j = normalize(i, items.len(), "list assignment")?;
            items[j] = value;
            Ok(())
        }
        Value::Dict(d) => lock(d)
            .set(index.clone(), value)
            .map_err(|t| PyErr::type_error(format!("unhashable type: '{t}'"))),
        other => Err(PyErr::type_error(format!(
            "'{}' object does not support item assignment",
            other.type_name()
        ))),
    }
}
