//! `dict` and its views: constructor and methods (`get`, `setdefault`,
//! `pop`, `update`, `items`, `fromkeys`, ...), also for subclasses
//! (`class Registry(dict)`, `Counter`, `defaultdict`-style classes).
//!
//! `keys()`, `values()`, `items()` are live views (`dict_keys([...])`),
//! as in CPython: they see later changes, support `len`, `in`, iteration,
//! and set operations on keys and items.
//!
//! Python equivalent: `Objects/dictobject.c`.

use crate::object::builtin_types::types;
use crate::object::dict::Dict;
use crate::object::instance::{Instance, Payload};
use crate::object::iter::ViewKind;
use crate::object::refcount::Arc;
use crate::object::value::Flag;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::iter::view_value;
use crate::vm::native::{Args, NativeSpec};
use crate::vm::ThreadCtx;

/// The receiver's dict storage.
fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a Dict> {
    match args.positional().first() {
        Some(v) => v
            .as_dict()
            .ok_or_else(|| crate::vm::native::wrong_self(method, "dict", v)),
        None => Err(PyErr::type_error(format!(
            "unbound method dict.{method}() needs an argument"
        ))),
    }
}

fn dict_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    match args.positional().first() {
        Some(Value::Type(t)) if !Arc::ptr_eq(t, &types().dict) => Ok(Value::Instance(Arc::new(
            Instance::new(t.clone(), Payload::Dict(Box::default())),
        ))),
        _ => Ok(Value::new_dict()),
    }
}

/// `d.update(other, **kw)` (also what `dict(...)` does).
fn update_from(
    vm: &mut ThreadCtx,
    d: &Dict,
    target: &Value,
    args: Args,
    name: &str,
) -> PyResult<()> {
    args.arity(name, 0, 1)?;
    if let Some(src) = args.get(0) {
        let is_mapping = src.as_dict().is_some()
            || matches!(src, Value::Instance(_))
                && vm
                    .get_attr_opt(src, &crate::object::str::intern("keys"))?
                    .is_some();
        if is_mapping {
            vm.dict_update(target, src, false)?;
        } else {
            let it = vm.get_iter(src)?;
            let mut i = 0;
            while let Some(pair) = vm.next(&it)? {
                let kv = match vm.collect(&pair) {
                    Ok(kv) => kv,
                    Err(_) => {
                        return Err(PyErr::type_error(format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        )))
                    }
                };
                if kv.len() != 2 {
                    return Err(PyErr::value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        kv.len()
                    )));
                }
                let mut kv = kv.into_iter();
                let (k, v) = (
                    kv.next().unwrap_or(Value::None),
                    kv.next().unwrap_or(Value::None),
                );
                vm.dict_set(d, k, v)?;
                i += 1;
            }
        }
    }
    for (k, v) in args.kwargs() {
        vm.dict_set(d, Value::str(k.as_str()), v.clone())?;
    }
    Ok(())
}

fn dict_init(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__init__")?;
    let (target, rest) = args.split_self();
    let target = target.cloned().unwrap_or(Value::None);
    update_from(vm, d, &target, rest, "dict")?;
    Ok(Value::None)
}

fn update(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "update")?;
    let (target, rest) = args.split_self();
    let target = target.cloned().unwrap_or(Value::None);
    update_from(vm, d, &target, rest, "update")?;
    Ok(Value::None)
}

fn get(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "get")?;
    args.arity("get", 2, 3)?;
    let p = args.positional();
    Ok(vm
        .dict_get(d, &p[1])?
        .unwrap_or_else(|| p.get(2).cloned().unwrap_or(Value::None)))
}

fn setdefault(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "setdefault")?;
    args.arity("setdefault", 2, 3)?;
    let p = args.positional();
    if let Some(v) = vm.dict_get(d, &p[1])? {
        return Ok(v);
    }
    let v = p.get(2).cloned().unwrap_or(Value::None);
    vm.dict_set(d, p[1].clone(), v.clone())?;
    Ok(v)
}

fn pop(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "pop")?;
    args.arity("pop", 2, 3)?;
    let p = args.positional();
    match vm.dict_remove(d, &p[1])? {
        Some(v) => Ok(v),
        None => match p.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(PyErr::key_error(p[1].clone())),
        },
    }
}

fn popitem(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "popitem")?;
    let mut t = d.lock();
    match t.last_pos().and_then(|p| t.remove_at(p)) {
        Some(e) => Ok(Value::tuple(vec![e.key, e.value])),
        None => Err(PyErr::key_error(Value::str(
            "popitem(): dictionary is empty",
        ))),
    }
}

fn keys(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    me(&args, "keys")?;
    Ok(view_value(args.positional()[0].clone(), ViewKind::Keys))
}

fn values(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    me(&args, "values")?;
    Ok(view_value(args.positional()[0].clone(), ViewKind::Values))
}

fn items(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    me(&args, "items")?;
    Ok(view_value(args.positional()[0].clone(), ViewKind::Items))
}

fn copy(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "copy")?;
    let table = d.lock().clone();
    Ok(Value::Dict(Arc::new(Dict {
        table: crate::object::cell::PyCell::new(table),
    })))
}

fn clear(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "clear")?;
    let old = d.lock().take_all();
    drop(old);
    Ok(Value::None)
}

fn fromkeys(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    rest.arity("fromkeys", 1, 2)?;
    let value = rest.get(1).cloned().unwrap_or(Value::None);
    let d = match cls {
        Some(c @ Value::Type(_)) => vm.call(c, &[])?,
        _ => Value::new_dict(),
    };
    let keys = vm.collect(&rest.positional()[0])?;
    for k in keys {
        vm.set_item(&d, &k, value.clone())?;
    }
    Ok(d)
}

fn dict_contains(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__contains__")?;
    args.arity("__contains__", 2, 2)?;
    Ok(Value::Bool(Flag(
        vm.dict_get(d, &args.positional()[1])?.is_some(),
    )))
}

/// `dict`'s methods.
pub static DICT_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", dict_new),
    NativeSpec::method("__init__", dict_init),
    NativeSpec::method("get", get),
    NativeSpec::method("setdefault", setdefault),
    NativeSpec::method("pop", pop),
    NativeSpec::method("popitem", popitem),
    NativeSpec::method("keys", keys),
    NativeSpec::method("values", values),
    NativeSpec::method("items", items),
    NativeSpec::method("update", update),
    NativeSpec::method("copy", copy),
    NativeSpec::method("clear", clear),
    NativeSpec::classmethod("fromkeys", fromkeys),
    NativeSpec::method("__contains__", dict_contains),
];

/// The view in `args[0]`.
fn view<'a>(args: &Args<'a>) -> PyResult<&'a crate::object::iter::DictView> {
    match args.positional().first() {
        Some(Value::DictView(v)) => Ok(v),
        _ => Err(PyErr::type_error("dict view method needs a view")),
    }
}

fn view_isdisjoint(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let v = view(&args)?;
    let s = crate::vm::iter::view_as_set(vm, v)?;
    let Some(s) = s.as_set() else {
        return Ok(Value::Bool(Flag(true)));
    };
    let other = args.get(1).cloned().unwrap_or(Value::None);
    Ok(Value::Bool(Flag(vm.set_isdisjoint(s, &other)?)))
}

fn view_mapping(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(view(&args)?.dict.clone())
}

/// The dict views' methods.
pub static VIEW_METHODS: &[NativeSpec] = &[
    NativeSpec::method("isdisjoint", view_isdisjoint),
    NativeSpec::getter("mapping", view_mapping),
];
