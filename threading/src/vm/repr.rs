//! `repr()` and `str()` exactly as CPython prints them, with `__repr__`
//! and `__str__` for user classes.
//!
//! ```text
//!   0.1 + 0.2 → 0.30000000000000004     1e16 → 1e+16     1e-05 → 1e-05
//!   [1, 'a', (2,)]     {1: 'x'}     {1, 2}     set()     frozenset({1})
//!   <__main__.Point object at 0x7f...>    <function f at 0x...>
//!   xs = [1]; xs.append(xs) → [1, [...]]      (the cycle guard)
//! ```
//!
//! `float`: Python prints the *shortest* digit string that reads back to
//! the same double, in fixed notation when the decimal exponent is in
//! `-4 ..= 15` and in scientific notation otherwise; Rust's `{:e}` gives
//! the shortest round-trip digits and we only place the point as
//! `float_repr_style == 'short'` does.
//!
//! Python equivalent: `Objects/object.c` (`PyObject_Repr`, `PyObject_Str`,
//! `Py_ReprEnter`), `floatobject.c` (`float_repr`), `unicodeobject.c`
//! (`unicode_repr`), and the containers' `tp_repr`.

use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::bytes::bytes_repr;
use crate::object::function::NativeKind;
use crate::object::generator::GenKind;
use crate::object::instance::Payload;
use crate::object::iter::ViewKind;
use crate::object::module::ModuleOrigin;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::fmt::Write as _;

/// Containers nested deeper than this raise `RecursionError` instead of
/// recursing further (keeps the native stack bounded).
const MAX_REPR_DEPTH: usize = 1000;

thread_local! {
    /// Objects whose repr is being built on this thread (`Py_ReprEnter`):
    /// meeting one again prints `[...]`.
    static IN_REPR: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

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
        let body = if exp >= 0 {
            let int_len = (exp + 1) as usize;
            if digits.len() <= int_len {
                format!("{}{}.0", digits, "0".repeat(int_len - digits.len()))
            } else {
                format!("{}.{}", &digits[..int_len], &digits[int_len..])
            }
        } else {
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
/// control characters, non-printable characters as `\x`/`\u`/`\U`.
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
            c if (0x80..0xa0).contains(&(c as u32)) || c == '\u{ad}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unprintable(c) => {
                let n = c as u32;
                if n <= 0xffff {
                    let _ = write!(out, "\\u{n:04x}");
                } else {
                    let _ = write!(out, "\\U{n:08x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Characters `str.isprintable()` rejects beyond the ASCII/Latin-1
/// controls (a small table: separators, surrogates, private use).
fn is_unprintable(c: char) -> bool {
    let n = c as u32;
    matches!(n, 0x2028 | 0x2029 | 0x200b..=0x200f | 0x2060..=0x2064 | 0xfeff | 0xd800..=0xdfff | 0xe000..=0xf8ff | 0xfff9..=0xfffb)
        || (n >= 0xf0000)
}

/// `ascii(s)`'s escaping of a repr (`\x`, `\u`, `\U` for non-ASCII).
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            let _ = write!(out, "\\x{n:02x}");
        } else if n < 0x10000 {
            let _ = write!(out, "\\u{n:04x}");
        } else {
            let _ = write!(out, "\\U{n:08x}");
        }
    }
    out
}

/// `<__main__.C object at 0x...>`: the default repr of an instance.
pub fn default_repr(v: &Value) -> String {
    format!("<{} object at {:#x}>", v.class().display_name(), v.id())
}

impl ThreadCtx {
    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        let mut out = String::new();
        self.repr_into(v, &mut out, 0)?;
        Ok(out)
    }

    /// `str(v)`.
    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            Value::Instance(inst) => {
                let names = &types().names;
                let m = inst.class.lookup(&names.str_);
                match m {
                    Some(Value::Native(n)) if n.owner == "object" => self.repr(v),
                    Some(Value::Native(n)) if n.owner == "BaseException" => {
                        Ok(exception_str(self, v)?)
                    }
                    Some(_) => {
                        let m = self.special_method(v, &names.str_)?.unwrap_or(Value::None);
                        match self.call(&m, &[])? {
                            Value::Str(s) => Ok(s.as_str().to_string()),
                            other => Err(PyErr::type_error(format!(
                                "__str__ returned non-string (type {})",
                                other.type_name()
                            ))),
                        }
                    }
                    None => {
                        if inst.exc().is_some() {
                            return exception_str(self, v);
                        }
                        self.repr(v)
                    }
                }
            }
            _ => self.repr(v),
        }
    }

    fn repr_into(&mut self, v: &Value, out: &mut String, depth: usize) -> PyResult<()> {
        if depth > MAX_REPR_DEPTH {
            return Err(PyErr::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        match v {
            Value::Null => out.push_str("<NULL>"),
            Value::None => out.push_str("None"),
            Value::NotImplemented => out.push_str("NotImplemented"),
            Value::Ellipsis => out.push_str("Ellipsis"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::BigInt(b) => out.push_str(&b.to_str().map_err(super::number::big_err)?),
            Value::Float(f) => out.push_str(&float_repr(*f)),
            Value::Str(s) => out.push_str(&str_repr(s.as_str())),
            Value::Bytes(b) => out.push_str(&bytes_repr(&b.data)),
            Value::ByteArray(b) => {
                let data = b.lock().clone();
                let _ = write!(out, "bytearray({})", bytes_repr(&data));
            }
            Value::Tuple(t) => {
                let items = t.to_vec();
                if items.len() == 1 {
                    out.push('(');
                    self.repr_into(&items[0], out, depth + 1)?;
                    out.push_str(",)");
                } else {
                    self.seq_repr(&items, "(", ")", out, depth)?;
                }
            }
            Value::List(l) => {
                let Some(_guard) = ReprGuard::enter(v) else {
                    out.push_str("[...]");
                    return Ok(());
                };
                let items = l.snapshot();
                self.seq_repr(&items, "[", "]", out, depth)?;
            }
            Value::Dict(d) => {
                let Some(_guard) = ReprGuard::enter(v) else {
                    out.push_str("{...}");
                    return Ok(());
                };
                let entries = d.entries();
                self.dict_repr(&entries, out, depth)?;
            }
            Value::Set(s) | Value::FrozenSet(s) => {
                let frozen = matches!(v, Value::FrozenSet(_));
                let keys = s.keys();
                let name = if frozen { "frozenset" } else { "set" };
                if keys.is_empty() {
                    let _ = write!(out, "{name}()");
                    return Ok(());
                }
                let Some(_guard) = ReprGuard::enter(v) else {
                    let _ = write!(out, "{name}(...)");
                    return Ok(());
                };
                if frozen {
                    out.push_str("frozenset(");
                }
                self.seq_repr(&keys, "{", "}", out, depth)?;
                if frozen {
                    out.push(')');
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    let _ = write!(out, "range({}, {})", r.start, r.stop);
                } else {
                    let _ = write!(out, "range({}, {}, {})", r.start, r.stop, r.step);
                }
            }
            Value::Slice(s) => {
                out.push_str("slice(");
                self.repr_into(&s.start, out, depth + 1)?;
                out.push_str(", ");
                self.repr_into(&s.stop, out, depth + 1)?;
                out.push_str(", ");
                self.repr_into(&s.step, out, depth + 1)?;
                out.push(')');
            }
            Value::Function(f) => {
                let _ = write!(out, "<function {} at {:#x}>", f.qualname().as_str(), v.id());
            }
            Value::Method(m) => match &m.func {
                Value::Native(n) => {
                    let _ = write!(
                        out,
                        "<built-in method {} of {} object at {:#x}>",
                        n.name,
                        m.self_.type_name(),
                        m.self_.id()
                    );
                }
                func => {
                    let name = match func {
                        Value::Function(f) => f.qualname().as_str().to_string(),
                        other => other.type_name().to_string(),
                    };
                    let recv = self.repr(&m.self_)?;
                    let _ = write!(out, "<bound method {name} of {recv}>");
                }
            },
            Value::Native(n) => {
                if n.kind == NativeKind::Method && !n.owner.is_empty() {
                    let _ = write!(out, "<method '{}' of '{}' objects>", n.name, n.owner);
                } else {
                    let _ = write!(out, "<built-in function {}>", n.name);
                }
            }
            Value::Type(t) => {
                let _ = write!(out, "<class '{}'>", t.display_name());
            }
            Value::Module(m) => match &m.origin {
                ModuleOrigin::Native => {
                    let _ = write!(out, "<module '{}' (built-in)>", m.name.as_str());
                }
                ModuleOrigin::Embedded => {
                    let _ = write!(out, "<module '{}' (frozen)>", m.name.as_str());
                }
                ModuleOrigin::File(path) => {
                    let _ = write!(out, "<module '{}' from '{path}'>", m.name.as_str());
                }
            },
            Value::Generator(g) => {
                let kind = match g.kind {
                    GenKind::Generator => "generator",
                    GenKind::Coroutine => "coroutine",
                };
                let _ = write!(
                    out,
                    "<{kind} object {} at {:#x}>",
                    g.qualname.as_str(),
                    v.id()
                );
            }
            Value::Iter(_) | Value::RangeIter(_) => {
                let _ = write!(out, "<{} object at {:#x}>", v.type_name(), v.id());
            }
            Value::DictView(view) => {
                let name = match view.kind {
                    ViewKind::Keys => "dict_keys",
                    ViewKind::Values => "dict_values",
                    ViewKind::Items => "dict_items",
                };
                let entries = view.dict.as_dict().map(|d| d.entries()).unwrap_or_default();
                let items: Vec<Value> = entries
                    .into_iter()
                    .map(|(k, val)| match view.kind {
                        ViewKind::Keys => k,
                        ViewKind::Values => val,
                        ViewKind::Items => Value::tuple(vec![k, val]),
                    })
                    .collect();
                let _ = write!(out, "{name}(");
                self.seq_repr(&items, "[", "]", out, depth)?;
                out.push(')');
            }
            Value::Instance(_) => out.push_str(&self.instance_repr(v, depth)?),
        }
        Ok(())
    }

    fn seq_repr(
        &mut self,
        items: &[Value],
        open: &str,
        close: &str,
        out: &mut String,
        depth: usize,
    ) -> PyResult<()> {
        out.push_str(open);
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.repr_into(x, out, depth + 1)?;
        }
        out.push_str(close);
        Ok(())
    }

    fn dict_repr(
        &mut self,
        entries: &[(Value, Value)],
        out: &mut String,
        depth: usize,
    ) -> PyResult<()> {
        out.push('{');
        for (i, (k, val)) in entries.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.repr_into(k, out, depth + 1)?;
            out.push_str(": ");
            self.repr_into(val, out, depth + 1)?;
        }
        out.push('}');
        Ok(())
    }

    /// The repr of an instance: its class's `__repr__`, or the defaults of
    /// `object`, exceptions and built-in bases.
    fn instance_repr(&mut self, v: &Value, depth: usize) -> PyResult<String> {
        let Value::Instance(inst) = v else {
            return Ok(String::new());
        };
        let names = &types().names;
        match inst.class.lookup(&names.repr) {
            Some(Value::Native(n)) if matches!(n.owner, "object") => {
                Ok(builtin_base_repr(self, v, depth)?.unwrap_or_else(|| default_repr(v)))
            }
            Some(Value::Native(n))
                if n.owner == "BaseException"
                    || inst.exc().is_some() && matches!(n.owner, "object") =>
            {
                exception_repr(self, v)
            }
            Some(Value::Native(n))
                if matches!(n.owner, "list" | "tuple" | "dict" | "set" | "frozenset") =>
            {
                Ok(builtin_base_repr(self, v, depth)?.unwrap_or_else(|| default_repr(v)))
            }
            Some(found) => {
                // A native container's `__repr__` guards itself (`deque`,
                // `defaultdict`: `Py_ReprEnter` in their C code).
                let _guard = if matches!(found, Value::Native(_)) {
                    None
                } else {
                    match ReprGuard::enter(v) {
                        Some(g) => Some(g),
                        None => return Ok("...".into()),
                    }
                };
                let m = self.special_method(v, &names.repr)?.unwrap_or(Value::None);
                match self.call(&m, &[])? {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    other => Err(PyErr::type_error(format!(
                        "__repr__ returned non-string (type {})",
                        other.type_name()
                    ))),
                }
            }
            None => {
                if inst.exc().is_some() {
                    return exception_repr(self, v);
                }
                Ok(default_repr(v))
            }
        }
    }
}

/// The repr of an instance whose class derives from a built-in container
/// without overriding `__repr__`: the container's repr (CPython's
/// `list_repr` etc. print the items, not the class).
fn builtin_base_repr(vm: &mut ThreadCtx, v: &Value, depth: usize) -> PyResult<Option<String>> {
    let Value::Instance(inst) = v else {
        return Ok(None);
    };
    let mut out = String::new();
    match &inst.payload {
        Payload::List(l) => {
            let items = l.snapshot();
            vm.seq_repr(&items, "[", "]", &mut out, depth)?;
        }
        Payload::Tuple(t) => {
            let items = t.to_vec();
            if items.len() == 1 {
                out.push('(');
                vm.repr_into(&items[0], &mut out, depth + 1)?;
                out.push_str(",)");
            } else {
                vm.seq_repr(&items, "(", ")", &mut out, depth)?;
            }
        }
        Payload::Dict(d) => {
            let entries = d.entries();
            vm.dict_repr(&entries, &mut out, depth)?;
        }
        Payload::Set(s) => {
            let keys = s.keys();
            let name = inst.class.name.as_str();
            if keys.is_empty() {
                let _ = write!(out, "{name}()");
            } else {
                let _ = write!(out, "{name}(");
                vm.seq_repr(&keys, "{", "}", &mut out, depth)?;
                out.push(')');
            }
        }
        _ => return Ok(None),
    }
    Ok(Some(out))
}

/// `BaseException.__repr__`: `ValueError('msg')`.
pub fn exception_repr(vm: &mut ThreadCtx, v: &Value) -> PyResult<String> {
    let Value::Instance(inst) = v else {
        return Ok(String::new());
    };
    let args = inst
        .exc()
        .map(|st| st.lock().args.clone())
        .unwrap_or_else(Value::empty_tuple);
    let items = args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    let name = inst.class.name.as_str().to_string();
    if items.len() == 1 {
        Ok(format!("{name}({})", vm.repr(&items[0])?))
    } else {
        Ok(format!("{name}{}", vm.repr(&args)?))
    }
}

/// `BaseException.__str__`: the message (`KeyError` shows its key's repr).
pub fn exception_str(vm: &mut ThreadCtx, v: &Value) -> PyResult<String> {
    let Value::Instance(inst) = v else {
        return Ok(String::new());
    };
    let args = inst
        .exc()
        .map(|st| st.lock().args.clone())
        .unwrap_or_else(Value::empty_tuple);
    let items = args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    if inst.class.is_subtype(types().exc(ExcKind::OSError)) {
        if let Some(fields) = OsErrorFields::parse(&items) {
            return fields.to_str(vm);
        }
    }
    let is_key_error = inst.class.is_subtype(types().exc(ExcKind::KeyError));
    match items.len() {
        0 => Ok(String::new()),
        1 if is_key_error => vm.repr(&items[0]),
        1 => vm.str(&items[0]),
        _ => vm.repr(&args),
    }
}

/// `OSError`'s named fields, read from its args as CPython's
/// `oserror_parse_args` reads them: 2 to 5 args are `(errno, strerror,
/// filename, winerror, filename2)`; any other count sets none of them
/// (`OSError('msg').errno is None`).
///
/// Simplification: CPython also shortens `args` to `(errno, strerror)`
/// when a filename is given; here `args` keeps all of them (no socket or
/// stream error has a filename).
pub struct OsErrorFields {
    /// `e.errno`.
    pub errno: Value,
    /// `e.strerror`.
    pub strerror: Value,
    /// `e.filename` (`None` when absent).
    pub filename: Value,
    /// `e.filename2` (`None` when absent).
    pub filename2: Value,
}

impl OsErrorFields {
    /// The fields, if `args` has 2 to 5 items.
    pub fn parse(args: &[Value]) -> Option<OsErrorFields> {
        if !(2..=5).contains(&args.len()) {
            return None;
        }
        let at = |i: usize| args.get(i).cloned().unwrap_or(Value::None);
        Some(OsErrorFields {
            errno: at(0),
            strerror: at(1),
            filename: at(2),
            filename2: at(4),
        })
    }

    /// `OSError.__str__`: `[Errno 111] Connection refused`, with `: 'name'`
    /// (and ` -> 'name2'`) when a filename is set.
    fn to_str(&self, vm: &mut ThreadCtx) -> PyResult<String> {
        let mut text = format!(
            "[Errno {}] {}",
            vm.str(&self.errno)?,
            vm.str(&self.strerror)?
        );
        if !matches!(self.filename, Value::None) {
            text.push_str(&format!(": {}", vm.repr(&self.filename)?));
            if !matches!(self.filename2, Value::None) {
                text.push_str(&format!(" -> {}", vm.repr(&self.filename2)?));
            }
        }
        Ok(text)
    }
}

/// The cycle guard: a thread-local set of objects being repr'd. A native
/// container's `__repr__` enters it and prints `[...]` when it cannot
/// (`Py_ReprEnter`).
pub struct ReprGuard(usize);

impl ReprGuard {
    /// Marks `v` as being repr'd; `None` if it already is (a cycle).
    pub fn enter(v: &Value) -> Option<ReprGuard> {
        let p = v.heap_ptr()?;
        IN_REPR.with(|s| {
            let mut s = s.borrow_mut();
            if s.contains(&p) {
                None
            } else {
                s.push(p);
                Some(ReprGuard(p))
            }
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        let _ = IN_REPR.try_with(|s| {
            let mut s = s.borrow_mut();
            if let Some(i) = s.iter().rposition(|x| *x == self.0) {
                s.remove(i);
            }
        });
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
            (-2.5, "-2.5"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (f64::INFINITY, "inf"),
            (-0.0, "-0.0"),
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
