//! `math`'s exact integer functions: `factorial`, `gcd`, `lcm`, `perm`,
//! `comb`, `isqrt`, `prod`.
//!
//! Results may be big: products and quotients run through the VM's
//! arithmetic (the `i64` fast path, the crate's big ints past it), so
//! `factorial(100)` and `comb(1000, 500)` are exact, as in CPython.
//!
//! Python equivalent: `math_factorial`, `math_gcd`, `math_lcm`,
//! `math_perm_impl`, `math_comb_impl`, `math_isqrt`, `math_prod_impl` in
//! `Modules/mathmodule.c`.
//!
//! Needs: nothing of its siblings.

use crate::ast::BinOp;
use crate::object::bigint::BigInt;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::Args;
use crate::vm::number::{big_value, int_ref, IntRef};
use crate::vm::ThreadCtx;

/// An exact-integer argument (`__index__`), as a value.
fn int_value(vm: &mut ThreadCtx, v: &Value) -> PyResult {
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(Flag(b)) => Ok(Value::Int(*b as i64)),
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

pub(super) fn factorial(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

pub(super) fn gcd(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("gcd")?;
    let mut acc = Value::Int(0);
    for v in args.positional() {
        let x = int_value(vm, v)?;
        acc = gcd2(vm, acc, x)?;
    }
    Ok(acc)
}

pub(super) fn lcm(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

pub(super) fn perm(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (n, k) = n_k(vm, &args, "perm")?;
    let k = k.unwrap_or(n);
    if k > n {
        return Ok(Value::Int(0));
    }
    product_range(vm, n - k + 1, n)
}

pub(super) fn comb(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

pub(super) fn isqrt(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

pub(super) fn prod(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("prod", 1, 1)?;
    let items = vm.collect(&args.positional()[0])?;
    let mut acc = args.kw("start").cloned().unwrap_or(Value::Int(1));
    for v in &items {
        acc = mul(vm, &acc, v)?;
    }
    Ok(acc)
}
