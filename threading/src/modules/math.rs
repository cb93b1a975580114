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

use crate::ast::BinOp;
use crate::object::bigint::BigInt;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::{float_arg, index_arg};
use crate::vm::native::{Args, ModuleInit, NativeModule, NativeSpec};
use crate::vm::number::{big_value, int_ref, IntRef};
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

macro_rules! unary {
    ($fname:ident, $py:literal, $f:expr, $overflow:expr) => {
        fn $fname(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn sqrt(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn log(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn log2(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("log2", 1, 1)?;
    let v = &args.positional()[0];
    if let Some(IntRef::Big(_)) = int_ref(v) {
        return Ok(Value::Float(log_of(vm, v)? / std::f64::consts::LN_2));
    }
    let x = float_arg(vm, v)?;
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.log2()))
}

fn log10(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("log10", 1, 1)?;
    let v = &args.positional()[0];
    if let Some(IntRef::Big(_)) = int_ref(v) {
        return Ok(Value::Float(log_of(vm, v)? / std::f64::consts::LN_10));
    }
    let x = float_arg(vm, v)?;
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.log10()))
}

fn log1p(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let x = one(vm, &args, "log1p")?;
    if x <= -1.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.ln_1p()))
}

fn pow(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn atan2(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (y, x) = two(vm, &args, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

fn fmod(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (x, y) = two(vm, &args, "fmod")?;
    if y == 0.0 && !x.is_nan() || x.is_infinite() && !y.is_nan() {
        return Err(domain());
    }
    Ok(Value::Float(x % y))
}

fn copysign(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (x, y) = two(vm, &args, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn hypot(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn dist(vm: &mut ThreadCtx, args: Args) -> PyResult {
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
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
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

fn floor(vm: &mut ThreadCtx, args: Args) -> PyResult {
    rounding(vm, &args, "floor", f64::floor)
}

fn ceil(vm: &mut ThreadCtx, args: Args) -> PyResult {
    rounding(vm, &args, "ceil", f64::ceil)
}

fn trunc(vm: &mut ThreadCtx, args: Args) -> PyResult {
    rounding(vm, &args, "trunc", f64::trunc)
}

fn modf(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn frexp(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn ldexp(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

/// `fsum`: exact summation (Shewchuk's partials, as CPython).
fn fsum(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn isclose(vm: &mut ThreadCtx, args: Args) -> PyResult {
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
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(
        diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs,
    ))
}

fn isfinite(vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Bool(one(vm, &args, "isfinite")?.is_finite()))
}

fn isinf(vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Bool(one(vm, &args, "isinf")?.is_infinite()))
}

fn isnan(vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Bool(one(vm, &args, "isnan")?.is_nan()))
}

/// An exact-integer argument (`__index__`), as a value.
fn int_value(vm: &mut ThreadCtx, v: &Value) -> PyResult {
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(_) => Err(PyErr::type_error(
            "'float' object cannot be interpreted as an integer",
        )),
        _ => Ok(Value::Int(index_arg(vm, v)?)),
    }
}

/// `abs()` of an int value.
fn abs_value(v: &Value) -> Value {
    match int_ref(v) {
        Some(i) => crate::vm::number::int_abs(i),
        None => v.clone(),
    }
}

fn is_negative(v: &Value) -> bool {
    int_ref(v).is_some_and(|i| i.is_negative())
}

fn mul(vm: &mut ThreadCtx, a: &Value, b: &Value) -> PyResult {
    vm.binary_op(BinOp::Mul, a, b)
}

fn factorial(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("factorial", 1, 1)?;
    let n = int_value(vm, &args.positional()[0])?;
    if is_negative(&n) {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "factorial() not defined for negative values",
        ));
    }
    let Value::Int(n) = n else {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "factorial() argument should not exceed 9223372036854775807",
        ));
    };
    product_range(vm, 1, n)
}

/// `lo * (lo+1) * ... * hi` by halves (balanced products stay fast).
fn product_range(vm: &mut ThreadCtx, lo: i64, hi: i64) -> PyResult {
    if lo > hi {
        return Ok(Value::Int(1));
    }
    if hi - lo < 8 {
        let mut acc = Value::Int(lo);
        for k in lo + 1..=hi {
            acc = mul(vm, &acc, &Value::Int(k))?;
        }
        return Ok(acc);
    }
    let mid = lo + (hi - lo) / 2;
    let a = product_range(vm, lo, mid)?;
    let b = product_range(vm, mid + 1, hi)?;
    mul(vm, &a, &b)
}

fn gcd2(vm: &mut ThreadCtx, a: Value, b: Value) -> PyResult {
    let (mut a, mut b) = (a, b);
    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
        let (mut x, mut y) = (x.unsigned_abs(), y.unsigned_abs());
        while y != 0 {
            (x, y) = (y, x % y);
        }
        return Ok(if x <= i64::MAX as u64 {
            Value::Int(x as i64)
        } else {
            big_value(BigInt::from(i64::MIN).abs())
        });
    }
    a = abs_value(&a);
    b = abs_value(&b);
    while !matches!(b, Value::Int(0)) {
        let r = vm.binary_op(BinOp::Mod, &a, &b)?;
        a = b;
        b = r;
    }
    Ok(a)
}

fn gcd(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("gcd")?;
    let mut acc = Value::Int(0);
    for v in args.positional() {
        let x = int_value(vm, v)?;
        acc = gcd2(vm, acc, x)?;
    }
    Ok(acc)
}

fn lcm(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("lcm")?;
    let mut acc = Value::Int(1);
    for v in args.positional() {
        let x = int_value(vm, v)?;
        if matches!(x, Value::Int(0)) || matches!(acc, Value::Int(0)) {
            acc = Value::Int(0);
            continue;
        }
        let g = gcd2(vm, acc.clone(), x.clone())?;
        let q = vm.binary_op(BinOp::FloorDiv, &acc, &g)?;
        let p = mul(vm, &q, &x)?;
        acc = abs_value(&p);
    }
    Ok(acc)
}

/// `(n, k)` of comb/perm, both non-negative.
fn n_k(vm: &mut ThreadCtx, args: &Args, name: &str) -> PyResult<(i64, Option<i64>)> {
    args.arity(name, 1, 2)?;
    let n = int_value(vm, &args.positional()[0])?;
    let k = match args.positional().get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(int_value(vm, v)?),
    };
    if is_negative(&n) {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "n must be a non-negative integer",
        ));
    }
    if k.as_ref().is_some_and(is_negative) {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "k must be a non-negative integer",
        ));
    }
    let small = |v: &Value| match v {
        Value::Int(i) => Ok(*i),
        _ => Err(PyErr::new(
            ExcKind::OverflowError,
            "n must not exceed 9223372036854775807",
        )),
    };
    let n = small(&n)?;
    let k = match k {
        Some(k) => Some(small(&k)?),
        None => None,
    };
    Ok((n, k))
}

fn perm(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (n, k) = n_k(vm, &args, "perm")?;
    let k = k.unwrap_or(n);
    if k > n {
        return Ok(Value::Int(0));
    }
    product_range(vm, n - k + 1, n)
}

fn comb(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (n, k) = n_k(vm, &args, "comb")?;
    let Some(k) = k else {
        return Err(PyErr::type_error("comb expected 2 arguments, got 1"));
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.min(n - k);
    // C(n, k) = prod(n-k+1..n) / k!, exact in ints.
    let num = product_range(vm, n - k + 1, n)?;
    let den = product_range(vm, 1, k)?;
    vm.binary_op(BinOp::FloorDiv, &num, &den)
}

fn isqrt(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("isqrt", 1, 1)?;
    let n = int_value(vm, &args.positional()[0])?;
    if is_negative(&n) {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "isqrt() argument must be nonnegative",
        ));
    }
    if let Value::Int(n) = n {
        let mut r = (n as f64).sqrt() as i64;
        while r.checked_mul(r).is_none_or(|sq| sq > n) {
            r -= 1;
        }
        while (r + 1).checked_mul(r + 1).is_some_and(|sq| sq <= n) {
            r += 1;
        }
        return Ok(Value::Int(r));
    }
    // Newton's method on big ints, from above.
    let bits = match int_ref(&n) {
        Some(IntRef::Big(b)) => b.bit_length(),
        _ => 64,
    };
    let two = Value::Int(2);
    let mut x = vm.binary_op(
        BinOp::LShift,
        &Value::Int(1),
        &Value::Int(bits.div_ceil(2) as i64),
    )?;
    loop {
        let q = vm.binary_op(BinOp::FloorDiv, &n, &x)?;
        let s = vm.binary_op(BinOp::Add, &x, &q)?;
        let y = vm.binary_op(BinOp::FloorDiv, &s, &two)?;
        if !vm.less_than(&y, &x)? {
            return Ok(x);
        }
        x = y;
    }
}

fn prod(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("prod", 1, 1)?;
    let items = vm.collect(&args.positional()[0])?;
    let mut acc = args.kw("start").cloned().unwrap_or(Value::Int(1));
    for v in &items {
        acc = mul(vm, &acc, v)?;
    }
    Ok(acc)
}

/// `erf` (W. J. Cody's rational approximations, as CPython's fallback
/// `m_erf` before 3.11 used libm; close to libm's within an ulp or two).
fn erf_impl(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let ax = x.abs();
    let r = if ax < 1.5 {
        // Series: erf(x) = 2/sqrt(pi) * sum x^(2k+1) (-1)^k / (k! (2k+1))
        let mut acc = 0.0f64;
        let mut term = ax;
        let x2 = ax * ax;
        let mut k = 0.0;
        while term.abs() > 1e-17 * acc.abs().max(1e-300) || k < 2.0 {
            acc += term / (2.0 * k + 1.0);
            k += 1.0;
            term *= -x2 / k;
            if k > 200.0 {
                break;
            }
        }
        acc * 2.0 / std::f64::consts::PI.sqrt()
    } else if ax >= 6.0 {
        1.0
    } else {
        1.0 - erfc_cf(ax)
    };
    r.copysign(x)
}

/// `erfc(x)` for x ≥ 1.5 by a continued fraction.
fn erfc_cf(x: f64) -> f64 {
    let x2 = x * x;
    let mut a = 0.0;
    for k in (1..60).rev() {
        a = (k as f64 / 2.0) / (x + a);
    }
    (-x2).exp() / std::f64::consts::PI.sqrt() / (x + a)
}

/// `gamma` (Lanczos approximation, g = 7).
fn gamma_impl(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x == f64::INFINITY {
        return x;
    }
    if x <= 0.0 && x == x.floor() {
        return f64::NAN;
    }
    if x == x.floor() && x <= 23.0 {
        let mut r = 1.0;
        let mut k = 2.0;
        while k < x {
            r *= k;
            k += 1.0;
        }
        return r;
    }
    if x < 0.5 {
        return std::f64::consts::PI / ((std::f64::consts::PI * x).sin() * gamma_impl(1.0 - x));
    }
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    (2.0 * std::f64::consts::PI).sqrt() * t.powf(x + 0.5) * (-t).exp() * a
}

/// `lgamma`.
fn lgamma_impl(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.is_infinite() {
        return f64::INFINITY;
    }
    if x <= 0.0 && x == x.floor() {
        return f64::INFINITY;
    }
    if x < 0.5 {
        let s = (std::f64::consts::PI * x).sin().abs();
        return std::f64::consts::PI.ln() - s.ln() - lgamma_impl(1.0 - x);
    }
    if x < 100.0 {
        return gamma_impl(x).abs().ln();
    }
    // Stirling's series.
    let z = x;
    (z - 0.5) * z.ln() - z + 0.5 * (2.0 * std::f64::consts::PI).ln() + 1.0 / (12.0 * z)
        - 1.0 / (360.0 * z * z * z)
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
