//! Operators: `BINARY_OP`, `COMPARE_OP`, `CONTAINS_OP`, unary ops and
//! equality, with Python's numeric rules.
//!
//! ```text
//!   int ∘ int   → int (checked: overflow raises OverflowError), except / → float
//!   int ∘ float → float                 bool counts as int
//!   7 // -2 == -4,  7 % -2 == -1        floor division rounds toward -∞
//!   2 ** -1 == 0.5                      negative int exponent → float
//! ```
//!
//! The eval loop handles `int ∘ int` inline for speed; everything comes here.
//!
//! Python equivalent: `Objects/longobject.c`, `floatobject.c`,
//! `abstract.c` (`PyNumber_*`), `object.c` (`PyObject_RichCompare`).

use super::exception::{ExcKind, PyErr, PyResult};
use super::value::{lock, Value};
use crate::ast::{BinOp, CmpOp};
use std::cmp::Ordering;

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

fn zero_div(what: &str) -> PyErr {
    PyErr::new(ExcKind::ZeroDivisionError, what)
}

/// Integer binary op with Python semantics.
pub fn int_binop(op: BinOp, a: i64, b: i64) -> PyResult {
    let r = match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::Div => {
            if b == 0 {
                return Err(zero_div("division by zero"));
            }
            return Ok(Value::Float(a as f64 / b as f64));
        }
        BinOp::FloorDiv => {
            if b == 0 {
                return Err(zero_div("integer division or modulo by zero"));
            }
            a.checked_div_euclid(b).map(|_| {
                let q = a.wrapping_div(b);
                if (a % b != 0) && ((a < 0) != (b < 0)) {
                    q - 1
                } else {
                    q
                }
            })
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(zero_div("integer modulo by zero"));
            }
            a.checked_rem(b).map(|r| {
                if r != 0 && ((r < 0) != (b < 0)) {
                    r + b
                } else {
                    r
                }
            })
        }
        BinOp::Pow => {
            if b < 0 {
                if a == 0 {
                    return Err(zero_div("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float((a as f64).powf(b as f64)));
            }
            u32::try_from(b).ok().and_then(|e| a.checked_pow(e))
        }
        // v1's compiler refuses the bitwise operators (MiniPy v2 adds them).
        other => return Err(v1_has_no(other)),
    };
    r.map(Value::Int).ok_or_else(PyErr::overflow)
}

/// CPython's `float_divmod`: floor division computed from `fmod`, so
/// `1 // 0.1 == 9.0` (0.1 is a little more than a tenth), with the
/// remainder taking the divisor's sign.
fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0_f64.copysign(a / b)
    };
    (floordiv, m)
}

fn float_binop(op: BinOp, a: f64, b: f64) -> PyResult {
    Ok(Value::Float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err(zero_div("float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if b == 0.0 {
                return Err(zero_div(if op == BinOp::Mod {
                    "float modulo"
                } else {
                    "float floor division by zero"
                }));
            }
            let (div, m) = float_divmod(a, b);
            if op == BinOp::Mod {
                m
            } else {
                div
            }
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(zero_div("0.0 cannot be raised to a negative power"));
            }
            let r = a.powf(b);
            if r.is_infinite() && a.is_finite() && b.is_finite() {
                return Err(PyErr::new(
                    ExcKind::OverflowError,
                    "(34, 'Numerical result out of range')",
                ));
            }
            r
        }
        other => return Err(v1_has_no(other)),
    }))
}

/// The error for an operator v1's VM lacks (its compiler never emits one).
fn v1_has_no(op: BinOp) -> PyErr {
    PyErr::new(
        ExcKind::NotImplementedError,
        format!("the operator '{}' is outside MiniPy v1", op.symbol()),
    )
}

fn repeat<T: Clone>(items: &[T], n: i64) -> PyResult<Vec<T>> {
    let n = n.max(0) as usize;
    if items.len().saturating_mul(n) > 100_000_000 {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "repeated sequence too large for MiniPy",
        ));
    }
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    Ok(out)
}

/// `a op= b`: lists extend or repeat in place (`list.__iadd__`,
/// `list.__imul__`), everything else is `a op b`.
pub fn inplace_op(op: BinOp, a: &Value, b: &Value) -> PyResult {
    if let (BinOp::Add, Value::List(l)) = (op, a) {
        let items = super::iter::collect(b)?;
        lock(l).extend(items);
        return Ok(a.clone());
    }
    if let (BinOp::Mul, Value::List(l), Value::Int(n)) = (op, a, b) {
        let items = lock(l).to_vec();
        let repeated = repeat(&items, *n)?;
        lock(l).0 = repeated;
        return Ok(a.clone());
    }
    binary_op(op, a, b)
}

/// `a op b` for any operands.
pub fn binary_op(op: BinOp, a: &Value, b: &Value) -> PyResult {
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        return int_binop(op, x, y);
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return float_binop(op, x, y);
    }
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            return Ok(Value::string(s));
        }
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let mut v = lock(x).to_vec();
            v.extend(lock(y).iter().cloned());
            return Ok(Value::list(v));
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            let mut v = x.to_vec();
            v.extend(y.iter().cloned());
            return Ok(Value::tuple(v));
        }
        (BinOp::Mul, Value::Str(s), n) | (BinOp::Mul, n, Value::Str(s)) if int(n).is_some() => {
            let n = int(n).unwrap_or(0);
            let chars: Vec<u8> = s.as_bytes().to_vec();
            let bytes = repeat(&chars, n)?;
            return Ok(Value::string(String::from_utf8(bytes).unwrap_or_default()));
        }
        (BinOp::Mul, Value::List(l), n) | (BinOp::Mul, n, Value::List(l)) if int(n).is_some() => {
            let items = lock(l).to_vec();
            return Ok(Value::list(repeat(&items, int(n).unwrap_or(0))?));
        }
        (BinOp::Mul, Value::Tuple(t), n) | (BinOp::Mul, n, Value::Tuple(t)) if int(n).is_some() => {
            return Ok(Value::tuple(repeat(t, int(n).unwrap_or(0))?));
        }
        (BinOp::Add, Value::Str(_) | Value::List(_) | Value::Tuple(_), other) => {
            return Err(PyErr::type_error(format!(
                "can only concatenate {} (not \"{}\") to {}",
                a.type_name(),
                other.type_name(),
                a.type_name()
            )))
        }
        (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), other)
        | (BinOp::Mul, other, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
            return Err(PyErr::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.type_name()
            )))
        }
        (BinOp::Mod, Value::Str(_), _) => {
            return Err(PyErr::new(
                ExcKind::NotImplementedError,
                "%-formatting is outside MiniPy: use an f-string",
            ))
        }
        _ => {}
    }
    Err(PyErr::type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op.symbol(),
        a.type_name(),
        b.type_name()
    )))
}

/// `a == b`.
pub fn eq(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return x == y;
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            if std::sync::Arc::ptr_eq(x, y) {
                return true;
            }
            let (xs, ys) = (lock(x).to_vec(), lock(y).to_vec());
            seq_eq(&xs, &ys)
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_eq(x, y),
        (Value::Dict(x), Value::Dict(y)) => {
            if std::sync::Arc::ptr_eq(x, y) {
                return true;
            }
            let xs = lock(x).entries();
            let yd = lock(y);
            xs.len() == yd.len()
                && xs
                    .iter()
                    .all(|(k, v)| matches!(yd.get(k), Ok(Some(w)) if eq(v, &w)))
        }
        (Value::Range(x), Value::Range(y)) => x == y,
        _ => a.is(b),
    }
}

/// How deep container comparisons may nest before giving up (CPython
/// raises `RecursionError` "in comparison" at its recursion limit).
const MAX_COMPARE_DEPTH: usize = 1000;

thread_local! {
    /// Current container-comparison nesting, and whether it hit the limit.
    static COMPARE_DEPTH: std::cell::Cell<(usize, bool)> = const { std::cell::Cell::new((0, false)) };
}

fn seq_eq(xs: &[Value], ys: &[Value]) -> bool {
    let (depth, hit) = COMPARE_DEPTH.get();
    if depth >= MAX_COMPARE_DEPTH {
        COMPARE_DEPTH.set((depth, true));
        return false;
    }
    COMPARE_DEPTH.set((depth + 1, hit));
    let r = seq_eq_inner(xs, ys);
    let (_, hit) = COMPARE_DEPTH.get();
    COMPARE_DEPTH.set((depth, hit));
    r
}

fn seq_eq_inner(xs: &[Value], ys: &[Value]) -> bool {
    xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| eq(x, y))
}

/// Ordering for `<`, `<=`, `>`, `>=`, `sorted`, `min`, `max`.
pub fn compare_order(a: &Value, b: &Value, sym: &str) -> PyResult<Ordering> {
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        return Ok(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        // NaN compares false every way; report Equal-but-unordered as Less
        // never matches a `>`: callers use `partial` below for that.
        return Ok(x.partial_cmp(&y).unwrap_or(Ordering::Equal));
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(x.as_str().cmp(y.as_str())),
        (Value::List(x), Value::List(y)) => {
            let (xs, ys) = (lock(x).to_vec(), lock(y).to_vec());
            seq_order(&xs, &ys, sym)
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_order(x, y, sym),
        _ => Err(PyErr::type_error(format!(
            "'{sym}' not supported between instances of '{}' and '{}'",
            a.type_name(),
            b.type_name()
        ))),
    }
}

fn seq_order(xs: &[Value], ys: &[Value], sym: &str) -> PyResult<Ordering> {
    let (depth, hit) = COMPARE_DEPTH.get();
    if depth >= MAX_COMPARE_DEPTH {
        return Err(recursion_in_comparison());
    }
    COMPARE_DEPTH.set((depth + 1, hit));
    let r = seq_order_inner(xs, ys, sym);
    let (_, hit) = COMPARE_DEPTH.get();
    COMPARE_DEPTH.set((depth, hit));
    r
}

fn recursion_in_comparison() -> PyErr {
    PyErr::new(
        ExcKind::RecursionError,
        "maximum recursion depth exceeded in comparison",
    )
}

fn seq_order_inner(xs: &[Value], ys: &[Value], sym: &str) -> PyResult<Ordering> {
    for (x, y) in xs.iter().zip(ys) {
        if !eq(x, y) {
            return compare_order(x, y, sym);
        }
    }
    Ok(xs.len().cmp(&ys.len()))
}

/// `COMPARE_OP` / `CONTAINS_OP` / `IS_OP`.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
    let (depth, _) = COMPARE_DEPTH.get();
    COMPARE_DEPTH.set((depth, false));
    let r = compare_inner(op, a, b);
    let (_, hit) = COMPARE_DEPTH.get();
    COMPARE_DEPTH.set((depth, false));
    if hit {
        return Err(recursion_in_comparison());
    }
    r
}

fn compare_inner(op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(match op {
        CmpOp::Eq => eq(a, b),
        CmpOp::Ne => !eq(a, b),
        CmpOp::Is => a.is(b),
        CmpOp::IsNot => !a.is(b),
        CmpOp::In => contains(b, a)?,
        CmpOp::NotIn => !contains(b, a)?,
        CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
            if let (Some(x), Some(y)) = (num(a), num(b)) {
                if x.is_nan() || y.is_nan() {
                    return Ok(false);
                }
            }
            let ord = compare_order(a, b, op.symbol())?;
            match op {
                CmpOp::Lt => ord == Ordering::Less,
                CmpOp::Le => ord != Ordering::Greater,
                CmpOp::Gt => ord == Ordering::Greater,
                _ => ord != Ordering::Less,
            }
        }
    })
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.contains(sub.as_str())),
            other => Err(PyErr::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                other.type_name()
            ))),
        },
        Value::List(l) => {
            let items = lock(l).to_vec();
            Ok(items.iter().any(|x| eq(x, item)))
        }
        Value::Tuple(t) => Ok(t.iter().any(|x| eq(x, item))),
        Value::Dict(d) => lock(d)
            .get(item)
            .map(|v| v.is_some())
            .map_err(|t| PyErr::type_error(format!("unhashable type: '{t}'"))),
        Value::Range(r) => Ok(match int(item) {
            Some(i) => {
                let (start, stop, step) = (r[0], r[1], r[2]);
                let inside = if step > 0 {
                    start <= i && i < stop
                } else {
                    stop < i && i <= start
                };
                inside && (i as i128 - start as i128) % step as i128 == 0
            }
            None => false,
        }),
        other => Err(PyErr::type_error(format!(
            "argument of type '{}' is not iterable",
            other.type_name()
        ))),
    }
}

/// `-v` / `+v`.
pub fn unary(neg: bool, v: &Value) -> PyResult {
    match v {
        Value::Int(i) if neg => i.checked_neg().map(Value::Int).ok_or_else(PyErr::overflow),
        Value::Int(i) => Ok(Value::Int(*i)),
        Value::Bool(b) => Ok(Value::Int(if neg { -(*b as i64) } else { *b as i64 })),
        Value::Float(f) => Ok(Value::Float(if neg { -f } else { *f })),
        other => Err(PyErr::type_error(format!(
            "bad operand type for unary {}: '{}'",
            if neg { "-" } else { "+" },
            other.type_name()
        ))),
    }
}
