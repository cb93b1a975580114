//! Quickening: rewrite hot four-instruction patterns into one
//! superinstruction, so the count loop dispatches 2 ops per iteration
//! instead of 9.
//!
//! ```text
//!   LOAD_FAST i; LOAD_CONST 0; COMPARE_OP >; POP_JUMP_IF_FALSE end
//!     ─▶ FUSED_FAST_CONST_COMPARE_JUMP (i, 0, >, end) + the 3 originals kept
//!   LOAD_FAST i; LOAD_CONST 1; BINARY_OP -=; STORE_FAST i
//!     ─▶ FUSED_FAST_CONST_OP_STORE (i, 1, -, i)       + the 3 originals kept
//!   ... the same + JUMP_BACKWARD top
//!     ─▶ FUSED_FAST_CONST_OP_STORE_JUMP (i, 1, -, i, top): 2 dispatches per
//!        iteration of `while i > 0: i -= 1` instead of 9
//! ```
//!
//! The fused op overwrites only the *first* instruction of the pattern and
//! skips the other three when it runs; the three stay in place, so a jump
//! that lands in the middle of the pattern still finds the ordinary
//! instructions (CPython 3.11 places its superinstructions the same way).
//! Only locals and constants are involved, which no other thread can see, so
//! an `every-instruction` eval breaker that skips the three inner check
//! points changes timing, never results. `--dis` prints the unquickened
//! `Code::ops`.
//!
//! Python equivalent: `Python/specialize.c`'s superinstructions
//! (`LOAD_FAST__LOAD_CONST`, ...), taken one step further.

use crate::bytecode::Op;

/// Returns `ops` with superinstructions written over hot patterns.
pub fn quicken(ops: &[Op]) -> Vec<Op> {
    let mut quick = ops.to_vec();
    let small = |v: u32| u16::try_from(v).ok();
    let mut i = 0;
    while i + 3 < ops.len() {
        if let (Op::LoadFast(a), Op::LoadConst(c)) = (ops[i], ops[i + 1]) {
            if let (Some(a), Some(c)) = (small(a), small(c)) {
                match (ops[i + 2], ops[i + 3]) {
                    (Op::CompareOp(op), Op::PopJumpIfFalse(t)) => {
                        quick[i] = Op::FusedFastConstCompareJump(a, c, op, t);
                    }
                    (Op::BinaryOp(op, _), Op::StoreFast(d)) => {
                        if let Some(d) = small(d) {
                            quick[i] = match ops.get(i + 4) {
                                Some(Op::JumpBackward(t)) => {
                                    Op::FusedFastConstOpStoreJump(a, c, op, d, *t)
                                }
                                _ => Op::FusedFastConstOpStore(a, c, op, d),
                            };
                        }
                    }
                    _ => {}
                }
            }
        }
        i += 1;
    }
    quick
}
