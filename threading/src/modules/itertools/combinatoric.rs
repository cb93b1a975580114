//! # `itertools` combinatorics: `product`, `permutations`, `combinations`
//!
//! ```text
//!   pool = [a, b, c]   indices = [0, 1]   ─step─▶ (a, b) (a, c) (b, c) ...
//! ```
//!
//! The four combinatoric iterators share one state,
//! [`ItState::Indices`]: the pool of items and a vector of indices into it
//! that [`combinatoric_step`] advances in lexicographic order (for
//! `permutations`, with the cycles of CPython's algorithm). `product`
//! concatenates its pools and keeps their sizes, so one index vector
//! serves all of them. Every step is done inside the cell: no Python code
//! runs, so a step is atomic under the GIL.
//!
//! Python equivalent: `product_next`, `permutations_next`,
//! `combinations_next` and `cwr_next` in `Modules/itertoolsmodule.c`
//! (the pure-Python recipes in the `itertools` docs).
//!
//! Needs: the parent `mod.rs` (the state, the classes, `make`, `rest`).

use super::{
    make, rest, Combinatoric, ItState, COMBINATIONS, COMBINATIONS_WR, PERMUTATIONS, PRODUCT,
};
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

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

pub(super) fn product_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

pub(super) fn permutations_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (pool, r) = pool_r(vm, &args, "permutations", false)?;
    make(
        &PERMUTATIONS,
        indices(Combinatoric::Permutations, pool, Vec::new(), r),
    )
}

pub(super) fn combinations_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (pool, r) = pool_r(vm, &args, "combinations", true)?;
    make(
        &COMBINATIONS,
        indices(Combinatoric::Combinations, pool, Vec::new(), r),
    )
}

pub(super) fn combinations_wr_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
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

/// The result tuple of a combinatoric iterator, advancing it.
pub(super) fn combinatoric_step(st: &mut ItState) -> Option<Value> {
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
