//! # `_collections`: `deque` and `defaultdict`
//!
//! ```text
//!   deque([iterable[, maxlen]])   a VecDeque in the one cell type; appends
//!                                 and pops at both ends are O(1), one
//!                                 short critical section each (what makes
//!                                 them atomic under the GIL and safe
//!                                 without it, as CPython promises)
//!   defaultdict(factory, ...)     a dict subclass whose __missing__ calls
//!                                 factory(); the factory lives in a slot
//! ```
//!
//! `queue.Queue` and `threading.Condition` (embedded Python) keep their
//! waiters and items in a `deque`, as CPython's do.
//!
//! Python equivalent: `Modules/_collectionsmodule.c`.

use crate::object::builtin_types::types;
use crate::object::cell::PyCell;
use crate::object::str::intern;
use crate::object::types::Type;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, NativeClass, NativeModule, NativeSpec};
use crate::vm::repr::ReprGuard;
use crate::vm::ThreadCtx;
use std::collections::VecDeque;
use std::sync::Arc;

/// A deque's contents.
#[derive(Default)]
pub struct DequeState {
    /// The items, left to right.
    items: VecDeque<Value>,
    /// `maxlen` (`None`: unbounded).
    maxlen: Option<usize>,
    /// Bumped by every mutation (iterators notice).
    version: u64,
}

/// A deque object's native state.
#[derive(Default)]
pub struct Deque {
    /// The contents, in the one cell type.
    state: PyCell<DequeState>,
}

/// `collections.deque`.
pub static DEQUE: NativeClass = NativeClass::new(
    "deque",
    "collections",
    &[
        NativeSpec::staticmethod("__new__", deque_new),
        NativeSpec::method("__init__", deque_init),
        NativeSpec::method("append", append),
        NativeSpec::method("appendleft", appendleft),
        NativeSpec::method("pop", pop),
        NativeSpec::method("popleft", popleft),
        NativeSpec::method("extend", extend),
        NativeSpec::method("extendleft", extendleft),
        NativeSpec::method("clear", clear),
        NativeSpec::method("copy", copy),
        NativeSpec::method("__copy__", copy),
        NativeSpec::method("count", count),
        NativeSpec::method("index", index),
        NativeSpec::method("insert", insert),
        NativeSpec::method("remove", remove),
        NativeSpec::method("reverse", reverse),
        NativeSpec::method("rotate", rotate),
        NativeSpec::getter("maxlen", maxlen),
        NativeSpec::method("__len__", len),
        NativeSpec::method("__bool__", bool_),
        NativeSpec::method("__iter__", iter),
        NativeSpec::method("__reversed__", reversed),
        NativeSpec::method("__getitem__", getitem),
        NativeSpec::method("__setitem__", setitem),
        NativeSpec::method("__delitem__", delitem),
        NativeSpec::method("__contains__", contains),
        NativeSpec::method("__repr__", repr),
        NativeSpec::method("__eq__", eq),
        NativeSpec::method("__ne__", ne),
        NativeSpec::method("__iadd__", iadd),
        NativeSpec::method("__add__", add),
    ],
)
.subclassable()
.unhashable();

/// The receiver's deque.
fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a Deque> {
    args.native_self::<Deque>(&DEQUE, method)
}

/// A new deque value holding `items`.
fn new_deque(cls: Option<&Arc<Type>>, items: VecDeque<Value>, maxlen: Option<usize>) -> Value {
    let d = Deque {
        state: PyCell::new(DequeState {
            items,
            maxlen,
            version: 0,
        }),
    };
    match cls {
        Some(c) => NativeClass::instance_of(c, d),
        None => DEQUE.instance(d),
    }
}

fn deque_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    match args.positional().first() {
        Some(Value::Type(cls)) => Ok(new_deque(Some(cls), VecDeque::new(), None)),
        _ => Ok(new_deque(None, VecDeque::new(), None)),
    }
}

/// `deque.__init__(iterable=(), maxlen=None)`.
fn deque_init(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__init__")?;
    let (_, rest) = args.split_self();
    let [iterable, maxlen] = rest.bind("deque", ["iterable", "maxlen"], 0)?;
    let maxlen = match maxlen {
        None | Some(Value::None) => None,
        Some(m) => {
            let m = index_arg(vm, m)?;
            if m < 0 {
                return Err(PyErr::new(
                    ExcKind::ValueError,
                    "maxlen must be non-negative",
                ));
            }
            Some(m as usize)
        }
    };
    let items = match iterable {
        Some(it) => vm.collect(it)?,
        None => Vec::new(),
    };
    let mut st = d.state.lock();
    st.items.clear();
    st.maxlen = maxlen;
    st.version += 1;
    for v in items {
        push_back(&mut st, v);
    }
    Ok(Value::None)
}

/// Appends on the right, dropping from the left past `maxlen`.
fn push_back(st: &mut DequeState, v: Value) {
    if st.maxlen == Some(0) {
        return;
    }
    if st.maxlen.is_some_and(|m| st.items.len() >= m) {
        st.items.pop_front();
    }
    st.items.push_back(v);
    st.version += 1;
}

/// Appends on the left, dropping from the right past `maxlen`.
fn push_front(st: &mut DequeState, v: Value) {
    if st.maxlen == Some(0) {
        return;
    }
    if st.maxlen.is_some_and(|m| st.items.len() >= m) {
        st.items.pop_back();
    }
    st.items.push_front(v);
    st.version += 1;
}

fn one_arg<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    args.no_kwargs(name)?;
    args.arity(name, 2, 2)?;
    Ok(&args.positional()[1])
}

fn append(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "append")?;
    let v = one_arg(&args, "append")?.clone();
    push_back(&mut d.state.lock(), v);
    Ok(Value::None)
}

fn appendleft(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "appendleft")?;
    let v = one_arg(&args, "appendleft")?.clone();
    push_front(&mut d.state.lock(), v);
    Ok(Value::None)
}

fn pop(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "pop")?;
    args.arity("pop", 1, 1)?;
    let mut st = d.state.lock();
    st.version += 1;
    st.items
        .pop_back()
        .ok_or_else(|| PyErr::new(ExcKind::IndexError, "pop from an empty deque"))
}

fn popleft(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "popleft")?;
    args.arity("popleft", 1, 1)?;
    let mut st = d.state.lock();
    st.version += 1;
    st.items
        .pop_front()
        .ok_or_else(|| PyErr::new(ExcKind::IndexError, "pop from an empty deque"))
}

fn extend(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "extend")?;
    let items = vm.collect(one_arg(&args, "extend")?)?;
    let mut st = d.state.lock();
    for v in items {
        push_back(&mut st, v);
    }
    Ok(Value::None)
}

fn extendleft(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "extendleft")?;
    let items = vm.collect(one_arg(&args, "extendleft")?)?;
    let mut st = d.state.lock();
    for v in items {
        push_front(&mut st, v);
    }
    Ok(Value::None)
}

fn clear(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "clear")?;
    let old = {
        let mut st = d.state.lock();
        st.version += 1;
        std::mem::take(&mut st.items)
    };
    drop(old);
    Ok(Value::None)
}

/// A snapshot of the items (to call Python without holding the cell).
fn snapshot(d: &Deque) -> (Vec<Value>, Option<usize>) {
    let st = d.state.lock();
    (st.items.iter().cloned().collect(), st.maxlen)
}

fn copy(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "copy")?;
    let (items, maxlen) = snapshot(d);
    let cls = args.positional()[0].class().clone();
    Ok(new_deque(Some(&cls), items.into(), maxlen))
}

fn count(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn index(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn insert(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn remove(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn reverse(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "reverse")?;
    let mut st = d.state.lock();
    st.items.make_contiguous().reverse();
    st.version += 1;
    Ok(Value::None)
}

fn rotate(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn maxlen(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "maxlen")?;
    Ok(match d.state.lock().maxlen {
        Some(m) => Value::Int(m as i64),
        None => Value::None,
    })
}

fn len(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__len__")?;
    Ok(Value::Int(d.state.lock().items.len() as i64))
}

fn bool_(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__bool__")?;
    Ok(Value::Bool(!d.state.lock().items.is_empty()))
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

fn getitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__getitem__")?;
    let i = item_index(vm, d, one_arg(&args, "__getitem__")?)?;
    d.state
        .lock()
        .items
        .get(i)
        .cloned()
        .ok_or_else(|| PyErr::new(ExcKind::IndexError, "deque index out of range"))
}

fn setitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn delitem(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn contains(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__contains__")?;
    let x = one_arg(&args, "__contains__")?;
    let (items, _) = snapshot(d);
    for v in &items {
        if vm.eq(v, x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

/// The other operand's deque, if it is one.
fn other_deque(v: &Value) -> Option<&Deque> {
    match v {
        Value::Instance(i) => i.native::<Deque>(),
        _ => None,
    }
}

fn eq(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__eq__")?;
    let Some(o) = other_deque(one_arg(&args, "__eq__")?) else {
        return Ok(Value::NotImplemented);
    };
    let (a, _) = snapshot(d);
    let (b, _) = snapshot(o);
    if a.len() != b.len() {
        return Ok(Value::Bool(false));
    }
    for (x, y) in a.iter().zip(&b) {
        if !vm.eq(x, y)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn ne(vm: &mut ThreadCtx, args: Args) -> PyResult {
    match eq(vm, args)? {
        Value::Bool(b) => Ok(Value::Bool(!b)),
        other => Ok(other),
    }
}

fn iadd(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let d = me(&args, "__iadd__")?;
    let items = vm.collect(one_arg(&args, "__iadd__")?)?;
    let mut st = d.state.lock();
    for v in items {
        push_back(&mut st, v);
    }
    drop(st);
    Ok(args.positional()[0].clone())
}

fn add(_vm: &mut ThreadCtx, args: Args) -> PyResult {
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

/// A deque iterator's state.
pub struct DequeIter {
    /// The deque (keeps it alive).
    deque: Value,
    /// Next position, counted from the iteration's start end.
    pos: PyCell<usize>,
    /// The deque's version when iteration began.
    version: u64,
    /// Whether it runs right to left.
    reverse: bool,
}

/// `_collections._deque_iterator` and `_deque_reverse_iterator`.
pub static DEQUE_ITER: NativeClass = NativeClass::new(
    "_deque_iterator",
    "_collections",
    &[
        NativeSpec::method("__iter__", iter_self),
        NativeSpec::method("__next__", iter_next),
    ],
);

fn make_iter(args: &Args, reverse: bool, method: &str) -> PyResult {
    let d = me(args, method)?;
    let version = d.state.lock().version;
    Ok(DEQUE_ITER.instance(DequeIter {
        deque: args.positional()[0].clone(),
        pos: PyCell::new(0),
        version,
        reverse,
    }))
}

fn iter(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    make_iter(&args, false, "__iter__")
}

fn reversed(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    make_iter(&args, true, "__reversed__")
}

fn iter_self(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(args.positional()[0].clone())
}

fn iter_next(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let it = args.native_self::<DequeIter>(&DEQUE_ITER, "__next__")?;
    let Some(d) = other_deque(&it.deque) else {
        return Err(PyErr::stop_iteration(None));
    };
    let st = d.state.lock();
    if st.version != it.version {
        return Err(PyErr::new(
            ExcKind::RuntimeError,
            "deque mutated during iteration",
        ));
    }
    let mut pos = it.pos.lock();
    let len = st.items.len();
    if *pos >= len {
        return Err(PyErr::stop_iteration(None));
    }
    let i = if it.reverse { len - 1 - *pos } else { *pos };
    *pos += 1;
    Ok(st.items[i].clone())
}

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
    if !matches!(f, Value::None) && !crate::vm::call::is_callable(&f) {
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

/// The `_collections` module.
pub static MODULE: NativeModule = NativeModule {
    name: "_collections",
    functions: &[],
    classes: &[&DEQUE, &DEFAULTDICT],
    init: None,
};
