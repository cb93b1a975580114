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
/// lost updates so readily. `RESUME` did not exist before 3.11: its check
/// stands for the check 3.9 made before a frame's first instruction, so
/// the instruction after it is not checked a second time. JUMP_FORWARD
/// ended in FAST_DISPATCH too, and so did the conditional jumps when the
/// condition was exactly `True` or `False` (Simplification: MiniPy skips
/// after them whatever the condition; a non-bool condition, which 3.9
/// tested with `PyObject_IsTrue` and then checked, is rare in the loops
/// where switches matter, whose conditions are comparisons).
pub(super) fn skips_next_check(op: Op) -> bool {
    matches!(
        op,
        Op::Resume
            | Op::LoadFast(_)
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
            | Op::JumpForward(_)
            | Op::PopJumpIfFalse(_)
            | Op::PopJumpIfTrue(_)
            | Op::JumpIfFalseOrPop(_)
            | Op::JumpIfTrueOrPop(_)
    )
}

/// Whether CPython ≤ 3.9 skipped the eval-breaker check *before* `op`
/// whatever came before it: its main loop jumped straight past the check
/// when the next opcode was SETUP_FINALLY (entering a `try`), SETUP_WITH
/// (entering a `with`: MiniPy's BEFORE_WITH) or YIELD_FROM (a frame parked
/// in `yield from` being resumed, so a chain of delegating generators
/// reaches its innermost frame before anything runs — bpo-30039).
pub(super) fn never_checked_before(op: Op) -> bool {
    matches!(op, Op::SetupFinally(_) | Op::BeforeWith | Op::YieldFrom)
}
