//! # `itertools` constructors: arguments in, [`ItState`] out
//!
//! The `__new__` of every non-combinatoric itertools class (`count`,
//! `cycle`, `repeat`, `islice`, `chain`, `zip_longest`, `accumulate`,
//! `starmap`, `takewhile`, `dropwhile`, `filterfalse`, `compress`,
//! `pairwise`) and the two `__repr__`s CPython gives (`count`, `repeat`).
//! Each checks its arguments with CPython's messages, turns iterable
//! arguments into iterators once, and stores the starting state; nothing
//! here steps an iterator.
//!
//! Python equivalent: the `*_new` functions of `Modules/itertoolsmodule.c`.
//!
//! Needs: the parent `mod.rs` (the state, the classes, `make`, `rest`).

use super::{
    make, rest, ItIter, ItState, ACCUMULATE, CHAIN, COMPRESS, COUNT, CYCLE, DROPWHILE, FILTERFALSE,
    ISLICE, PAIRWISE, REPEAT, STARMAP, TAKEWHILE, ZIP_LONGEST,
};
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

pub(super) fn count_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    let [start, step] = a.bind("count", ["start", "step"], 0)?;
    let num = |vm: &mut ThreadCtx, v: Option<&Value>| -> PyResult<Value> {
        match v {
            None => Ok(Value::Int(0)),
            Some(
                v @ (Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(Flag(_))),
            ) => Ok(v.clone()),
            Some(v) => {
                // Anything that adds: CPython accepts any number.
                let _ = vm;
                Err(PyErr::type_error(format!(
                    "a number is required, not '{}'",
                    v.type_name()
                )))
            }
        }
    };
    let cur = num(vm, start)?;
    let step = match step {
        None => Value::Int(1),
        s => num(vm, s)?,
    };
    make(&COUNT, ItState::Count { cur, step })
}

pub(super) fn count_repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let it = args.native_self::<ItIter>(&COUNT, "__repr__")?;
    let (cur, step) = match &*it.state.lock() {
        ItState::Count { cur, step } => (cur.clone(), step.clone()),
        _ => return Ok(Value::str("count()")),
    };
    let c = vm.repr(&cur)?;
    Ok(Value::string(match step {
        Value::Int(1) => format!("count({c})"),
        s => format!("count({c}, {})", vm.repr(&s)?),
    }))
}

pub(super) fn cycle_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    a.arity("cycle", 1, 1)?;
    let source = vm.get_iter(&a.positional()[0])?;
    make(
        &CYCLE,
        ItState::Cycle {
            source: Some(source),
            saved: Vec::new(),
            index: 0,
        },
    )
}

pub(super) fn repeat_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    let [obj, times] = a.bind("repeat", ["object", "times"], 1)?;
    let left = match times {
        Some(t) => Some(index_arg(vm, t)?.max(0)),
        None => None,
    };
    make(
        &REPEAT,
        ItState::Repeat {
            obj: obj.cloned().unwrap_or(Value::None),
            left,
        },
    )
}

pub(super) fn repeat_repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let it = args.native_self::<ItIter>(&REPEAT, "__repr__")?;
    let (obj, left) = match &*it.state.lock() {
        ItState::Repeat { obj, left } => (obj.clone(), *left),
        _ => return Ok(Value::str("repeat()")),
    };
    let o = vm.repr(&obj)?;
    Ok(Value::string(match left {
        Some(n) => format!("repeat({o}, {n})"),
        None => format!("repeat({o})"),
    }))
}

pub(super) fn islice_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    a.no_kwargs("islice")?;
    a.arity("islice", 2, 4)?;
    let p = a.positional();
    let source = vm.get_iter(&p[0])?;
    let arg = |vm: &mut ThreadCtx, v: &Value, what: &str| -> PyResult<Option<i64>> {
        match v {
            Value::None => Ok(None),
            v => match vm.index_value(v)? {
                Some(i) if i >= 0 => Ok(Some(i)),
                _ => Err(PyErr::new(ExcKind::ValueError, what.to_string())),
            },
        }
    };
    const STOP_MSG: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const IDX_MSG: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (start, stop, step) = if p.len() == 2 {
        (0, arg(vm, &p[1], STOP_MSG)?, 1)
    } else {
        let start = arg(vm, &p[1], IDX_MSG)?.unwrap_or(0);
        let stop = arg(vm, &p[2], STOP_MSG)?;
        let step = match p.get(3) {
            Some(s) => match arg(
                vm,
                s,
                "Step for islice() must be a positive integer or None.",
            )? {
                Some(0) => {
                    return Err(PyErr::new(
                        ExcKind::ValueError,
                        "Step for islice() must be a positive integer or None.",
                    ))
                }
                Some(s) => s,
                None => 1,
            },
            None => 1,
        };
        (start, stop, step)
    };
    make(
        &ISLICE,
        ItState::Islice {
            source,
            pos: 0,
            next: start,
            stop,
            step,
        },
    )
}

pub(super) fn chain_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    a.no_kwargs("chain")?;
    let sources = vm.get_iter(&Value::tuple(a.positional().to_vec()))?;
    make(
        &CHAIN,
        ItState::Chain {
            sources,
            current: None,
        },
    )
}

pub(super) fn chain_from_iterable(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    a.arity("from_iterable", 1, 1)?;
    let sources = vm.get_iter(&a.positional()[0])?;
    make(
        &CHAIN,
        ItState::Chain {
            sources,
            current: None,
        },
    )
}

pub(super) fn zip_longest_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    let mut fill = Value::None;
    for (k, v) in a.kwargs() {
        if k.as_str() == "fillvalue" {
            fill = v.clone();
        } else {
            return Err(PyErr::type_error(format!(
                "zip_longest() got an unexpected keyword argument '{}'",
                k.as_str()
            )));
        }
    }
    let mut sources = Vec::new();
    for v in a.positional() {
        sources.push(Some(vm.get_iter(v)?));
    }
    make(&ZIP_LONGEST, ItState::ZipLongest { sources, fill })
}

pub(super) fn accumulate_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    let [it, func] = {
        let pos = a.positional();
        if pos.len() > 2 {
            return Err(PyErr::type_error(
                "accumulate() takes at most 2 positional arguments",
            ));
        }
        [pos.first(), pos.get(1).or(a.kw("func"))]
    };
    let Some(it) = it.or(a.kw("iterable")) else {
        return Err(PyErr::type_error(
            "accumulate() missing required argument 'iterable' (pos 1)",
        ));
    };
    let source = vm.get_iter(it)?;
    let func = func.filter(|f| !matches!(f, Value::None)).cloned();
    let initial = a
        .kw("initial")
        .filter(|v| !matches!(v, Value::None))
        .cloned();
    make(
        &ACCUMULATE,
        ItState::Accumulate {
            source,
            func,
            total: None,
            initial,
        },
    )
}

/// `(f, iterable)` constructors.
fn pred_args(vm: &mut ThreadCtx, args: &Args, name: &str) -> PyResult<(Value, Value)> {
    let a = rest(args);
    a.no_kwargs(name)?;
    a.arity(name, 2, 2)?;
    let p = a.positional();
    Ok((p[0].clone(), vm.get_iter(&p[1])?))
}

pub(super) fn starmap_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (func, source) = pred_args(vm, &args, "starmap")?;
    make(&STARMAP, ItState::Starmap { func, source })
}

pub(super) fn takewhile_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (pred, source) = pred_args(vm, &args, "takewhile")?;
    make(
        &TAKEWHILE,
        ItState::TakeWhile {
            pred,
            source,
            done: false,
        },
    )
}

pub(super) fn dropwhile_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (pred, source) = pred_args(vm, &args, "dropwhile")?;
    make(
        &DROPWHILE,
        ItState::DropWhile {
            pred,
            source,
            dropping_done: false,
        },
    )
}

pub(super) fn filterfalse_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (pred, source) = pred_args(vm, &args, "filterfalse")?;
    make(&FILTERFALSE, ItState::FilterFalse { pred, source })
}

pub(super) fn compress_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    let [data, selectors] = a.bind("compress", ["data", "selectors"], 2)?;
    let data = vm.get_iter(data.unwrap_or(&Value::None))?;
    let selectors = vm.get_iter(selectors.unwrap_or(&Value::None))?;
    make(&COMPRESS, ItState::Compress { data, selectors })
}

pub(super) fn pairwise_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    a.arity("pairwise", 1, 1)?;
    let source = vm.get_iter(&a.positional()[0])?;
    make(&PAIRWISE, ItState::Pairwise { source, prev: None })
}
