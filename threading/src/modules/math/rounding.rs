//! Taking a float apart: `floor`, `ceil`, `trunc` (to an `int`, a big one
//! when the float is past `i64`), `modf`, `frexp`, `ldexp`.
//!
//! Python equivalent: `math_floor`, `math_ceil`, `math_trunc`,
//! `math_modf_impl`, `math_frexp_impl`, `math_ldexp_impl` in
//! `Modules/mathmodule.c`; `PyLong_FromDouble` for the big case.
//!
//! Needs: the parent `mod.rs` (argument and error helpers).

use super::{one, range};
use crate::object::bigint::BigInt;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::{float_arg, index_arg};
use crate::vm::native::Args;
use crate::vm::number::big_value;
use crate::vm::ThreadCtx;

/// A float → int conversion (floor, ceil, trunc).
fn float_to_int(f: f64) -> PyResult {
    if f.is_nan() {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "cannot convert float NaN to integer",
        ));
    }
    if f.is_infinite() {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    if f.abs() < 9.2e18 {
        return Ok(Value::Int(f as i64));
    }
    BigInt::from_f64(f).map(big_value).map_err(|_| range())
}

/// `floor`/`ceil`/`trunc`: ints unchanged, floats rounded; `dunder` for
/// instances (`__floor__`, ...).
fn rounding(vm: &mut ThreadCtx, args: &Args, name: &str, f: fn(f64) -> f64) -> PyResult {
    args.no_kwargs(name)?;
    args.arity(name, 1, 1)?;
    let v = &args.positional()[0];
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(Flag(b)) => Ok(Value::Int(*b as i64)),
        Value::Float(x) => float_to_int(f(*x)),
        _ => {
            let dunder = crate::object::str::intern(&format!("__{name}__"));
            if let Value::Instance(_) = v {
                if let Some(m) = vm.special_method(v, &dunder)? {
                    return vm.call(&m, &[]);
                }
            }
            let x = float_arg(vm, v)?;
            float_to_int(f(x))
        }
    }
}

pub(super) fn floor(vm: &mut ThreadCtx, args: Args) -> PyResult {
    rounding(vm, &args, "floor", f64::floor)
}

pub(super) fn ceil(vm: &mut ThreadCtx, args: Args) -> PyResult {
    rounding(vm, &args, "ceil", f64::ceil)
}

pub(super) fn trunc(vm: &mut ThreadCtx, args: Args) -> PyResult {
    rounding(vm, &args, "trunc", f64::trunc)
}

pub(super) fn modf(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let x = one(vm, &args, "modf")?;
    if x.is_infinite() {
        return Ok(Value::tuple(vec![
            Value::Float(0.0f64.copysign(x)),
            Value::Float(x),
        ]));
    }
    Ok(Value::tuple(vec![
        Value::Float(x.fract()),
        Value::Float(x.trunc()),
    ]))
}

pub(super) fn frexp(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let x = one(vm, &args, "frexp")?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::tuple(vec![Value::Float(x), Value::Int(0)]));
    }
    let bits = x.abs().to_bits();
    let mut exp = ((bits >> 52) & 0x7ff) as i64;
    let mut m = x.abs();
    if exp == 0 {
        // Subnormal: scale up first.
        m *= 2f64.powi(64);
        exp = (((m.to_bits() >> 52) & 0x7ff) as i64) - 64;
    }
    let e = exp - 1022;
    let mant = f64::from_bits((m.to_bits() & !(0x7ff << 52)) | (1022 << 52));
    Ok(Value::tuple(vec![
        Value::Float(mant.copysign(x)),
        Value::Int(e),
    ]))
}

pub(super) fn ldexp(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("ldexp", 2, 2)?;
    let x = float_arg(vm, &args.positional()[0])?;
    let i = index_arg(vm, &args.positional()[1])?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let i = i.clamp(-2200, 2200) as i32;
    // Two steps keep intermediate results in range.
    let r = x * 2f64.powi(i / 2) * 2f64.powi(i - i / 2);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(Value::Float(r))
}
