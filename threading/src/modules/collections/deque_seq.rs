//! `collections.deque` away from its ends: indexing, search, `insert` /
//! `remove`, `rotate`, `reverse`, `copy`, comparison, concatenation,
//! `repr`.
//!
//! These are O(n), as in CPython. The ones that call Python (`==` on the
//! items for `count`, `index`, `remove`, `in`; `repr` of the items) work
//! on a snapshot taken under the cell and never hold the cell while
//! Python code runs; `remove` reports a mutation in between as CPython
//! does (`IndexError: deque mutated during remove().`).
//!
//! Python equivalent: `deque_index`, `deque_insert`, `deque_remove`,
//! `deque_rotate`, `deque_item`, `deque_repr`, `deque_richcompare` in
//! `Modules/_collectionsmodule.c`.
//!
//! Needs: `deque.rs` (the state and its helpers).

use super::deque::{me, new_deque, one_arg, other_deque, push_back, snapshot, Deque, DequeState};
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::Args;
use crate::vm::repr::ReprGuard;
use crate::vm::ThreadCtx;
use std::collections::VecDeque;

pub(super) fn copy(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "copy")?;
    let (items, maxlen) = snapshot(d);
    let cls = args.positional()[0].class().clone();
    Ok(new_deque(Some(&cls), items.into(), maxlen))
}

pub(super) fn count(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "count")?;
    let x = one_arg(&args, "count")?;
    let (items, _) = snapshot(d);
    let mut n = 0;
    for v in &items {
        if vm.eq(v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

pub(super) fn index(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "index")?;
    args.arity("index", 2, 4)?;
    let p = args.positional();
    let (items, _) = snapshot(d);
    let len = items.len() as i64;
    let clamp = |i: i64| if i < 0 { (i + len).max(0) } else { i.min(len) };
    let start = match p.get(2) {
        Some(v) => clamp(index_arg(vm, v)?),
        None => 0,
    };
    let stop = match p.get(3) {
        Some(v) => clamp(index_arg(vm, v)?),
        None => len,
    };
    for i in start..stop {
        if vm.eq(&items[i as usize], &p[1])? {
            return Ok(Value::Int(i));
        }
    }
    let r = vm.repr(&p[1])?;
    Err(PyErr::new(
        ExcKind::ValueError,
        format!("{r} is not in deque"),
    ))
}

pub(super) fn insert(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "insert")?;
    args.arity("insert", 3, 3)?;
    let i = index_arg(vm, &args.positional()[1])?;
    let v = args.positional()[2].clone();
    let mut st = d.state.lock();
    if st.maxlen.is_some_and(|m| st.items.len() >= m) {
        return Err(PyErr::new(
            ExcKind::IndexError,
            "deque already at its maximum size",
        ));
    }
    let len = st.items.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    st.items.insert(at as usize, v);
    st.version += 1;
    Ok(Value::None)
}

pub(super) fn remove(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "remove")?;
    let x = one_arg(&args, "remove")?;
    let (items, _) = snapshot(d);
    for (i, v) in items.iter().enumerate() {
        if vm.eq(v, x)? {
            let mut st = d.state.lock();
            if st.items.len() != items.len() {
                return Err(PyErr::new(
                    ExcKind::IndexError,
                    "deque mutated during remove().",
                ));
            }
            let old = st.items.remove(i);
            st.version += 1;
            drop(st);
            drop(old);
            return Ok(Value::None);
        }
    }
    Err(PyErr::new(
        ExcKind::ValueError,
        "deque.remove(x): x not in deque",
    ))
}

pub(super) fn reverse(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "reverse")?;
    let mut st = d.state.lock();
    st.items.make_contiguous().reverse();
    st.version += 1;
    Ok(Value::None)
}

pub(super) fn rotate(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "rotate")?;
    args.arity("rotate", 1, 2)?;
    let n = match args.positional().get(1) {
        Some(v) => index_arg(vm, v)?,
        None => 1,
    };
    let mut st = d.state.lock();
    let len = st.items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        st.items.rotate_right(k);
        st.version += 1;
    }
    Ok(Value::None)
}

pub(super) fn maxlen(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "maxlen")?;
    Ok(match d.state.lock().maxlen {
        Some(m) => Value::Int(m as i64),
        None => Value::None,
    })
}

pub(super) fn len(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__len__")?;
    Ok(Value::Int(d.state.lock().items.len() as i64))
}

pub(super) fn bool_(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__bool__")?;
    Ok(Value::Bool(Flag(!d.state.lock().items.is_empty())))
}

/// The index argument of `d[i]`, normalised.
fn item_index(vm: &mut ThreadCtx, d: &Deque, i: &Value) -> PyResult<usize> {
    let i = index_arg(vm, i)?;
    let len = d.state.lock().items.len() as i64;
    let j = if i < 0 { i + len } else { i };
    if j < 0 || j >= len {
        return Err(PyErr::new(ExcKind::IndexError, "deque index out of range"));
    }
    Ok(j as usize)
}

pub(super) fn getitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__getitem__")?;
    let i = item_index(vm, d, one_arg(&args, "__getitem__")?)?;
    d.state
        .lock()
        .items
        .get(i)
        .cloned()
        .ok_or_else(|| PyErr::new(ExcKind::IndexError, "deque index out of range"))
}

pub(super) fn setitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__setitem__")?;
    args.arity("__setitem__", 3, 3)?;
    let i = item_index(vm, d, &args.positional()[1])?;
    let v = args.positional()[2].clone();
    let old = d
        .state
        .lock()
        .items
        .get_mut(i)
        .map(|slot| std::mem::replace(slot, v));
    drop(old);
    Ok(Value::None)
}

pub(super) fn delitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__delitem__")?;
    let i = item_index(vm, d, one_arg(&args, "__delitem__")?)?;
    let old = {
        let mut st = d.state.lock();
        st.version += 1;
        st.items.remove(i)
    };
    drop(old);
    Ok(Value::None)
}

pub(super) fn contains(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__contains__")?;
    let x = one_arg(&args, "__contains__")?;
    let (items, _) = snapshot(d);
    for v in &items {
        if vm.eq(v, x)? {
            return Ok(Value::Bool(Flag(true)));
        }
    }
    Ok(Value::Bool(Flag(false)))
}

pub(super) fn repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__repr__")?;
    let this = &args.positional()[0];
    let name = this.class().name.as_str().to_string();
    let Some(_guard) = ReprGuard::enter(this) else {
        return Ok(Value::str("[...]"));
    };
    let (items, maxlen) = snapshot(d);
    let mut parts = Vec::with_capacity(items.len());
    for v in &items {
        parts.push(vm.repr(v)?);
    }
    Ok(Value::string(match maxlen {
        Some(m) => format!("{name}([{}], maxlen={m})", parts.join(", ")),
        None => format!("{name}([{}])", parts.join(", ")),
    }))
}

pub(super) fn eq(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__eq__")?;
    let Some(o) = other_deque(one_arg(&args, "__eq__")?) else {
        return Ok(Value::NotImplemented);
    };
    let (a, _) = snapshot(d);
    let (b, _) = snapshot(o);
    if a.len() != b.len() {
        return Ok(Value::Bool(Flag(false)));
    }
    for (x, y) in a.iter().zip(&b) {
        if !vm.eq(x, y)? {
            return Ok(Value::Bool(Flag(false)));
        }
    }
    Ok(Value::Bool(Flag(true)))
}

pub(super) fn ne(vm: &mut ThreadCtx, args: Args) -> PyResult {
    match eq(vm, args)? {
        Value::Bool(Flag(b)) => Ok(Value::Bool(Flag(!b))),
        other => Ok(other),
    }
}

pub(super) fn iadd(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__iadd__")?;
    let items = vm.collect(one_arg(&args, "__iadd__")?)?;
    let mut st = d.state.lock();
    for v in items {
        push_back(&mut st, v);
    }
    drop(st);
    Ok(args.positional()[0].clone())
}

pub(super) fn add(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__add__")?;
    let other = one_arg(&args, "__add__")?;
    let Some(o) = other_deque(other) else {
        return Err(PyErr::type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            other.type_name()
        )));
    };
    let (mut a, maxlen) = snapshot(d);
    let (b, _) = snapshot(o);
    a.extend(b);
    let mut st = DequeState {
        items: VecDeque::new(),
        maxlen,
        version: 0,
    };
    for v in a {
        push_back(&mut st, v);
    }
    Ok(new_deque(None, st.items, maxlen))
}
