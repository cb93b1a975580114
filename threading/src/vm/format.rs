//! String formatting: the format-spec mini-language (`format(x, spec)`,
//! f-strings, `str.format`), `%`-formatting, and `str.format`'s fields.
//!
//! ```text
//!   spec := [[fill]align][sign][#][0][width][,|_][.precision][type]
//!   f"{3.14159:>8.2f}" → "    3.14"     f"{1234567:,}" → "1,234,567"
//!   f"{255:#x}"        → "0xff"         f"{0.25:.1%}"  → "25.0%"
//!   "%5.2f|%-4s|%d" % (3.14159, 'ab', 7)  → " 3.14|ab  |7"
//!   "{0}-{name!r:>6}".format(1, name='x') → "1-   'x'"
//! ```
//!
//! Numbers align right by default, strings left; `=` pads after the sign.
//! Rust's `{:.N}` rounds the exact binary value half-to-even, as CPython's
//! `PyOS_double_to_string` does, so the digits agree. A user class's
//! `__format__` is honoured; `object.__format__` refuses a non-empty spec
//! as CPython does.
//!
//! Python equivalent: `Python/formatter_unicode.c`, `Objects/
//! unicodeobject.c` (`PyUnicode_Format`), `Objects/stringlib/
//! unicode_format.h` (`str.format`).

use super::number::{int_ref, IntRef};
use super::repr::{ascii_escape, float_repr};
use super::ThreadCtx;
use crate::bytecode::{CONV_ASCII, CONV_REPR, CONV_STR};
use crate::object::builtin_types::types;
use crate::object::bytes::Bytes;
use crate::object::str::intern;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::sync::Arc;

/// A parsed format spec.
#[derive(Default, Clone)]
struct Spec {
    /// Fill character (default space).
    fill: Option<char>,
    /// `<`, `>`, `^` or `=` (default: right for numbers, left for text).
    align: Option<char>,
    /// `+`, `-` or space.
    sign: Option<char>,
    /// `#`: the alternate form (`0x` prefixes, a kept point).
    alternate: bool,
    /// A leading `0`: zero-pad after the sign.
    zero: bool,
    /// Minimum width.
    width: usize,
    /// Thousands separator, `,` or `_`.
    grouping: Option<char>,
    /// Digits after the point (floats) or maximum length (strings).
    precision: Option<usize>,
    /// Presentation type: `d`, `x`, `f`, `e`, `g`, `%`, `s`, ...
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

/// What a `%` format builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PercentTarget {
    /// `str % args`.
    Str,
    /// `bytes % args` (PEP 461: `%b`, `%s` of bytes-like objects only,
    /// `%r`/`%a` as ASCII, `%c` of one byte).
    Bytes,
}

/// `ValueError: unsupported format character 'z' (0x7a) at index 1`.
fn unsupported_char(c: char, index: usize) -> PyErr {
    PyErr::value_error(format!(
        "unsupported format character '{c}' (0x{:x}) at index {index}",
        c as u32
    ))
}

/// Latin-1 text (every char below U+0100) back to its bytes.
fn latin1_bytes(text: &str) -> Vec<u8> {
    text.chars().map(|c| c as u32 as u8).collect()
}

/// Pads `body` (its sign and prefix split off) to the spec's width.
fn pad(sign: &str, body: &str, s: &Spec, numeric: bool) -> String {
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

fn sign_of(neg: bool, s: &Spec) -> &'static str {
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

fn format_float(f: f64, s: &Spec) -> PyResult<String> {
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
fn format_int(i: IntRef, s: &Spec, max_str_digits: usize) -> PyResult<String> {
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

    /// `fmt % args` for a `str` format.
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<String> {
        self.percent_format_as(fmt, args, PercentTarget::Str)
    }

    /// `fmt % args` for a `bytes`/`bytearray` format (PEP 461). The
    /// bytes travel as Latin-1 text through the same formatter (each byte
    /// one char below U+0100), and come back byte for byte.
    pub fn percent_format_bytes(&mut self, fmt: &[u8], args: &Value) -> PyResult<Vec<u8>> {
        let text: String = fmt.iter().map(|&b| char::from(b)).collect();
        let out = self.percent_format_as(&text, args, PercentTarget::Bytes)?;
        Ok(latin1_bytes(&out))
    }

    fn percent_format_as(
        &mut self,
        fmt: &str,
        args: &Value,
        target: PercentTarget,
    ) -> PyResult<String> {
        let mapping = args.as_dict().is_some()
            || matches!(args, Value::Instance(_)) && args.as_tuple().is_none();
        let items: Vec<Value> = match args.as_tuple() {
            Some(t) => t.to_vec(),
            None => vec![args.clone()],
        };
        let chars: Vec<char> = fmt.chars().collect();
        let mut out = String::with_capacity(fmt.len());
        let mut next = 0usize;
        let mut used_mapping = false;
        let mut i = 0;
        let take = |next: &mut usize| -> PyResult<Value> {
            let v = items
                .get(*next)
                .cloned()
                .ok_or_else(|| PyErr::type_error("not enough arguments for format string"))?;
            *next += 1;
            Ok(v)
        };
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c != '%' {
                out.push(c);
                continue;
            }
            if i >= chars.len() {
                return Err(PyErr::value_error("incomplete format"));
            }
            if chars[i] == '%' {
                out.push('%');
                i += 1;
                continue;
            }
            // %(key)
            let mut keyed: Option<Value> = None;
            if chars[i] == '(' {
                let start = i + 1;
                let mut depth = 1;
                let mut j = start;
                while j < chars.len() && depth > 0 {
                    match chars[j] {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    j += 1;
                }
                if depth > 0 {
                    return Err(PyErr::value_error("incomplete format key"));
                }
                let key: String = chars[start..j - 1].iter().collect();
                if !mapping {
                    return Err(PyErr::type_error("format requires a mapping"));
                }
                let key = match target {
                    PercentTarget::Str => Value::string(key),
                    PercentTarget::Bytes => Value::Bytes(Arc::new(Bytes::new(latin1_bytes(&key)))),
                };
                keyed = Some(self.get_item(args, &key)?);
                used_mapping = true;
                i = j;
            }
            let mut spec = Spec::default();
            while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
                match chars[i] {
                    '-' => spec.align = Some('<'),
                    '+' => spec.sign = Some('+'),
                    ' ' => {
                        if spec.sign.is_none() {
                            spec.sign = Some(' ')
                        }
                    }
                    '#' => spec.alternate = true,
                    _ => spec.zero = true,
                }
                i += 1;
            }
            if i < chars.len() && chars[i] == '*' {
                let w = take(&mut next)?;
                spec.width = match int_ref(&w) {
                    Some(IntRef::Small(n)) if n < 0 => {
                        spec.align = Some('<');
                        (-n) as usize
                    }
                    Some(IntRef::Small(n)) => n as usize,
                    _ => return Err(PyErr::type_error("* wants int")),
                };
                i += 1;
            } else {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                if i > start {
                    spec.width = chars[start..i]
                        .iter()
                        .collect::<String>()
                        .parse()
                        .unwrap_or(0);
                }
            }
            if i < chars.len() && chars[i] == '.' {
                i += 1;
                if i < chars.len() && chars[i] == '*' {
                    let p = take(&mut next)?;
                    spec.precision = match int_ref(&p) {
                        Some(IntRef::Small(n)) => Some(n.max(0) as usize),
                        _ => return Err(PyErr::type_error("* wants int")),
                    };
                    i += 1;
                } else {
                    let start = i;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                    spec.precision = Some(
                        chars[start..i]
                            .iter()
                            .collect::<String>()
                            .parse()
                            .unwrap_or(0),
                    );
                }
            }
            while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
                i += 1;
            }
            if i >= chars.len() {
                return Err(PyErr::value_error("incomplete format"));
            }
            let conv = chars[i];
            i += 1;
            let v = match keyed.take() {
                Some(v) => v,
                None => {
                    if mapping && used_mapping {
                        return Err(PyErr::type_error("format requires a mapping"));
                    }
                    if mapping {
                        args.clone()
                    } else {
                        take(&mut next)?
                    }
                }
            };
            if spec.zero && spec.align == Some('<') {
                spec.zero = false;
            }
            // Text is right-aligned unless `-` says otherwise (format()'s
            // default for strings is the opposite).
            if matches!(conv, 's' | 'r' | 'a' | 'b' | 'c') && spec.align.is_none() {
                spec.align = Some('>');
            }
            let piece = match conv {
                's' | 'r' | 'a' | 'b' => {
                    let text = match (conv, target) {
                        ('s', PercentTarget::Str) => self.str(&v)?,
                        ('r', PercentTarget::Str) => self.repr(&v)?,
                        ('a', _) | ('r', PercentTarget::Bytes) => ascii_escape(&self.repr(&v)?),
                        ('s' | 'b', PercentTarget::Bytes) => self.percent_bytes_arg(&v)?,
                        _ => return Err(unsupported_char(conv, i - 1)),
                    };
                    let text: String = match spec.precision {
                        Some(p) => text.chars().take(p).collect(),
                        None => text,
                    };
                    spec.zero = false;
                    pad("", &text, &spec, false)
                }
                'd' | 'i' | 'u' => {
                    let n = self.percent_int(&v, conv)?;
                    let body_spec = Spec {
                        precision: None,
                        kind: Some('d'),
                        ..spec.clone()
                    };
                    let digits = match int_ref(&n) {
                        Some(i) => format_int(
                            i,
                            &Spec {
                                width: 0,
                                sign: None,
                                ..body_spec.clone()
                            },
                            self.int_max_str_digits(),
                        )?,
                        None => String::new(),
                    };
                    let digits = digits.trim_start_matches('-').to_string();
                    let digits = match spec.precision {
                        Some(p) if digits.len() < p => {
                            format!("{}{digits}", "0".repeat(p - digits.len()))
                        }
                        _ => digits,
                    };
                    let neg = int_ref(&n).is_some_and(|i| i.is_negative());
                    pad(sign_of(neg, &spec), &digits, &spec, true)
                }
                'x' | 'X' | 'o' => {
                    let n = self.percent_int(&v, conv)?;
                    let s2 = Spec {
                        kind: Some(conv),
                        precision: None,
                        ..spec.clone()
                    };
                    match int_ref(&n) {
                        Some(i) => format_int(i, &s2, self.int_max_str_digits())?,
                        None => String::new(),
                    }
                }
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                    let f = match super::number::as_f64(&v) {
                        Some(f) => f?,
                        None => {
                            return Err(PyErr::type_error(format!(
                                "must be real number, not {}",
                                v.type_name()
                            )))
                        }
                    };
                    let s2 = Spec {
                        kind: Some(conv),
                        precision: Some(spec.precision.unwrap_or(6)),
                        ..spec.clone()
                    };
                    format_float(f, &s2)?
                }
                'c' if target == PercentTarget::Bytes => {
                    let byte = match &v {
                        Value::Bytes(b) if b.data.len() == 1 => b.data[0],
                        Value::ByteArray(b) if b.lock().len() == 1 => b.lock()[0],
                        _ => match int_ref(&v) {
                            Some(IntRef::Small(n)) if (0..256).contains(&n) => n as u8,
                            Some(_) => {
                                return Err(PyErr::new(
                                    ExcKind::OverflowError,
                                    "%c arg not in range(256)",
                                ))
                            }
                            None => {
                                return Err(PyErr::type_error(
                                    "%c requires an integer in range(256) or a single byte",
                                ))
                            }
                        },
                    };
                    pad("", &char::from(byte).to_string(), &spec, false)
                }
                'c' => match &v {
                    Value::Str(s) if s.char_count() == 1 => pad("", s.as_str(), &spec, false),
                    _ => match int_ref(&v) {
                        Some(i) => format_int(
                            i,
                            &Spec {
                                kind: Some('c'),
                                ..spec.clone()
                            },
                            self.int_max_str_digits(),
                        )?,
                        None => return Err(PyErr::type_error("%c requires int or char")),
                    },
                },
                other => return Err(unsupported_char(other, i - 1)),
            };
            out.push_str(&piece);
        }
        if !mapping && next < items.len() {
            let what = match target {
                PercentTarget::Str => "string",
                PercentTarget::Bytes => "bytes",
            };
            return Err(PyErr::type_error(format!(
                "not all arguments converted during {what} formatting"
            )));
        }
        Ok(out)
    }

    /// The bytes `%s`/`%b` of a bytes format inserts, as Latin-1 text:
    /// a bytes-like object, or what its `__bytes__` returns.
    fn percent_bytes_arg(&mut self, v: &Value) -> PyResult<String> {
        let data = match v {
            Value::Bytes(b) => b.data.to_vec(),
            Value::ByteArray(b) => b.lock().clone(),
            _ => match self.special_method(v, &crate::object::str::intern("__bytes__"))? {
                Some(m) => match self.call(&m, &[])? {
                    Value::Bytes(b) => b.data.to_vec(),
                    other => {
                        return Err(PyErr::type_error(format!(
                            "__bytes__ returned non-bytes (type {})",
                            other.type_name()
                        )))
                    }
                },
                None => {
                    return Err(PyErr::type_error(format!(
                        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                        v.type_name()
                    )))
                }
            },
        };
        Ok(data.into_iter().map(char::from).collect())
    }

    /// The integer a `%d`/`%x` converts (`int(float)` truncates for `%d`).
    fn percent_int(&mut self, v: &Value, conv: char) -> PyResult {
        if int_ref(v).is_some() {
            return Ok(v.clone());
        }
        if let Value::Float(f) = v {
            if matches!(conv, 'd' | 'i' | 'u') {
                if !f.is_finite() {
                    return Err(PyErr::new(
                        ExcKind::OverflowError,
                        "cannot convert float infinity to integer",
                    ));
                }
                let b =
                    crate::object::bigint::BigInt::from_f64(*f).map_err(super::number::big_err)?;
                return Ok(super::number::big_value(b));
            }
            return Err(PyErr::type_error(format!(
                "%{conv} format: an integer is required, not float"
            )));
        }
        if let Value::Instance(_) = v {
            if let Some(m) = self.special_method(v, &types().names.index)? {
                return self.call(&m, &[]);
            }
        }
        Err(PyErr::type_error(format!(
            "%{conv} format: a real number is required, not {}",
            v.type_name()
        )))
    }

    /// `fmt.format(*args, **kwargs)`.
    pub fn str_format(
        &mut self,
        fmt: &str,
        args: &[Value],
        kwargs: &[(String, Value)],
    ) -> PyResult<String> {
        let mut auto = 0usize;
        let mut manual = false;
        self.str_format_inner(fmt, args, kwargs, &mut auto, &mut manual, 0)
    }

    fn str_format_inner(
        &mut self,
        fmt: &str,
        args: &[Value],
        kwargs: &[(String, Value)],
        auto: &mut usize,
        manual: &mut bool,
        depth: usize,
    ) -> PyResult<String> {
        if depth > 2 {
            return Err(PyErr::value_error("Max string recursion exceeded"));
        }
        let chars: Vec<char> = fmt.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '}' {
                if chars.get(i + 1) == Some(&'}') {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(PyErr::value_error(
                    "Single '}' encountered in format string",
                ));
            }
            if c != '{' {
                out.push(c);
                i += 1;
                continue;
            }
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            // A replacement field: find its matching '}'.
            let start = i + 1;
            let mut j = start;
            let mut level = 1;
            while j < chars.len() {
                match chars[j] {
                    '{' => level += 1,
                    '}' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err(PyErr::value_error("expected '}' before end of string"));
            }
            let field: String = chars[start..j].iter().collect();
            i = j + 1;
            // field_name[!conv][:spec]
            let (name_part, spec_part) = match field.find(':') {
                Some(k) => (&field[..k], Some(&field[k + 1..])),
                None => (field.as_str(), None),
            };
            let (name_part, conv) = match name_part.find('!') {
                Some(k) => (&name_part[..k], Some(&name_part[k + 1..])),
                None => (name_part, None),
            };
            let value = self.format_field_value(name_part, args, kwargs, auto, manual)?;
            let value = match conv {
                None => value,
                Some("r") => Value::string(self.repr(&value)?),
                Some("s") => Value::string(self.str(&value)?),
                Some("a") => Value::string(ascii_escape(&self.repr(&value)?)),
                Some(other) => {
                    return Err(PyErr::value_error(format!(
                        "Unknown conversion specifier {}",
                        other.chars().next().unwrap_or(' ')
                    )))
                }
            };
            let spec = match spec_part {
                Some(s) if s.contains('{') => {
                    self.str_format_inner(s, args, kwargs, auto, manual, depth + 1)?
                }
                Some(s) => s.to_string(),
                None => String::new(),
            };
            out.push_str(&self.format(&value, &spec)?);
        }
        Ok(out)
    }

    /// The value a `str.format` field names: `""`/`0`/`name`, then
    /// `.attr` and `[key]` parts.
    fn format_field_value(
        &mut self,
        name: &str,
        args: &[Value],
        kwargs: &[(String, Value)],
        auto: &mut usize,
        manual: &mut bool,
    ) -> PyResult {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut rest) = name.split_at(first_end);
        let mut value = if first.is_empty() {
            if *manual {
                return Err(PyErr::value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            let v = args.get(*auto).cloned().ok_or_else(|| {
                PyErr::index_error(format!(
                    "Replacement index {} out of range for positional args tuple",
                    *auto
                ))
            })?;
            *auto += 1;
            v
        } else if let Ok(k) = first.parse::<usize>() {
            if *auto > 0 {
                return Err(PyErr::value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            *manual = true;
            args.get(k).cloned().ok_or_else(|| {
                PyErr::index_error(format!(
                    "Replacement index {k} out of range for positional args tuple"
                ))
            })?
        } else {
            kwargs
                .iter()
                .find(|(k, _)| k == first)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| PyErr::key_error(Value::str(first)))?
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let attr = &r[..end];
                value = self.get_attr(&value, &intern(attr))?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r
                    .find(']')
                    .ok_or_else(|| PyErr::value_error("Missing ']' in format string"))?;
                let key = &r[..end];
                let k = match key.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(key),
                };
                value = self.get_item(&value, &k)?;
                rest = &r[end + 1..];
            } else {
                return Err(PyErr::value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
        Ok(value)
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
