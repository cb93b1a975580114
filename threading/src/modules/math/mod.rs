//! # `math`: the C library's floating-point functions, and exact integer ones
//!
//! ```text
//!   float functions   sqrt exp log log2 log10 log1p expm1 pow sin cos tan asin
//!                     acos atan atan2 sinh cosh tanh asinh acosh atanh hypot
//!                     fabs fmod copysign degrees radians erf erfc gamma lgamma
//!                     modf frexp ldexp fsum dist isclose isfinite isinf isnan
//!   to int            floor ceil trunc   (big ints for big floats)
//!   exact integers    factorial gcd lcm comb perm isqrt prod
//!   constants         pi e tau inf nan
//! ```
//!
//! The float functions call the platform's libm through Rust's `f64`
//! methods, as CPython calls it, so results are bit-identical on the same
//! machine (what `random.gauss` and friends rely on). Domain errors raise
//! `ValueError("math domain error")`, overflows
//! `OverflowError("math range error")`, as CPython's `math_1` does.
//!
//! Python equivalent: `Modules/mathmodule.c`.
//!
//! This file holds the module table, the constants, and the argument and
//! error helpers its children share:
//!
//! | file | holds |
//! |---|---|
//! | `float.rs` | the libm wrappers, logarithms, `hypot`, `fsum`, `isclose` |
//! | `rounding.rs` | `floor`, `ceil`, `trunc`, `modf`, `frexp`, `ldexp` |
//! | `integer.rs` | `factorial`, `gcd`, `lcm`, `perm`, `comb`, `isqrt`, `prod` |
//! | `special.rs` | `erf`, `gamma`, `lgamma` (numeric code, std only) |

mod float;
mod integer;
mod rounding;
mod special;

use float::{
    acos, acosh, asin, asinh, atan, atan2, atanh, copysign, cos, cosh, degrees, dist, erf, erfc,
    exp, expm1, fabs, fmod, fsum, gamma, hypot, isclose, isfinite, isinf, isnan, lgamma, log,
    log10, log1p, log2, pow, radians, sin, sinh, sqrt, tan, tanh,
};
use integer::{comb, factorial, gcd, isqrt, lcm, perm, prod};
use rounding::{ceil, floor, frexp, ldexp, modf, trunc};

use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::float_arg;
use crate::vm::native::{Args, ModuleInit, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;

fn domain() -> PyErr {
    PyErr::new(ExcKind::ValueError, "math domain error")
}

fn range() -> PyErr {
    PyErr::new(ExcKind::OverflowError, "math range error")
}

/// CPython's `math_1`: NaN out of a non-NaN input is a domain error, an
/// infinity out of a finite input a range error (unless `can_overflow` is
/// false, then a domain error).
fn checked(x: f64, r: f64, can_overflow: bool) -> PyResult {
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(Value::Float(r))
}

/// One float argument.
fn one(vm: &mut ThreadCtx, args: &Args, name: &str) -> PyResult<f64> {
    args.no_kwargs(name)?;
    args.arity(name, 1, 1)?;
    float_arg(vm, &args.positional()[0])
}

/// Two float arguments.
fn two(vm: &mut ThreadCtx, args: &Args, name: &str) -> PyResult<(f64, f64)> {
    args.no_kwargs(name)?;
    args.arity(name, 2, 2)?;
    let a = float_arg(vm, &args.positional()[0])?;
    let b = float_arg(vm, &args.positional()[1])?;
    Ok((a, b))
}

fn init(_vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    m.add("pi", Value::Float(std::f64::consts::PI));
    m.add("e", Value::Float(std::f64::consts::E));
    m.add("tau", Value::Float(std::f64::consts::TAU));
    m.add("inf", Value::Float(f64::INFINITY));
    m.add("nan", Value::Float(f64::NAN));
    Ok(())
}

/// The `math` module.
pub static MODULE: NativeModule = NativeModule {
    name: "math",
    functions: &[
        NativeSpec::function("sqrt", sqrt),
        NativeSpec::function("exp", exp),
        NativeSpec::function("expm1", expm1),
        NativeSpec::function("log", log),
        NativeSpec::function("log2", log2),
        NativeSpec::function("log10", log10),
        NativeSpec::function("log1p", log1p),
        NativeSpec::function("pow", pow),
        NativeSpec::function("sin", sin),
        NativeSpec::function("cos", cos),
        NativeSpec::function("tan", tan),
        NativeSpec::function("asin", asin),
        NativeSpec::function("acos", acos),
        NativeSpec::function("atan", atan),
        NativeSpec::function("atan2", atan2),
        NativeSpec::function("sinh", sinh),
        NativeSpec::function("cosh", cosh),
        NativeSpec::function("tanh", tanh),
        NativeSpec::function("asinh", asinh),
        NativeSpec::function("acosh", acosh),
        NativeSpec::function("atanh", atanh),
        NativeSpec::function("hypot", hypot),
        NativeSpec::function("dist", dist),
        NativeSpec::function("fabs", fabs),
        NativeSpec::function("fmod", fmod),
        NativeSpec::function("copysign", copysign),
        NativeSpec::function("degrees", degrees),
        NativeSpec::function("radians", radians),
        NativeSpec::function("erf", erf),
        NativeSpec::function("erfc", erfc),
        NativeSpec::function("gamma", gamma),
        NativeSpec::function("lgamma", lgamma),
        NativeSpec::function("floor", floor),
        NativeSpec::function("ceil", ceil),
        NativeSpec::function("trunc", trunc),
        NativeSpec::function("modf", modf),
        NativeSpec::function("frexp", frexp),
        NativeSpec::function("ldexp", ldexp),
        NativeSpec::function("fsum", fsum),
        NativeSpec::function("isclose", isclose),
        NativeSpec::function("isfinite", isfinite),
        NativeSpec::function("isinf", isinf),
        NativeSpec::function("isnan", isnan),
        NativeSpec::function("factorial", factorial),
        NativeSpec::function("gcd", gcd),
        NativeSpec::function("lcm", lcm),
        NativeSpec::function("comb", comb),
        NativeSpec::function("perm", perm),
        NativeSpec::function("isqrt", isqrt),
        NativeSpec::function("prod", prod),
    ],
    classes: &[],
    init: Some(init),
};
