//! Cutting and joining `str`: `strip` / `lstrip` / `rstrip`, `split` /
//! `rsplit` (on a separator or on whitespace runs, with `maxsplit`),
//! `splitlines`, `join`, `partition` / `rpartition`.
//!
//! Python equivalent: `Objects/stringlib/split.h`, `partition.h`,
//! `unicode_join`, `do_strip` in `Objects/unicodeobject.c`.
//!
//! Needs: the parent `mod.rs` (the receiver helper `me`, `str_param`, `text`).

use super::{me, str_param, text};
use crate::object::{PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

/// The characters `strip` removes (`None`: whitespace).
fn strip_set(args: &Args, method: &str) -> PyResult<Option<Vec<char>>> {
    match args.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.chars().collect())),
        Some(other) => Err(PyErr::type_error(format!(
            "{method} arg must be None or str, not {}",
            other.type_name()
        ))),
    }
}

fn strip_impl(args: Args, method: &str, left: bool, right: bool) -> PyResult {
    let s = me(&args, method)?;
    args.arity(method, 1, 2)?;
    let set = strip_set(&args, method)?;
    let pred = |c: char| match &set {
        None => c.is_whitespace(),
        Some(cs) => cs.contains(&c),
    };
    let mut t: &str = s.as_str();
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    text(t.to_string())
}

pub(super) fn strip(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    strip_impl(args, "strip", true, true)
}

pub(super) fn lstrip(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    strip_impl(args, "lstrip", true, false)
}

pub(super) fn rstrip(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    strip_impl(args, "rstrip", false, true)
}

/// `split`/`rsplit` with whitespace runs (`sep` is None).
fn split_whitespace(s: &str, maxsplit: i64, from_right: bool) -> Vec<Value> {
    if !from_right {
        let mut out = Vec::new();
        let mut rest = s.trim_start();
        while !rest.is_empty() {
            if maxsplit >= 0 && out.len() as i64 >= maxsplit {
                out.push(Value::str(rest));
                return out;
            }
            match rest.find(char::is_whitespace) {
                Some(i) => {
                    out.push(Value::str(&rest[..i]));
                    rest = rest[i..].trim_start();
                }
                None => {
                    out.push(Value::str(rest));
                    break;
                }
            }
        }
        out
    } else {
        let mut out = Vec::new();
        let mut rest = s.trim_end();
        while !rest.is_empty() {
            if maxsplit >= 0 && out.len() as i64 >= maxsplit {
                out.push(Value::str(rest));
                break;
            }
            match rest.rfind(char::is_whitespace) {
                Some(i) => {
                    let c = rest[i..].chars().next().map_or(1, char::len_utf8);
                    out.push(Value::str(&rest[i + c..]));
                    rest = rest[..i].trim_end();
                }
                None => {
                    out.push(Value::str(rest));
                    break;
                }
            }
        }
        out.reverse();
        out
    }
}

fn split_impl(vm: &mut ThreadCtx, args: Args, from_right: bool) -> PyResult {
    let name = if from_right { "rsplit" } else { "split" };
    let s = me(&args, name)?;
    let (_, rest) = args.split_self();
    let [sep, maxsplit] = rest.bind(name, ["sep", "maxsplit"], 0)?;
    let maxsplit = match maxsplit {
        Some(m) => index_arg(vm, m)?,
        None => -1,
    };
    let parts = match sep {
        None | Some(Value::None) => split_whitespace(s.as_str(), maxsplit, from_right),
        Some(sep) => {
            let sep = str_param(sep, name)?;
            if sep.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            let limit = if maxsplit < 0 {
                usize::MAX
            } else {
                maxsplit as usize + 1
            };
            if from_right {
                let mut v: Vec<Value> = s.rsplitn(limit, sep).map(Value::str).collect();
                v.reverse();
                v
            } else {
                s.splitn(limit, sep).map(Value::str).collect()
            }
        }
    };
    Ok(Value::list(parts))
}

pub(super) fn split(vm: &mut ThreadCtx, args: Args) -> PyResult {
    split_impl(vm, args, false)
}

pub(super) fn rsplit(vm: &mut ThreadCtx, args: Args) -> PyResult {
    split_impl(vm, args, true)
}

pub(super) fn splitlines(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "splitlines")?;
    let (_, rest) = args.split_self();
    let [keep] = rest.bind("splitlines", ["keepends"], 0)?;
    let keep = match keep {
        Some(k) => vm.truthy(k)?,
        None => false,
    };
    let mut out = Vec::new();
    let t = s.as_str();
    let mut start = 0;
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            let mut end = pos + c.len_utf8();
            if c == '\r' && i + 1 < chars.len() && chars[i + 1].1 == '\n' {
                end += 1;
                i += 1;
            }
            out.push(Value::str(if keep {
                &t[start..end]
            } else {
                &t[start..pos]
            }));
            start = end;
        }
        i += 1;
    }
    if start < t.len() {
        out.push(Value::str(&t[start..]));
    }
    Ok(Value::list(out))
}

pub(super) fn join(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "join")?;
    args.arity("join", 2, 2)?;
    let src = &args.positional()[1];
    let it = vm
        .get_iter(src)
        .map_err(|_| PyErr::type_error("can only join an iterable"))?;
    let items = vm.collect(&it)?;
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(s.as_str());
        }
        match it {
            Value::Str(x) => out.push_str(x.as_str()),
            other => {
                return Err(PyErr::type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    other.type_name()
                )))
            }
        }
    }
    text(out)
}

fn partition_impl(args: Args, name: &str, right: bool) -> PyResult {
    let s = me(&args, name)?;
    args.arity(name, 2, 2)?;
    let sep = str_param(&args.positional()[1], name)?;
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let t = s.as_str();
    let found = if right { t.rfind(sep) } else { t.find(sep) };
    let parts = match found {
        Some(i) => [&t[..i], sep, &t[i + sep.len()..]],
        None if right => ["", "", t],
        None => [t, "", ""],
    };
    Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
}

pub(super) fn partition(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    partition_impl(args, "partition", false)
}

pub(super) fn rpartition(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    partition_impl(args, "rpartition", true)
}
