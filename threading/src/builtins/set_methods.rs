//! `set` and `frozenset`: constructors and methods (`add`, `discard`,
//! `union`, `intersection`, `issubset`, ...). The algebra itself is in
//! `vm/setops.rs` (CPython's algorithms, which fix the result's order).
//!
//! Python equivalent: `Objects/setobject.c`.

use crate::object::builtin_types::types;
use crate::object::instance::{Instance, Payload};
use crate::object::refcount::Arc;
use crate::object::set::Set;
use crate::object::value::Flag;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::native::{Args, NativeSpec};
use crate::vm::ThreadCtx;

/// The receiver's set storage.
fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a Set> {
    match args.positional().first() {
        Some(v) => v
            .as_set()
            .ok_or_else(|| crate::vm::native::wrong_self(method, "set", v)),
        None => Err(PyErr::type_error(format!(
            "unbound method set.{method}() needs an argument"
        ))),
    }
}

/// A new set value of the receiver's kind (set or frozenset).
fn like(args: &Args, s: Set) -> Value {
    let frozen = args
        .positional()
        .first()
        .is_some_and(|v| v.class().is_subtype(&types().frozenset));
    if frozen {
        Value::FrozenSet(Arc::new(s))
    } else {
        Value::Set(Arc::new(s))
    }
}

fn set_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    match args.positional().first() {
        Some(Value::Type(t)) if !Arc::ptr_eq(t, &types().set) => Ok(Value::Instance(Arc::new(
            Instance::new(t.clone(), Payload::Set(Box::default())),
        ))),
        _ => Ok(Value::Set(Arc::new(Set::new()))),
    }
}

fn set_init(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "__init__")?;
    let (_, rest) = args.split_self();
    rest.no_kwargs("set")?;
    rest.arity("set", 0, 1)?;
    let old = s.lock().take_all();
    drop(old);
    if let Some(it) = rest.get(0) {
        vm.set_update_from(s, it)?;
    }
    Ok(Value::None)
}

fn frozenset_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    rest.no_kwargs("frozenset")?;
    rest.arity("frozenset", 0, 1)?;
    let s = Set::new();
    if let Some(it) = rest.get(0) {
        if let (Value::FrozenSet(_), Some(Value::Type(t))) = (it, cls) {
            if Arc::ptr_eq(t, &types().frozenset) {
                return Ok(it.clone());
            }
        }
        vm.set_update_from(&s, it)?;
    }
    match cls {
        Some(Value::Type(t)) if !Arc::ptr_eq(t, &types().frozenset) => Ok(Value::Instance(
            Arc::new(Instance::new(t.clone(), Payload::Set(Box::new(s)))),
        )),
        _ => Ok(Value::FrozenSet(Arc::new(s))),
    }
}

fn add(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "add")?;
    args.arity("add", 2, 2)?;
    vm.set_insert(s, args.positional()[1].clone())?;
    Ok(Value::None)
}

fn discard(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "discard")?;
    args.arity("discard", 2, 2)?;
    vm.set_discard(s, &args.positional()[1])?;
    Ok(Value::None)
}

fn remove(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "remove")?;
    args.arity("remove", 2, 2)?;
    let k = &args.positional()[1];
    if vm.set_discard(s, k)? {
        Ok(Value::None)
    } else {
        Err(PyErr::key_error(k.clone()))
    }
}

fn pop(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "pop")?;
    s.lock()
        .pop()
        .ok_or_else(|| PyErr::key_error(Value::str("pop from an empty set")))
}

fn clear(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let old = me(&args, "clear")?.lock().take_all();
    drop(old);
    Ok(Value::None)
}

fn copy(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "copy")?;
    if let Some(Value::FrozenSet(_)) = args.positional().first() {
        return Ok(args.positional()[0].clone());
    }
    let c = vm.set_copy(s)?;
    Ok(like(&args, c))
}

fn update(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "update")?;
    for other in &args.positional()[1..] {
        vm.set_update_from(s, other)?;
    }
    Ok(Value::None)
}

fn union(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "union")?;
    let result = vm.set_copy(s)?;
    for other in &args.positional()[1..] {
        if other.as_set().is_some_and(|o| std::ptr::eq(o, s)) {
            continue;
        }
        vm.set_update_from(&result, other)?;
    }
    Ok(like(&args, result))
}

fn intersection(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "intersection")?;
    let others = &args.positional()[1..];
    if others.is_empty() {
        let c = vm.set_copy(s)?;
        return Ok(like(&args, c));
    }
    let mut result: Option<Set> = None;
    for other in others {
        let r = match &result {
            None => vm.set_intersection(s, other)?,
            Some(cur) => vm.set_intersection(cur, other)?,
        };
        result = Some(r);
    }
    Ok(like(&args, result.unwrap_or_default()))
}

fn intersection_update(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "intersection_update")?;
    let mut result: Option<Set> = None;
    for other in &args.positional()[1..] {
        let r = match &result {
            None => vm.set_intersection(s, other)?,
            Some(cur) => vm.set_intersection(cur, other)?,
        };
        result = Some(r);
    }
    if let Some(r) = result {
        let t = r.lock().clone();
        *s.lock() = t;
    }
    Ok(Value::None)
}

fn difference(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "difference")?;
    let others = &args.positional()[1..];
    let result = match others.first() {
        Some(o) => vm.set_difference(s, o)?,
        None => vm.set_copy(s)?,
    };
    for o in others.iter().skip(1) {
        vm.set_difference_update(&result, o)?;
    }
    Ok(like(&args, result))
}

fn difference_update(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "difference_update")?;
    for o in &args.positional()[1..] {
        vm.set_difference_update(s, o)?;
    }
    Ok(Value::None)
}

fn symmetric_difference(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "symmetric_difference")?;
    args.arity("symmetric_difference", 2, 2)?;
    let r = vm.set_symmetric_difference(s, &args.positional()[1])?;
    Ok(like(&args, r))
}

fn symmetric_difference_update(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "symmetric_difference_update")?;
    args.arity("symmetric_difference_update", 2, 2)?;
    vm.set_symmetric_difference_update(s, &args.positional()[1])?;
    Ok(Value::None)
}

fn issubset(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "issubset")?;
    args.arity("issubset", 2, 2)?;
    Ok(Value::Bool(Flag(
        vm.set_issubset(s, &args.positional()[1])?,
    )))
}

fn issuperset(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "issuperset")?;
    args.arity("issuperset", 2, 2)?;
    Ok(Value::Bool(Flag(
        vm.set_issuperset(s, &args.positional()[1])?,
    )))
}

fn isdisjoint(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = me(&args, "isdisjoint")?;
    args.arity("isdisjoint", 2, 2)?;
    Ok(Value::Bool(Flag(
        vm.set_isdisjoint(s, &args.positional()[1])?,
    )))
}

fn set_hash(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let v = &args.positional()[0];
    if let Value::Set(_) = v {
        return Err(crate::vm::hashing::unhashable(v));
    }
    let _ = vm;
    Ok(Value::Int(me(&args, "__hash__")?.lock().frozen_hash()))
}

/// `set`'s methods.
pub static SET_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", set_new),
    NativeSpec::method("__init__", set_init),
    NativeSpec::method("add", add),
    NativeSpec::method("discard", discard),
    NativeSpec::method("remove", remove),
    NativeSpec::method("pop", pop),
    NativeSpec::method("clear", clear),
    NativeSpec::method("copy", copy),
    NativeSpec::method("update", update),
    NativeSpec::method("union", union),
    NativeSpec::method("intersection", intersection),
    NativeSpec::method("intersection_update", intersection_update),
    NativeSpec::method("difference", difference),
    NativeSpec::method("difference_update", difference_update),
    NativeSpec::method("symmetric_difference", symmetric_difference),
    NativeSpec::method("symmetric_difference_update", symmetric_difference_update),
    NativeSpec::method("issubset", issubset),
    NativeSpec::method("issuperset", issuperset),
    NativeSpec::method("isdisjoint", isdisjoint),
];

/// `frozenset`'s methods.
pub static FROZENSET_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", frozenset_new),
    NativeSpec::method("copy", copy),
    NativeSpec::method("union", union),
    NativeSpec::method("intersection", intersection),
    NativeSpec::method("difference", difference),
    NativeSpec::method("symmetric_difference", symmetric_difference),
    NativeSpec::method("issubset", issubset),
    NativeSpec::method("issuperset", issuperset),
    NativeSpec::method("isdisjoint", isdisjoint),
    NativeSpec::method("__hash__", set_hash),
];
