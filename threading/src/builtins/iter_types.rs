//! `range`, `slice`, the iterator classes (`enumerate`, `zip`, `map`,
//! `filter`, `reversed` and the containers' iterators), generators and
//! coroutines (`send`, `throw`, `close`).
//!
//! Python equivalent: `Objects/rangeobject.c`, `Objects/sliceobject.c`,
//! `Objects/enumobject.c`, `Python/bltinmodule.c` (`zip`, `map`,
//! `filter`), `Objects/genobject.c`.

use crate::object::builtin_types::types;
use crate::object::iter::IterState;
use crate::object::range::Range;
use crate::object::refcount::Arc;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::iter::{iter_value, GenStep};
use crate::vm::native::{Args, NativeSpec};
use crate::vm::number::{int_ref, IntRef};
use crate::vm::ThreadCtx;

fn range_int(vm: &mut ThreadCtx, v: &Value) -> PyResult<i64> {
    match int_ref(v) {
        Some(IntRef::Small(i)) => Ok(i),
        Some(IntRef::Big(_)) => Err(PyErr::new(
            ExcKind::OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
        None => match vm.index_value(v)? {
            Some(i) => Ok(i),
            None => Err(crate::vm::args::not_an_int(v)),
        },
    }
}

fn range_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    rest.no_kwargs("range")?;
    let p = rest.positional();
    let (start, stop, step) = match p.len() {
        1 => (0, range_int(vm, &p[0])?, 1),
        2 => (range_int(vm, &p[0])?, range_int(vm, &p[1])?, 1),
        3 => (
            range_int(vm, &p[0])?,
            range_int(vm, &p[1])?,
            range_int(vm, &p[2])?,
        ),
        0 => {
            return Err(PyErr::type_error(
                "range expected at least 1 argument, got 0",
            ))
        }
        n => {
            return Err(PyErr::type_error(format!(
                "range expected at most 3 arguments, got {n}"
            )))
        }
    };
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Arc::new(Range { start, stop, step })))
}

fn range_of<'a>(args: &Args<'a>) -> PyResult<&'a Range> {
    match args.positional().first() {
        Some(Value::Range(r)) => Ok(r),
        _ => Err(PyErr::type_error("range method needs a range")),
    }
}

fn range_start(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(range_of(&args)?.start))
}

fn range_stop(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(range_of(&args)?.stop))
}

fn range_step(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(range_of(&args)?.step))
}

fn range_index(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let r = range_of(&args)?;
    let v = args.get(1).cloned().unwrap_or(Value::None);
    if let Some(IntRef::Small(i)) = int_ref(&v) {
        if r.contains(i) {
            return Ok(Value::Int((i - r.start) / r.step));
        }
    }
    Err(PyErr::value_error(format!(
        "{} is not in range",
        match &v {
            Value::Int(i) => i.to_string(),
            _ => "value".into(),
        }
    )))
}

fn range_count(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let r = range_of(&args)?;
    let v = args.get(1).cloned().unwrap_or(Value::None);
    Ok(Value::Int(match int_ref(&v) {
        Some(IntRef::Small(i)) => r.contains(i) as i64,
        _ => 0,
    }))
}

fn range_reversed(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let r = range_of(&args)?;
    let n = r.len();
    let rev = if n == 0 {
        Range {
            start: 0,
            stop: 0,
            step: 1,
        }
    } else {
        let last = r.item(n - 1);
        Range {
            start: last,
            stop: r.start - r.step,
            step: -r.step,
        }
    };
    Ok(Value::RangeIter(Arc::new(
        crate::object::range::RangeIter::new(&rev),
    )))
}

/// `range`'s methods.
pub static RANGE_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", range_new),
    NativeSpec::getter("start", range_start),
    NativeSpec::getter("stop", range_stop),
    NativeSpec::getter("step", range_step),
    NativeSpec::method("index", range_index),
    NativeSpec::method("count", range_count),
    NativeSpec::method("__reversed__", range_reversed),
];

fn slice_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    let p = rest.positional();
    let get = |i: usize| p.get(i).cloned().unwrap_or(Value::None);
    Ok(match p.len() {
        1 => crate::vm::subscript::new_slice(Value::None, get(0), Value::None),
        2 => crate::vm::subscript::new_slice(get(0), get(1), Value::None),
        3 => crate::vm::subscript::new_slice(get(0), get(1), get(2)),
        n => {
            return Err(PyErr::type_error(format!(
                "slice expected at most 3 arguments, got {n}"
            )))
        }
    })
}

fn slice_of<'a>(args: &Args<'a>) -> PyResult<&'a crate::object::range::Slice> {
    match args.positional().first() {
        Some(Value::Slice(s)) => Ok(s),
        _ => Err(PyErr::type_error("slice method needs a slice")),
    }
}

fn slice_start(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(slice_of(&args)?.start.clone())
}

fn slice_stop(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(slice_of(&args)?.stop.clone())
}

fn slice_step(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(slice_of(&args)?.step.clone())
}

fn slice_indices(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let s = slice_of(&args)?;
    let n = index_arg(vm, args.get(1).unwrap_or(&Value::Int(0)))?;
    if n < 0 {
        return Err(PyErr::value_error("length should not be negative"));
    }
    let ix = vm.slice_indices(s, n as usize)?;
    Ok(Value::tuple(vec![
        Value::Int(ix.start),
        Value::Int(ix.stop),
        Value::Int(ix.step),
    ]))
}

/// `slice`'s methods.
pub static SLICE_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", slice_new),
    NativeSpec::getter("start", slice_start),
    NativeSpec::getter("stop", slice_stop),
    NativeSpec::getter("step", slice_step),
    NativeSpec::method("indices", slice_indices),
];

fn enumerate_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    let [iterable, start] = rest.bind("enumerate", ["iterable", "start"], 1)?;
    let inner = vm.get_iter(iterable.unwrap_or(&Value::None))?;
    let count = match start {
        Some(s) => {
            if int_ref(s).is_none() {
                return Err(crate::vm::args::not_an_int(s));
            }
            s.clone()
        }
        None => Value::Int(0),
    };
    Ok(iter_value(IterState::Enumerate { inner, count }))
}

fn zip_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    let mut strict = false;
    for (k, v) in rest.kwargs() {
        if k.as_str() == "strict" {
            strict = vm.truthy(v)?;
        } else {
            return Err(PyErr::type_error(format!(
                "zip() got an unexpected keyword argument '{}'",
                k.as_str()
            )));
        }
    }
    let mut iters = Vec::with_capacity(rest.len());
    for (i, a) in rest.positional().iter().enumerate() {
        match vm.get_iter(a) {
            Ok(it) => iters.push(it),
            Err(e) if e.is(ExcKind::TypeError) => {
                return Err(PyErr::type_error(format!(
                    "zip argument #{} must support iteration",
                    i + 1
                )))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(iter_value(IterState::Zip { iters, strict }))
}

fn map_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    rest.no_kwargs("map")?;
    let p = rest.positional();
    if p.len() < 2 {
        return Err(PyErr::type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(p.len() - 1);
    for a in &p[1..] {
        iters.push(vm.get_iter(a)?);
    }
    Ok(iter_value(IterState::Map {
        func: p[0].clone(),
        iters,
    }))
}

fn filter_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    rest.no_kwargs("filter")?;
    rest.arity("filter", 2, 2)?;
    let p = rest.positional();
    let inner = vm.get_iter(&p[1])?;
    Ok(iter_value(IterState::Filter {
        func: p[0].clone(),
        inner,
    }))
}

fn reversed_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (_, rest) = args.split_self();
    rest.no_kwargs("reversed")?;
    // CPython's `reversed_new_impl` checks with `_PyArg_CheckPositional`,
    // whose words differ from a function's "takes exactly one argument".
    let [seq] = rest.positional() else {
        return Err(PyErr::type_error(format!(
            "reversed expected 1 argument, got {}",
            rest.positional().len()
        )));
    };
    let seq = seq.clone();
    if let Value::Instance(_) = &seq {
        if let Some(m) = vm.special_method(&seq, &types().names.reversed)? {
            return vm.call(&m, &[]);
        }
    }
    match &seq {
        Value::Range(r) => {
            let r = r.clone();
            return range_reversed(vm, Args::positional_only(&[Value::Range(r)]));
        }
        Value::List(l) => {
            let n = l.len();
            return Ok(iter_value(IterState::ListReverse {
                seq: seq.clone(),
                next: n,
            }));
        }
        Value::Dict(d) => {
            let keys: Vec<Value> = d.entries().into_iter().rev().map(|(k, _)| k).collect();
            return Ok(iter_value(IterState::Tuple {
                seq: Value::tuple(keys),
                index: 0,
            }));
        }
        Value::DictView(view) => {
            let items: Vec<Value> = view
                .dict
                .as_dict()
                .map(|d| d.entries())
                .unwrap_or_default()
                .into_iter()
                .rev()
                .map(|(k, v)| match view.kind {
                    crate::object::iter::ViewKind::Keys => k,
                    crate::object::iter::ViewKind::Values => v,
                    crate::object::iter::ViewKind::Items => Value::tuple(vec![k, v]),
                })
                .collect();
            return Ok(iter_value(IterState::Tuple {
                seq: Value::tuple(items),
                index: 0,
            }));
        }
        _ => {}
    }
    let has_getitem = matches!(
        seq,
        Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::ByteArray(_)
    ) || seq.as_list().is_some()
        || seq.class().lookup(&types().names.getitem).is_some();
    if !has_getitem {
        return Err(PyErr::type_error(format!(
            "'{}' object is not reversible",
            seq.type_name()
        )));
    }
    let n = vm.len(&seq)?;
    Ok(iter_value(IterState::SeqReverse { seq, next: n }))
}

fn iter_self(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(args.positional().first().cloned().unwrap_or(Value::None))
}

fn iter_next(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let it = args.positional().first().cloned().unwrap_or(Value::None);
    match vm.next(&it)? {
        Some(v) => Ok(v),
        None => Err(PyErr::stop_iteration(None)),
    }
}

fn iter_length_hint(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let it = args.positional().first().cloned().unwrap_or(Value::None);
    if let Value::RangeIter(r) = &it {
        return Ok(Value::Int(r.remaining()));
    }
    let _ = vm;
    Ok(Value::Int(0))
}

/// The methods every built-in iterator class has.
pub static ITERATOR_METHODS: &[NativeSpec] = &[
    NativeSpec::method("__iter__", iter_self),
    NativeSpec::method("__next__", iter_next),
    NativeSpec::method("__length_hint__", iter_length_hint),
];

/// `enumerate`'s constructor (plus the iterator methods).
pub static ENUMERATE_METHODS: &[NativeSpec] = &[NativeSpec::staticmethod("__new__", enumerate_new)];
/// `zip`'s constructor.
pub static ZIP_METHODS: &[NativeSpec] = &[NativeSpec::staticmethod("__new__", zip_new)];
/// `map`'s constructor.
pub static MAP_METHODS: &[NativeSpec] = &[NativeSpec::staticmethod("__new__", map_new)];
/// `filter`'s constructor.
pub static FILTER_METHODS: &[NativeSpec] = &[NativeSpec::staticmethod("__new__", filter_new)];
/// `reversed`'s constructor.
pub static REVERSED_METHODS: &[NativeSpec] = &[NativeSpec::staticmethod("__new__", reversed_new)];

/// The generator in `args[0]`.
fn gen_of(args: &Args) -> PyResult<Arc<crate::object::generator::Generator>> {
    match args.positional().first() {
        Some(Value::Generator(g)) => Ok(g.clone()),
        _ => Err(PyErr::type_error("generator method needs a generator")),
    }
}

/// A generator's step as `send` reports it.
fn step_result(step: GenStep) -> PyResult {
    match step {
        GenStep::Yielded(v) => Ok(v),
        GenStep::Returned(v) => Err(PyErr::stop_iteration(match v {
            Value::None => None,
            v => Some(v),
        })),
    }
}

fn gen_send(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let g = gen_of(&args)?;
    args.arity("send", 2, 2)?;
    let step = vm.resume_generator(&g, args.positional()[1].clone())?;
    step_result(step)
}

fn gen_next(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let g = gen_of(&args)?;
    let step = vm.resume_generator(&g, Value::None)?;
    step_result(step)
}

fn gen_throw(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let g = gen_of(&args)?;
    args.arity("throw", 2, 4)?;
    let p = args.positional();
    let exc = match (&p[1], p.get(2)) {
        (Value::Type(_), Some(v)) if !matches!(v, Value::None) => match v {
            Value::Instance(i) if i.exc().is_some() => PyErr::Exc(i.clone()),
            other => {
                let made = vm.call(&p[1], std::slice::from_ref(other))?;
                vm.make_raisable(made, None)?
            }
        },
        (v, _) => vm.make_raisable(v.clone(), None)?,
    };
    let step = vm.gen_throw(&g, exc)?;
    step_result(step)
}

fn gen_close(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let g = gen_of(&args)?;
    vm.gen_close(&g)?;
    Ok(Value::None)
}

fn gen_frame(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let g = gen_of(&args)?;
    Ok(if g.is_done() {
        Value::None
    } else {
        Value::Bool(Flag(true))
    })
}

fn coro_await(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(args.positional().first().cloned().unwrap_or(Value::None))
}

/// Generator methods.
pub static GENERATOR_METHODS: &[NativeSpec] = &[
    NativeSpec::method("send", gen_send),
    NativeSpec::method("throw", gen_throw),
    NativeSpec::method("close", gen_close),
    NativeSpec::method("__next__", gen_next),
    NativeSpec::method("__iter__", iter_self),
    NativeSpec::getter("gi_frame", gen_frame),
];

/// Coroutine methods.
pub static COROUTINE_METHODS: &[NativeSpec] = &[
    NativeSpec::method("send", gen_send),
    NativeSpec::method("throw", gen_throw),
    NativeSpec::method("close", gen_close),
    NativeSpec::method("__await__", coro_await),
    NativeSpec::getter("cr_frame", gen_frame),
];

fn function_get(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let p = args.positional();
    match p.get(1) {
        None | Some(Value::None) => Ok(p[0].clone()),
        Some(obj) => Ok(Value::Method(Arc::new(crate::object::function::Method {
            func: p[0].clone(),
            self_: obj.clone(),
        }))),
    }
}

/// Function methods.
pub static FUNCTION_METHODS: &[NativeSpec] = &[NativeSpec::method("__get__", function_get)];
