//! `int`, `bool` and `float`: their constructors and methods.
//!
//! ```text
//!   int('ff', 16) == 255     int(3.9) == 3      int('1_000') == 1000
//!   float(' 1e3 ') == 1000.0 float('nan')       (255).to_bytes(2, 'big')
//!   (10).bit_length() == 4   True + True == 2   0.5.as_integer_ratio() == (1, 2)
//! ```
//!
//! Parsing goes through the big-int leaf (`object/bigint/`), which knows
//! Python's literal rules (`_` separators, bases 2–36, the 4300-digit
//! limit) and CPython's messages.
//!
//! Python equivalent: `Objects/longobject.c` (`long_new`,
//! `PyLong_FromString`), `Objects/floatobject.c` (`float_new`),
//! `Objects/boolobject.c`.

use crate::object::bigint::{BigInt, ByteOrder, Signedness};
use crate::object::builtin_types::types;
use crate::object::refcount::Arc;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::native::{Args, NativeSpec};
use crate::vm::number::{big_err, big_value, int_ref, IntRef};
use crate::vm::ThreadCtx;

/// Fast path of `CALL` (`vm/call.rs`) for `int(x)`, `float(x)` and
/// `str(x)`: the exact types with one int or float argument (and `int` of
/// a short plain decimal string, `str` of an int), converted as
/// [`to_int`], `float_new` and `str_new` convert them. `None` for anything
/// else — another type or argument, a NaN, an infinity or a float past 64
/// bits, any other text — which the plain path (the constructor as a
/// native call) answers or raises.
#[inline]
pub fn convert_scalar(cls: &Arc<crate::object::types::Type>, x: &Value) -> Option<Value> {
    let t = types();
    if Arc::ptr_eq(cls, &t.int) {
        match x {
            Value::Int(i) => Some(Value::Int(*i)),
            Value::Str(s) => small_decimal(s.as_str()).map(Value::Int),
            // `to_int`'s small case; a NaN fails the comparison.
            Value::Float(f) => {
                let t = f.trunc();
                (t.abs() < 9.2e18).then_some(Value::Int(t as i64))
            }
            _ => None,
        }
    } else if Arc::ptr_eq(cls, &t.float) {
        match x {
            Value::Float(f) => Some(Value::Float(*f)),
            // As `IntRef::to_f64` of a small int: round to nearest, ties
            // to even (CPython's `PyLong_AsDouble` rounds the same way).
            Value::Int(i) => Some(Value::Float(*i as f64)),
            _ => None,
        }
    } else if Arc::ptr_eq(cls, &t.str_) {
        match x {
            Value::Int(i) => Some(Value::str(decimal(*i, &mut [0; 20]))),
            _ => None,
        }
    } else {
        None
    }
}

/// `str(i)` of a small int: its digits written backwards into `buf` (20
/// bytes hold `i64::MIN`'s sign and 19 digits), not through `fmt`'s
/// padding machinery and a `String` first.
fn decimal(i: i64, buf: &mut [u8; 20]) -> &str {
    let mut n = i.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    // Only ASCII digits and '-' were written.
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

/// `int(x)` of any value.
pub fn to_int(vm: &mut ThreadCtx, v: &Value) -> PyResult {
    if let Some(i) = int_ref(v) {
        return Ok(match i {
            IntRef::Small(x) => Value::Int(x),
            IntRef::Big(_) => v.clone(),
        });
    }
    match v {
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
            if t.abs() < 9.2e18 {
                return Ok(Value::Int(t as i64));
            }
            Ok(big_value(BigInt::from_f64(t).map_err(big_err)?))
        }
        Value::Str(s) => parse_int(vm, s.as_str(), 10),
        Value::Bytes(b) => BigInt::parse_bytes_limited(&b.data, 10, vm.int_max_str_digits())
            .map(big_value)
            .map_err(big_err),
        Value::Instance(_) => {
            for name in ["__int__", "__index__"] {
                if let Some(m) = vm.special_method(v, &crate::object::str::intern(name))? {
                    let r = vm.call(&m, &[])?;
                    if int_ref(&r).is_some() {
                        return Ok(r);
                    }
                    return Err(PyErr::type_error(format!(
                        "{name} returned non-int (type {})",
                        r.type_name()
                    )));
                }
            }
            if let Some(m) = vm.special_method(v, &crate::object::str::intern("__trunc__"))? {
                return vm.call(&m, &[]);
            }
            Err(int_type_error(v))
        }
        other => Err(int_type_error(other)),
    }
}

fn int_type_error(v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        v.type_name()
    ))
}

/// `int(text, base)`, under `sys.get_int_max_str_digits()`.
pub fn parse_int(vm: &ThreadCtx, text: &str, base: i64) -> PyResult {
    // Fast path: `int("123")`, the common case, read straight into an
    // `i64`; the plain path below built the text's ASCII copy and a big
    // int's digit vector for it first (`int(str(i))` ran level with
    // CPython).
    if base == 10 {
        if let Some(n) = small_decimal(text) {
            return Ok(Value::Int(n));
        }
    }
    BigInt::parse_limited(text, base, vm.int_max_str_digits())
        .map(big_value)
        .map_err(big_err)
}

/// `text` as an optional sign and 1 to 18 ASCII decimal digits, nothing
/// else, as its value (18 digits never overflow an `i64`, and are under
/// every allowed `int_max_str_digits`). `None` for anything else —
/// whitespace, underscores, more digits, non-ASCII digits — which the
/// plain parser accepts or refuses as CPython does.
fn small_decimal(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.first()? {
        b'-' => (true, &bytes[1..]),
        b'+' => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mut n: i64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(b - b'0');
    }
    Some(if negative { -n } else { n })
}

fn int_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    if let Some(Value::Type(t)) = cls {
        if !Arc::ptr_eq(t, &types().int) && !Arc::ptr_eq(t, &types().bool_) {
            return Err(PyErr::new(
                ExcKind::NotImplementedError,
                format!("subclassing int ({}) is outside MiniPy", t.name.as_str()),
            ));
        }
    }
    let [x, base] = rest.bind("int", ["x", "base"], 0)?;
    match (x, base) {
        (None, None) => Ok(Value::Int(0)),
        (Some(x), None) => to_int(vm, x),
        (x, Some(b)) => {
            let base = crate::vm::args::index_arg(vm, b)?;
            match x {
                Some(Value::Str(s)) => parse_int(vm, s.as_str(), base),
                Some(Value::Bytes(bs)) => {
                    BigInt::parse_bytes_limited(&bs.data, base, vm.int_max_str_digits())
                        .map(big_value)
                        .map_err(big_err)
                }
                Some(_) => Err(PyErr::type_error(
                    "int() can't convert non-string with explicit base",
                )),
                None => Err(PyErr::type_error("int() missing string argument")),
            }
        }
    }
}

fn int_self(args: &Args) -> PyResult<Value> {
    match args.positional().first() {
        Some(v) if int_ref(v).is_some() => Ok(v.clone()),
        Some(v) => Err(crate::vm::native::wrong_self("method", "int", v)),
        None => Err(PyErr::type_error("int method needs an argument")),
    }
}

fn int_bit_length(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let v = int_self(&args)?;
    Ok(Value::Int(match int_ref(&v) {
        Some(IntRef::Small(i)) => (64 - i.unsigned_abs().leading_zeros()) as i64,
        Some(IntRef::Big(b)) => b.bit_length() as i64,
        None => 0,
    }))
}

fn int_bit_count(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let v = int_self(&args)?;
    Ok(Value::Int(match int_ref(&v) {
        Some(IntRef::Small(i)) => i.unsigned_abs().count_ones() as i64,
        Some(IntRef::Big(b)) => b.bit_count() as i64,
        None => 0,
    }))
}

fn byte_order(v: Option<&Value>) -> PyResult<ByteOrder> {
    match v {
        None => Ok(ByteOrder::Big),
        Some(Value::Str(s)) => match s.as_str() {
            "big" => Ok(ByteOrder::Big),
            "little" => Ok(ByteOrder::Little),
            _ => Err(PyErr::value_error(
                "byteorder must be either 'little' or 'big'",
            )),
        },
        Some(o) => Err(PyErr::type_error(format!(
            "to_bytes() argument 'byteorder' must be str, not {}",
            o.type_name()
        ))),
    }
}

fn int_to_bytes(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (me, rest) = args.split_self();
    let v = me.cloned().unwrap_or(Value::Int(0));
    if rest.len() > 2 {
        return Err(PyErr::type_error(format!(
            "to_bytes() takes at most 2 positional arguments ({} given)",
            rest.len()
        )));
    }
    let [length, order, signed] = rest.bind("to_bytes", ["length", "byteorder", "signed"], 0)?;
    let length = match length {
        Some(l) => crate::vm::args::index_arg(vm, l)?,
        None => 1,
    };
    if length < 0 {
        return Err(PyErr::value_error("length argument must be non-negative"));
    }
    let signed = match signed {
        Some(s) => vm.truthy(s)?,
        None => false,
    };
    let big = int_ref(&v).map(|i| i.to_big()).unwrap_or_default();
    let bytes = big
        .to_bytes(
            length as usize,
            byte_order(order)?,
            if signed {
                Signedness::Signed
            } else {
                Signedness::Unsigned
            },
        )
        .map_err(big_err)?;
    Ok(Value::Bytes(Arc::new(crate::object::bytes::Bytes::new(
        bytes,
    ))))
}

fn int_from_bytes(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    if rest.len() > 2 {
        return Err(PyErr::type_error(format!(
            "from_bytes() takes at most 2 positional arguments ({} given)",
            rest.len()
        )));
    }
    let [data, order, signed] = rest.bind("from_bytes", ["bytes", "byteorder", "signed"], 1)?;
    let bytes = match data {
        Some(v) => match crate::vm::ops::bytes_of(v) {
            Some(b) => b,
            None => {
                let items = vm.collect(v)?;
                let mut out = Vec::with_capacity(items.len());
                for it in items {
                    match int_ref(&it) {
                        Some(IntRef::Small(x)) if (0..256).contains(&x) => out.push(x as u8),
                        _ => return Err(PyErr::value_error("bytes must be in range(0, 256)")),
                    }
                }
                out
            }
        },
        None => Vec::new(),
    };
    let signed = match signed {
        Some(s) => vm.truthy(s)?,
        None => false,
    };
    Ok(big_value(BigInt::from_bytes(
        &bytes,
        byte_order(order)?,
        if signed {
            Signedness::Signed
        } else {
            Signedness::Unsigned
        },
    )))
}

fn int_index(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let v = int_self(&args)?;
    Ok(match v {
        Value::Bool(Flag(b)) => Value::Int(b as i64),
        v => v,
    })
}

fn int_real(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    int_index(_vm, args)
}

fn int_imag(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Ok(Value::Int(0))
}

fn int_denominator(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Ok(Value::Int(1))
}

fn int_as_integer_ratio(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let v = int_index(vm, args)?;
    Ok(Value::tuple(vec![v, Value::Int(1)]))
}

fn int_is_integer(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Ok(Value::Bool(Flag(true)))
}

fn int_format(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__format__", 2, 2)?;
    let p = args.positional();
    let spec = match &p[1] {
        Value::Str(s) => s.as_str().to_string(),
        _ => String::new(),
    };
    let v = match &p[0] {
        Value::Instance(_) => int_index(vm, args)?,
        v => v.clone(),
    };
    Ok(Value::string(vm.format(&v, &spec)?))
}

/// `int`'s methods.
pub static INT_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", int_new),
    NativeSpec::method("bit_length", int_bit_length),
    NativeSpec::method("bit_count", int_bit_count),
    NativeSpec::method("to_bytes", int_to_bytes),
    NativeSpec::classmethod("from_bytes", int_from_bytes),
    NativeSpec::method("__index__", int_index),
    NativeSpec::method("__int__", int_index),
    NativeSpec::method("conjugate", int_index),
    NativeSpec::getter("real", int_real),
    NativeSpec::getter("imag", int_imag),
    NativeSpec::getter("numerator", int_real),
    NativeSpec::getter("denominator", int_denominator),
    NativeSpec::method("as_integer_ratio", int_as_integer_ratio),
    NativeSpec::method("is_integer", int_is_integer),
    NativeSpec::method("__format__", int_format),
];

fn bool_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    rest.no_kwargs("bool")?;
    rest.arity("bool", 0, 1)?;
    Ok(Value::Bool(Flag(match rest.get(0) {
        Some(v) => vm.truthy(v)?,
        None => false,
    })))
}

/// `bool`'s methods.
pub static BOOL_METHODS: &[NativeSpec] = &[NativeSpec::staticmethod("__new__", bool_new)];

/// `float(text)` with Python's accepted syntax.
pub fn parse_float(text: &str) -> PyResult<f64> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let bad = || {
        PyErr::value_error(format!(
            "could not convert string to float: {}",
            crate::vm::repr::str_repr(text)
        ))
    };
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") {
        let neg = lower.starts_with('-');
        let v = if body == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Ok(if neg { -v } else { v });
    }
    // Underscores only between digits.
    let chars: Vec<char> = t.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == '_' {
            let ok = i > 0
                && i + 1 < chars.len()
                && chars[i - 1].is_ascii_digit()
                && chars[i + 1].is_ascii_digit();
            if !ok {
                return Err(bad());
            }
        }
    }
    let clean: String = t.chars().filter(|c| *c != '_').collect();
    if clean.is_empty()
        || !clean
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return Err(bad());
    }
    clean.parse::<f64>().map_err(|_| bad())
}

fn float_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    rest.no_kwargs("float")?;
    rest.arity("float", 0, 1)?;
    let Some(v) = rest.get(0) else {
        return Ok(Value::Float(0.0));
    };
    match v {
        Value::Float(f) => Ok(Value::Float(*f)),
        Value::Str(s) => Ok(Value::Float(parse_float(s.as_str())?)),
        Value::Instance(_) => {
            if let Some(m) = vm.special_method(v, &types().names.float)? {
                return vm.call(&m, &[]);
            }
            if let Some(m) = vm.special_method(v, &types().names.index)? {
                let i = vm.call(&m, &[])?;
                if let Some(i) = int_ref(&i) {
                    return Ok(Value::Float(i.to_f64()?));
                }
            }
            Err(float_type_error(v))
        }
        _ => match int_ref(v) {
            Some(i) => Ok(Value::Float(i.to_f64()?)),
            None => Err(float_type_error(v)),
        },
    }
}

fn float_type_error(v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        v.type_name()
    ))
}

fn float_self(args: &Args) -> PyResult<f64> {
    match args.positional().first() {
        Some(Value::Float(f)) => Ok(*f),
        Some(v) => Err(crate::vm::native::wrong_self("method", "float", v)),
        None => Err(PyErr::type_error("float method needs an argument")),
    }
}

fn float_is_integer(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let f = float_self(&args)?;
    Ok(Value::Bool(Flag(f.is_finite() && f.fract() == 0.0)))
}

fn float_as_integer_ratio(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let f = float_self(&args)?;
    if f.is_nan() {
        return Err(PyErr::value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "cannot convert Infinity to integer ratio",
        ));
    }
    // f = mantissa * 2**exp exactly.
    let bits = f.to_bits();
    let sign = if bits >> 63 == 1 { -1i64 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mut mant, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    while mant != 0 && mant & 1 == 0 && e < 0 {
        mant >>= 1;
        e += 1;
    }
    let m = BigInt::from(mant as i64 * sign);
    if e >= 0 {
        let num = m.shl_bits(e as u64).map_err(big_err)?;
        Ok(Value::tuple(vec![big_value(num), Value::Int(1)]))
    } else {
        let den = BigInt::one().shl_bits((-e) as u64).map_err(big_err)?;
        Ok(Value::tuple(vec![big_value(m), big_value(den)]))
    }
}

fn float_real(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Float(float_self(&args)?))
}

fn float_imag(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Ok(Value::Float(0.0))
}

fn float_hex(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let f = float_self(&args)?;
    if !f.is_finite() {
        return Ok(Value::string(crate::vm::repr::float_repr(f)));
    }
    if f == 0.0 {
        return Ok(Value::str(if f.is_sign_negative() {
            "-0x0.0p+0"
        } else {
            "0x0.0p+0"
        }));
    }
    let bits = f.to_bits();
    let sign = if bits >> 63 == 1 { "-" } else { "" };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    let digits = format!("{frac:013x}");
    Ok(Value::string(format!(
        "{sign}0x{lead}.{digits}p{}{}",
        if e < 0 { '-' } else { '+' },
        e.abs()
    )))
}

fn float_trunc(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let f = float_self(&args)?;
    to_int(vm, &Value::Float(f))
}

fn float_format(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__format__", 2, 2)?;
    let p = args.positional();
    let spec = match &p[1] {
        Value::Str(s) => s.as_str().to_string(),
        _ => String::new(),
    };
    Ok(Value::string(vm.format(&p[0], &spec)?))
}

fn float_round(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let round = vm.rt.builtins.globals.get("round").unwrap_or(Value::None);
    vm.call(&round, args.positional())
}

/// `float`'s methods.
pub static FLOAT_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", float_new),
    NativeSpec::method("is_integer", float_is_integer),
    NativeSpec::method("as_integer_ratio", float_as_integer_ratio),
    NativeSpec::method("hex", float_hex),
    NativeSpec::method("conjugate", float_real),
    NativeSpec::method("__trunc__", float_trunc),
    NativeSpec::method("__int__", float_trunc),
    NativeSpec::method("__float__", float_real),
    NativeSpec::method("__format__", float_format),
    NativeSpec::method("__round__", float_round),
    NativeSpec::getter("real", float_real),
    NativeSpec::getter("imag", float_imag),
];
