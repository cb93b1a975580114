//! `str` conversions: `encode` (to `bytes`), `format` / `format_map` /
//! `__format__` (over the VM's formatter, `vm/format.rs`), and
//! `maketrans` / `translate` (code point → code point, string or `None`).
//!
//! Python equivalent: `unicode_encode_impl`, `do_string_format`
//! (`Objects/stringlib/unicode_format.h`), `unicode_maketrans_impl`,
//! `_PyUnicode_TranslateCharmap` in `Objects/unicodeobject.c`.
//!
//! Needs: the parent `mod.rs` (the receiver helper `me`, `text`).

use super::{me, text};
use crate::object::refcount::Arc;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

pub(super) fn encode(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "encode")?;
    let encoding = match args.get(1).or(args.kw("encoding")) {
        Some(Value::Str(e)) => e.as_str().to_ascii_lowercase(),
        _ => "utf-8".to_string(),
    };
    let data = match encoding.as_str() {
        "utf-8" | "utf8" => s.as_bytes().to_vec(),
        "ascii" | "latin-1" | "latin1" | "iso-8859-1" => {
            let limit = if encoding == "ascii" { 128 } else { 256 };
            let mut out = Vec::with_capacity(s.len());
            for (i, c) in s.chars().enumerate() {
                if (c as u32) < limit {
                    out.push(c as u8);
                } else {
                    return Err(PyErr::new(
                        ExcKind::UnicodeEncodeError,
                        format!(
                            "'{encoding}' codec can't encode character '\\x{:02x}' in position {i}: ordinal not in range({limit})",
                            c as u32
                        ),
                    ));
                }
            }
            out
        }
        other => {
            return Err(PyErr::new(
                ExcKind::LookupError,
                format!("unknown encoding: {other}"),
            ))
        }
    };
    Ok(Value::Bytes(Arc::new(crate::object::bytes::Bytes::new(
        data,
    ))))
}

pub(super) fn format(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "format")?;
    let pos = &args.positional()[1..];
    let kw: Vec<(String, Value)> = args
        .kwargs()
        .map(|(k, v)| (k.as_str().to_string(), v.clone()))
        .collect();
    text(vm.str_format(s.as_str(), pos, &kw)?)
}

pub(super) fn format_map(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "format_map")?;
    args.arity("format_map", 2, 2)?;
    let items = vm.mapping_items(&args.positional()[1])?;
    let kw: Vec<(String, Value)> = items
        .into_iter()
        .filter_map(|(k, v)| match k {
            Value::Str(k) => Some((k.as_str().to_string(), v)),
            _ => None,
        })
        .collect();
    text(vm.str_format(s.as_str(), &[], &kw)?)
}

pub(super) fn str_dunder_format(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__format__", 2, 2)?;
    let p = args.positional();
    let spec = match &p[1] {
        Value::Str(s) => s.as_str().to_string(),
        _ => String::new(),
    };
    text(vm.format(&p[0], &spec)?)
}

pub(super) fn maketrans(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let p = args.positional();
    let d = Arc::new(crate::object::dict::Dict::new());
    match p.len() {
        1 => {
            for (k, v) in vm.mapping_items(&p[0])? {
                let k = match &k {
                    Value::Str(s) if s.char_count() == 1 => {
                        Value::Int(s.as_str().chars().next().map_or(0, |c| c as i64))
                    }
                    other => other.clone(),
                };
                vm.dict_set(&d, k, v)?;
            }
        }
        2 | 3 => {
            let (Value::Str(a), Value::Str(b)) = (&p[0], &p[1]) else {
                return Err(PyErr::type_error("maketrans() arguments must be str"));
            };
            if a.char_count() != b.char_count() {
                return Err(PyErr::value_error(
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (x, y) in a.chars().zip(b.chars()) {
                vm.dict_set(&d, Value::Int(x as i64), Value::Int(y as i64))?;
            }
            if let Some(Value::Str(z)) = p.get(2) {
                for x in z.chars() {
                    vm.dict_set(&d, Value::Int(x as i64), Value::None)?;
                }
            }
        }
        _ => return Err(PyErr::type_error("maketrans() takes 1 to 3 arguments")),
    }
    Ok(Value::Dict(d))
}

pub(super) fn translate(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "translate")?;
    args.arity("translate", 2, 2)?;
    let table = args.positional()[1].clone();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match vm.get_item(&table, &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(Value::Str(r)) => out.push_str(r.as_str()),
            Ok(v) => match crate::vm::number::int_ref(&v) {
                Some(crate::vm::number::IntRef::Small(i)) => {
                    out.push(u32::try_from(i).ok().and_then(char::from_u32).unwrap_or(c))
                }
                _ => {
                    return Err(PyErr::type_error(
                        "character mapping must return integer, None or str",
                    ))
                }
            },
            Err(e) if e.is(ExcKind::LookupError) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    text(out)
}
