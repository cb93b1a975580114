//! `bytes` and `bytearray`: constructors and the methods programs use
//! (`decode`, `hex`, `fromhex`, `join`, `split`, `find`, `append`, ...).
//!
//! Python equivalent: `Objects/bytesobject.c`, `Objects/bytearrayobject.c`.

use crate::object::builtin_types::types;
use crate::object::bytes::{ByteArray, Bytes};
use crate::object::refcount::Arc;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, NativeSpec};
use crate::vm::number::{int_ref, IntRef};
use crate::vm::ops::bytes_of;
use crate::vm::ThreadCtx;

/// The bytes `bytes(x)` / `bytearray(x)` make of `x`.
fn bytes_from(vm: &mut ThreadCtx, args: &Args, name: &str) -> PyResult<Vec<u8>> {
    let (_, rest) = args.split_self();
    let [src, encoding, _errors] = rest.bind(name, ["source", "encoding", "errors"], 0)?;
    let Some(src) = src else {
        return Ok(Vec::new());
    };
    match src {
        Value::Str(s) => {
            if encoding.is_none() {
                return Err(PyErr::type_error("string argument without an encoding"));
            }
            Ok(s.as_bytes().to_vec())
        }
        _ if int_ref(src).is_some() => {
            let n = index_arg(vm, src)?;
            if n < 0 {
                return Err(PyErr::value_error("negative count"));
            }
            Ok(vec![0; n as usize])
        }
        _ => {
            if let Some(b) = bytes_of(src) {
                return Ok(b);
            }
            let items = vm.collect(src)?;
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                match int_ref(&it) {
                    Some(IntRef::Small(x)) if (0..256).contains(&x) => out.push(x as u8),
                    Some(_) => return Err(PyErr::value_error("bytes must be in range(0, 256)")),
                    None => {
                        return Err(PyErr::type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            it.type_name()
                        )))
                    }
                }
            }
            Ok(out)
        }
    }
}

fn bytes_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let data = bytes_from(vm, &args, "bytes")?;
    Ok(Value::Bytes(Arc::new(Bytes::new(data))))
}

fn bytearray_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let data = bytes_from(vm, &args, "bytearray")?;
    Ok(Value::ByteArray(Arc::new(ByteArray::new(data))))
}

fn data(args: &Args) -> PyResult<Vec<u8>> {
    args.positional()
        .first()
        .and_then(bytes_of)
        .ok_or_else(|| PyErr::type_error("bytes method needs a bytes object"))
}

/// A result of the receiver's kind.
fn like(args: &Args, d: Vec<u8>) -> Value {
    match args.positional().first() {
        Some(Value::ByteArray(_)) => Value::ByteArray(Arc::new(ByteArray::new(d))),
        _ => Value::Bytes(Arc::new(Bytes::new(d))),
    }
}

fn decode(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = data(&args)?;
    let encoding = match args.get(1).or(args.kw("encoding")) {
        Some(Value::Str(e)) => e.as_str().to_ascii_lowercase(),
        _ => "utf-8".into(),
    };
    match encoding.as_str() {
        "utf-8" | "utf8" => String::from_utf8(d).map(Value::string).map_err(|e| {
            let pos = e.utf8_error().valid_up_to();
            let byte = e.as_bytes().get(pos).copied().unwrap_or(0);
            PyErr::new(
                ExcKind::UnicodeDecodeError,
                format!(
                    "'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: invalid start byte"
                ),
            )
        }),
        "ascii" => {
            if let Some(pos) = d.iter().position(|b| *b >= 128) {
                return Err(PyErr::new(
                    ExcKind::UnicodeDecodeError,
                    format!(
                        "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                        d[pos]
                    ),
                ));
            }
            Ok(Value::string(d.iter().map(|b| *b as char).collect()))
        }
        "latin-1" | "latin1" | "iso-8859-1" => {
            Ok(Value::string(d.iter().map(|b| *b as char).collect()))
        }
        other => Err(PyErr::new(
            ExcKind::LookupError,
            format!("unknown encoding: {other}"),
        )),
    }
}

fn hex(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = data(&args)?;
    Ok(Value::string(
        d.iter().map(|b| format!("{b:02x}")).collect(),
    ))
}

fn fromhex(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    let Some(Value::Str(s)) = rest.get(0) else {
        return Err(PyErr::type_error("fromhex() argument must be str"));
    };
    let digits: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.len().is_multiple_of(2) || !digits.iter().all(|c| c.is_ascii_hexdigit()) {
        return Err(PyErr::value_error(
            "non-hexadecimal number found in fromhex() arg",
        ));
    }
    let out: Vec<u8> = digits
        .chunks(2)
        .map(|p| (p[0].to_digit(16).unwrap_or(0) * 16 + p[1].to_digit(16).unwrap_or(0)) as u8)
        .collect();
    Ok(match cls {
        Some(Value::Type(t)) if Arc::ptr_eq(t, &types().bytearray) => {
            Value::ByteArray(Arc::new(ByteArray::new(out)))
        }
        _ => Value::Bytes(Arc::new(Bytes::new(out))),
    })
}

fn join(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sep = data(&args)?;
    args.arity("join", 2, 2)?;
    let items = vm.collect(&args.positional()[1])?;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match bytes_of(it) {
            Some(b) => out.extend(b),
            None => {
                return Err(PyErr::type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    it.type_name()
                )))
            }
        }
    }
    Ok(like(&args, out))
}

fn find(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = data(&args)?;
    let sub = args.get(1).and_then(bytes_of).unwrap_or_default();
    let pos = if sub.is_empty() {
        Some(0)
    } else {
        d.windows(sub.len()).position(|w| w == &sub[..])
    };
    Ok(Value::Int(pos.map_or(-1, |p| p as i64)))
}

fn count(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = data(&args)?;
    let sub = args.get(1).and_then(bytes_of).unwrap_or_default();
    if sub.is_empty() {
        return Ok(Value::Int(d.len() as i64 + 1));
    }
    let mut n = 0;
    let mut i = 0;
    while i + sub.len() <= d.len() {
        if d[i..i + sub.len()] == sub[..] {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    Ok(Value::Int(n))
}

fn affix(args: Args, start: bool) -> PyResult {
    let d = data(&args)?;
    let p = args.get(1).and_then(bytes_of).unwrap_or_default();
    Ok(Value::Bool(Flag(if start {
        d.starts_with(&p)
    } else {
        d.ends_with(&p)
    })))
}

fn startswith(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    affix(args, true)
}

fn endswith(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    affix(args, false)
}

/// C's `isspace` in the C locale, what `bytes.split()` splits on (Rust's
/// `is_ascii_whitespace` leaves out `\x0b`).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// `bytes.split(sep=None, maxsplit=-1)` and `rsplit`: at most `maxsplit`
/// splits, counted from the left or (for `rsplit`) the right; no `sep`
/// splits on runs of whitespace and drops empty pieces.
fn split_impl(vm: &mut ThreadCtx, args: Args, from_right: bool) -> PyResult {
    let d = data(&args)?;
    let name = if from_right { "rsplit" } else { "split" };
    let [sep, maxsplit] = args.split_self().1.bind(name, ["sep", "maxsplit"], 0)?;
    let limit = match maxsplit {
        None => usize::MAX,
        Some(v) => usize::try_from(index_arg(vm, v)?).unwrap_or(usize::MAX),
    };
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_of(v).ok_or_else(|| {
            PyErr::type_error(format!(
                "a bytes-like object is required, not '{}'",
                v.type_name()
            ))
        })?),
    };
    let mut parts: Vec<Vec<u8>> = match &sep {
        Some(sep) if sep.is_empty() => return Err(PyErr::value_error("empty separator")),
        Some(sep) => split_on(&d, sep, limit, from_right),
        None => split_on_space(&d, limit, from_right),
    };
    if from_right {
        parts.reverse();
    }
    Ok(Value::list(
        parts.into_iter().map(|p| like(&args, p)).collect(),
    ))
}

/// Pieces of `d` between occurrences of `sep`, at most `limit` splits;
/// from the right, the pieces come last first.
fn split_on(d: &[u8], sep: &[u8], limit: usize, from_right: bool) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = d;
    while out.len() < limit {
        let found = if from_right {
            rest.windows(sep.len()).rposition(|w| w == sep)
        } else {
            rest.windows(sep.len()).position(|w| w == sep)
        };
        let Some(at) = found else { break };
        if from_right {
            out.push(rest[at + sep.len()..].to_vec());
            rest = &rest[..at];
        } else {
            out.push(rest[..at].to_vec());
            rest = &rest[at + sep.len()..];
        }
    }
    out.push(rest.to_vec());
    out
}

/// Words of `d` split on whitespace runs, at most `limit` splits; the
/// unsplit remainder keeps its inner and far-side whitespace, as
/// CPython's (`b' a b '.split(maxsplit=1)` is `[b'a', b'b ']`).
fn split_on_space(d: &[u8], limit: usize, from_right: bool) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = d;
    loop {
        // Drop the whitespace on the side we split from.
        rest = if from_right {
            let end = rest
                .iter()
                .rposition(|&b| !is_space(b))
                .map_or(0, |i| i + 1);
            &rest[..end]
        } else {
            let start = rest
                .iter()
                .position(|&b| !is_space(b))
                .unwrap_or(rest.len());
            &rest[start..]
        };
        if rest.is_empty() {
            return out;
        }
        if out.len() == limit {
            out.push(rest.to_vec());
            return out;
        }
        let cut = if from_right {
            rest.iter().rposition(|&b| is_space(b))
        } else {
            rest.iter().position(|&b| is_space(b))
        };
        match cut {
            None => {
                out.push(rest.to_vec());
                return out;
            }
            Some(at) if from_right => {
                out.push(rest[at + 1..].to_vec());
                rest = &rest[..at];
            }
            Some(at) => {
                out.push(rest[..at].to_vec());
                rest = &rest[at..];
            }
        }
    }
}

fn split(vm: &mut ThreadCtx, args: Args) -> PyResult {
    split_impl(vm, args, false)
}

fn rsplit(vm: &mut ThreadCtx, args: Args) -> PyResult {
    split_impl(vm, args, true)
}

fn strip(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = data(&args)?;
    let set = args.get(1).and_then(bytes_of);
    let keep = |b: &u8| match &set {
        None => !b.is_ascii_whitespace(),
        Some(s) => !s.contains(b),
    };
    let start = d.iter().position(keep).unwrap_or(d.len());
    let end = d.iter().rposition(keep).map_or(start, |e| e + 1);
    Ok(like(&args, d[start..end.max(start)].to_vec()))
}

fn upper(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = data(&args)?;
    Ok(like(&args, d.to_ascii_uppercase()))
}

fn lower(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = data(&args)?;
    Ok(like(&args, d.to_ascii_lowercase()))
}

fn replace(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = data(&args)?;
    let old = args.get(1).and_then(bytes_of).unwrap_or_default();
    let new = args.get(2).and_then(bytes_of).unwrap_or_default();
    if old.is_empty() {
        return Ok(like(&args, d));
    }
    let mut out = Vec::with_capacity(d.len());
    let mut i = 0;
    while i < d.len() {
        if i + old.len() <= d.len() && d[i..i + old.len()] == old[..] {
            out.extend_from_slice(&new);
            i += old.len();
        } else {
            out.push(d[i]);
            i += 1;
        }
    }
    Ok(like(&args, out))
}

/// `bytes`'s methods.
pub static BYTES_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", bytes_new),
    NativeSpec::method("decode", decode),
    NativeSpec::method("hex", hex),
    NativeSpec::classmethod("fromhex", fromhex),
    NativeSpec::method("join", join),
    NativeSpec::method("find", find),
    NativeSpec::method("count", count),
    NativeSpec::method("startswith", startswith),
    NativeSpec::method("endswith", endswith),
    NativeSpec::method("split", split),
    NativeSpec::method("rsplit", rsplit),
    NativeSpec::method("strip", strip),
    NativeSpec::method("upper", upper),
    NativeSpec::method("lower", lower),
    NativeSpec::method("replace", replace),
];

/// `bytearray`'s methods shared with `bytes` (the mutators are in
/// `bytearray_methods.rs`).
pub static BYTEARRAY_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", bytearray_new),
    NativeSpec::method("decode", decode),
    NativeSpec::method("hex", hex),
    NativeSpec::classmethod("fromhex", fromhex),
    NativeSpec::method("join", join),
    NativeSpec::method("find", find),
    NativeSpec::method("count", count),
    NativeSpec::method("startswith", startswith),
    NativeSpec::method("endswith", endswith),
    NativeSpec::method("split", split),
    NativeSpec::method("rsplit", rsplit),
    NativeSpec::method("strip", strip),
    NativeSpec::method("upper", upper),
    NativeSpec::method("lower", lower),
    NativeSpec::method("replace", replace),
];
