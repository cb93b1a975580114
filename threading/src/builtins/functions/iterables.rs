//! The built-ins that consume an iterable: `min`, `max`, `sum`, `sorted`,
//! `any`, `all`, plus `next` and `iter` themselves.
//!
//! `sorted` (and `list.sort`, through [`sort_values`]) computes the keys
//! first, then runs a stable merge sort over indices, so a `key=` or
//! `__lt__` written in Python runs once per item and per comparison and
//! may raise: the error propagates and the list is left as it was.
//!
//! Python equivalent: `builtin_min`, `builtin_sum`, `builtin_sorted`, ...
//! in `Python/bltinmodule.c`; `list_sort_impl` in `Objects/listobject.c`
//! (Simplification: a merge sort, not timsort; both are stable).
//!
//! Needs: nothing of its siblings.

use crate::ast::BinOp;
use crate::object::builtin_types::types;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

/// `min`/`max`: the extreme item (`less` picks the comparison direction).
fn min_max(vm: &mut ThreadCtx, args: Args, name: &str, want_less: bool) -> PyResult {
    let key = args
        .kw("key")
        .filter(|k| !matches!(k, Value::None))
        .cloned();
    let default = args.kw("default").cloned();
    for (k, _) in args.kwargs() {
        if !matches!(k.as_str(), "key" | "default") {
            return Err(PyErr::type_error(format!(
                "'{}' is an invalid keyword argument for {name}()",
                k.as_str()
            )));
        }
    }
    let pos = args.positional();
    let items = match pos.len() {
        0 => {
            return Err(PyErr::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        1 => vm.collect(&pos[0])?,
        _ => {
            if default.is_some() {
                return Err(PyErr::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            pos.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for x in items {
        let k = match &key {
            Some(f) => vm.call(f, std::slice::from_ref(&x))?,
            None => x.clone(),
        };
        best = Some(match best {
            None => (x, k),
            Some((bx, bk)) => {
                let better = if want_less {
                    vm.less_than(&k, &bk)?
                } else {
                    vm.less_than(&bk, &k)?
                };
                if better {
                    (x, k)
                } else {
                    (bx, bk)
                }
            }
        });
    }
    match best {
        Some((x, _)) => Ok(x),
        None => {
            default.ok_or_else(|| PyErr::value_error(format!("{name}() arg is an empty sequence")))
        }
    }
}

pub(super) fn min(vm: &mut ThreadCtx, args: Args) -> PyResult {
    min_max(vm, args, "min", true)
}

pub(super) fn max(vm: &mut ThreadCtx, args: Args) -> PyResult {
    min_max(vm, args, "max", false)
}

pub(super) fn sum(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [iterable, start] = args.bind("sum", ["iterable", "start"], 1)?;
    let mut acc = start.cloned().unwrap_or(Value::Int(0));
    match &acc {
        Value::Str(_) => {
            return Err(PyErr::type_error(
                "sum() can't sum strings [use ''.join(seq) instead]",
            ))
        }
        Value::Bytes(_) => {
            return Err(PyErr::type_error(
                "sum() can't sum bytes [use b''.join(seq) instead]",
            ))
        }
        Value::ByteArray(_) => {
            return Err(PyErr::type_error(
                "sum() can't sum bytearray [use b''.join(seq) instead]",
            ))
        }
        _ => {}
    }
    // A generator's items come from `for_each_item`'s drain (no `next()`
    // round trip per item: `vm/iter/drain.rs`).
    vm.for_each_item(iterable.unwrap_or(&Value::None), |vm, x| {
        acc = match (&acc, &x) {
            (Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
                Some(r) => Value::Int(r),
                None => vm.binary_op(BinOp::Add, &acc, &x)?,
            },
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => vm.binary_op(BinOp::Add, &acc, &x)?,
        };
        Ok(())
    })?;
    Ok(acc)
}

/// Sorts `items` in place by `key` (stable; `reverse` keeps equal items
/// in their original order, as CPython's does).
pub fn sort_values(
    vm: &mut ThreadCtx,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys: Vec<Value> = match key {
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for x in items.iter() {
                ks.push(vm.call(f, std::slice::from_ref(x))?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    if reverse {
        order.reverse();
    }
    // A merge sort that calls `<` through the VM and stops at the first
    // error (Rust's sort cannot propagate one).
    let mut err: Option<PyErr> = None;
    merge_sort(&mut order, &mut |a, b| {
        if err.is_some() {
            return false;
        }
        match vm.less_than(&keys[*b], &keys[*a]) {
            Ok(lt) => lt,
            Err(e) => {
                err = Some(e);
                false
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    if reverse {
        order.reverse();
    }
    let old = std::mem::take(items);
    let mut slots: Vec<Option<Value>> = old.into_iter().map(Some).collect();
    *items = order.into_iter().filter_map(|i| slots[i].take()).collect();
    Ok(())
}

/// A stable merge sort: `less(b, a)` says whether `b` must come before `a`.
fn merge_sort(v: &mut [usize], less: &mut dyn FnMut(&usize, &usize) -> bool) {
    let n = v.len();
    if n <= 1 {
        return;
    }
    if n <= 16 {
        // Insertion sort for short runs.
        for i in 1..n {
            let mut j = i;
            while j > 0 && less(&v[j - 1], &v[j]) {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mid = n / 2;
    merge_sort(&mut v[..mid], less);
    merge_sort(&mut v[mid..], less);
    let mut merged = Vec::with_capacity(n);
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        // Take from the right only when it is strictly smaller: stable.
        if less(&v[i], &v[j]) {
            merged.push(v[j]);
            j += 1;
        } else {
            merged.push(v[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&v[i..mid]);
    merged.extend_from_slice(&v[j..n]);
    v.copy_from_slice(&merged);
}

pub(super) fn sorted(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("sorted", 1, 1)?;
    let mut key = None;
    let mut reverse = false;
    for (k, v) in args.kwargs() {
        match k.as_str() {
            "key" => {
                if !matches!(v, Value::None) {
                    key = Some(v.clone());
                }
            }
            "reverse" => reverse = vm.truthy(v)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "sort() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    let mut items = vm.collect(&args.positional()[0])?;
    sort_values(vm, &mut items, key.as_ref(), reverse)?;
    Ok(Value::list(items))
}

fn any_all(vm: &mut ThreadCtx, args: Args, want: bool, name: &str) -> PyResult {
    args.arity(name, 1, 1)?;
    let it = vm.get_iter(&args.positional()[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? == want {
            return Ok(Value::Bool(Flag(want)));
        }
    }
    Ok(Value::Bool(Flag(!want)))
}

pub(super) fn any(vm: &mut ThreadCtx, args: Args) -> PyResult {
    any_all(vm, args, true, "any")
}

pub(super) fn all(vm: &mut ThreadCtx, args: Args) -> PyResult {
    any_all(vm, args, false, "all")
}

pub(super) fn next(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("next", 1, 2)?;
    let p = args.positional();
    if !crate::vm::iter::is_iterator(&p[0]) {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            p[0].type_name()
        )));
    }
    match &p[0] {
        Value::Generator(g) => match vm.resume_generator(g, Value::None)? {
            crate::vm::iter::GenStep::Yielded(v) => Ok(v),
            crate::vm::iter::GenStep::Returned(v) => match p.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(PyErr::stop_iteration(match v {
                    Value::None => None,
                    v => Some(v),
                })),
            },
        },
        Value::Instance(_) => {
            let m = vm
                .special_method(&p[0], &types().names.next)?
                .unwrap_or(Value::None);
            match vm.call(&m, &[]) {
                Err(e) if e.is(ExcKind::StopIteration) && p.len() > 1 => Ok(p[1].clone()),
                r => r,
            }
        }
        it => match vm.next(it)? {
            Some(v) => Ok(v),
            None => match p.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(PyErr::stop_iteration(None)),
            },
        },
    }
}

pub(super) fn iter(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("iter", 1, 2)?;
    let p = args.positional();
    if p.len() == 2 {
        if !crate::vm::invoke::is_callable(&p[0]) {
            return Err(PyErr::type_error("iter(v, w): v must be callable"));
        }
        return Ok(crate::vm::iter::iter_value(
            crate::object::iter::IterState::Callable {
                func: p[0].clone(),
                sentinel: p[1].clone(),
            },
        ));
    }
    vm.get_iter(&p[0])
}
