//! `str`: its constructor and methods (`split`, `join`, `strip`,
//! `replace`, `find`, `format`, `startswith`, `center`, `zfill`, ...).
//!
//! Methods work on code points: indexes and counts agree with CPython for
//! any text (`'héllo'.find('l') == 2`), with an ASCII fast path where the
//! byte index is the code-point index.
//!
//! Python equivalent: `Objects/unicodeobject.c`, `Objects/stringlib/`.

use crate::object::str::PyStr;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, NativeSpec};
use crate::vm::ThreadCtx;
use std::sync::Arc;

/// The receiver of a `str` method.
fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a PyStr> {
    match args.positional().first() {
        Some(Value::Str(s)) => Ok(s),
        Some(other) => Err(crate::vm::native::wrong_self(method, "str", other)),
        None => Err(PyErr::type_error(format!(
            "unbound method str.{method}() needs an argument"
        ))),
    }
}

/// A `str` argument of a method.
fn str_param<'a>(v: &'a Value, method: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(PyErr::type_error(format!(
            "{method}() argument must be str, not {}",
            other.type_name()
        ))),
    }
}

fn str_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    if let Some(Value::Type(t)) = cls {
        if !Arc::ptr_eq(t, &crate::object::builtin_types::types().str_) {
            return Err(PyErr::new(
                ExcKind::NotImplementedError,
                format!("subclassing str ({}) is outside MiniPy", t.name.as_str()),
            ));
        }
    }
    let [obj, encoding, _errors] = rest.bind("str", ["object", "encoding", "errors"], 0)?;
    match (obj, encoding) {
        (None, _) => Ok(Value::str("")),
        (Some(v), None) => Ok(Value::string(vm.str(v)?)),
        (Some(v), Some(_)) => match crate::vm::ops::bytes_of(v) {
            Some(b) => match String::from_utf8(b) {
                Ok(s) => Ok(Value::string(s)),
                Err(_) => Err(PyErr::new(
                    ExcKind::UnicodeDecodeError,
                    "'utf-8' codec can't decode bytes",
                )),
            },
            None => Err(PyErr::type_error(format!(
                "decoding to str: need a bytes-like object, {} found",
                v.type_name()
            ))),
        },
    }
}

fn text(s: String) -> PyResult {
    Ok(Value::string(s))
}

fn upper(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    text(me(&args, "upper")?.to_uppercase())
}

fn lower(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    text(me(&args, "lower")?.to_lowercase())
}

fn casefold(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    // Full case folding differs from lowercasing mainly for the sharp s.
    text(
        me(&args, "casefold")?
            .to_lowercase()
            .replace('ß', "ss")
            .replace('ς', "σ"),
    )
}

fn swapcase(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "swapcase")?;
    text(
        s.chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    c.to_uppercase().collect::<Vec<_>>()
                }
            })
            .collect(),
    )
}

fn capitalize(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "capitalize")?;
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    text(out)
}

fn title(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "title")?;
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    text(out)
}

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

fn strip(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    strip_impl(args, "strip", true, true)
}

fn lstrip(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    strip_impl(args, "lstrip", true, false)
}

fn rstrip(_vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn split(vm: &mut ThreadCtx, args: Args) -> PyResult {
    split_impl(vm, args, false)
}

fn rsplit(vm: &mut ThreadCtx, args: Args) -> PyResult {
    split_impl(vm, args, true)
}

fn splitlines(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn join(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn replace(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn find(vm: &mut ThreadCtx, args: Args) -> PyResult {
    find_impl(vm, args, "find", false, false)
}

fn rfind(vm: &mut ThreadCtx, args: Args) -> PyResult {
    find_impl(vm, args, "rfind", true, false)
}

fn index(vm: &mut ThreadCtx, args: Args) -> PyResult {
    find_impl(vm, args, "index", false, true)
}

fn rindex(vm: &mut ThreadCtx, args: Args) -> PyResult {
    find_impl(vm, args, "rindex", true, true)
}

fn count(vm: &mut ThreadCtx, args: Args) -> PyResult {
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
        Value::Str(x) => Ok(Value::Bool(test(x.as_str()))),
        Value::Tuple(t) => {
            for x in t.iter() {
                match x {
                    Value::Str(x) => {
                        if test(x.as_str()) {
                            return Ok(Value::Bool(true));
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
            Ok(Value::Bool(false))
        }
        other => Err(PyErr::type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            other.type_name()
        ))),
    }
}

fn startswith(vm: &mut ThreadCtx, args: Args) -> PyResult {
    affix_impl(vm, args, "startswith", true)
}

fn endswith(vm: &mut ThreadCtx, args: Args) -> PyResult {
    affix_impl(vm, args, "endswith", false)
}

fn removeprefix(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "removeprefix")?;
    args.arity("removeprefix", 2, 2)?;
    let x = str_param(&args.positional()[1], "removeprefix")?;
    text(s.strip_prefix(x).unwrap_or(s.as_str()).to_string())
}

fn removesuffix(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "removesuffix")?;
    args.arity("removesuffix", 2, 2)?;
    let x = str_param(&args.positional()[1], "removesuffix")?;
    text(s.strip_suffix(x).unwrap_or(s.as_str()).to_string())
}

fn predicate(args: Args, name: &str, f: fn(&str) -> bool) -> PyResult {
    let s = me(&args, name)?;
    Ok(Value::Bool(f(s.as_str())))
}

fn isdigit(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isdigit", |s| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
    })
}

fn isdecimal(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isdecimal", |s| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
    })
}

fn isnumeric(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isnumeric", |s| {
        !s.is_empty() && s.chars().all(char::is_numeric)
    })
}

fn isalpha(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isalpha", |s| {
        !s.is_empty() && s.chars().all(char::is_alphabetic)
    })
}

fn isalnum(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isalnum", |s| {
        !s.is_empty() && s.chars().all(char::is_alphanumeric)
    })
}

fn isspace(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isspace", |s| {
        !s.is_empty() && s.chars().all(char::is_whitespace)
    })
}

fn isupper(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isupper", |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}

fn islower(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "islower", |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}

fn isascii(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isascii", |s| s.is_ascii())
}

fn isidentifier(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isidentifier", |s| {
        let mut cs = s.chars();
        match cs.next() {
            Some(c) if c == '_' || c.is_alphabetic() => cs.all(|c| c == '_' || c.is_alphanumeric()),
            _ => false,
        }
    })
}

fn istitle(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "istitle", |s| {
        let mut prev_cased = false;
        let mut any = false;
        for c in s.chars() {
            if c.is_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else if c.is_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else {
                prev_cased = false;
            }
        }
        any
    })
}

fn isprintable(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    predicate(args, "isprintable", |s| {
        s.chars()
            .all(|c| !(c.is_control() || c == '\u{ad}') || c == ' ')
    })
}

/// The fill character of `center`/`ljust`/`rjust`.
fn fill_char(args: &Args, name: &str) -> PyResult<char> {
    match args.get(2) {
        None => Ok(' '),
        Some(Value::Str(s)) if s.char_count() == 1 => Ok(s.as_str().chars().next().unwrap_or(' ')),
        Some(_) => Err(PyErr::type_error(format!(
            "The fill character must be exactly one character long ({name})"
        ))),
    }
}

fn justify(vm: &mut ThreadCtx, args: Args, name: &str) -> PyResult {
    let s = me(&args, name)?;
    args.arity(name, 2, 3)?;
    let width = index_arg(vm, &args.positional()[1])?;
    let fill = fill_char(&args, name)?;
    let n = s.char_count() as i64;
    if width <= n {
        return Ok(args.positional()[0].clone());
    }
    let pad = (width - n) as usize;
    let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    let body = s.as_str();
    text(match name {
        "ljust" => format!("{body}{}", f(pad)),
        "rjust" => format!("{}{body}", f(pad)),
        _ => {
            // CPython's center puts the odd space on the right for an
            // even-length string, on the left for an odd one.
            let left = pad / 2 + (pad & width as usize & 1);
            format!("{}{body}{}", f(left), f(pad - left))
        }
    })
}

fn center(vm: &mut ThreadCtx, args: Args) -> PyResult {
    justify(vm, args, "center")
}

fn ljust(vm: &mut ThreadCtx, args: Args) -> PyResult {
    justify(vm, args, "ljust")
}

fn rjust(vm: &mut ThreadCtx, args: Args) -> PyResult {
    justify(vm, args, "rjust")
}

fn zfill(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "zfill")?;
    args.arity("zfill", 2, 2)?;
    let width = index_arg(vm, &args.positional()[1])?;
    let n = s.char_count() as i64;
    if width <= n {
        return Ok(args.positional()[0].clone());
    }
    let pad = "0".repeat((width - n) as usize);
    let t = s.as_str();
    text(match t.chars().next() {
        Some(c @ ('+' | '-')) => format!("{c}{pad}{}", &t[1..]),
        _ => format!("{pad}{t}"),
    })
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

fn partition(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    partition_impl(args, "partition", false)
}

fn rpartition(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    partition_impl(args, "rpartition", true)
}

fn expandtabs(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "expandtabs")?;
    let tab = match args.get(1).or(args.kw("tabsize")) {
        Some(v) => index_arg(vm, v)?,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in s.chars() {
        match c {
            '\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    out.push_str(&" ".repeat(n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    text(out)
}

fn encode(_vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn format(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "format")?;
    let pos = &args.positional()[1..];
    let kw: Vec<(String, Value)> = args
        .kwargs()
        .map(|(k, v)| (k.as_str().to_string(), v.clone()))
        .collect();
    text(vm.str_format(s.as_str(), pos, &kw)?)
}

fn format_map(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn str_dunder_format(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__format__", 2, 2)?;
    let p = args.positional();
    let spec = match &p[1] {
        Value::Str(s) => s.as_str().to_string(),
        _ => String::new(),
    };
    text(vm.format(&p[0], &spec)?)
}

fn maketrans(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn translate(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

/// `str`'s methods.
pub static STR_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", str_new),
    NativeSpec::method("upper", upper),
    NativeSpec::method("lower", lower),
    NativeSpec::method("casefold", casefold),
    NativeSpec::method("swapcase", swapcase),
    NativeSpec::method("capitalize", capitalize),
    NativeSpec::method("title", title),
    NativeSpec::method("strip", strip),
    NativeSpec::method("lstrip", lstrip),
    NativeSpec::method("rstrip", rstrip),
    NativeSpec::method("split", split),
    NativeSpec::method("rsplit", rsplit),
    NativeSpec::method("splitlines", splitlines),
    NativeSpec::method("join", join),
    NativeSpec::method("replace", replace),
    NativeSpec::method("find", find),
    NativeSpec::method("rfind", rfind),
    NativeSpec::method("index", index),
    NativeSpec::method("rindex", rindex),
    NativeSpec::method("count", count),
    NativeSpec::method("startswith", startswith),
    NativeSpec::method("endswith", endswith),
    NativeSpec::method("removeprefix", removeprefix),
    NativeSpec::method("removesuffix", removesuffix),
    NativeSpec::method("isdigit", isdigit),
    NativeSpec::method("isdecimal", isdecimal),
    NativeSpec::method("isnumeric", isnumeric),
    NativeSpec::method("isalpha", isalpha),
    NativeSpec::method("isalnum", isalnum),
    NativeSpec::method("isspace", isspace),
    NativeSpec::method("isupper", isupper),
    NativeSpec::method("islower", islower),
    NativeSpec::method("isascii", isascii),
    NativeSpec::method("isidentifier", isidentifier),
    NativeSpec::method("istitle", istitle),
    NativeSpec::method("isprintable", isprintable),
    NativeSpec::method("center", center),
    NativeSpec::method("ljust", ljust),
    NativeSpec::method("rjust", rjust),
    NativeSpec::method("zfill", zfill),
    NativeSpec::method("partition", partition),
    NativeSpec::method("rpartition", rpartition),
    NativeSpec::method("expandtabs", expandtabs),
    NativeSpec::method("encode", encode),
    NativeSpec::method("format", format),
    NativeSpec::method("format_map", format_map),
    NativeSpec::method("__format__", str_dunder_format),
    NativeSpec::staticmethod("maketrans", maketrans),
    NativeSpec::method("translate", translate),
];
