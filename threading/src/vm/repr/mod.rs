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
//!
//! | file | holds |
//! |---|---|
//! | `mod.rs` | `repr(v)` / `str(v)` through the VM: containers, instances, `__repr__` |
//! | `object/repr_text.rs` | `float`, `str` and `ascii()` text, no VM needed (re-exported here; it sits in the object layer so `vm/number.rs`'s big-int errors can quote a string without importing this module, which imports `vm/number.rs`) |
//! | `exception.rs` | exceptions' `repr` and `str`, `OSError`'s fields |
//! | `guard.rs` | the cycle guard (`[...]`) |

mod exception;
mod guard;

pub use crate::object::repr_text::{ascii_escape, float_repr, str_repr};
pub use exception::{exception_repr, exception_str, OsErrorFields};
pub use guard::ReprGuard;

use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::bytes::bytes_repr;
use crate::object::function::NativeKind;
use crate::object::generator::GenKind;
use crate::object::instance::Payload;
use crate::object::iter::ViewKind;
use crate::object::module::ModuleOrigin;
use crate::object::refcount::Arc;
use crate::object::str::PyStr;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::fmt::Write as _;

/// Containers nested deeper than this raise `RecursionError` instead of
/// recursing further (keeps the native stack bounded).
const MAX_REPR_DEPTH: usize = 1000;

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
                    Some(_) => self.call_text_method(v, &names.str_, "__str__"),
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
            Value::Bool(Flag(true)) => out.push_str("True"),
            Value::Bool(Flag(false)) => out.push_str("False"),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::BigInt(b) => out.push_str(
                &b.to_str_limited(self.int_max_str_digits())
                    .map_err(super::number::big_err)?,
            ),
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

    /// Calls `v`'s `__str__` or `__repr__` (`dunder`, looked up as `name`)
    /// and checks that it returned a `str`, as `PyObject_Str` and
    /// `PyObject_Repr` do.
    fn call_text_method(&mut self, v: &Value, name: &Arc<PyStr>, dunder: &str) -> PyResult<String> {
        let m = self.special_method(v, name)?.unwrap_or(Value::None);
        match self.call(&m, &[])? {
            Value::Str(s) => Ok(s.as_str().to_string()),
            other => Err(PyErr::type_error(format!(
                "{dunder} returned non-string (type {})",
                other.type_name()
            ))),
        }
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
                Ok(guarded_base_repr(self, v, depth)?.unwrap_or_else(|| default_repr(v)))
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
                Ok(guarded_base_repr(self, v, depth)?.unwrap_or_else(|| default_repr(v)))
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
                self.call_text_method(v, &names.repr, "__repr__")
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

/// The repr of the built-in container an instance carries (a `list`
/// subclass's items, ...), or `None` when it carries none: what
/// `list.__repr__(self)` prints (`builtins/builtin_reprs.rs`).
pub fn payload_repr(vm: &mut ThreadCtx, v: &Value) -> PyResult<Option<String>> {
    // The cycle guard, unless it is already held for `v`: when the
    // instance's own Python `__repr__` calls this (`super().__repr__()`),
    // `instance_repr` entered it before that call, and the items are
    // printed all the same, as CPython's `list_repr` under a subclass's
    // `__repr__` does.
    let _guard = ReprGuard::enter(v);
    builtin_base_repr(vm, v, 0)
}

/// [`builtin_base_repr`] inside the cycle guard, for `repr()` of an
/// instance whose class inherits its container's `__repr__`: a container
/// met again inside its own repr prints `[...]`, `{...}`, `S(...)`, as
/// `Py_ReprEnter` in `list_repr` and friends does for subclasses too
/// (without it a list subclass holding itself recursed to the
/// RecursionError). `list.__repr__(self)` ([`payload_repr`]) enters it
/// only when not held already.
fn guarded_base_repr(vm: &mut ThreadCtx, v: &Value, depth: usize) -> PyResult<Option<String>> {
    let Value::Instance(inst) = v else {
        return Ok(None);
    };
    let Some(_guard) = ReprGuard::enter(v) else {
        return Ok(match &inst.payload {
            Payload::List(_) => Some("[...]".into()),
            Payload::Dict(_) => Some("{...}".into()),
            Payload::Set(_) => Some(format!("{}(...)", inst.class.name.as_str())),
            // A tuple holds itself only through a mutable item, whose
            // own guard stops the cycle.
            Payload::Tuple(_) => Some("(...)".into()),
            _ => None,
        });
    };
    builtin_base_repr(vm, v, depth)
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
