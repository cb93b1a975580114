//! `repr()` and `str()` exactly as CPython prints them.
//!
//! The subtle one is `float`: Python prints the *shortest* digit string that
//! reads back to the same double (David Gay's algorithm), in fixed notation
//! when the decimal exponent is in `-4 ..= 15` and in scientific notation
//! with a signed, at-least-two-digit exponent otherwise:
//!
//! ```text
//!   0.1 + 0.2 → 0.30000000000000004     1e16 → 1e+16     1e-05 → 1e-05
//!   1e3       → 1000.0                  123456789012345678.0 → 1.2345678901234568e+17
//! ```
//!
//! Rust's `{:e}` already yields the shortest round-trip digits; we only
//! re-place the decimal point the way `float_repr_style == 'short'` does.
//!
//! Containers print their items with `repr` and guard against cycles
//! (`[[...]]`) and absurd depth.
//!
//! Python equivalent: `Objects/floatobject.c` (`float_repr`),
//! `Objects/unicodeobject.c` (`unicode_repr`), `Objects/listobject.c`.

use super::value::{lock, Value};
use std::fmt::Write as _;

/// Containers nested deeper than this print as `...` instead of recursing
/// further (keeps the native stack bounded).
const MAX_REPR_DEPTH: usize = 2000;

/// CPython's `repr(float)`.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let sci = format!("{:e}", f.abs());
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if f < 0.0 { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let body = if exp >= 0 {
            let int_len = (exp + 1) as usize;
            if digits.len() <= int_len {
                format!("{}{}.0", digits, "0".repeat(int_len - digits.len()))
            } else {
                format!("{}.{}", &digits[..int_len], &digits[int_len..])
            }
        } else {
            let _ = n;
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        };
        format!("{sign}{body}")
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{esign}{:02}", exp.abs())
    }
}

/// CPython's `repr(str)`: quotes chosen to avoid escaping, escapes for
/// control characters.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

impl Value {
    /// `repr(self)`.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        let mut seen = Vec::new();
        repr_into(self, &mut out, &mut seen);
        out
    }

    /// `str(self)`.
    pub fn to_str(&self) -> String {
        match self {
            Value::Str(s) => s.as_str().to_string(),
            Value::Exception(e) => e.message(),
            _ => self.repr(),
        }
    }
}

fn seq_into(items: &[Value], open: &str, close: &str, out: &mut String, seen: &mut Vec<usize>) {
    out.push_str(open);
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        repr_into(v, out, seen);
    }
    out.push_str(close);
}

fn repr_into(v: &Value, out: &mut String, seen: &mut Vec<usize>) {
    if seen.len() > MAX_REPR_DEPTH {
        out.push_str("...");
        return;
    }
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) => out.push_str(&str_repr(s)),
        Value::List(l) => {
            let ptr = std::sync::Arc::as_ptr(l) as usize;
            if seen.contains(&ptr) {
                out.push_str("[...]");
                return;
            }
            let items = lock(l).to_vec();
            seen.push(ptr);
            seq_into(&items, "[", "]", out, seen);
            seen.pop();
        }
        Value::Tuple(t) => {
            seen.push(0);
            if t.len() == 1 {
                out.push('(');
                repr_into(&t[0], out, seen);
                out.push_str(",)");
            } else {
                seq_into(t, "(", ")", out, seen);
            }
            seen.pop();
        }
        Value::Dict(d) => {
            let ptr = std::sync::Arc::as_ptr(d) as usize;
            if seen.contains(&ptr) {
                out.push_str("{...}");
                return;
            }
            let entries = lock(d).entries();
            seen.push(ptr);
            out.push('{');
            for (i, (k, val)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                repr_into(k, out, seen);
                out.push_str(": ");
                repr_into(val, out, seen);
            }
            out.push('}');
            seen.pop();
        }
        Value::Range(r) => {
            if r[2] == 1 {
                let _ = write!(out, "range({}, {})", r[0], r[1]);
            } else {
                let _ = write!(out, "range({}, {}, {})", r[0], r[1], r[2]);
            }
        }
        Value::Slice(s) => {
            out.push_str("slice(");
            seq_into(&s[..], "", "", out, seen);
            out.push(')');
        }
        Value::Function(f) => {
            let _ = write!(out, "<function {} at {:#x}>", f.code.name, v.address());
        }
        Value::Builtin(b) => {
            let _ = write!(out, "<built-in function {}>", b.name());
        }
        Value::Method(m) => {
            let _ = write!(
                out,
                "<built-in method {} of {} object at {:#x}>",
                m.name,
                m.recv.type_name(),
                v.address()
            );
        }
        Value::Module(m) => {
            let _ = write!(out, "<module '{}' (built-in)>", m.name);
        }
        Value::ExcType(k) => {
            let _ = write!(out, "<class '{}'>", k.qualified_name());
        }
        Value::Exception(e) => out.push_str(&e.repr()),
        Value::Iter(_) | Value::RangeIter(_) => {
            let _ = write!(out, "<{} object at {:#x}>", v.type_name(), v.address());
        }
        Value::Object(o) => out.push_str(&o.repr(v.address())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_cpython() {
        let cases = [
            (0.1 + 0.2, "0.30000000000000004"),
            (1e3, "1000.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1.5e-7, "1.5e-07"),
            (-2.5, "-2.5"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (1.0 / 3.0, "0.3333333333333333"),
            (f64::INFINITY, "inf"),
            (-0.0, "-0.0"),
            (1e100, "1e+100"),
            (5e-324, "5e-324"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(f), want, "repr of {f:?}");
        }
    }

    #[test]
    fn strings_pick_quotes_like_cpython() {
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a\nb"), "'a\\nb'");
        assert_eq!(str_repr("both ' and \""), "'both \\' and \"'");
    }
}
