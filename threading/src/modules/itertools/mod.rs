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
//!
//! ## Files, bottom-up
//! | file | holds |
//! |---|---|
//! | `mod.rs` | the state ([`ItState`]), the classes, the module table |
//! | `constructors.rs` | `__new__` of the non-combinatoric classes, two `__repr__`s |
//! | `combinatoric.rs` | `product`, `permutations`, `combinations`: constructors and step |
//! | `step.rs` | `__next__` of every class: the in-cell step and the calls outside it |

mod combinatoric;
mod constructors;
mod step;

use crate::object::cell::PyCell;
use crate::object::{PyResult, Value};
use crate::vm::native::{Args, NativeClass, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;
use combinatoric::{combinations_new, combinations_wr_new, permutations_new, product_new};
use constructors::{
    accumulate_new, chain_from_iterable, chain_new, compress_new, count_new, count_repr, cycle_new,
    dropwhile_new, filterfalse_new, islice_new, pairwise_new, repeat_new, repeat_repr, starmap_new,
    takewhile_new, zip_longest_new,
};
use step::next;

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
