//! The numeric built-ins: `abs`, `divmod`, `pow`, `round`, `bin`, `oct`,
//! `hex`, `format`, and `ord` / `chr` (code points are numbers too).
//!
//! Integers take the `i64` fast path and fall back to the crate's big
//! ints (`object/bigint.rs`); `round(x, n)` on floats goes through the
//! decimal string so ties round to even on the exact value, as CPython's
//! does.
//!
//! Python equivalent: `builtin_abs`, `builtin_divmod`, `builtin_round`,
//! `builtin_bin`, ... in `Python/bltinmodule.c`; `float___round___impl`
//! in `Objects/floatobject.c`.
//!
//! Needs: nothing of its siblings.

use crate::ast::BinOp;
use crate::object::builtin_types::types;
use crate::object::str::intern;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::{index_arg, not_an_int};
use crate::vm::native::Args;
use crate::vm::number::{int_ref, IntRef};
use crate::vm::ThreadCtx;

pub(super) fn abs(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("abs", 1, 1)?;
    let v = &args.positional()[0];
    if let Some(i) = int_ref(v) {
        return Ok(crate::vm::number::int_abs(i));
    }
    match v {
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Instance(_) => match vm.special_method(v, &types().names.abs)? {
            Some(m) => vm.call(&m, &[]),
            None => Err(PyErr::type_error(format!(
                "bad operand type for abs(): '{}'",
                v.type_name()
            ))),
        },
        other => Err(PyErr::type_error(format!(
            "bad operand type for abs(): '{}'",
            other.type_name()
        ))),
    }
}

pub(super) fn divmod(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("divmod", 2, 2)?;
    let p = args.positional();
    if let (Some(a), Some(b)) = (int_ref(&p[0]), int_ref(&p[1])) {
        let (q, r) = crate::vm::number::int_divmod(a, b)?;
        return Ok(Value::tuple(vec![q, r]));
    }
    if let (Some(a), Some(b)) = (
        crate::vm::number::as_f64(&p[0]),
        crate::vm::number::as_f64(&p[1]),
    ) {
        let (a, b) = (a?, b?);
        if b == 0.0 {
            return Err(PyErr::new(ExcKind::ZeroDivisionError, "float divmod()"));
        }
        let (q, r) = crate::vm::number::float_divmod(a, b);
        return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
    }
    if let Value::Instance(_) = &p[0] {
        if let Some(m) = vm.special_method(&p[0], &intern("__divmod__"))? {
            return vm.call(&m, &p[1..2]);
        }
    }
    Err(PyErr::type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        p[0].type_name(),
        p[1].type_name()
    )))
}

pub(super) fn pow(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [base, exp, modulus] = args.bind("pow", ["base", "exp", "mod"], 2)?;
    let (base, exp) = (base.unwrap_or(&Value::None), exp.unwrap_or(&Value::None));
    match modulus {
        None | Some(Value::None) => vm.binary_op(BinOp::Pow, base, exp),
        Some(m) => {
            let (Some(b), Some(e), Some(m)) = (int_ref(base), int_ref(exp), int_ref(m)) else {
                return Err(PyErr::type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            let r = b
                .to_big()
                .pow_mod(&e.to_big(), &m.to_big())
                .map_err(crate::vm::number::big_err)?;
            Ok(crate::vm::number::big_value(r))
        }
    }
}

pub(super) fn ord(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("ord", 1, 1)?;
    match &args.positional()[0] {
        Value::Str(s) => {
            if s.char_count() != 1 {
                return Err(PyErr::type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_count()
                )));
            }
            Ok(Value::Int(
                s.as_str().chars().next().map_or(0, |c| c as i64),
            ))
        }
        Value::Bytes(b) if b.data.len() == 1 => Ok(Value::Int(b.data[0] as i64)),
        other => Err(PyErr::type_error(format!(
            "ord() expected string of length 1, but {} found",
            other.type_name()
        ))),
    }
}

pub(super) fn chr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("chr", 1, 1)?;
    let i = index_arg(vm, &args.positional()[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::string(c.to_string())),
        None => Err(PyErr::value_error("chr() arg not in range(0x110000)")),
    }
}

fn radix(vm: &mut ThreadCtx, args: Args, name: &str, r: u32, prefix: &str) -> PyResult {
    args.arity(name, 1, 1)?;
    let v = &args.positional()[0];
    let v = match int_ref(v) {
        Some(_) => v.clone(),
        None => match vm.index_value(v)? {
            Some(i) => Value::Int(i),
            None => return Err(not_an_int(v)),
        },
    };
    let Some(i) = int_ref(&v) else {
        return Err(not_an_int(&v));
    };
    let neg = i.is_negative();
    let digits = match i {
        IntRef::Small(x) => {
            let u = x.unsigned_abs();
            match r {
                2 => format!("{u:b}"),
                8 => format!("{u:o}"),
                _ => format!("{u:x}"),
            }
        }
        IntRef::Big(b) => b.abs_digits_pow2(r, false),
    };
    Ok(Value::string(format!(
        "{}{prefix}{digits}",
        if neg { "-" } else { "" }
    )))
}

pub(super) fn bin(vm: &mut ThreadCtx, args: Args) -> PyResult {
    radix(vm, args, "bin", 2, "0b")
}

pub(super) fn oct(vm: &mut ThreadCtx, args: Args) -> PyResult {
    radix(vm, args, "oct", 8, "0o")
}

pub(super) fn hex(vm: &mut ThreadCtx, args: Args) -> PyResult {
    radix(vm, args, "hex", 16, "0x")
}

pub(super) fn format(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("format", 1, 2)?;
    let p = args.positional();
    let spec = match p.get(1) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "format() argument 2 must be str, not {}",
                other.type_name()
            )))
        }
        None => String::new(),
    };
    Ok(Value::string(vm.format(&p[0], &spec)?))
}

pub(super) fn round(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [number, ndigits] = args.bind("round", ["number", "ndigits"], 1)?;
    let v = number.unwrap_or(&Value::None);
    let nd = match ndigits {
        None | Some(Value::None) => None,
        Some(n) => Some(index_arg(vm, n)?),
    };
    if let Some(i) = int_ref(v) {
        return match nd {
            None => Ok(match i {
                IntRef::Small(x) => Value::Int(x),
                IntRef::Big(_) => v.clone(),
            }),
            Some(n) if n >= 0 => Ok(match i {
                IntRef::Small(x) => Value::Int(x),
                IntRef::Big(_) => v.clone(),
            }),
            Some(n) => {
                // round(1234, -2) == 1200 (ties to even).
                let p = crate::object::bigint::BigInt::from(10i64)
                    .pow(&crate::object::bigint::BigInt::from(-n))
                    .map_err(crate::vm::number::big_err)?;
                let big = i.to_big();
                let (q, r) = big.divmod(&p).map_err(crate::vm::number::big_err)?;
                let twice = &r + &r;
                let q = match twice.cmp(&p) {
                    std::cmp::Ordering::Greater => &q + &crate::object::bigint::BigInt::one(),
                    std::cmp::Ordering::Equal if q.is_odd() => {
                        &q + &crate::object::bigint::BigInt::one()
                    }
                    _ => q,
                };
                Ok(crate::vm::number::big_value(&q * &p))
            }
        };
    }
    match v {
        Value::Float(f) => match nd {
            None => {
                if f.is_nan() {
                    return Err(PyErr::value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(PyErr::new(
                        ExcKind::OverflowError,
                        "cannot convert float infinity to integer",
                    ));
                }
                let r = f.round_ties_even();
                let b = crate::object::bigint::BigInt::from_f64(r)
                    .map_err(crate::vm::number::big_err)?;
                Ok(crate::vm::number::big_value(b))
            }
            Some(n) => Ok(Value::Float(round_float(*f, n))),
        },
        Value::Instance(_) => match vm.special_method(v, &types().names.round)? {
            Some(m) => match ndigits {
                Some(n) => vm.call(&m, std::slice::from_ref(n)),
                None => vm.call(&m, &[]),
            },
            None => Err(PyErr::type_error(format!(
                "type {} doesn't define __round__ method",
                v.type_name()
            ))),
        },
        other => Err(PyErr::type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

/// CPython's `round(x, n)` for floats: correctly rounded through the
/// decimal string (ties to even on the exact value).
pub fn round_float(f: f64, n: i64) -> f64 {
    if !f.is_finite() || f == 0.0 {
        return f;
    }
    if n > 323 {
        return f;
    }
    if n < -308 {
        return 0.0_f64.copysign(f);
    }
    if n >= 0 {
        let s = format!("{:.*}", n as usize, f);
        s.parse().unwrap_or(f)
    } else {
        let p = 10f64.powi((-n) as i32);
        let y = f / p;
        let r = y.round_ties_even();
        // Exact halfway cases of the scaled value decide by even digits;
        // rounding error in `y` is below the resolution that matters here.
        (r * p).copysign(f)
    }
}
