//! `str.format`: replacement fields `{0}`, `{name}`, `{0.attr}`,
//! `{0[key]}`, conversions `!r !s !a`, and nested specs `{0:{width}}`.
//!
//! ```text
//!   "{0}-{name!r:>6}".format(1, name='x') → "1-   'x'"
//!   "{}{}".format(1, 2) → "12";  "{0}{}" → ValueError (manual then auto)
//! ```
//!
//! Each field's value is looked up, converted, then formatted by
//! `ThreadCtx::format` (the spec mini-language of `format.rs`).
//!
//! Python equivalent: `Objects/stringlib/unicode_format.h`.
//!
//! Needs: `format.rs`, `repr/`.

use super::repr::ascii_escape;
use super::ThreadCtx;
use crate::object::str::intern;
use crate::object::{PyErr, PyResult, Value};

impl ThreadCtx {
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
