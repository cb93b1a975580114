//! Searching `str` by code point: `find` / `rfind` / `index` / `rindex`,
//! `count`, `replace`, `startswith` / `endswith`, `removeprefix` /
//! `removesuffix`.
//!
//! ```text
//!   s[start:end] (code points) ─window─▶ byte range ─str::find─▶ byte offset
//!                                                 ─char_index─▶ code-point index
//! ```
//!
//! Python's indexes count code points, Rust's `str` searches return byte
//! offsets: `window` turns the `start`/`end` arguments into a byte range
//! and `char_index` turns a hit back. Fast path, labelled in
//! `byte_offset`: on ASCII text the byte offset is the code-point index.
//!
//! Python equivalent: `Objects/stringlib/find.h`, `count.h`,
//! `unicode_replace`, `tailmatch` in `Objects/unicodeobject.c`.
//!
//! Needs: the parent `mod.rs` (the receiver helper `me`, `str_param`, `text`).

use super::{me, str_param, text};
use crate::object::str::PyStr;
use crate::object::value::Flag;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

pub(super) fn replace(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "replace")?;
    args.arity("replace", 3, 4)?;
    let p = args.positional();
    let old = str_param(&p[1], "replace")?;
    let new = str_param(&p[2], "replace")?;
    let count = match p.get(3) {
        Some(c) => index_arg(vm, c)?,
        None => -1,
    };
    if count < 0 {
        return text(s.replace(old, new));
    }
    text(s.replacen(old, new, count as usize))
}

/// The `[start, end)` code-point window of `find`-style methods, as byte
/// offsets into `s`.
fn window(
    vm: &mut ThreadCtx,
    s: &PyStr,
    start: Option<&Value>,
    end: Option<&Value>,
) -> PyResult<(usize, usize)> {
    let n = s.char_count() as i64;
    let pos = |vm: &mut ThreadCtx, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = index_arg(vm, v)?;
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            }
        }
    };
    let a = pos(vm, start, 0)?;
    let b = pos(vm, end, n)?.max(a);
    Ok((byte_offset(s, a as usize), byte_offset(s, b as usize)))
}

/// The byte offset of code point `i` in `s`.
fn byte_offset(s: &PyStr, i: usize) -> usize {
    if s.is_ascii() {
        return i.min(s.len());
    }
    s.char_indices().nth(i).map_or(s.len(), |(b, _)| b)
}

/// The code-point index of byte offset `b` in `s`.
fn char_index(s: &str, b: usize) -> i64 {
    s[..b].chars().count() as i64
}

fn find_impl(vm: &mut ThreadCtx, args: Args, name: &str, right: bool, raise: bool) -> PyResult {
    let s = me(&args, name)?;
    args.arity(name, 2, 4)?;
    let p = args.positional();
    let sub = str_param(&p[1], name)?;
    let (a, b) = window(vm, s, p.get(2), p.get(3))?;
    let hay = &s.as_str()[a..b];
    let found = if right { hay.rfind(sub) } else { hay.find(sub) };
    match found {
        Some(i) => Ok(Value::Int(char_index(s.as_str(), a + i))),
        None if raise => Err(PyErr::value_error("substring not found")),
        None => Ok(Value::Int(-1)),
    }
}

pub(super) fn find(vm: &mut ThreadCtx, args: Args) -> PyResult {
    find_impl(vm, args, "find", false, false)
}

pub(super) fn rfind(vm: &mut ThreadCtx, args: Args) -> PyResult {
    find_impl(vm, args, "rfind", true, false)
}

pub(super) fn index(vm: &mut ThreadCtx, args: Args) -> PyResult {
    find_impl(vm, args, "index", false, true)
}

pub(super) fn rindex(vm: &mut ThreadCtx, args: Args) -> PyResult {
    find_impl(vm, args, "rindex", true, true)
}

pub(super) fn count(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "count")?;
    args.arity("count", 2, 4)?;
    let p = args.positional();
    let sub = str_param(&p[1], "count")?;
    let (a, b) = window(vm, s, p.get(2), p.get(3))?;
    let hay = &s.as_str()[a..b];
    let n = if sub.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(sub).count()
    };
    Ok(Value::Int(n as i64))
}

fn affix_impl(vm: &mut ThreadCtx, args: Args, name: &str, start: bool) -> PyResult {
    let s = me(&args, name)?;
    args.arity(name, 2, 4)?;
    let p = args.positional();
    let (a, b) = window(vm, s, p.get(2), p.get(3))?;
    let hay = &s.as_str()[a..b];
    let test = |x: &str| {
        if start {
            hay.starts_with(x)
        } else {
            hay.ends_with(x)
        }
    };
    match &p[1] {
        Value::Str(x) => Ok(Value::Bool(Flag(test(x.as_str())))),
        Value::Tuple(t) => {
            for x in t.iter() {
                match x {
                    Value::Str(x) => {
                        if test(x.as_str()) {
                            return Ok(Value::Bool(Flag(true)));
                        }
                    }
                    other => {
                        return Err(PyErr::type_error(format!(
                            "tuple for {name} must only contain str, not {}",
                            other.type_name()
                        )))
                    }
                }
            }
            Ok(Value::Bool(Flag(false)))
        }
        other => Err(PyErr::type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            other.type_name()
        ))),
    }
}

pub(super) fn startswith(vm: &mut ThreadCtx, args: Args) -> PyResult {
    affix_impl(vm, args, "startswith", true)
}

pub(super) fn endswith(vm: &mut ThreadCtx, args: Args) -> PyResult {
    affix_impl(vm, args, "endswith", false)
}

pub(super) fn removeprefix(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "removeprefix")?;
    args.arity("removeprefix", 2, 2)?;
    let x = str_param(&args.positional()[1], "removeprefix")?;
    text(s.strip_prefix(x).unwrap_or(s.as_str()).to_string())
}

pub(super) fn removesuffix(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "removesuffix")?;
    args.arity("removesuffix", 2, 2)?;
    let x = str_param(&args.positional()[1], "removesuffix")?;
    text(s.strip_suffix(x).unwrap_or(s.as_str()).to_string())
}
