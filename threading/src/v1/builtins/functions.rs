//! The built-in functions of MINIPY.md: `print`, `range`, `len`, `str`,
//! `int`, `float`, `abs`, `min`, `max`, `sum`, `sorted`, `enumerate`, `zip`,
//! `list` (plus `tuple`, `dict`, `bool`, `repr`, `isinstance`, `round`).
//!
//! Error messages are CPython 3.11's word for word, because programs print
//! them (`except ValueError as e: print(e)`).
//!
//! Python equivalent: `Python/bltinmodule.c`, `Objects/longobject.c`
//! (`int()` parsing), `Objects/floatobject.c` (`float()` parsing).

use super::{arity, no_kwargs, take_kw, Builtin};
use crate::ast::BinOp;
use crate::v1::vm::dict::PyDict;
use crate::v1::vm::exception::{ExcKind, PyErr, PyResult};
use crate::v1::vm::iter::{collect, iter_state, range_len, IterState};
use crate::v1::vm::ops::{binary_op, compare_order};
use crate::v1::vm::value::{lock, Value};
use crate::v1::vm::ThreadCtx;
use std::cmp::Ordering;
use std::sync::{Arc, Mutex};

type Kwargs = Vec<(Arc<String>, Value)>;

fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer{what}",
            other.type_name()
        ))),
    }
}

/// `int(text)` with Python's accepted syntax.
pub fn parse_int(text: &str) -> PyResult<i64> {
    let t = text.trim();
    let bad = || {
        PyErr::value_error(format!(
            "invalid literal for int() with base 10: {}",
            crate::v1::vm::repr::str_repr(text)
        ))
    };
    let (neg, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return Err(bad());
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    if !clean.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let v: i128 = clean.parse().map_err(|_| PyErr::overflow())?;
    let v = if neg { -v } else { v };
    i64::try_from(v).map_err(|_| PyErr::overflow())
}

/// `float(text)`.
pub fn parse_float(text: &str) -> PyResult<f64> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.replace('_', "");
    let body = t.trim_start_matches(['+', '-']);
    let ok = matches!(body, "inf" | "infinity" | "nan")
        || (!body.is_empty()
            && body
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-')));
    match t.parse::<f64>() {
        Ok(v) if ok => Ok(v),
        _ => Err(PyErr::value_error(format!(
            "could not convert string to float: {}",
            crate::v1::vm::repr::str_repr(text)
        ))),
    }
}

fn to_int(v: &Value) -> PyResult {
    Ok(Value::Int(match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::Float(f) => {
            if f.is_nan() {
                return Err(PyErr::value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(PyErr::new(
                    ExcKind::OverflowError,
                    "cannot convert float infinity to integer",
                ));
            }
            let t = f.trunc();
            if t.abs() >= 9.223_372_036_854_776e18 {
                return Err(PyErr::overflow());
            }
            t as i64
        }
        Value::Str(s) => parse_int(s)?,
        other => {
            return Err(PyErr::type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            )))
        }
    }))
}

fn to_float(v: &Value) -> PyResult {
    Ok(Value::Float(match v {
        Value::Int(i) => *i as f64,
        Value::Bool(b) => *b as i64 as f64,
        Value::Float(f) => *f,
        Value::Str(s) => parse_float(s)?,
        other => {
            return Err(PyErr::type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                other.type_name()
            )))
        }
    }))
}

fn len_of(v: &Value) -> PyResult<i64> {
    Ok(match v {
        Value::Str(s) => s.chars().count() as i64,
        Value::List(l) => lock(l).len() as i64,
        Value::Tuple(t) => t.len() as i64,
        Value::Dict(d) => lock(d).len() as i64,
        Value::Range(r) => range_len(r),
        other => {
            return Err(PyErr::type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )))
        }
    })
}

fn min_max(name: &str, args: Vec<Value>, mut kwargs: Kwargs, want: Ordering) -> PyResult {
    let default = take_kw(&mut kwargs, "default");
    if take_kw(&mut kwargs, "key").is_some() {
        return Err(PyErr::new(
            ExcKind::NotImplementedError,
            format!("{name}(key=...) is outside MiniPy"),
        ));
    }
    no_kwargs(name, &kwargs)?;
    let items = match args.len() {
        0 => {
            return Err(PyErr::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        1 => collect(&args[0])?,
        _ => args,
    };
    let mut best: Option<Value> = None;
    for x in items {
        best = Some(match best {
            None => x,
            Some(b) => {
                let sym = if want == Ordering::Less { "<" } else { ">" };
                if compare_order(&x, &b, sym)? == want {
                    x
                } else {
                    b
                }
            }
        });
    }
    best.or(default)
        .ok_or_else(|| PyErr::value_error(format!("{name}() arg is an empty sequence")))
}

fn sort_values(items: &mut [Value]) -> PyResult<()> {
    let mut err = None;
    items.sort_by(|a, b| match compare_order(a, b, "<") {
        Ok(o) => o,
        Err(e) => {
            err.get_or_insert(e);
            Ordering::Equal
        }
    });
    err.map_or(Ok(()), Err)
}

/// `list.sort` / `sorted`: stable, with `reverse` keeping equal items in order.
pub fn sort_list(items: &mut [Value], reverse: bool) -> PyResult<()> {
    if reverse {
        items.reverse();
        sort_values(items)?;
        items.reverse();
        Ok(())
    } else {
        sort_values(items)
    }
}

fn iter_value(st: IterState) -> Value {
    Value::Iter(Arc::new(Mutex::new(st)))
}

fn round(args: &[Value]) -> PyResult {
    let nd = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(int_arg(v, "")?),
    };
    match (&args[0], nd) {
        (Value::Int(i), _) => Ok(Value::Int(*i)),
        (Value::Bool(b), _) => Ok(Value::Int(*b as i64)),
        (Value::Float(f), None) => {
            if !f.is_finite() {
                return to_int(&args[0]);
            }
            to_int(&Value::Float(f.round_ties_even()))
        }
        (Value::Float(f), Some(n)) => {
            if !(0..=300).contains(&n) {
                return Ok(Value::Float(*f));
            }
            let s = format!("{:.*}", n as usize, f);
            Ok(Value::Float(s.parse().unwrap_or(*f)))
        }
        (other, _) => Err(PyErr::type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

fn isinstance(v: &Value, class: &Value) -> PyResult<bool> {
    Ok(match class {
        Value::Tuple(t) => {
            for c in t.iter() {
                if isinstance(v, c)? {
                    return Ok(true);
                }
            }
            false
        }
        Value::Builtin(b) => matches!(
            (b, v),
            (Builtin::Int, Value::Int(_) | Value::Bool(_))
                | (Builtin::Float, Value::Float(_))
                | (Builtin::Str, Value::Str(_))
                | (Builtin::Bool, Value::Bool(_))
                | (Builtin::List, Value::List(_))
                | (Builtin::Tuple, Value::Tuple(_))
                | (Builtin::Dict, Value::Dict(_))
        ),
        Value::ExcType(k) => matches!(v, Value::Exception(e) if e.kind.is_subclass_of(*k)),
        _ => {
            return Err(PyErr::type_error(
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            ))
        }
    })
}

/// Runs a general builtin.
pub(super) fn call(
    ctx: &mut ThreadCtx,
    b: Builtin,
    args: Vec<Value>,
    mut kwargs: Kwargs,
) -> PyResult {
    let name = b.name();
    match b {
        Builtin::Print => {
            let sep = take_kw(&mut kwargs, "sep");
            let end = take_kw(&mut kwargs, "end");
            take_kw(&mut kwargs, "flush");
            no_kwargs("print", &kwargs)?;
            let text_of = |v: Option<Value>, default: &str| -> PyResult<String> {
                match v {
                    None | Some(Value::None) => Ok(default.to_string()),
                    Some(Value::Str(s)) => Ok(s.to_string()),
                    Some(o) => Err(PyErr::type_error(format!(
                        "sep must be None or a string, not {}",
                        o.type_name()
                    ))),
                }
            };
            let sep = text_of(sep, " ")?;
            let end = text_of(end, "\n")?;
            let mut line = String::new();
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    line.push_str(&sep);
                }
                line.push_str(&a.to_str());
            }
            line.push_str(&end);
            ctx.rt.out.write(&line);
            return Ok(Value::None);
        }
        Builtin::Enumerate => {
            let start = take_kw(&mut kwargs, "start");
            no_kwargs(name, &kwargs)?;
            arity(name, &args, 1, 2)?;
            let start = match args.get(1).or(start.as_ref()) {
                Some(v) => int_arg(v, "")?,
                None => 0,
            };
            return Ok(iter_value(IterState::Enumerate {
                inner: Box::new(iter_state(&args[0])?),
                count: start,
            }));
        }
        Builtin::Min => return min_max("min", args, kwargs, Ordering::Less),
        Builtin::Max => return min_max("max", args, kwargs, Ordering::Greater),
        Builtin::Sorted => {
            let reverse = take_kw(&mut kwargs, "reverse").is_some_and(|v| v.truthy());
            if take_kw(&mut kwargs, "key").is_some() {
                return Err(PyErr::new(
                    ExcKind::NotImplementedError,
                    "sorted(key=...) is outside MiniPy",
                ));
            }
            no_kwargs(name, &kwargs)?;
            arity(name, &args, 1, 1)?;
            let mut items = collect(&args[0])?;
            sort_list(&mut items, reverse)?;
            return Ok(Value::list(items));
        }
        Builtin::Sum => {
            let start = take_kw(&mut kwargs, "start");
            no_kwargs(name, &kwargs)?;
            arity(name, &args, 1, 2)?;
            let mut acc = args.get(1).cloned().or(start).unwrap_or(Value::Int(0));
            if let Value::Str(_) = acc {
                return Err(PyErr::type_error(
                    "sum() can't sum strings [use ''.join(seq) instead]",
                ));
            }
            for x in collect(&args[0])? {
                acc = binary_op(BinOp::Add, &acc, &x)?;
            }
            return Ok(acc);
        }
        Builtin::Dict => {
            arity(name, &args, 0, 1)?;
            let mut d = PyDict::default();
            let set = |d: &mut PyDict, k: Value, v: Value| {
                d.set(k, v)
                    .map_err(|t| PyErr::type_error(format!("unhashable type: '{t}'")))
            };
            if let Some(src) = args.first() {
                if let Value::Dict(other) = src {
                    for (k, v) in lock(other).entries() {
                        set(&mut d, k, v)?;
                    }
                } else {
                    for pair in collect(src)? {
                        let kv = collect(&pair)?;
                        if kv.len() != 2 {
                            return Err(PyErr::value_error(format!(
                                "dictionary update sequence element #0 has length {}; 2 is required",
                                kv.len()
                            )));
                        }
                        set(&mut d, kv[0].clone(), kv[1].clone())?;
                    }
                }
            }
            for (k, v) in kwargs {
                set(&mut d, Value::Str(k), v)?;
            }
            return Ok(Value::Dict(Arc::new(Mutex::new(d))));
        }
        _ => {}
    }
    no_kwargs(name, &kwargs)?;
    match b {
        Builtin::Range => {
            arity(name, &args, 1, 3)?;
            let ints: Vec<i64> = args
                .iter()
                .map(|a| int_arg(a, ""))
                .collect::<PyResult<_>>()?;
            let (start, stop, step) = match ints.len() {
                1 => (0, ints[0], 1),
                2 => (ints[0], ints[1], 1),
                _ => (ints[0], ints[1], ints[2]),
            };
            if step == 0 {
                return Err(PyErr::value_error("range() arg 3 must not be zero"));
            }
            Ok(Value::Range(Arc::new([start, stop, step])))
        }
        Builtin::Len => {
            arity(name, &args, 1, 1)?;
            Ok(Value::Int(len_of(&args[0])?))
        }
        Builtin::Str => {
            arity(name, &args, 0, 1)?;
            Ok(Value::string(
                args.first().map(|v| v.to_str()).unwrap_or_default(),
            ))
        }
        Builtin::Repr => {
            arity(name, &args, 1, 1)?;
            Ok(Value::string(args[0].repr()))
        }
        Builtin::Int => {
            arity(name, &args, 0, 1)?;
            args.first().map_or(Ok(Value::Int(0)), to_int)
        }
        Builtin::Float => {
            arity(name, &args, 0, 1)?;
            args.first().map_or(Ok(Value::Float(0.0)), to_float)
        }
        Builtin::Bool => {
            arity(name, &args, 0, 1)?;
            Ok(Value::Bool(args.first().is_some_and(|v| v.truthy())))
        }
        Builtin::Abs => {
            arity(name, &args, 1, 1)?;
            match &args[0] {
                Value::Int(i) => i.checked_abs().map(Value::Int).ok_or_else(PyErr::overflow),
                Value::Bool(b) => Ok(Value::Int(*b as i64)),
                Value::Float(f) => Ok(Value::Float(f.abs())),
                other => Err(PyErr::type_error(format!(
                    "bad operand type for abs(): '{}'",
                    other.type_name()
                ))),
            }
        }
        Builtin::Zip => {
            let parts = args.iter().map(iter_state).collect::<PyResult<Vec<_>>>()?;
            Ok(iter_value(IterState::Zip(parts)))
        }
        Builtin::List => {
            arity(name, &args, 0, 1)?;
            Ok(Value::list(match args.first() {
                Some(v) => collect(v)?,
                None => Vec::new(),
            }))
        }
        Builtin::Tuple => {
            arity(name, &args, 0, 1)?;
            Ok(Value::tuple(match args.first() {
                Some(v) => collect(v)?,
                None => Vec::new(),
            }))
        }
        Builtin::Isinstance => {
            arity(name, &args, 2, 2)?;
            Ok(Value::Bool(isinstance(&args[0], &args[1])?))
        }
        Builtin::Round => {
            arity(name, &args, 1, 2)?;
            round(&args)
        }
        _ => Err(PyErr::type_error(format!("{name}() is not callable here"))),
    }
}
