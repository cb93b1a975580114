//! The format mini-language of `f"{x:spec}"` for int, float and str.
//!
//! ```text
//!   spec := [[fill]align][sign][0][width][,|_][.precision][type]
//!   f"{3.14159:>8.2f}" → "    3.14"     f"{1234567:,}" → "1,234,567"
//!   f"{'ab':*^6}"      → "**ab**"       f"{0.25:.1%}"  → "25.0%"
//! ```
//!
//! Numbers align right by default, strings left; `=` pads after the sign.
//! Rust's `{:.N}` rounds the exact binary value half-to-even, as CPython's
//! `PyOS_double_to_string` does, so the digits agree.
//!
//! Python equivalent: `Python/formatter_unicode.c`.

use crate::v1::vm::exception::{PyErr, PyResult};
use crate::v1::vm::repr::float_repr;
use crate::v1::vm::value::Value;

/// A parsed format spec.
#[derive(Default)]
struct Spec {
    /// Fill character (default space).
    fill: Option<char>,
    /// `<`, `>`, `^` or `=` (default: right for numbers, left for text).
    align: Option<char>,
    /// `+`, `-` or space.
    sign: Option<char>,
    /// A leading `0`: zero-pad after the sign.
    zero: bool,
    /// Minimum width.
    width: usize,
    /// Thousands separator, `,` or `_`.
    grouping: Option<char>,
    /// Digits after the point (floats) or maximum length (strings).
    precision: Option<usize>,
    /// Presentation type: `d`, `f`, `e`, `g`, `%`, `s`, ...
    kind: Option<char>,
}

fn parse(spec: &str) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let digits = |i: &mut usize| -> Option<usize> {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        chars[start..*i].iter().collect::<String>().parse().ok()
    };
    s.width = digits(&mut i).unwrap_or(0);
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        s.precision = Some(
            digits(&mut i)
                .ok_or_else(|| PyErr::value_error("Format specifier missing precision"))?,
        );
    }
    if i < chars.len() {
        s.kind = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return Err(PyErr::value_error("Invalid format specifier"));
    }
    if s.width > 10_000 || s.precision.is_some_and(|p| p > 10_000) {
        return Err(PyErr::value_error(
            "Too many decimal digits in format string",
        ));
    }
    Ok(s)
}

fn group(int_digits: &str, sep: char) -> String {
    let mut out = String::new();
    let n = int_digits.len();
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Pads `body` (with its sign split off) to the spec's width.
fn pad(sign: &str, body: &str, s: &Spec, numeric: bool) -> String {
    let len = sign.chars().count() + body.chars().count();
    if len >= s.width {
        return format!("{sign}{body}");
    }
    let n = s.width - len;
    let (fill, align) = if s.zero && s.align.is_none() && numeric {
        ('0', '=')
    } else {
        (
            s.fill.unwrap_or(' '),
            s.align.unwrap_or(if numeric { '>' } else { '<' }),
        )
    };
    let f = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{sign}{}{body}", f(n)),
        _ => format!("{}{sign}{body}", f(n)),
    }
}

fn sign_of(neg: bool, s: &Spec) -> &'static str {
    match (neg, s.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

fn with_grouping(num: &str, s: &Spec) -> String {
    match s.grouping {
        None => num.to_string(),
        Some(sep) => {
            let (int_part, rest) = match num.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => num.split_at(i),
                None => (num, ""),
            };
            format!("{}{rest}", group(int_part, sep))
        }
    }
}

fn format_float(f: f64, s: &Spec) -> PyResult<String> {
    let neg = f.is_sign_negative();
    let a = f.abs();
    let body = if !a.is_finite() {
        if a.is_nan() {
            "nan".to_string()
        } else {
            "inf".to_string()
        }
    } else {
        match s.kind {
            Some('f') | Some('F') => format!("{:.*}", s.precision.unwrap_or(6), a),
            Some('%') => format!("{:.*}%", s.precision.unwrap_or(6), a * 100.0),
            Some('e') | Some('E') => {
                let t = format!("{:.*e}", s.precision.unwrap_or(6), a);
                let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
                let e: i32 = e.parse().unwrap_or(0);
                format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
            }
            Some('g') | Some('G') | None if s.precision.is_some() => {
                let p = s.precision.unwrap_or(6).max(1);
                let exp = if a == 0.0 {
                    0
                } else {
                    format!("{:.*e}", p - 1, a)
                        .split_once('e')
                        .and_then(|(_, e)| e.parse::<i32>().ok())
                        .unwrap_or(0)
                };
                if exp < -4 || exp >= p as i32 {
                    let t = format!("{:.*e}", p - 1, a);
                    let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
                    let m = if m.contains('.') {
                        m.trim_end_matches('0').trim_end_matches('.')
                    } else {
                        m
                    };
                    let e: i32 = e.parse().unwrap_or(0);
                    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
                } else {
                    let t = format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, a);
                    let t = if t.contains('.') {
                        t.trim_end_matches('0').trim_end_matches('.').to_string()
                    } else {
                        t
                    };
                    if s.kind.is_none() && !t.contains('.') && !t.contains('e') {
                        format!("{t}.0")
                    } else {
                        t
                    }
                }
            }
            Some('g') | Some('G') | None => float_repr(a),
            Some(k) => {
                return Err(PyErr::value_error(format!(
                    "Unknown format code '{k}' for object of type 'float'"
                )))
            }
        }
    };
    let body = with_grouping(&body, s);
    Ok(pad(sign_of(neg, s), &body, s, true))
}

/// `format(v, spec)`.
pub fn format_value(v: &Value, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(v.to_str());
    }
    let s = parse(spec)?;
    match v {
        Value::Int(_) | Value::Bool(_) => {
            let i = match v {
                Value::Int(i) => *i,
                _ => matches!(v, Value::Bool(true)) as i64,
            };
            match s.kind {
                None | Some('d') | Some('n') => {
                    if s.precision.is_some() {
                        return Err(PyErr::value_error(
                            "Precision not allowed in integer format specifier",
                        ));
                    }
                    let body = with_grouping(&i.unsigned_abs().to_string(), &s);
                    Ok(pad(sign_of(i < 0, &s), &body, &s, true))
                }
                Some('f') | Some('F') | Some('e') | Some('E') | Some('g') | Some('G')
                | Some('%') => format_float(i as f64, &s),
                Some(k) => Err(PyErr::value_error(format!(
                    "Unknown format code '{k}' for object of type 'int'"
                ))),
            }
        }
        Value::Float(f) => format_float(*f, &s),
        Value::Str(text) => {
            if let Some(k) = s.kind.filter(|k| *k != 's') {
                return Err(PyErr::value_error(format!(
                    "Unknown format code '{k}' for object of type 'str'"
                )));
            }
            if s.sign.is_some() {
                return Err(PyErr::value_error(
                    "Sign not allowed in string format specifier",
                ));
            }
            if s.grouping.is_some() {
                return Err(PyErr::value_error("Cannot specify ',' with 's'."));
            }
            let body: String = match s.precision {
                Some(p) => text.chars().take(p).collect(),
                None => text.to_string(),
            };
            Ok(pad("", &body, &s, false))
        }
        other => {
            if s.kind.is_some() || s.precision.is_some() {
                return Err(PyErr::type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    other.type_name()
                )));
            }
            Ok(pad("", &other.to_str(), &s, false))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_match_cpython() {
        let cases: &[(Value, &str, &str)] = &[
            (Value::Float(12.3456), ">8.2f", "   12.35"),
            (Value::Int(1234567), ",", "1,234,567"),
            (Value::str("ab"), "*^6", "**ab**"),
            (Value::Float(0.25), ".1%", "25.0%"),
            (Value::Int(-42), "05d", "-0042"),
            (Value::Float(2.5), ".0f", "2"),
            (Value::Float(1234.5), ",.2f", "1,234.50"),
            (Value::Int(7), "<4", "7   "),
            (Value::str("x"), ">3", "  x"),
            (Value::Float(1.0 / 3.0), ".3", "0.333"),
        ];
        for (v, spec, want) in cases {
            assert_eq!(format_value(v, spec).unwrap(), *want, "{spec}");
        }
    }
}
