//! `math`'s float functions: the libm wrappers (`exp`, `sin`, `atanh`, ...,
//! one `unary!` line each), `sqrt`, the logarithms (of big ints too),
//! `pow`, `atan2`, `fmod`, `copysign`, `hypot`, `dist`, `fsum` (exact
//! summation), `isclose`, `isfinite`, `isinf`, `isnan`.
//!
//! Every result goes through the parent's `checked` (CPython's `math_1`
//! rule): NaN out of a non-NaN input is a domain error, an infinity out of
//! a finite input a range error.
//!
//! Python equivalent: `math_1`, `math_2`, `loghelper`, `math_fsum`,
//! `math_hypot`, `math_isclose_impl` in `Modules/mathmodule.c`.
//!
//! Needs: the parent `mod.rs` (argument and error helpers) and
//! `special.rs` (`erf`, `gamma`, `lgamma`).

use super::special::{erf_impl, gamma_impl, lgamma_impl};
use super::{checked, domain, one, range, two};
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::float_arg;
use crate::vm::native::Args;
use crate::vm::number::{int_ref, IntRef};
use crate::vm::ThreadCtx;

macro_rules! unary {
    ($fname:ident, $py:literal, $f:expr, $overflow:expr) => {
        pub(super) fn $fname(vm: &mut ThreadCtx, args: Args) -> PyResult {
            let x = one(vm, &args, $py)?;
            let f: fn(f64) -> f64 = $f;
            checked(x, f(x), $overflow)
        }
    };
}

unary!(exp, "exp", f64::exp, true);
unary!(expm1, "expm1", f64::exp_m1, true);
unary!(sin, "sin", f64::sin, false);
unary!(cos, "cos", f64::cos, false);
unary!(tan, "tan", f64::tan, false);
unary!(asin, "asin", f64::asin, false);
unary!(acos, "acos", f64::acos, false);
unary!(atan, "atan", f64::atan, false);
unary!(sinh, "sinh", f64::sinh, true);
unary!(cosh, "cosh", f64::cosh, true);
unary!(tanh, "tanh", f64::tanh, false);
unary!(asinh, "asinh", f64::asinh, false);
unary!(acosh, "acosh", f64::acosh, false);
unary!(atanh, "atanh", f64::atanh, false);
unary!(fabs, "fabs", f64::abs, false);
unary!(degrees, "degrees", f64::to_degrees, true);
unary!(radians, "radians", f64::to_radians, false);
unary!(erf, "erf", erf_impl, false);
unary!(erfc, "erfc", |x| 1.0 - erf_impl(x), false);
unary!(gamma, "gamma", gamma_impl, true);
unary!(lgamma, "lgamma", lgamma_impl, true);

pub(super) fn sqrt(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let x = one(vm, &args, "sqrt")?;
    if x < 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.sqrt()))
}

/// `log` of an int: exact for big ints (`log(2**1000)` works).
fn log_of(vm: &mut ThreadCtx, v: &Value) -> PyResult<f64> {
    if let Some(IntRef::Big(b)) = int_ref(v) {
        if b.is_negative() {
            return Err(domain());
        }
        // log(n) = log(n / 2**k) + k log 2, with n / 2**k a float.
        let k = b.bit_length().saturating_sub(60);
        let top = b.shr_bits(k).to_f64().map_err(|_| range())?;
        return Ok(top.ln() + k as f64 * std::f64::consts::LN_2);
    }
    let x = float_arg(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(x.ln())
}

pub(super) fn log(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("log")?;
    args.arity("log", 1, 2)?;
    let num = log_of(vm, &args.positional()[0])?;
    match args.positional().get(1) {
        None => Ok(Value::Float(num)),
        Some(b) => {
            let den = log_of(vm, b)?;
            if den == 0.0 {
                return Err(PyErr::new(
                    ExcKind::ZeroDivisionError,
                    "float division by zero",
                ));
            }
            Ok(Value::Float(num / den))
        }
    }
}

/// `log2` / `log10`: a big int through `log_of` divided by `ln_base`
/// (it may be past `f64`'s range), anything else through `f` after the
/// domain check.
fn log_in_base(
    vm: &mut ThreadCtx,
    args: &Args,
    name: &str,
    f: fn(f64) -> f64,
    ln_base: f64,
) -> PyResult {
    args.arity(name, 1, 1)?;
    let v = &args.positional()[0];
    if let Some(IntRef::Big(_)) = int_ref(v) {
        return Ok(Value::Float(log_of(vm, v)? / ln_base));
    }
    let x = float_arg(vm, v)?;
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(f(x)))
}

pub(super) fn log2(vm: &mut ThreadCtx, args: Args) -> PyResult {
    log_in_base(vm, &args, "log2", f64::log2, std::f64::consts::LN_2)
}

pub(super) fn log10(vm: &mut ThreadCtx, args: Args) -> PyResult {
    log_in_base(vm, &args, "log10", f64::log10, std::f64::consts::LN_10)
}

pub(super) fn log1p(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let x = one(vm, &args, "log1p")?;
    if x <= -1.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.ln_1p()))
}

pub(super) fn pow(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (x, y) = two(vm, &args, "pow")?;
    // C99 Annex F special cases CPython keeps.
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(domain());
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(domain());
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range());
    }
    Ok(Value::Float(r))
}

pub(super) fn atan2(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (y, x) = two(vm, &args, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

pub(super) fn fmod(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (x, y) = two(vm, &args, "fmod")?;
    if y == 0.0 && !x.is_nan() || x.is_infinite() && !y.is_nan() {
        return Err(domain());
    }
    Ok(Value::Float(x % y))
}

pub(super) fn copysign(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (x, y) = two(vm, &args, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

pub(super) fn hypot(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("hypot")?;
    let mut xs = Vec::with_capacity(args.len());
    for v in args.positional() {
        xs.push(float_arg(vm, v)?);
    }
    Ok(Value::Float(hypot_of(&xs)))
}

/// The Euclidean norm, infinities first (as CPython's `vector_norm`).
fn hypot_of(xs: &[f64]) -> f64 {
    if xs.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if xs.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    match xs {
        [] => 0.0,
        [x] => x.abs(),
        [x, y] => x.hypot(*y),
        _ => {
            let max = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            if max == 0.0 {
                return 0.0;
            }
            let sum: f64 = xs.iter().map(|x| (x / max) * (x / max)).sum();
            max * sum.sqrt()
        }
    }
}

pub(super) fn dist(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("dist", 2, 2)?;
    let p = vm.collect(&args.positional()[0])?;
    let q = vm.collect(&args.positional()[1])?;
    if p.len() != q.len() {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "both points must have the same number of dimensions",
        ));
    }
    let mut d = Vec::with_capacity(p.len());
    for (a, b) in p.iter().zip(&q) {
        d.push(float_arg(vm, a)? - float_arg(vm, b)?);
    }
    Ok(Value::Float(hypot_of(&d)))
}

/// `fsum`: exact summation (Shewchuk's partials, as CPython).
pub(super) fn fsum(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("fsum", 1, 1)?;
    let items = vm.collect(&args.positional()[0])?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for v in &items {
        let mut x = float_arg(vm, v)?;
        if !x.is_finite() {
            if x.is_infinite() {
                inf_sum += x;
            }
            special += x;
            continue;
        }
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(PyErr::new(ExcKind::ValueError, "-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    let mut hi = 0.0;
    if let Some(mut n) = partials.len().checked_sub(1) {
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

pub(super) fn isclose(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("isclose", 2, 2)?;
    let a = float_arg(vm, &args.positional()[0])?;
    let b = float_arg(vm, &args.positional()[1])?;
    let rel = match args.kw("rel_tol") {
        Some(v) => float_arg(vm, v)?,
        None => 1e-9,
    };
    let abs = match args.kw("abs_tol") {
        Some(v) => float_arg(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "tolerances must be non-negative",
        ));
    }
    if a == b {
        return Ok(Value::Bool(Flag(true)));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(Flag(false)));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(Flag(
        diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs,
    )))
}

pub(super) fn isfinite(vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Bool(Flag(one(vm, &args, "isfinite")?.is_finite())))
}

pub(super) fn isinf(vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Bool(Flag(one(vm, &args, "isinf")?.is_infinite())))
}

pub(super) fn isnan(vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Bool(Flag(one(vm, &args, "isnan")?.is_nan())))
}
