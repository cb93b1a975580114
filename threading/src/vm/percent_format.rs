//! `%`-formatting: `str % args` and, by PEP 461, `bytes % args`.
//!
//! ```text
//!   "%5.2f|%-4s|%d" % (3.14159, 'ab', 7)   → " 3.14|ab  |7"
//!   "%(name)s=%r" % {'name': 'x', ...}      → mapping keys
//!   b"%s:%d" % (b"k", 3)                     → b"k:3"
//! ```
//!
//! One formatter serves both targets: a bytes format travels as Latin-1
//! text (each byte one char below U+0100) and comes back byte for byte;
//! [`PercentTarget`] picks the conversions each allows (`%b` and bytes-like
//! `%s` for bytes, `%r`/`%a` as ASCII). Widths, precision and the numeric
//! styles are the format-spec helpers of `format.rs`.
//!
//! Python equivalent: `PyUnicode_Format` (`Objects/unicodeobject.c`) and
//! `_PyBytes_FormatEx` (`Objects/bytesobject.c`).
//!
//! Needs: `format.rs` (spec padding, float and int styles), `repr/`,
//! `number.rs`.

use super::format::{format_float, format_int, pad, sign_of, Spec};
use super::number::{int_ref, IntRef};
use super::repr::ascii_escape;
use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::bytes::Bytes;
use crate::object::refcount::Arc;
use crate::object::{ExcKind, PyErr, PyResult, Value};

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

impl ThreadCtx {
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
}
