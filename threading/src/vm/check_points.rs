//! Where the eval loop checks the GIL's eval breaker under the ≤ 3.9
//! policy, which checked "every instruction" — except where it did not.
//!
//! CPython ≤ 3.9 ended its cheapest opcodes with `FAST_DISPATCH()`, a jump
//! straight to the next opcode that skipped the eval-breaker test, and
//! predicted the successor of a few others. So "every instruction" really
//! means "every instruction not after one of these", and that placement is
//! what decides where a switch can split `counter += 1`. The ≥ 3.10 policy
//! (checks only at `RESUME`, `CALL`, `JUMP_BACKWARD`) lives in the loop
//! itself, in `eval.rs`. Instructions MiniPy v2 added (closures, classes,
//! generators, ...) all ended in a plain `DISPATCH()` in 3.9, so they check.
//!
//! Python equivalent: `FAST_DISPATCH` and `PREDICT` in CPython 3.9's
//! `Python/ceval.c`.

use crate::bytecode::Op;

/// Whether CPython ≤ 3.9 skipped the eval-breaker check after `op`: its
/// cheap opcodes ended in `FAST_DISPATCH()` (straight to the next opcode),
/// and some predicted their successor (`FOR_ITER` → `STORE_FAST`,
/// `COMPARE_OP` → `POP_JUMP_IF_*`, `GET_ITER` → `FOR_ITER`). So in
/// `for _ in r: counter += 1` the checks sit before `LOAD_CONST` and
/// `STORE_GLOBAL` — inside the read-modify-write — and before the jump
/// and `FOR_ITER`: most switches land inside the window, which is why 3.9
/// lost updates so readily.
pub(super) fn skips_next_check(op: Op) -> bool {
    matches!(
        op,
        Op::LoadFast(_)
            | Op::LoadConst(_)
            | Op::StoreFast(_)
            | Op::PopTop
            | Op::Copy(_)
            | Op::Swap(_)
            | Op::Nop
            | Op::ForIter(_)
            | Op::GetIter
            | Op::CompareOp(_)
            | Op::ContainsOp(_)
            | Op::IsOp(_)
    )
}
