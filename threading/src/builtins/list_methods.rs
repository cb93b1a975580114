//! `list` and `tuple`: constructors and methods (`append`, `pop`, `sort`,
//! `index`, `count`, ...), also for subclasses (`class Stack(list)`).
//!
//! Mutating methods hold the list's cell only while they touch the items
//! and never while Python code runs (`sort` with a `key`, `remove`
//! comparing with `__eq__`): they copy out, compute, and write back.
//!
//! Python equivalent: `Objects/listobject.c`, `Objects/tupleobject.c`.

use super::functions::sort_values;
use crate::object::builtin_types::types;
use crate::object::instance::{Instance, Payload};
use crate::object::refcount::Arc;
use crate::object::seq::{List, Tuple};
use crate::object::value::Flag;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, InlineNative, NativeSpec};
use crate::vm::ThreadCtx;

/// The receiver's list storage.
fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a List> {
    match args.positional().first() {
        Some(v) => v
            .as_list()
            .ok_or_else(|| crate::vm::native::wrong_self(method, "list", v)),
        None => Err(PyErr::type_error(format!(
            "unbound method list.{method}() needs an argument"
        ))),
    }
}

fn list_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    match args.positional().first() {
        Some(Value::Type(t)) if !Arc::ptr_eq(t, &types().list) => Ok(Value::Instance(Arc::new(
            Instance::new(t.clone(), Payload::List(Box::default())),
        ))),
        _ => Ok(Value::list(Vec::new())),
    }
}

fn list_init(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let l = me(&args, "__init__")?;
    let (_, rest) = args.split_self();
    rest.no_kwargs("list")?;
    rest.arity("list", 0, 1)?;
    let items = match rest.get(0) {
        Some(v) => vm.collect(v)?,
        None => Vec::new(),
    };
    let old = std::mem::replace(&mut *l.lock(), items);
    drop(old);
    Ok(Value::None)
}

fn append(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let l = me(&args, "append")?;
    // CPython's METH_O words: the qualified name, keywords refused first.
    args.no_kwargs("list.append")?;
    args.arity("list.append", 2, 2)?;
    l.push(args.positional()[1].clone());
    Ok(Value::None)
}

fn extend(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let l = me(&args, "extend")?;
    args.arity("extend", 2, 2)?;
    let items = vm.collect(&args.positional()[1])?;
    l.lock().extend(items);
    Ok(Value::None)
}

fn insert(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let l = me(&args, "insert")?;
    args.arity("insert", 3, 3)?;
    let p = args.positional();
    let i = index_arg(vm, &p[1])?;
    let mut items = l.lock();
    let n = items.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    items.insert(at, p[2].clone());
    Ok(Value::None)
}

fn pop(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let l = me(&args, "pop")?;
    args.arity("pop", 1, 2)?;
    let i = match args.get(1) {
        Some(v) => Some(index_arg(vm, v)?),
        None => None,
    };
    let mut items = l.lock();
    if items.is_empty() {
        return Err(PyErr::index_error("pop from empty list"));
    }
    let n = items.len() as i64;
    let j = match i {
        None => n - 1,
        Some(i) if i < 0 => i + n,
        Some(i) => i,
    };
    if !(0..n).contains(&j) {
        return Err(PyErr::index_error("pop index out of range"));
    }
    Ok(items.remove(j as usize))
}

fn remove(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let l = me(&args, "remove")?;
    args.arity("remove", 2, 2)?;
    let x = args.positional()[1].clone();
    let mut i = 0;
    loop {
        let v = match l.lock().get(i) {
            Some(v) => v.clone(),
            None => return Err(PyErr::value_error("list.remove(x): x not in list")),
        };
        if vm.eq(&v, &x)? {
            let mut items = l.lock();
            if i < items.len() {
                let old = items.remove(i);
                drop(items);
                drop(old);
            }
            return Ok(Value::None);
        }
        i += 1;
    }
}

/// `seq.index(x[, start[, stop]])` over a snapshot: the position, or
/// `None` for the caller's `ValueError` (whose message may need `repr(x)`,
/// which runs only then, as in CPython).
fn index_in(vm: &mut ThreadCtx, items: &[Value], args: &Args) -> PyResult<Option<i64>> {
    let p = args.positional();
    let x = p.get(1).cloned().unwrap_or(Value::None);
    let n = items.len() as i64;
    let clamp = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let start = match p.get(2) {
        Some(v) => clamp(index_arg(vm, v)?),
        None => 0,
    };
    let stop = match p.get(3) {
        Some(v) => clamp(index_arg(vm, v)?),
        None => n,
    };
    for i in start..stop {
        if vm.eq(&items[i as usize], &x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn index(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let l = me(&args, "index")?;
    args.arity("index", 2, 4)?;
    let items = l.snapshot();
    match index_in(vm, &items, &args)? {
        Some(i) => Ok(Value::Int(i)),
        None => {
            let x = vm.repr(&args.positional()[1])?;
            Err(PyErr::value_error(format!("{x} is not in list")))
        }
    }
}

fn count_in(vm: &mut ThreadCtx, items: &[Value], x: &Value) -> PyResult {
    let mut n = 0;
    for v in items {
        if vm.eq(v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn count(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let l = me(&args, "count")?;
    args.arity("count", 2, 2)?;
    let items = l.snapshot();
    count_in(vm, &items, &args.positional()[1])
}

fn reverse(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    me(&args, "reverse")?.lock().reverse();
    Ok(Value::None)
}

fn clear(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let old = std::mem::take(&mut *me(&args, "clear")?.lock());
    drop(old);
    Ok(Value::None)
}

fn copy(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::list(me(&args, "copy")?.snapshot()))
}

fn sort(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let l = me(&args, "sort")?;
    args.arity("sort", 1, 1)?;
    let mut key = None;
    let mut rev = false;
    for (k, v) in args.kwargs() {
        match k.as_str() {
            "key" => {
                if !matches!(v, Value::None) {
                    key = Some(v.clone());
                }
            }
            "reverse" => rev = vm.truthy(v)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "sort() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    // CPython empties the list while sorting (a key that looks at it sees
    // []); then puts the sorted items back.
    let mut items = std::mem::take(&mut *l.lock());
    let r = sort_values(vm, &mut items, key.as_ref(), rev);
    let mut guard = l.lock();
    let modified = !guard.is_empty();
    *guard = items;
    drop(guard);
    r?;
    if modified {
        return Err(PyErr::value_error("list modified during sort"));
    }
    Ok(Value::None)
}

fn list_len(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(me(&args, "__len__")?.len() as i64))
}

fn seq_getitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__getitem__", 2, 2)?;
    let p = args.positional();
    vm.getitem_base(&p[0], &p[1])
}

fn seq_setitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__setitem__", 3, 3)?;
    let p = args.positional();
    vm.setitem_base(&p[0], &p[1], p[2].clone())?;
    Ok(Value::None)
}

fn seq_delitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__delitem__", 2, 2)?;
    let p = args.positional();
    vm.delitem_base(&p[0], &p[1])?;
    Ok(Value::None)
}

fn seq_contains(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__contains__", 2, 2)?;
    let p = args.positional();
    if let Some(d) = p[0].as_dict() {
        return Ok(Value::Bool(Flag(vm.dict_get(d, &p[1])?.is_some())));
    }
    if let Some(s) = p[0].as_set() {
        return Ok(Value::Bool(Flag(vm.set_contains(s, &p[1])?)));
    }
    let items = match (p[0].as_list(), p[0].as_tuple()) {
        (Some(l), _) => l.snapshot(),
        (None, Some(t)) => t.to_vec(),
        _ => return Ok(Value::Bool(Flag(vm.contains(&p[0], &p[1])?))),
    };
    for v in &items {
        if vm.eq(v, &p[1])? {
            return Ok(Value::Bool(Flag(true)));
        }
    }
    Ok(Value::Bool(Flag(false)))
}

fn seq_iter(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__iter__", 1, 1)?;
    let v = &args.positional()[0];
    let state = if v.as_list().is_some() {
        crate::object::iter::IterState::List {
            seq: v.clone(),
            index: 0,
        }
    } else if v.as_tuple().is_some() {
        crate::object::iter::IterState::Tuple {
            seq: v.clone(),
            index: 0,
        }
    } else if let Some(d) = v.as_dict() {
        crate::object::iter::IterState::Dict {
            dict: v.clone(),
            kind: crate::object::iter::ViewKind::Keys,
            pos: 0,
            len: d.len(),
        }
    } else if let Some(s) = v.as_set() {
        crate::object::iter::IterState::Set {
            set: v.clone(),
            pos: 0,
            len: s.len(),
        }
    } else {
        return vm.get_iter(v);
    };
    Ok(crate::vm::iter::iter_value(state))
}

fn seq_len(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__len__", 1, 1)?;
    let v = &args.positional()[0];
    if let Some(l) = v.as_list() {
        return Ok(Value::Int(l.len() as i64));
    }
    if let Some(t) = v.as_tuple() {
        return Ok(Value::Int(t.len() as i64));
    }
    if let Some(d) = v.as_dict() {
        return Ok(Value::Int(d.len() as i64));
    }
    if let Some(s) = v.as_set() {
        return Ok(Value::Int(s.len() as i64));
    }
    Ok(Value::Int(vm.len(v)?))
}

/// Special methods every built-in container exposes (so a subclass can
/// call `super().__getitem__(i)` and friends).
pub static CONTAINER_DUNDERS: &[NativeSpec] = &[
    NativeSpec::method("__getitem__", seq_getitem),
    NativeSpec::method("__setitem__", seq_setitem),
    NativeSpec::method("__delitem__", seq_delitem),
    NativeSpec::method("__contains__", seq_contains),
    NativeSpec::method("__iter__", seq_iter),
    NativeSpec::method("__len__", seq_len),
];

/// The read-only ones, for immutable sequences (`tuple`, `str`, `bytes`,
/// `range`): `hasattr((), '__setitem__')` is false, as in CPython.
pub static SEQUENCE_DUNDERS: &[NativeSpec] = &[
    NativeSpec::method("__getitem__", seq_getitem),
    NativeSpec::method("__contains__", seq_contains),
    NativeSpec::method("__iter__", seq_iter),
    NativeSpec::method("__len__", seq_len),
];

/// Sets have no item access: `in`, iteration and `len` only.
pub static SET_DUNDERS: &[NativeSpec] = &[
    NativeSpec::method("__contains__", seq_contains),
    NativeSpec::method("__iter__", seq_iter),
    NativeSpec::method("__len__", seq_len),
];

/// `list`'s methods.
pub static LIST_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", list_new),
    NativeSpec::method("__init__", list_init),
    NativeSpec::method("append", append).inlined_as(InlineNative::ListAppend),
    NativeSpec::method("extend", extend),
    NativeSpec::method("insert", insert),
    NativeSpec::method("pop", pop).inlined_as(InlineNative::ListPop),
    NativeSpec::method("remove", remove),
    NativeSpec::method("index", index),
    NativeSpec::method("count", count),
    NativeSpec::method("reverse", reverse),
    NativeSpec::method("clear", clear),
    NativeSpec::method("copy", copy),
    NativeSpec::method("sort", sort),
    NativeSpec::method("__len__", list_len),
];

fn tuple_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    rest.no_kwargs("tuple")?;
    rest.arity("tuple", 0, 1)?;
    let items = match rest.get(0) {
        Some(v) => vm.collect(v)?,
        None => Vec::new(),
    };
    match cls {
        Some(Value::Type(t)) if !Arc::ptr_eq(t, &types().tuple) => Ok(Value::Instance(Arc::new(
            Instance::new(t.clone(), Payload::Tuple(Tuple::new(items))),
        ))),
        _ => Ok(Value::tuple(items)),
    }
}

fn tuple_items<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a [Value]> {
    match args.positional().first() {
        Some(v) => v
            .as_tuple()
            .ok_or_else(|| crate::vm::native::wrong_self(method, "tuple", v)),
        None => Err(PyErr::type_error("tuple method needs an argument")),
    }
}

fn tuple_index(vm: &mut ThreadCtx, args: Args) -> PyResult {
    // A tuple never changes: searched in place, no copy.
    let items = tuple_items(&args, "index")?;
    args.arity("index", 2, 4)?;
    match index_in(vm, items, &args)? {
        Some(i) => Ok(Value::Int(i)),
        None => Err(PyErr::value_error("tuple.index(x): x not in tuple")),
    }
}

fn tuple_count(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let items = tuple_items(&args, "count")?.to_vec();
    args.arity("count", 2, 2)?;
    count_in(vm, &items, &args.positional()[1])
}

fn tuple_hash(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let items = tuple_items(&args, "__hash__")?.to_vec();
    let mut hs = Vec::with_capacity(items.len());
    for x in &items {
        hs.push(vm.hash(x)?);
    }
    Ok(Value::Int(crate::object::hash::hash_tuple(hs.into_iter())))
}

fn tuple_getnewargs(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let items = tuple_items(&args, "__getnewargs__")?.to_vec();
    Ok(Value::tuple(vec![Value::tuple(items)]))
}

/// `tuple`'s methods.
pub static TUPLE_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", tuple_new),
    NativeSpec::method("index", tuple_index),
    NativeSpec::method("count", tuple_count),
    NativeSpec::method("__hash__", tuple_hash),
    NativeSpec::method("__getnewargs__", tuple_getnewargs),
];
