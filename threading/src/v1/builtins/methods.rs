//! Methods of `str`, `list` and `dict`.
//!
//! ```text
//!   xs.append(1)   LOAD_ATTR append → Method{recv: xs, name: "append"}
//!                  CALL 1           → call(xs, "append", [1])
//! ```
//!
//! Mutating list/dict methods hold the object's own lock for the whole
//! operation, so `append` from many threads never loses an item even
//! without a GIL (as on 3.13t), while `xs[i] += 1` still can.
//!
//! Simplification: `dict.keys()/values()/items()` return lists (CPython
//! returns live views; iteration, `len`, `in` and `sorted` behave the same).
//!
//! Python equivalent: `Objects/unicodeobject.c`, `listobject.c`, `dictobject.c`.

use super::functions::sort_list;
use super::{arity, no_kwargs, take_kw};
use crate::v1::vm::exception::{ExcKind, PyErr, PyResult};
use crate::v1::vm::iter::collect;
use crate::v1::vm::ops::eq;
use crate::v1::vm::value::{lock, Value};
use std::sync::Arc;

/// Method names per receiver type (LOAD_ATTR checks these).
pub const STR_METHODS: &[&str] = &[
    "join",
    "split",
    "strip",
    "lstrip",
    "rstrip",
    "upper",
    "lower",
    "startswith",
    "endswith",
    "replace",
    "find",
    "count",
    "isdigit",
    "format",
];
/// `list` methods.
pub const LIST_METHODS: &[&str] = &[
    "append", "pop", "extend", "insert", "remove", "index", "count", "reverse", "sort", "clear",
    "copy",
];
/// `dict` methods.
pub const DICT_METHODS: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "pop",
    "setdefault",
    "update",
    "copy",
    "clear",
];

fn str_arg<'a>(v: &'a Value, method: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(PyErr::type_error(format!(
            "{method} arg must be None or str, not {}",
            other.type_name()
        ))),
    }
}

fn strip_chars(args: &[Value]) -> PyResult<Option<Vec<char>>> {
    match args.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(str_arg(v, "strip")?.chars().collect())),
    }
}

fn str_method(s: &str, name: &str, args: Vec<Value>) -> PyResult {
    let text = |t: String| Ok(Value::string(t));
    match name {
        "upper" => text(s.to_uppercase()),
        "lower" => text(s.to_lowercase()),
        "strip" | "lstrip" | "rstrip" => {
            arity(name, &args, 0, 1)?;
            let chars = strip_chars(&args)?;
            let pred = |c: char| match &chars {
                None => c.is_whitespace(),
                Some(cs) => cs.contains(&c),
            };
            text(
                match name {
                    "strip" => s.trim_matches(pred),
                    "lstrip" => s.trim_start_matches(pred),
                    _ => s.trim_end_matches(pred),
                }
                .to_string(),
            )
        }
        "split" => {
            arity(name, &args, 0, 2)?;
            let maxsplit = match args.get(1) {
                Some(Value::Int(n)) if *n >= 0 => Some(*n as usize),
                _ => None,
            };
            let parts: Vec<Value> = match args.first() {
                None | Some(Value::None) => {
                    let words = s.split_whitespace().map(str::to_string);
                    match maxsplit {
                        None => words.map(Value::string).collect(),
                        Some(m) => {
                            let mut out = Vec::new();
                            let mut rest = s.trim_start();
                            while out.len() < m && !rest.is_empty() {
                                match rest.find(char::is_whitespace) {
                                    Some(i) => {
                                        out.push(Value::str(&rest[..i]));
                                        rest = rest[i..].trim_start();
                                    }
                                    None => break,
                                }
                            }
                            if !rest.is_empty() {
                                out.push(Value::str(rest));
                            }
                            out
                        }
                    }
                }
                Some(sep) => {
                    let sep = str_arg(sep, "split")?;
                    if sep.is_empty() {
                        return Err(PyErr::value_error("empty separator"));
                    }
                    match maxsplit {
                        None => s.split(sep).map(Value::str).collect(),
                        Some(m) => s.splitn(m + 1, sep).map(Value::str).collect(),
                    }
                }
            };
            Ok(Value::list(parts))
        }
        "join" => {
            arity(name, &args, 1, 1)?;
            let items = collect(&args[0])?;
            let mut out = String::new();
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(s);
                }
                match it {
                    Value::Str(x) => out.push_str(x),
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
        "startswith" | "endswith" => {
            arity(name, &args, 1, 1)?;
            let options: Vec<Value> = match &args[0] {
                Value::Tuple(t) => t.to_vec(),
                v => vec![v.clone()],
            };
            for o in options {
                let p = str_arg(&o, name)?;
                if (name == "startswith" && s.starts_with(p))
                    || (name == "endswith" && s.ends_with(p))
                {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        "replace" => {
            arity(name, &args, 2, 2)?;
            text(s.replace(str_arg(&args[0], name)?, str_arg(&args[1], name)?))
        }
        "find" => {
            arity(name, &args, 1, 1)?;
            let sub = str_arg(&args[0], name)?;
            Ok(Value::Int(match s.find(sub) {
                Some(b) => s[..b].chars().count() as i64,
                None => -1,
            }))
        }
        "count" => {
            arity(name, &args, 1, 1)?;
            let sub = str_arg(&args[0], name)?;
            Ok(Value::Int(if sub.is_empty() {
                s.chars().count() as i64 + 1
            } else {
                s.matches(sub).count() as i64
            }))
        }
        "isdigit" => Ok(Value::Bool(
            !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()),
        )),
        _ => Err(PyErr::new(
            ExcKind::NotImplementedError,
            format!("str.{name}() is outside MiniPy"),
        )),
    }
}

fn list_method(
    l: &Arc<std::sync::Mutex<crate::v1::vm::value::Items>>,
    name: &str,
    args: Vec<Value>,
    reverse: bool,
) -> PyResult {
    match name {
        "append" => {
            arity(name, &args, 1, 1)?;
            lock(l).push(args[0].clone());
            Ok(Value::None)
        }
        "extend" => {
            arity(name, &args, 1, 1)?;
            let items = collect(&args[0])?;
            lock(l).extend(items);
            Ok(Value::None)
        }
        "pop" => {
            arity(name, &args, 0, 1)?;
            let mut items = lock(l);
            if items.is_empty() {
                return Err(PyErr::new(ExcKind::IndexError, "pop from empty list"));
            }
            let len = items.len() as i64;
            let i = match args.first() {
                None => len - 1,
                Some(Value::Int(i)) => *i,
                Some(other) => {
                    return Err(PyErr::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.type_name()
                    )))
                }
            };
            let j = if i < 0 { i + len } else { i };
            if j < 0 || j >= len {
                return Err(PyErr::new(ExcKind::IndexError, "pop index out of range"));
            }
            Ok(items.remove(j as usize))
        }
        "insert" => {
            arity(name, &args, 2, 2)?;
            let mut items = lock(l);
            let len = items.len() as i64;
            let i = match &args[0] {
                Value::Int(i) => *i,
                _ => return Err(PyErr::type_error("'insert' index must be an integer")),
            };
            let j = if i < 0 { (i + len).max(0) } else { i.min(len) };
            items.insert(j as usize, args[1].clone());
            Ok(Value::None)
        }
        "remove" | "index" => {
            arity(name, &args, 1, 1)?;
            let mut items = lock(l);
            match items.iter().position(|x| eq(x, &args[0])) {
                Some(i) if name == "remove" => {
                    items.remove(i);
                    Ok(Value::None)
                }
                Some(i) => Ok(Value::Int(i as i64)),
                None if name == "remove" => {
                    Err(PyErr::value_error("list.remove(x): x not in list"))
                }
                None => Err(PyErr::value_error(format!(
                    "{} is not in list",
                    args[0].repr()
                ))),
            }
        }
        "count" => {
            arity(name, &args, 1, 1)?;
            let items = lock(l).to_vec();
            Ok(Value::Int(
                items.iter().filter(|x| eq(x, &args[0])).count() as i64
            ))
        }
        "reverse" => {
            lock(l).reverse();
            Ok(Value::None)
        }
        "sort" => {
            let mut items = lock(l).to_vec();
            sort_list(&mut items, reverse)?;
            *lock(l) = crate::v1::vm::value::Items(items);
            Ok(Value::None)
        }
        "clear" => {
            lock(l).clear();
            Ok(Value::None)
        }
        "copy" => Ok(Value::list(lock(l).to_vec())),
        _ => Err(PyErr::new(
            ExcKind::NotImplementedError,
            format!("list.{name}() is outside MiniPy"),
        )),
    }
}

fn dict_method(
    d: &Arc<std::sync::Mutex<crate::v1::vm::dict::PyDict>>,
    name: &str,
    args: Vec<Value>,
) -> PyResult {
    let unhashable = |t: &str| PyErr::type_error(format!("unhashable type: '{t}'"));
    match name {
        "get" => {
            arity("get", &args, 1, 2)?;
            let v = lock(d).get(&args[0]).map_err(unhashable)?;
            Ok(v.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
        }
        "keys" => Ok(Value::list(lock(d).keys())),
        "values" => Ok(Value::list(lock(d).values())),
        "items" => Ok(Value::list(
            lock(d)
                .entries()
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![k, v]))
                .collect(),
        )),
        "pop" => {
            arity("pop", &args, 1, 2)?;
            let mut g = lock(d);
            match g.get(&args[0]).map_err(unhashable)? {
                Some(v) => {
                    let rest: Vec<(Value, Value)> = g
                        .entries()
                        .into_iter()
                        .filter(|(k, _)| !eq(k, &args[0]))
                        .collect();
                    *g = Default::default();
                    for (k, val) in rest {
                        g.set(k, val).map_err(unhashable)?;
                    }
                    Ok(v)
                }
                None => args
                    .get(1)
                    .cloned()
                    .ok_or_else(|| PyErr::from_args(ExcKind::KeyError, vec![args[0].clone()])),
            }
        }
        "setdefault" => {
            arity("setdefault", &args, 1, 2)?;
            let mut g = lock(d);
            match g.get(&args[0]).map_err(unhashable)? {
                Some(v) => Ok(v),
                None => {
                    let v = args.get(1).cloned().unwrap_or(Value::None);
                    g.set(args[0].clone(), v.clone()).map_err(unhashable)?;
                    Ok(v)
                }
            }
        }
        "update" => {
            arity("update", &args, 1, 1)?;
            let entries = match &args[0] {
                Value::Dict(o) => lock(o).entries(),
                _ => return Err(PyErr::type_error("dict.update() takes a dict in MiniPy")),
            };
            let mut g = lock(d);
            for (k, v) in entries {
                g.set(k, v).map_err(unhashable)?;
            }
            Ok(Value::None)
        }
        "copy" => {
            let mut n = crate::v1::vm::dict::PyDict::default();
            for (k, v) in lock(d).entries() {
                n.set(k, v).map_err(unhashable)?;
            }
            Ok(Value::Dict(Arc::new(std::sync::Mutex::new(n))))
        }
        "clear" => {
            *lock(d) = Default::default();
            Ok(Value::None)
        }
        _ => Err(PyErr::new(
            ExcKind::NotImplementedError,
            format!("dict.{name}() is outside MiniPy"),
        )),
    }
}

/// Calls method `name` of a str, list or dict.
pub(super) fn call(
    recv: &Value,
    name: &'static str,
    args: Vec<Value>,
    mut kwargs: Vec<(Arc<String>, Value)>,
) -> PyResult {
    match recv {
        Value::Str(s) => {
            no_kwargs(name, &kwargs)?;
            str_method(s, name, args)
        }
        Value::List(l) if kwargs.is_empty() => list_method(l, name, args, false),
        Value::List(l) => {
            let reverse = take_kw(&mut kwargs, "reverse").is_some_and(|v| v.truthy());
            if take_kw(&mut kwargs, "key").is_some() {
                return Err(PyErr::new(
                    ExcKind::NotImplementedError,
                    "list.sort(key=...) is outside MiniPy",
                ));
            }
            no_kwargs(name, &kwargs)?;
            list_method(l, name, args, reverse)
        }
        Value::Dict(d) => {
            no_kwargs(name, &kwargs)?;
            dict_method(d, name, args)
        }
        other => Err(PyErr::new(
            ExcKind::AttributeError,
            format!("'{}' object has no attribute '{name}'", other.type_name()),
        )),
    }
}
