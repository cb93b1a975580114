//! # `itertools`: lazy iterator building blocks
//!
//! ```text
//!   count(start, step)  cycle(it)  repeat(x[, n])  islice(it, [start,] stop[, step])
//!   chain(*its) / chain.from_iterable(its)   zip_longest(*its, fillvalue)
//!   accumulate(it[, func][, initial])  starmap(f, it)  takewhile/dropwhile(p, it)
//!   filterfalse(p, it)  compress(data, sel)  pairwise(it)
//!   product(*its, repeat)  permutations(it[, r])  combinations(it, r)
//!   combinations_with_replacement(it, r)
//! ```
//!
//! Every iterator is one native class whose state is an [`ItState`] in the
//! one cell type; `__next__` takes one step. A step that must call Python
//! (a predicate, `next()` of the source) copies what it needs out of the
//! cell first. `count().__next__` is one critical section, so it is atomic
//! under the GIL (threading's `Thread-N` names rely on that, as CPython's
//! do).
//!
//! Left out: `groupby`, `tee`.
//!
//! Python equivalent: `Modules/itertoolsmodule.c`.

use crate::ast::BinOp;
use crate::object::cell::PyCell;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{Args, NativeClass, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;

/// The state of one itertools iterator.
pub enum ItState {
    /// `count(cur, step)`.
    Count {
        /// The next value.
        cur: Value,
        /// The increment.
        step: Value,
    },
    /// `cycle(it)`.
    Cycle {
        /// The source, until exhausted.
        source: Option<Value>,
        /// What it produced so far.
        saved: Vec<Value>,
        /// Position in `saved` once the source is exhausted.
        index: usize,
    },
    /// `repeat(obj, times)`.
    Repeat {
        /// The object.
        obj: Value,
        /// How many more (`None`: forever).
        left: Option<i64>,
    },
    /// `islice(it, start, stop, step)`.
    Islice {
        /// The source.
        source: Value,
        /// Index of the next item the source gives.
        pos: i64,
        /// Index of the next item to yield.
        next: i64,
        /// Stop index (`None`: none).
        stop: Option<i64>,
        /// Step.
        step: i64,
    },
    /// `chain(*iterables)`.
    Chain {
        /// An iterator over the iterables.
        sources: Value,
        /// The iterator being drained.
        current: Option<Value>,
    },
    /// `zip_longest(*its, fillvalue)`.
    ZipLongest {
        /// The sources (`None`: exhausted).
        sources: Vec<Option<Value>>,
        /// The fill value.
        fill: Value,
    },
    /// `accumulate(it, func, initial)`.
    Accumulate {
        /// The source.
        source: Value,
        /// The function (`None`: `+`).
        func: Option<Value>,
        /// The running total (`None`: nothing yet).
        total: Option<Value>,
        /// `initial`, yielded first.
        initial: Option<Value>,
    },
    /// `starmap(f, it)`.
    Starmap {
        /// The function.
        func: Value,
        /// The source of argument tuples.
        source: Value,
    },
    /// `takewhile(p, it)`.
    TakeWhile {
        /// The predicate.
        pred: Value,
        /// The source.
        source: Value,
        /// The predicate failed once.
        done: bool,
    },
    /// `dropwhile(p, it)`.
    DropWhile {
        /// The predicate.
        pred: Value,
        /// The source.
        source: Value,
        /// Dropping ended.
        dropping_done: bool,
    },
    /// `filterfalse(p, it)`.
    FilterFalse {
        /// The predicate (`None`: truth).
        pred: Value,
        /// The source.
        source: Value,
    },
    /// `compress(data, selectors)`.
    Compress {
        /// The data.
        data: Value,
        /// The selectors.
        selectors: Value,
    },
    /// `pairwise(it)`.
    Pairwise {
        /// The source.
        source: Value,
        /// The previous item.
        prev: Option<Value>,
    },
    /// A combinatoric iterator over `pool` by index vectors.
    Indices {
        /// The items.
        pool: Vec<Value>,
        /// The current indices (`None`: exhausted).
        indices: Option<Vec<usize>>,
        /// Which sequence.
        kind: Combinatoric,
        /// Whether the first result was produced.
        started: bool,
        /// For `product`: the size of each position's pool.
        sizes: Vec<usize>,
        /// For `permutations`: the cycles of the algorithm.
        cycles: Vec<usize>,
        /// For `permutations`: r.
        r: usize,
    },
    /// Exhausted.
    Done,
}

/// The combinatoric sequences.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Combinatoric {
    /// `product`.
    Product,
    /// `permutations`.
    Permutations,
    /// `combinations`.
    Combinations,
    /// `combinations_with_replacement`.
    CombinationsWithReplacement,
}

/// The native state of every itertools iterator.
pub struct ItIter {
    /// The state, in the one cell type.
    state: PyCell<ItState>,
}

macro_rules! iterator_class {
    ($stat:ident, $name:literal, $new:ident $(, $extra:expr)*) => {
        /// `itertools.` class of the same name.
        pub static $stat: NativeClass = NativeClass::new(
            $name,
            "itertools",
            &[
                NativeSpec::staticmethod("__new__", $new),
                NativeSpec::method("__iter__", iter_self),
                NativeSpec::method("__next__", next),
                $($extra,)*
            ],
        );
    };
}

iterator_class!(
    COUNT,
    "count",
    count_new,
    NativeSpec::method("__repr__", count_repr)
);
iterator_class!(CYCLE, "cycle", cycle_new);
iterator_class!(
    REPEAT,
    "repeat",
    repeat_new,
    NativeSpec::method("__repr__", repeat_repr)
);
iterator_class!(ISLICE, "islice", islice_new);
iterator_class!(
    CHAIN,
    "chain",
    chain_new,
    NativeSpec::classmethod("from_iterable", chain_from_iterable)
);
iterator_class!(ZIP_LONGEST, "zip_longest", zip_longest_new);
iterator_class!(ACCUMULATE, "accumulate", accumulate_new);
iterator_class!(STARMAP, "starmap", starmap_new);
iterator_class!(TAKEWHILE, "takewhile", takewhile_new);
iterator_class!(DROPWHILE, "dropwhile", dropwhile_new);
iterator_class!(FILTERFALSE, "filterfalse", filterfalse_new);
iterator_class!(COMPRESS, "compress", compress_new);
iterator_class!(PAIRWISE, "pairwise", pairwise_new);
iterator_class!(PRODUCT, "product", product_new);
iterator_class!(PERMUTATIONS, "permutations", permutations_new);
iterator_class!(COMBINATIONS, "combinations", combinations_new);
iterator_class!(
    COMBINATIONS_WR,
    "combinations_with_replacement",
    combinations_wr_new
);

/// A new iterator of `class` with `state`.
fn make(class: &'static NativeClass, state: ItState) -> PyResult {
    Ok(class.instance(ItIter {
        state: PyCell::new(state),
    }))
}

/// The positional arguments after the class (`__new__(cls, ...)`).
fn rest<'a>(args: &Args<'a>) -> Args<'a> {
    args.split_self().1
}

fn iter_self(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(args.positional()[0].clone())
}

fn count_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    let [start, step] = a.bind("count", ["start", "step"], 0)?;
    let num = |vm: &mut ThreadCtx, v: Option<&Value>| -> PyResult<Value> {
        match v {
            None => Ok(Value::Int(0)),
            Some(v @ (Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_))) => {
                Ok(v.clone())
            }
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

fn count_repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn cycle_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn repeat_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn repeat_repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn islice_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn chain_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn chain_from_iterable(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn zip_longest_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn accumulate_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn starmap_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (func, source) = pred_args(vm, &args, "starmap")?;
    make(&STARMAP, ItState::Starmap { func, source })
}

fn takewhile_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn dropwhile_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

fn filterfalse_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (pred, source) = pred_args(vm, &args, "filterfalse")?;
    make(&FILTERFALSE, ItState::FilterFalse { pred, source })
}

fn compress_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    let [data, selectors] = a.bind("compress", ["data", "selectors"], 2)?;
    let data = vm.get_iter(data.unwrap_or(&Value::None))?;
    let selectors = vm.get_iter(selectors.unwrap_or(&Value::None))?;
    make(&COMPRESS, ItState::Compress { data, selectors })
}

fn pairwise_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    a.arity("pairwise", 1, 1)?;
    let source = vm.get_iter(&a.positional()[0])?;
    make(&PAIRWISE, ItState::Pairwise { source, prev: None })
}

/// A combinatoric iterator's state.
fn indices(kind: Combinatoric, pool: Vec<Value>, sizes: Vec<usize>, r: usize) -> ItState {
    let n = pool.len();
    let indices = match kind {
        Combinatoric::Product => {
            if sizes.contains(&0) {
                None
            } else {
                Some(vec![0; sizes.len()])
            }
        }
        Combinatoric::Permutations => (r <= n).then(|| (0..n).collect()),
        Combinatoric::Combinations => (r <= n).then(|| (0..r).collect()),
        Combinatoric::CombinationsWithReplacement => (n > 0 || r == 0).then(|| vec![0; r]),
    };
    ItState::Indices {
        pool,
        indices,
        kind,
        started: false,
        sizes,
        cycles: if kind == Combinatoric::Permutations {
            (0..r).map(|i| n - i).collect()
        } else {
            Vec::new()
        },
        r,
    }
}

fn product_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let a = rest(&args);
    let mut repeat = 1;
    for (k, v) in a.kwargs() {
        if k.as_str() == "repeat" {
            repeat = index_arg(vm, v)?;
            if repeat < 0 {
                return Err(PyErr::new(
                    ExcKind::ValueError,
                    "repeat argument cannot be negative",
                ));
            }
        } else {
            return Err(PyErr::type_error(format!(
                "product() got an unexpected keyword argument '{}'",
                k.as_str()
            )));
        }
    }
    let mut pools: Vec<Vec<Value>> = Vec::new();
    for v in a.positional() {
        pools.push(vm.collect(v)?);
    }
    // The pools, concatenated; `sizes` tells where each starts.
    let mut pool = Vec::new();
    let mut sizes = Vec::new();
    for _ in 0..repeat {
        for p in &pools {
            pool.extend(p.iter().cloned());
            sizes.push(p.len());
        }
    }
    make(&PRODUCT, indices(Combinatoric::Product, pool, sizes, 0))
}

/// `(iterable, r)` of the combinatoric constructors.
fn pool_r(
    vm: &mut ThreadCtx,
    args: &Args,
    name: &str,
    r_required: bool,
) -> PyResult<(Vec<Value>, usize)> {
    let a = rest(args);
    let [it, r] = a.bind(name, ["iterable", "r"], if r_required { 2 } else { 1 })?;
    let pool = vm.collect(it.unwrap_or(&Value::None))?;
    let r = match r {
        None | Some(Value::None) => pool.len() as i64,
        Some(v) => index_arg(vm, v)?,
    };
    if r < 0 {
        return Err(PyErr::new(ExcKind::ValueError, "r must be non-negative"));
    }
    Ok((pool, r as usize))
}

fn permutations_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (pool, r) = pool_r(vm, &args, "permutations", false)?;
    make(
        &PERMUTATIONS,
        indices(Combinatoric::Permutations, pool, Vec::new(), r),
    )
}

fn combinations_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (pool, r) = pool_r(vm, &args, "combinations", true)?;
    make(
        &COMBINATIONS,
        indices(Combinatoric::Combinations, pool, Vec::new(), r),
    )
}

fn combinations_wr_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (pool, r) = pool_r(vm, &args, "combinations_with_replacement", true)?;
    make(
        &COMBINATIONS_WR,
        indices(
            Combinatoric::CombinationsWithReplacement,
            pool,
            Vec::new(),
            r,
        ),
    )
}

/// `StopIteration`, the end of every iterator here.
fn stop() -> PyErr {
    PyErr::stop_iteration(None)
}

/// The state of the receiver (any itertools class).
fn state<'a>(args: &Args<'a>) -> PyResult<&'a ItIter> {
    if let Some(Value::Instance(i)) = args.positional().first() {
        if let Some(s) = i.native::<ItIter>() {
            return Ok(s);
        }
    }
    Err(PyErr::type_error(
        "descriptor '__next__' needs an itertools object",
    ))
}

/// What one step needs to do outside the cell.
enum Work {
    /// The answer.
    Ready(Value),
    /// Exhausted.
    Stop,
    /// `count`: compute `cur + step` (not ints).
    CountAdd(Value, Value),
    /// Pull one item from `source` (the state says what to do with it).
    Pull(Value),
    /// `zip_longest`: pull from every live source.
    Zip(Vec<Option<Value>>, Value),
}

/// `__next__` of every itertools iterator.
fn next(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let it = state(&args)?;
    loop {
        let work = quick_step(&mut it.state.lock());
        match work {
            Work::Ready(v) => return Ok(v),
            Work::Stop => return Err(stop()),
            Work::CountAdd(cur, step) => {
                let nxt = vm.binary_op(BinOp::Add, &cur, &step)?;
                if let ItState::Count { cur: c, .. } = &mut *it.state.lock() {
                    *c = nxt;
                }
                return Ok(cur);
            }
            Work::Pull(source) => {
                let item = vm.next(&source)?;
                if let Some(v) = slow_step(vm, it, item)? {
                    return Ok(v);
                }
            }
            Work::Zip(sources, fill) => return zip_longest_step(vm, it, sources, fill),
        }
    }
}

/// The part of a step done inside the cell.
fn quick_step(st: &mut ItState) -> Work {
    match st {
        ItState::Count { cur, step } => match (&*cur, &*step) {
            (Value::Int(c), Value::Int(s)) => match c.checked_add(*s) {
                Some(n) => Work::Ready(std::mem::replace(cur, Value::Int(n))),
                None => Work::CountAdd(cur.clone(), step.clone()),
            },
            _ => Work::CountAdd(cur.clone(), step.clone()),
        },
        ItState::Cycle {
            source,
            saved,
            index,
        } => match source {
            Some(s) => Work::Pull(s.clone()),
            None => {
                if saved.is_empty() {
                    return Work::Stop;
                }
                let v = saved[*index % saved.len()].clone();
                *index = (*index + 1) % saved.len();
                Work::Ready(v)
            }
        },
        ItState::Repeat { obj, left } => match left {
            Some(0) => Work::Stop,
            Some(n) => {
                *n -= 1;
                Work::Ready(obj.clone())
            }
            None => Work::Ready(obj.clone()),
        },
        ItState::Islice {
            source, next, stop, ..
        } => {
            if stop.is_some_and(|s| *next >= s) {
                *st = ItState::Done;
                return Work::Stop;
            }
            Work::Pull(source.clone())
        }
        ItState::Chain { sources, current } => match current {
            Some(c) => Work::Pull(c.clone()),
            None => Work::Pull(sources.clone()),
        },
        ItState::ZipLongest { sources, fill } => Work::Zip(sources.clone(), fill.clone()),
        ItState::Accumulate {
            source,
            initial,
            total,
            ..
        } => {
            if let Some(i) = initial.take() {
                *total = Some(i.clone());
                return Work::Ready(i);
            }
            Work::Pull(source.clone())
        }
        ItState::Starmap { source, .. }
        | ItState::FilterFalse { source, .. }
        | ItState::Pairwise { source, .. } => Work::Pull(source.clone()),
        ItState::TakeWhile { source, done, .. } => {
            if *done {
                Work::Stop
            } else {
                Work::Pull(source.clone())
            }
        }
        ItState::DropWhile { source, .. } => Work::Pull(source.clone()),
        ItState::Compress { data, .. } => Work::Pull(data.clone()),
        ItState::Indices { .. } => match combinatoric_step(st) {
            Some(v) => Work::Ready(v),
            None => {
                *st = ItState::Done;
                Work::Stop
            }
        },
        ItState::Done => Work::Stop,
    }
}

/// The result tuple of a combinatoric iterator, advancing it.
fn combinatoric_step(st: &mut ItState) -> Option<Value> {
    let ItState::Indices {
        pool,
        indices,
        kind,
        started,
        sizes,
        cycles,
        r,
    } = st
    else {
        return None;
    };
    let idx = indices.as_mut()?;
    let n = pool.len();
    let r = *r;
    if *started {
        let advanced = match kind {
            Combinatoric::Product => {
                let mut i = idx.len();
                loop {
                    if i == 0 {
                        break false;
                    }
                    i -= 1;
                    idx[i] += 1;
                    if idx[i] < sizes[i] {
                        break true;
                    }
                    idx[i] = 0;
                }
            }
            Combinatoric::Combinations => {
                let mut found = None;
                for i in (0..r).rev() {
                    if idx[i] != i + n - r {
                        found = Some(i);
                        break;
                    }
                }
                match found {
                    None => false,
                    Some(i) => {
                        idx[i] += 1;
                        for j in i + 1..r {
                            idx[j] = idx[j - 1] + 1;
                        }
                        true
                    }
                }
            }
            Combinatoric::CombinationsWithReplacement => {
                let mut found = None;
                for i in (0..r).rev() {
                    if idx[i] != n - 1 {
                        found = Some(i);
                        break;
                    }
                }
                match found {
                    None => false,
                    Some(i) => {
                        let v = idx[i] + 1;
                        for x in idx.iter_mut().skip(i) {
                            *x = v;
                        }
                        true
                    }
                }
            }
            Combinatoric::Permutations => {
                let mut advanced = false;
                if n > 0 {
                    for i in (0..r).rev() {
                        cycles[i] -= 1;
                        if cycles[i] == 0 {
                            let v = idx.remove(i);
                            idx.push(v);
                            cycles[i] = n - i;
                        } else {
                            let j = cycles[i];
                            idx.swap(i, n - j);
                            advanced = true;
                            break;
                        }
                    }
                }
                advanced
            }
        };
        if !advanced {
            *indices = None;
            return None;
        }
    }
    *started = true;
    let idx = indices.as_ref()?;
    let items: Vec<Value> = match kind {
        Combinatoric::Product => {
            let mut base = 0;
            let mut out = Vec::with_capacity(idx.len());
            for (i, &k) in idx.iter().enumerate() {
                out.push(pool[base + k].clone());
                base += sizes[i];
            }
            out
        }
        Combinatoric::Permutations => idx[..r].iter().map(|&k| pool[k].clone()).collect(),
        _ => idx.iter().map(|&k| pool[k].clone()).collect(),
    };
    Some(Value::tuple(items))
}

/// The part of a step after pulling `item` from the source; `None` to
/// step again.
fn slow_step(vm: &mut ThreadCtx, it: &ItIter, item: Option<Value>) -> PyResult<Option<Value>> {
    enum Then {
        Yield(Value),
        Again,
        Stop,
        Call(Value, Vec<Value>, u8),
    }
    let then = {
        let mut st = it.state.lock();
        match &mut *st {
            ItState::Cycle { source, saved, .. } => match item {
                Some(v) => {
                    saved.push(v.clone());
                    Then::Yield(v)
                }
                None => {
                    *source = None;
                    Then::Again
                }
            },
            ItState::Islice {
                pos, next, step, ..
            } => match item {
                None => {
                    *st = ItState::Done;
                    Then::Stop
                }
                Some(v) => {
                    let here = *pos;
                    *pos += 1;
                    if here == *next {
                        *next += *step;
                        Then::Yield(v)
                    } else {
                        Then::Again
                    }
                }
            },
            ItState::Chain { current, .. } => match (current.is_some(), item) {
                (true, Some(v)) => Then::Yield(v),
                (true, None) => {
                    *current = None;
                    Then::Again
                }
                (false, Some(iterable)) => Then::Call(iterable, Vec::new(), 0),
                (false, None) => {
                    *st = ItState::Done;
                    Then::Stop
                }
            },
            ItState::Accumulate { func, total, .. } => match item {
                None => {
                    *st = ItState::Done;
                    Then::Stop
                }
                Some(v) => match total.clone() {
                    None => {
                        *total = Some(v.clone());
                        Then::Yield(v)
                    }
                    Some(t) => Then::Call(func.clone().unwrap_or(Value::None), vec![t, v], 1),
                },
            },
            ItState::Starmap { func, .. } => match item {
                None => Then::Stop,
                Some(v) => Then::Call(func.clone(), vec![v], 2),
            },
            ItState::TakeWhile { pred, .. } => match item {
                None => Then::Stop,
                Some(v) => Then::Call(pred.clone(), vec![v], 3),
            },
            ItState::DropWhile {
                pred,
                dropping_done,
                ..
            } => match item {
                None => Then::Stop,
                Some(v) if *dropping_done => Then::Yield(v),
                Some(v) => Then::Call(pred.clone(), vec![v], 4),
            },
            ItState::FilterFalse { pred, .. } => match item {
                None => Then::Stop,
                Some(v) => Then::Call(pred.clone(), vec![v], 5),
            },
            ItState::Compress { selectors, .. } => match item {
                None => Then::Stop,
                Some(v) => Then::Call(selectors.clone(), vec![v], 6),
            },
            ItState::Pairwise { prev, .. } => match item {
                None => {
                    *st = ItState::Done;
                    Then::Stop
                }
                Some(v) => match prev.replace(v.clone()) {
                    None => Then::Again,
                    Some(p) => Then::Yield(Value::tuple(vec![p, v])),
                },
            },
            _ => Then::Stop,
        }
    };
    match then {
        Then::Yield(v) => Ok(Some(v)),
        Then::Again => Ok(None),
        Then::Stop => Err(stop()),
        Then::Call(f, a, what) => match what {
            0 => {
                // chain: the next iterable becomes the current iterator.
                let c = vm.get_iter(&f)?;
                if let ItState::Chain { current, .. } = &mut *it.state.lock() {
                    *current = Some(c);
                }
                Ok(None)
            }
            1 => {
                let r = if matches!(f, Value::None) {
                    vm.binary_op(BinOp::Add, &a[0], &a[1])?
                } else {
                    vm.call(&f, &a)?
                };
                if let ItState::Accumulate { total, .. } = &mut *it.state.lock() {
                    *total = Some(r.clone());
                }
                Ok(Some(r))
            }
            2 => {
                let args = vm.collect(&a[0])?;
                Ok(Some(vm.call(&f, &args)?))
            }
            3 => {
                let r = vm.call(&f, &a)?;
                if vm.truthy(&r)? {
                    Ok(a.into_iter().next())
                } else {
                    if let ItState::TakeWhile { done, .. } = &mut *it.state.lock() {
                        *done = true;
                    }
                    Err(stop())
                }
            }
            4 => {
                let r = vm.call(&f, &a)?;
                if vm.truthy(&r)? {
                    Ok(None)
                } else {
                    if let ItState::DropWhile { dropping_done, .. } = &mut *it.state.lock() {
                        *dropping_done = true;
                    }
                    Ok(a.into_iter().next())
                }
            }
            5 => {
                let v = &a[0];
                let r = if matches!(f, Value::None) {
                    v.clone()
                } else {
                    vm.call(&f, &a)?
                };
                if vm.truthy(&r)? {
                    Ok(None)
                } else {
                    Ok(a.into_iter().next())
                }
            }
            _ => {
                // compress: `f` is the selectors iterator.
                match vm.next(&f)? {
                    None => Err(stop()),
                    Some(sel) => {
                        if vm.truthy(&sel)? {
                            Ok(a.into_iter().next())
                        } else {
                            Ok(None)
                        }
                    }
                }
            }
        },
    }
}

/// One step of `zip_longest`.
fn zip_longest_step(
    vm: &mut ThreadCtx,
    it: &ItIter,
    mut sources: Vec<Option<Value>>,
    fill: Value,
) -> PyResult {
    if sources.iter().all(|s| s.is_none()) {
        return Err(stop());
    }
    let mut out = Vec::with_capacity(sources.len());
    for s in sources.iter_mut() {
        match s {
            Some(src) => match vm.next(src)? {
                Some(v) => out.push(v),
                None => {
                    *s = None;
                    out.push(fill.clone());
                }
            },
            None => out.push(fill.clone()),
        }
    }
    let all_done = sources.iter().all(|s| s.is_none());
    if let ItState::ZipLongest { sources: st, .. } = &mut *it.state.lock() {
        *st = sources;
    }
    if all_done {
        *it.state.lock() = ItState::Done;
        return Err(stop());
    }
    Ok(Value::tuple(out))
}

/// The `itertools` module.
pub static MODULE: NativeModule = NativeModule {
    name: "itertools",
    functions: &[],
    classes: &[
        &COUNT,
        &CYCLE,
        &REPEAT,
        &ISLICE,
        &CHAIN,
        &ZIP_LONGEST,
        &ACCUMULATE,
        &STARMAP,
        &TAKEWHILE,
        &DROPWHILE,
        &FILTERFALSE,
        &COMPRESS,
        &PAIRWISE,
        &PRODUCT,
        &PERMUTATIONS,
        &COMBINATIONS,
        &COMBINATIONS_WR,
    ],
    init: None,
};
