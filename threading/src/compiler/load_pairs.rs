//! The last quickening pass but one (`method_calls.rs`, which reads its
//! output, runs after it): a plain `LOAD_FAST`/`LOAD_CONST` that is still
//! itself after the other passes is fused with the instruction after it
//! when that one is another plain load, a call, or (for a local) a
//! conditional jump.
//!
//! ```text
//!   LOAD x; LOAD y                   ─▶ FUSED_LOAD_LOAD (x, y)
//!   LOAD x; CALL n / CALL_METHOD n   ─▶ FUSED_LOAD_CALL[_METHOD] (x, n)
//!   LOAD_FAST a; POP_JUMP_IF_* t     ─▶ FUSED_FAST_JUMP (a, when, t)
//!   (LOAD = LOAD_FAST or LOAD_CONST)
//! ```
//!
//! Why (nearly) last: the other passes (`quicken.rs`, `attr_sites.rs`,
//! `comprehension_calls.rs`) look for plain `LOAD_FAST`s in front of what
//! they fuse (`self.x`, `local.name += y`, `x = y op z`), and their longer
//! patterns save more; this pass takes only the loads they left. Why
//! these three followers: they are what a load is most often followed by
//! once the longer patterns are taken (counted per pair of executed
//! instructions over the 13 pyperformance files: a load then a load is a
//! quarter of fannkuch's instructions and 5–7 % of nqueens' and
//! spectral_norm's; a load then a call 2.5–5 % of float's, spectral_norm's,
//! hexiom's, go's and deltablue's; a local then a jump 2–4 % of go's and
//! fannkuch's).
//!
//! As everywhere in quickening, only the first op is overwritten and the
//! second stays, for a jump that lands on it; the fused op carries its own
//! operands, so a later rewrite of the second (by this pass, fusing it
//! with a third) changes nothing for the first. Check points do not move:
//! loads and conditional jumps have none under the ≥ 3.10 policy, and the
//! fused call runs the covered call's arm, check first, after the push, as
//! the two instructions did; the ≤ 3.9 policy runs the unquickened ops.
//!
//! Python equivalent: CPython 3.11's `LOAD_FAST__LOAD_FAST`,
//! `LOAD_FAST__LOAD_CONST` and `LOAD_CONST__LOAD_FAST`
//! (`Python/specialize.c`); the load-call and load-jump pairs are ours.

use super::quicken::src as load;
use crate::bytecode::{JumpIf, Op, Src};

/// The fused form of `first; second`, if this pass has one.
fn fused(first: Op, second: Op) -> Option<Op> {
    let x = load(first)?;
    let call_args = |n: u32| u16::try_from(n).ok();
    match (x, second) {
        (_, Op::LoadFast(_) | Op::LoadConst(_)) => load(second).map(|y| Op::FusedLoadLoad(x, y)),
        (_, Op::Call(n)) => call_args(n).map(|n| Op::FusedLoadCall(x, n)),
        (_, Op::CallMethod(n)) => call_args(n).map(|n| Op::FusedLoadCallMethod(x, n)),
        (Src::Fast(a), Op::PopJumpIfFalse(t)) => Some(Op::FusedFastJump(a, JumpIf::False, t)),
        (Src::Fast(a), Op::PopJumpIfTrue(t)) => Some(Op::FusedFastJump(a, JumpIf::True, t)),
        _ => None,
    }
}

/// Rewrites each plain load of `quick` that the next instruction pairs
/// with (see the module docs). Reads each pair before either is
/// rewritten: the scan goes forward and overwrites only the first.
pub fn fuse(quick: &mut [Op]) {
    for i in 0..quick.len().saturating_sub(1) {
        if let Some(op) = fused(quick[i], quick[i + 1]) {
            quick[i] = op;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_pair_with_loads_calls_and_a_locals_jump_only() {
        let mut quick = [
            Op::LoadFast(0),
            Op::LoadConst(1),
            Op::LoadFast(2),
            Op::CallMethod(1),
            Op::LoadFast(3),
            Op::PopJumpIfTrue(0),
            Op::LoadConst(0),
            Op::PopJumpIfFalse(0),
            Op::LoadFast(70_000),
            Op::LoadFast(1),
            Op::ReturnValue,
        ];
        fuse(&mut quick);
        assert_eq!(quick[0], Op::FusedLoadLoad(Src::Fast(0), Src::Const(1)));
        // The second of a pair is fused with its own successor too (a
        // jump may land on it).
        assert_eq!(quick[1], Op::FusedLoadLoad(Src::Const(1), Src::Fast(2)));
        assert_eq!(quick[2], Op::FusedLoadCallMethod(Src::Fast(2), 1));
        assert_eq!(quick[3], Op::CallMethod(1));
        assert_eq!(quick[4], Op::FusedFastJump(3, JumpIf::True, 0));
        // A constant's truth is the compiler's business, not a jump's.
        assert_eq!(quick[6], Op::LoadConst(0));
        // A local past `u16` stays plain, and so does a pair it starts.
        assert_eq!(quick[8], Op::LoadFast(70_000));
        assert_eq!(quick[9], Op::LoadFast(1));
    }
}
