//! Numbers: `int` (64-bit inline, promoted to `BigInt` on overflow and
//! demoted back when a result fits), `float`, and `bool` as an `int`.
//!
//! ```text
//!   int ∘ int    → int: the i64 fast path, else BigInt (never an overflow)
//!   int / int    → float, correctly rounded (CPython's long_true_divide)
//!   int ∘ float  → float                        bool counts as int
//!   7 // -2 == -4,  7 % -2 == -1                 floor division rounds toward -∞
//!   2 ** -1 == 0.5                               negative int exponent → float
//! ```
//!
//! These functions run no Python code: `ops.rs` calls them first and
//! falls back to `__add__`-style methods only when an operand is not a
//! number. The eval loop's superinstructions handle `i64 ∘ i64` inline and
//! come here on overflow.
//!
//! Python equivalent: `Objects/longobject.c`, `Objects/floatobject.c`,
//! `Objects/boolobject.c`.

use crate::ast::BinOp;
use crate::object::bigint::{BigInt, BigIntError};
use crate::object::refcount::Arc;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::cmp::Ordering;

/// An integer operand: inline or big.
#[derive(Clone, Copy)]
pub enum IntRef<'a> {
    /// Fits 64 bits (bools too).
    Small(i64),
    /// Does not.
    Big(&'a BigInt),
}

impl IntRef<'_> {
    /// As a `BigInt` (allocates for small values).
    pub fn to_big(self) -> BigInt {
        match self {
            IntRef::Small(i) => BigInt::from(i),
            IntRef::Big(b) => b.clone(),
        }
    }

    /// As a float (`OverflowError` for huge values).
    pub fn to_f64(self) -> PyResult<f64> {
        match self {
            IntRef::Small(i) => Ok(i as f64),
            IntRef::Big(b) => b.to_f64().map_err(big_err),
        }
    }

    /// Whether it is negative.
    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(i) => i < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }
}

/// The integer in `v` (`int`, `bool`), if any.
#[inline]
pub fn int_ref(v: &Value) -> Option<IntRef<'_>> {
    match v {
        Value::Int(i) => Some(IntRef::Small(*i)),
        Value::Bool(Flag(b)) => Some(IntRef::Small(*b as i64)),
        Value::BigInt(b) => Some(IntRef::Big(b)),
        _ => None,
    }
}

/// A `BigInt` result as a value, demoted to inline when it fits.
pub fn big_value(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::BigInt(Arc::new(b)),
    }
}

/// The Python exception for a big-int error.
pub fn big_err(e: BigIntError) -> PyErr {
    let kind = match e.python_type() {
        "ZeroDivisionError" => ExcKind::ZeroDivisionError,
        "OverflowError" => ExcKind::OverflowError,
        "MemoryError" => ExcKind::MemoryError,
        _ => ExcKind::ValueError,
    };
    let msg = e.message_with(&|s| crate::object::repr_text::str_repr(s));
    if msg.is_empty() {
        PyErr::from_args(kind, Vec::new())
    } else {
        PyErr::new(kind, msg)
    }
}

fn zero_div(msg: &str) -> PyErr {
    PyErr::new(ExcKind::ZeroDivisionError, msg)
}

/// Floor division and modulo of two i64s (`None` on `MIN // -1`).
fn floor_divmod(a: i64, b: i64) -> Option<(i64, i64)> {
    let q = a.checked_div(b)?;
    let r = a.checked_rem(b)?;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some((q - 1, r + b))
    } else {
        Some((q, r))
    }
}

/// `a op b` for two ints (`/` gives a float, a negative `**` a float).
pub fn int_binop(op: BinOp, a: IntRef, b: IntRef) -> PyResult {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        let fast = match op {
            BinOp::Add => x.checked_add(y).map(Value::Int),
            BinOp::Sub => x.checked_sub(y).map(Value::Int),
            BinOp::Mul => x.checked_mul(y).map(Value::Int),
            BinOp::FloorDiv | BinOp::Mod if y == 0 => {
                return Err(zero_div(if op == BinOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                }))
            }
            BinOp::FloorDiv => floor_divmod(x, y).map(|(q, _)| Value::Int(q)),
            BinOp::Mod => floor_divmod(x, y).map(|(_, r)| Value::Int(r)),
            BinOp::Div => {
                if y == 0 {
                    return Err(zero_div("division by zero"));
                }
                // Both exact as floats: one correctly rounded division.
                const EXACT: i64 = 1 << 53;
                if x.abs() <= EXACT && y.abs() <= EXACT {
                    return Ok(Value::Float(x as f64 / y as f64));
                }
                None
            }
            BinOp::Pow => {
                if y < 0 {
                    return float_binop(BinOp::Pow, x as f64, y as f64);
                }
                u32::try_from(y)
                    .ok()
                    .and_then(|e| x.checked_pow(e))
                    .map(Value::Int)
            }
            _ => {
                return match bit_op(op) {
                    Some(bit) => int_bitop(bit, a, IntRef::Small(y)),
                    None => Err(PyErr::type_error(format!(
                        "unsupported operand type(s) for {}: 'int' and 'int'",
                        op.symbol()
                    ))),
                }
            }
        };
        if let Some(v) = fast {
            return Ok(v);
        }
    }
    big_binop(op, &a.to_big(), &b.to_big())
}

/// The bitwise operation a binary operator stands for.
pub fn bit_op(op: BinOp) -> Option<BitOp> {
    Some(match op {
        BinOp::BitAnd => BitOp::And,
        BinOp::BitOr => BitOp::Or,
        BinOp::BitXor => BitOp::Xor,
        BinOp::LShift => BitOp::Shl,
        BinOp::RShift => BitOp::Shr,
        _ => return None,
    })
}

/// `a op b` for ints through `BigInt`.
fn big_binop(op: BinOp, a: &BigInt, b: &BigInt) -> PyResult {
    if let Some(bit) = bit_op(op) {
        return int_bitop(bit, IntRef::Big(a), IntRef::Big(b));
    }
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(zero_div("integer division or modulo by zero"));
            }
            a.div_floor(b).map_err(big_err)?
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(zero_div("integer modulo by zero"));
            }
            a.mod_floor(b).map_err(big_err)?
        }
        BinOp::Div => {
            if b.is_zero() {
                return Err(zero_div("division by zero"));
            }
            return a.true_div(b).map(Value::Float).map_err(big_err);
        }
        BinOp::Pow => {
            if b.is_negative() {
                let x = a.to_f64().map_err(big_err)?;
                let y = b.to_f64().map_err(big_err)?;
                return float_binop(BinOp::Pow, x, y);
            }
            a.pow(b).map_err(big_err)?
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "unsupported operand type(s) for {}: 'int' and 'int'",
                op.symbol()
            )))
        }
    };
    Ok(big_value(r))
}

/// `divmod(a, b)` for ints.
pub fn int_divmod(a: IntRef, b: IntRef) -> PyResult<(Value, Value)> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if y == 0 {
            return Err(zero_div("integer division or modulo by zero"));
        }
        if let Some((q, r)) = floor_divmod(x, y) {
            return Ok((Value::Int(q), Value::Int(r)));
        }
    }
    let (a, b) = (a.to_big(), b.to_big());
    if b.is_zero() {
        return Err(zero_div("integer division or modulo by zero"));
    }
    let (q, r) = a.divmod(&b).map_err(big_err)?;
    Ok((big_value(q), big_value(r)))
}

/// Which bitwise operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BitOp {
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
}

/// `a op b` for a bitwise operator on ints.
pub fn int_bitop(op: BitOp, a: IntRef, b: IntRef) -> PyResult {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        match op {
            BitOp::And => return Ok(Value::Int(x & y)),
            BitOp::Or => return Ok(Value::Int(x | y)),
            BitOp::Xor => return Ok(Value::Int(x ^ y)),
            BitOp::Shl | BitOp::Shr if y < 0 => {
                return Err(PyErr::value_error("negative shift count"))
            }
            BitOp::Shr => return Ok(Value::Int(if y >= 64 { x >> 63 } else { x >> y })),
            BitOp::Shl => {
                if y < 63 {
                    let r = x << y;
                    if r >> y == x {
                        return Ok(Value::Int(r));
                    }
                }
            }
        }
    }
    let (x, y) = (a.to_big(), b.to_big());
    let r = match op {
        BitOp::And => &x & &y,
        BitOp::Or => &x | &y,
        BitOp::Xor => &x ^ &y,
        BitOp::Shl => x.shl(&y).map_err(big_err)?,
        BitOp::Shr => x.shr(&y).map_err(big_err)?,
    };
    Ok(big_value(r))
}

/// `-n`, `+n`, `~n`, `abs(n)` for ints.
pub fn int_neg(a: IntRef) -> Value {
    match a {
        IntRef::Small(i) => match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => big_value(-BigInt::from(i)),
        },
        IntRef::Big(b) => big_value(-b),
    }
}

/// `~n`.
pub fn int_invert(a: IntRef) -> Value {
    match a {
        IntRef::Small(i) => Value::Int(!i),
        IntRef::Big(b) => big_value(b.not()),
    }
}

/// `abs(n)`.
pub fn int_abs(a: IntRef) -> Value {
    match a {
        IntRef::Small(i) => match i.checked_abs() {
            Some(n) => Value::Int(n),
            None => big_value(BigInt::from(i).abs()),
        },
        IntRef::Big(b) => big_value(b.abs()),
    }
}

/// Comparison of two ints.
pub fn int_cmp(a: IntRef, b: IntRef) -> Ordering {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => x.cmp(&y),
        (IntRef::Big(x), IntRef::Small(y)) => x.cmp_i64(y),
        (IntRef::Small(x), IntRef::Big(y)) => y.cmp_i64(x).reverse(),
        (IntRef::Big(x), IntRef::Big(y)) => x.cmp(y),
    }
}

/// Exact comparison of an int with a float (`None` for NaN).
pub fn int_float_cmp(a: IntRef, f: f64) -> Option<Ordering> {
    match a {
        IntRef::Small(i) => {
            if f.is_nan() {
                return None;
            }
            const EXACT: i64 = 1 << 53;
            if (-EXACT..=EXACT).contains(&i) {
                return (i as f64).partial_cmp(&f);
            }
            BigInt::from(i).cmp_f64(f)
        }
        IntRef::Big(b) => b.cmp_f64(f),
    }
}

/// CPython's `float_divmod`: floor division from `fmod`, the remainder
/// with the divisor's sign (so `1 // 0.1 == 9.0`).
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
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

/// `a op b` for floats.
pub fn float_binop(op: BinOp, a: f64, b: f64) -> PyResult {
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
        BinOp::Pow => return float_pow(a, b),
        _ => {
            return Err(PyErr::type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op.symbol()
            )))
        }
    }))
}

/// `a ** b` for floats, with CPython's errors.
pub fn float_pow(a: f64, b: f64) -> PyResult {
    if a == 0.0 && b < 0.0 {
        return Err(zero_div("0.0 cannot be raised to a negative power"));
    }
    if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
        return Err(PyErr::new(
            ExcKind::NotImplementedError,
            "a negative number raised to a fractional power gives a complex number, which is outside MiniPy",
        ));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "(34, 'Numerical result out of range')",
        ));
    }
    Ok(Value::Float(r))
}

/// `a op b` when both are numbers (`None`: not both numbers, or `@`,
/// which no number supports: the caller's error then spells the operator
/// as written, `@` or `@=`).
pub fn number_binop(op: BinOp, a: &Value, b: &Value) -> Option<PyResult> {
    if op == BinOp::MatMul {
        return None;
    }
    if let (Value::Bool(Flag(x)), Value::Bool(Flag(y))) = (a, b) {
        // bool's own &, |, ^ stay bools.
        match op {
            BinOp::BitAnd => return Some(Ok(Value::Bool(Flag(x & y)))),
            BinOp::BitOr => return Some(Ok(Value::Bool(Flag(x | y)))),
            BinOp::BitXor => return Some(Ok(Value::Bool(Flag(x ^ y)))),
            _ => {}
        }
    }
    if let (Some(x), Some(y)) = (int_ref(a), int_ref(b)) {
        return Some(int_binop(op, x, y));
    }
    if bit_op(op).is_some() || op == BinOp::MatMul {
        return None;
    }
    let fa = match a {
        Value::Float(f) => *f,
        _ => match int_ref(a) {
            Some(i) if matches!(b, Value::Float(_)) => match i.to_f64() {
                Ok(f) => f,
                Err(e) => return Some(Err(e)),
            },
            _ => return None,
        },
    };
    let fb = match b {
        Value::Float(f) => *f,
        _ => match int_ref(b) {
            Some(i) => match i.to_f64() {
                Ok(f) => f,
                Err(e) => return Some(Err(e)),
            },
            None => return None,
        },
    };
    Some(float_binop(op, fa, fb))
}

/// The float value of a number (`float(x)` for ints and floats).
pub fn as_f64(v: &Value) -> Option<PyResult<f64>> {
    match v {
        Value::Float(f) => Some(Ok(*f)),
        _ => int_ref(v).map(|i| i.to_f64()),
    }
}

/// Python's `round(x)` for floats: ties to even.
pub fn round_half_even(f: f64) -> f64 {
    f.round_ties_even()
}
