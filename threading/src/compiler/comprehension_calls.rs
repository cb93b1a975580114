//! Comprehension calls without a function object: the quickened code of a
//! comprehension or generator expression builds its frame (or generator)
//! straight from the child code.
//!
//! ```text
//!   ops (dis, ≤ 3.9)               quick (≥ 3.10)
//!   MAKE_FUNCTION i, 0             NOP
//!   <first iterable>               <first iterable>
//!   GET_ITER                       CALL_COMPREHENSION i ─┐ covers both
//!   CALL 1                         CALL 1 (skipped)     ─┘
//! ```
//!
//! A comprehension's function object lives from its `MAKE_FUNCTION` to
//! the `CALL` right after its first iterable and is seen by nothing else:
//! the frame (or generator) takes its code, globals and closure cells and
//! the function is dropped. Building the frame from those three directly
//! skips the function's allocation, its metadata (name, qualname,
//! `__module__`), its closure vector and all of their reference counts,
//! for every comprehension evaluated (nqueens evaluates two or three
//! generator expressions per permutation).
//!
//! Why these positions are known: the compiler records them while it
//! emits the sequence (`expr.rs`, `comprehension`), so no pass has to
//! match `MAKE_FUNCTION`s to `CALL`s across the iterable's own code (which
//! may hold other comprehensions and lambdas). Instructions are only ever
//! appended, so a recorded index stays right.
//!
//! Check points: `CALL_COMPREHENSION` checks the GIL where the `CALL` it
//! covers did, and `MAKE_FUNCTION` had none under the ≥ 3.10 policy; the
//! ≤ 3.9 policy runs the unquickened `ops`, whose every instruction
//! counts, so nothing moves in either era.
//!
//! Differs from CPython 3.11, which still makes the function object for
//! every comprehension (3.12 inlines list, set and dict comprehensions
//! into their parent instead, PEP 709, but not generator expressions). The
//! difference is invisible: nothing can reach the function between its
//! creation and the call, and the generator's `__name__`/`__qualname__`
//! and the frame's code (tracebacks, repr) come from the same child code.
//!
//! Python equivalent: `MAKE_FUNCTION` + `PRECALL`/`CALL` in 3.11's
//! `compiler_comprehension` (`Python/compile.c`).

use crate::bytecode::Op;

/// Where one comprehension's sequence sits in a code object's `ops`.
#[derive(Clone, Copy, Debug)]
pub(super) struct ComprehensionCall {
    /// Index of its `MAKE_FUNCTION child, 0`.
    pub make_function: usize,
    /// Index of the `GET_ITER` right before its `CALL 1`.
    pub get_iter: usize,
    /// The comprehension's code: its index in `children`.
    pub child: u32,
}

/// Writes `NOP` over each recorded `MAKE_FUNCTION` and
/// `CALL_COMPREHENSION` over its `GET_ITER` in `quick` (the `CALL 1`
/// after it stays, skipped). A site whose instructions are not exactly
/// the expected ones is left alone (the plain path), so a change to the
/// compiler's sequence degrades to the slower code rather than to wrong
/// code.
pub(super) fn fuse(ops: &[Op], quick: &mut [Op], calls: &[ComprehensionCall]) {
    for call in calls {
        let expected = (
            ops.get(call.make_function),
            ops.get(call.get_iter),
            ops.get(call.get_iter + 1),
        );
        let (Some(&Op::MakeFunction(i, 0)), Some(&Op::GetIter), Some(&Op::Call(1))) = expected
        else {
            continue;
        };
        // The quickening passes before this one write no superinstruction
        // over these three, so they are still the plain ones here.
        let untouched = quick.get(call.make_function) == Some(&Op::MakeFunction(i, 0))
            && quick.get(call.get_iter) == Some(&Op::GetIter);
        if i != call.child || !untouched {
            continue;
        }
        quick[call.make_function] = Op::Nop;
        quick[call.get_iter] = Op::CallComprehension(i);
    }
}

#[cfg(test)]
mod tests {
    use crate::bytecode::Op;

    fn quick_of(src: &str) -> (Vec<Op>, Vec<Op>) {
        let code = crate::compiler::compile_source("t.py", src).expect("compiles");
        (code.ops.to_vec(), code.quick.to_vec())
    }

    #[test]
    fn a_genexp_call_is_fused_and_its_make_function_is_a_nop() {
        let (ops, quick) = quick_of("s = set(x + 1 for x in range(3))\n");
        let mf = ops
            .iter()
            .position(|op| matches!(op, Op::MakeFunction(_, 0)))
            .expect("the genexp's MAKE_FUNCTION");
        let gi = ops
            .iter()
            .position(|op| matches!(op, Op::GetIter))
            .expect("its GET_ITER");
        assert_eq!(quick[mf], Op::Nop);
        assert!(matches!(quick[gi], Op::CallComprehension(_)));
        assert_eq!(quick[gi + 1], Op::Call(1), "the covered CALL stays");
        // The unquickened ops (dis, ≤ 3.9) are untouched.
        assert!(!ops.iter().any(|op| matches!(op, Op::CallComprehension(_))));
    }

    #[test]
    fn nested_comprehensions_and_lambdas_in_the_iterable_pair_up() {
        let (ops, quick) = quick_of("r = [y for y in (z * 2 for z in map(lambda q: q, [1, 2]))]\n");
        let fused: Vec<u32> = quick
            .iter()
            .filter_map(|op| match op {
                Op::CallComprehension(i) => Some(*i),
                _ => None,
            })
            .collect();
        assert_eq!(fused.len(), 2, "the listcomp and the genexp: {quick:?}");
        // The lambda's MAKE_FUNCTION is still there in the quickened code.
        let lambdas_kept = ops
            .iter()
            .zip(&quick)
            .filter(|(o, q)| matches!(o, Op::MakeFunction(..)) && o == q)
            .count();
        assert_eq!(lambdas_kept, 1);
    }
}
