//! String formatting: the format-spec mini-language (`format(x, spec)`,
//! f-strings, and the field specs of `str.format` and `%`).
//!
//! ```text
//!   spec := [[fill]align][sign][#][0][width][,|_][.precision][type]
//!   f"{3.14159:>8.2f}" → "    3.14"     f"{1234567:,}" → "1,234,567"
//!   f"{255:#x}"        → "0xff"         f"{0.25:.1%}"  → "25.0%"
//! ```
//!
//! Numbers align right by default, strings left; `=` pads after the sign.
//! Rust's `{:.N}` rounds the exact binary value half-to-even, as CPython's
//! `PyOS_double_to_string` does, so the digits agree. A user class's
//! `__format__` is honoured; `object.__format__` refuses a non-empty spec
//! as CPython does.
//!
//! Siblings built on this file: `percent_format.rs` (`str % args`,
//! `bytes % args`) and `str_format.rs` (`str.format`'s fields); they use
//! its spec, padding and number styles.
//!
//! Python equivalent: `Python/formatter_unicode.c`.

use super::number::{int_ref, IntRef};
use super::repr::{ascii_escape, float_repr};
use super::ThreadCtx;
use crate::bytecode::{CONV_ASCII, CONV_REPR, CONV_STR};
use crate::object::builtin_types::types;
use crate::object::{ExcKind, PyErr, PyResult, Value};

/// A parsed format spec.
#[derive(Default, Clone)]
pub(super) struct Spec {
    /// Fill character (default space).
    pub(super) fill: Option<char>,
    /// `<`, `>`, `^` or `=` (default: right for numbers, left for text).
    pub(super) align: Option<char>,
    /// `+`, `-` or space.
    pub(super) sign: Option<char>,
    /// `#`: the alternate form (`0x` prefixes, a kept point).
    pub(super) alternate: bool,
    /// A leading `0`: zero-pad after the sign.
    pub(super) zero: bool,
    /// Minimum width.
    pub(super) width: usize,
    /// Thousands separator, `,` or `_`.
    pub(super) grouping: Option<char>,
    /// Digits after the point (floats) or maximum length (strings).
    pub(super) precision: Option<usize>,
    /// Presentation type: `d`, `x`, `f`, `e`, `g`, `%`, `s`, ...
    pub(super) kind: Option<char>,
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
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
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
    if s.width > 100_000 || s.precision.is_some_and(|p| p > 100_000) {
        return Err(PyErr::value_error(
            "Too many decimal digits in format string",
        ));
    }
    Ok(s)
}

/// Inserts `sep` every `every` digits from the right.
fn group(int_digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = int_digits.chars().count();
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Pads `body` (its sign and prefix split off) to the spec's width.
pub(super) fn pad(sign: &str, body: &str, s: &Spec, numeric: bool) -> String {
    let len = sign.chars().count() + body.chars().count();
    if len >= s.width {
        return format!("{sign}{body}");
    }
    let n = s.width - len;
    let (fill, align) = if s.zero && s.align.is_none() && numeric {
        (s.fill.unwrap_or('0'), '=')
    } else {
        (
            s.fill.unwrap_or(if s.zero && numeric { '0' } else { ' ' }),
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

pub(super) fn sign_of(neg: bool, s: &Spec) -> &'static str {
    match (neg, s.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// Groups the integer part of a formatted number.
fn with_grouping(num: &str, s: &Spec, every: usize) -> String {
    match s.grouping {
        None => num.to_string(),
        Some(sep) => {
            let (int_part, rest) = match num.find(|c: char| !c.is_ascii_alphanumeric()) {
                Some(i) => num.split_at(i),
                None => (num, ""),
            };
            format!("{}{rest}", group(int_part, sep, every))
        }
    }
}

/// Formats a float's magnitude in the `e` style with CPython's exponent.
fn exp_style(a: f64, precision: usize, upper: bool) -> String {
    let t = format!("{:.*e}", precision, a);
    let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let s = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// The `g` style: `precision` significant digits, trailing zeros removed
/// unless `alternate`.
fn general_style(a: f64, precision: usize, alternate: bool, upper: bool) -> String {
    let p = precision.max(1);
    let exp = if a == 0.0 {
        0
    } else {
        format!("{:.*e}", p - 1, a)
            .split_once('e')
            .and_then(|(_, e)| e.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let trim = |t: String| -> String {
        if alternate || !t.contains('.') {
            t
        } else {
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    let s = if exp < -4 || exp >= p as i32 {
        let t = format!("{:.*e}", p - 1, a);
        let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
        let m = trim(m.to_string());
        let e: i32 = e.parse().unwrap_or(0);
        format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
    } else {
        trim(format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, a))
    };
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

pub(super) fn format_float(f: f64, s: &Spec) -> PyResult<String> {
    let neg = f.is_sign_negative();
    let a = f.abs();
    let upper = matches!(s.kind, Some('F' | 'E' | 'G'));
    let body = if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        if upper {
            t.to_uppercase()
        } else {
            t.to_string()
        }
    } else {
        match s.kind {
            Some('f') | Some('F') => {
                let t = format!("{:.*}", s.precision.unwrap_or(6), a);
                if s.alternate && !t.contains('.') {
                    format!("{t}.")
                } else {
                    t
                }
            }
            Some('%') => format!("{:.*}%", s.precision.unwrap_or(6), a * 100.0),
            Some('e') | Some('E') => exp_style(a, s.precision.unwrap_or(6), upper),
            Some('g') | Some('G') => general_style(a, s.precision.unwrap_or(6), s.alternate, upper),
            Some('n') => general_style(a, s.precision.unwrap_or(6), s.alternate, false),
            None => match s.precision {
                Some(p) => {
                    let t = general_style(a, p, s.alternate, false);
                    if !t.contains('.') && !t.contains('e') && !t.contains("inf") {
                        format!("{t}.0")
                    } else {
                        t
                    }
                }
                None => float_repr(a),
            },
            Some(k) => {
                return Err(PyErr::value_error(format!(
                    "Unknown format code '{k}' for object of type 'float'"
                )))
            }
        }
    };
    let body = with_grouping(&body, s, 3);
    Ok(pad(sign_of(neg, s), &body, s, true))
}

/// `format(i, spec)`; decimal output of a big int is limited to
/// `max_str_digits` digits (`sys.set_int_max_str_digits`; 0: no limit).
pub(super) fn format_int(i: IntRef, s: &Spec, max_str_digits: usize) -> PyResult<String> {
    let neg = i.is_negative();
    let abs_digits = |radix: u32, upper: bool| -> PyResult<String> {
        match i {
            IntRef::Small(x) => {
                let u = x.unsigned_abs();
                let t = match radix {
                    2 => format!("{u:b}"),
                    8 => format!("{u:o}"),
                    16 => format!("{u:x}"),
                    _ => u.to_string(),
                };
                Ok(if upper { t.to_uppercase() } else { t })
            }
            IntRef::Big(b) => {
                if radix == 10 {
                    b.abs()
                        .to_str_limited(max_str_digits)
                        .map_err(super::number::big_err)
                } else {
                    Ok(b.abs_digits_pow2(radix, upper))
                }
            }
        }
    };
    let (body, prefix) = match s.kind {
        None | Some('d') | Some('n') => (abs_digits(10, false)?, ""),
        Some('x') => (abs_digits(16, false)?, "0x"),
        Some('X') => (abs_digits(16, true)?, "0X"),
        Some('o') => (abs_digits(8, false)?, "0o"),
        Some('b') => (abs_digits(2, false)?, "0b"),
        Some('c') => {
            let IntRef::Small(x) = i else {
                return Err(PyErr::new(
                    ExcKind::OverflowError,
                    "%c arg not in range(0x110000)",
                ));
            };
            let c = u32::try_from(x)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| {
                    PyErr::new(ExcKind::OverflowError, "%c arg not in range(0x110000)")
                })?;
            return Ok(pad("", &c.to_string(), s, false));
        }
        Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%') => return format_float(i.to_f64()?, s),
        Some(k) => {
            return Err(PyErr::value_error(format!(
                "Unknown format code '{k}' for object of type 'int'"
            )))
        }
    };
    if s.precision.is_some() {
        return Err(PyErr::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    let every = if matches!(s.kind, Some('x' | 'X' | 'o' | 'b')) {
        4
    } else {
        3
    };
    let body = with_grouping(&body, s, every);
    let sign = format!(
        "{}{}",
        sign_of(neg, s),
        if s.alternate { prefix } else { "" }
    );
    Ok(pad(&sign, &body, s, true))
}

fn format_str(text: &str, s: &Spec) -> PyResult<String> {
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
    if s.alternate {
        return Err(PyErr::value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if s.grouping.is_some() {
        return Err(PyErr::value_error("Cannot specify ',' with 's'."));
    }
    if s.align == Some('=') {
        return Err(PyErr::value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let body: String = match s.precision {
        Some(p) => text.chars().take(p).collect(),
        None => text.to_string(),
    };
    Ok(pad("", &body, s, false))
}

impl ThreadCtx {
    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Value::Instance(inst) = v {
            let names = &types().names;
            match inst.class.lookup(&names.format) {
                Some(Value::Native(n)) if n.owner == "object" => {}
                Some(_) => {
                    let m = self
                        .special_method(v, &names.format)?
                        .unwrap_or(Value::None);
                    return match self.call(&m, &[Value::str(spec)])? {
                        Value::Str(s) => Ok(s.as_str().to_string()),
                        other => Err(PyErr::type_error(format!(
                            "__format__ must return a str, not {}",
                            other.type_name()
                        ))),
                    };
                }
                None => {}
            }
        }
        if spec.is_empty() {
            return self.str(v);
        }
        let s = parse(spec)?;
        if let Some(i) = int_ref(v) {
            return format_int(i, &s, self.int_max_str_digits());
        }
        match v {
            Value::Float(f) => format_float(*f, &s),
            Value::Str(text) => format_str(text.as_str(), &s),
            other => {
                if other.as_str().is_none() {
                    return Err(PyErr::type_error(format!(
                        "unsupported format string passed to {}.__format__",
                        other.type_name()
                    )));
                }
                let text = self.str(other)?;
                format_str(&text, &s)
            }
        }
    }

    /// `FORMAT_VALUE`: conversion, then `format(v, spec)`.
    pub fn format_value(&mut self, v: Value, conv: u8, spec: Option<Value>) -> PyResult {
        let v = match conv {
            CONV_STR => Value::string(self.str(&v)?),
            CONV_REPR => Value::string(self.repr(&v)?),
            CONV_ASCII => Value::string(ascii_escape(&self.repr(&v)?)),
            _ => v,
        };
        let spec = match &spec {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => String::new(),
        };
        if spec.is_empty() {
            if let Value::Str(_) = v {
                return Ok(v);
            }
        }
        Ok(Value::string(self.format(&v, &spec)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt_int(i: i64, spec: &str) -> String {
        format_int(
            IntRef::Small(i),
            &parse(spec).unwrap(),
            crate::object::bigint::DEFAULT_MAX_STR_DIGITS,
        )
        .unwrap()
    }

    #[test]
    fn specs_match_cpython() {
        assert_eq!(
            format_float(12.3456, &parse(">8.2f").unwrap()).unwrap(),
            "   12.35"
        );
        assert_eq!(fmt_int(1234567, ","), "1,234,567");
        assert_eq!(format_str("ab", &parse("*^6").unwrap()).unwrap(), "**ab**");
        assert_eq!(format_float(0.25, &parse(".1%").unwrap()).unwrap(), "25.0%");
        assert_eq!(fmt_int(-42, "05d"), "-0042");
        assert_eq!(format_float(2.5, &parse(".0f").unwrap()).unwrap(), "2");
        assert_eq!(fmt_int(255, "#x"), "0xff");
        assert_eq!(fmt_int(255, "#010b"), "0b11111111");
        assert_eq!(fmt_int(-255, "x"), "-ff");
        assert_eq!(
            format_float(1.0 / 3.0, &parse(".3").unwrap()).unwrap(),
            "0.333"
        );
        assert_eq!(format_float(1e20, &parse("g").unwrap()).unwrap(), "1e+20");
    }
}
