//! `collections.defaultdict`: a `dict` subclass whose `__missing__`
//! calls `default_factory()` and stores the result.
//!
//! The class is a native subclass of `dict`; the factory lives in a slot
//! of the instance, so `d[k]` on a missing key goes through the dict's
//! ordinary lookup first and only then to [`dd_missing`], as in CPython.
//! The factory call and the store are two steps, as in CPython: two
//! threads missing the same key at once can both call a Python factory.
//!
//! Python equivalent: `defdict_missing`, `defdict_init`, `defdict_repr`
//! in `Modules/_collectionsmodule.c`.
//!
//! Needs: nothing of its siblings.

use crate::object::builtin_types::types;
use crate::object::refcount::Arc;
use crate::object::str::intern;
use crate::object::types::Type;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::native::{Args, NativeClass, NativeSpec};
use crate::vm::repr::ReprGuard;
use crate::vm::ThreadCtx;

/// `collections.defaultdict`: a `dict` subclass with a factory.
pub static DEFAULTDICT: NativeClass = NativeClass::new(
    "defaultdict",
    "collections",
    &[
        NativeSpec::method("__init__", dd_init),
        NativeSpec::method("__missing__", dd_missing),
        NativeSpec::method("__repr__", dd_repr),
        NativeSpec::method("copy", dd_copy),
        NativeSpec::method("__copy__", dd_copy),
    ],
)
.with_base(dict_type)
.with_slots(&["default_factory"])
.subclassable();

fn dict_type() -> Arc<Type> {
    types().dict.clone()
}

/// The `default_factory` slot of a defaultdict value.
fn factory(v: &Value) -> Value {
    match v {
        Value::Instance(i) => i
            .slot_index("default_factory")
            .and_then(|k| i.slots.lock()[k].clone())
            .unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// `defaultdict(default_factory=None, *args, **kwargs)`.
fn dd_init(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let p = args.positional();
    let Some(Value::Instance(me)) = p.first() else {
        return Err(PyErr::type_error(
            "defaultdict.__init__ needs a defaultdict",
        ));
    };
    let f = p.get(1).cloned().unwrap_or(Value::None);
    if !matches!(f, Value::None) && !crate::vm::invoke::is_callable(&f) {
        return Err(PyErr::type_error("first argument must be callable or None"));
    }
    if let Some(k) = me.slot_index("default_factory") {
        me.slots.lock()[k] = Some(f);
    }
    let this = p[0].clone();
    if let Some(src) = p.get(2) {
        vm.dict_update(&this, src, false)?;
    }
    for (k, v) in args.kwargs() {
        vm.set_item(&this, &Value::Str(intern(k.as_str())), v.clone())?;
    }
    Ok(Value::None)
}

/// `d.__missing__(key)`: `d[key] = default_factory()`.
fn dd_missing(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__missing__", 2, 2)?;
    let this = &args.positional()[0];
    let key = &args.positional()[1];
    let f = factory(this);
    if matches!(f, Value::None) {
        return Err(PyErr::from_args(ExcKind::KeyError, vec![key.clone()]));
    }
    let v = vm.call(&f, &[])?;
    vm.set_item(this, key, v.clone())?;
    Ok(v)
}

fn dd_repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let this = &args.positional()[0];
    let f = factory(this);
    let fr = if matches!(f, Value::None) {
        "None".to_string()
    } else {
        vm.repr(&f)?
    };
    let Some(_guard) = ReprGuard::enter(this) else {
        return Ok(Value::string(format!(
            "{}({fr}, {{...}})",
            this.class().name.as_str()
        )));
    };
    let d = this.as_dict().map(|d| d.entries()).unwrap_or_default();
    let mut parts = Vec::with_capacity(d.len());
    for (k, v) in &d {
        parts.push(format!("{}: {}", vm.repr(k)?, vm.repr(v)?));
    }
    Ok(Value::string(format!(
        "{}({fr}, {{{}}})",
        this.class().name.as_str(),
        parts.join(", ")
    )))
}

fn dd_copy(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let this = &args.positional()[0];
    let cls = Value::Type(this.class().clone());
    vm.call(&cls, &[factory(this), this.clone()])
}
