//! Quickening: rewrite hot instruction sequences into one superinstruction
//! each, so the count loop dispatches 2 ops per iteration instead of 9.
//!
//! ```text
//!   LOAD_FAST i; LOAD_CONST 0; COMPARE_OP >; POP_JUMP_IF_FALSE end
//!     ─▶ FUSED_FAST_CONST_COMPARE_JUMP (i, 0, >, end)   + the 3 originals kept
//!   LOAD_FAST i; LOAD_CONST 1; BINARY_OP -=; STORE_FAST i [; JUMP_BACKWARD top]
//!     ─▶ FUSED_FAST_CONST_OP_STORE[_JUMP] (i, 1, -, i[, top])
//!   LOAD x; LOAD y; BINARY_OP; STORE_FAST d ─▶ FUSED_LOAD_LOAD_OP_STORE
//!   LOAD x; LOAD y; BINARY_OP               ─▶ FUSED_LOAD_LOAD_BINARY_OP
//!   LOAD y; BINARY_OP                       ─▶ FUSED_LOAD_BINARY_OP (TOS op y)
//!   LOAD y; COMPARE_OP; POP_JUMP_IF_FALSE   ─▶ FUSED_LOAD_COMPARE_JUMP
//!   COMPARE_OP; POP_JUMP_IF_FALSE/TRUE      ─▶ FUSED_COMPARE_JUMP
//!   IS_OP; POP_JUMP_IF_FALSE/TRUE           ─▶ FUSED_IS_JUMP
//!   LOAD_CONST; IS_OP; POP_JUMP_IF_FALSE/TRUE ─▶ FUSED_CONST_IS_JUMP
//!   LOAD_FAST; LOAD_CONST; IS_OP; POP_JUMP_IF_* ─▶ FUSED_FAST_CONST_IS_JUMP
//!   LOAD_FAST; RETURN_VALUE                 ─▶ FUSED_RETURN_FAST
//!   LOAD_CONST; RETURN_VALUE                ─▶ FUSED_RETURN_CONST
//!   LOAD_GLOBAL; POP_JUMP_IF_FALSE/TRUE     ─▶ FUSED_GLOBAL_JUMP
//!   LOAD_GLOBAL; COMPARE_OP; POP_JUMP_IF_*  ─▶ FUSED_GLOBAL_COMPARE_JUMP
//!   FOR_ITER; STORE_FAST                    ─▶ FUSED_FOR_ITER_STORE
//!   FOR_ITER; UNPACK_SEQUENCE 2; STORE_FAST a; STORE_FAST b
//!                                           ─▶ FUSED_FOR_ITER_UNPACK_STORE2
//!   UNPACK_SEQUENCE n; STORE_FAST × n       ─▶ FUSED_UNPACK_STORE (n ≤ 16)
//!   COPY 2; COPY 2; BINARY_SUBSCR           ─▶ FUSED_DUP_SUBSCR
//!   BINARY_OP; SWAP 3; SWAP 2; STORE_SUBSCR ─▶ FUSED_OP_STORE_SUBSCR
//!   (LOAD = LOAD_FAST or LOAD_CONST)
//! ```
//!
//! The fused op overwrites only the *first* instruction of the pattern and
//! skips the others when it runs; they stay in place, so a jump that
//! lands in the middle of the pattern still finds the ordinary
//! instructions (CPython 3.11 places its superinstructions the same way).
//! A superinstruction has no check point inside, so it would narrow the
//! window in which a switch can split a read-modify-write: the VM runs
//! quickened code only under the `calls-and-backward-jumps` policy (3.10+,
//! which does not check there anyway; a fused backward jump keeps its
//! check), and the plain `Code::ops` under `every-instruction` (3.9 had no
//! superinstructions either). `--dis` prints the unquickened ops.
//!
//! Python equivalent: `Python/specialize.c`'s superinstructions
//! (`LOAD_FAST__LOAD_CONST`, ...), taken one step further.

use crate::bytecode::{JumpIf, Op, Src, INPLACE_BIT};

/// A `POP_JUMP_IF_FALSE t` / `POP_JUMP_IF_TRUE t` a fused test covers.
struct PopJump {
    /// Which answer of the test jumps.
    when: JumpIf,
    /// The jump target.
    target: u32,
}

/// The conditional jump `op` is, if it is one.
fn pop_jump(op: Op) -> Option<PopJump> {
    match op {
        Op::PopJumpIfFalse(target) => Some(PopJump {
            when: JumpIf::False,
            target,
        }),
        Op::PopJumpIfTrue(target) => Some(PopJump {
            when: JumpIf::True,
            target,
        }),
        _ => None,
    }
}

/// `IS_OP negate; POP_JUMP_IF_*` as one test: which answer of a plain
/// `is` jumps (`is not` flips it, so the fused op never negates).
fn is_jump(negate: bool, jump: PopJump) -> PopJump {
    let when = match (negate, jump.when) {
        (false, when) => when,
        (true, JumpIf::False) => JumpIf::True,
        (true, JumpIf::True) => JumpIf::False,
    };
    PopJump { when, ..jump }
}

/// The operand a `LOAD_FAST`/`LOAD_CONST` reads, if it is one.
pub(super) fn src(op: Op) -> Option<Src> {
    match op {
        Op::LoadFast(i) => u16::try_from(i).ok().map(Src::Fast),
        Op::LoadConst(i) => u16::try_from(i).ok().map(Src::Const),
        _ => None,
    }
}

/// Returns `ops` with superinstructions written over hot patterns, longest
/// pattern first at each position.
pub fn quicken(ops: &[Op]) -> Vec<Op> {
    let mut quick = ops.to_vec();
    let small = |v: u32| u16::try_from(v).ok();
    let at = |i: usize| ops.get(i).copied().unwrap_or(Op::Nop);
    for (i, slot) in quick.iter_mut().enumerate() {
        let fused = match (at(i), at(i + 1), at(i + 2), at(i + 3), at(i + 4)) {
            (Op::LoadFast(a), Op::LoadConst(c), Op::BinaryOp(op, _), Op::StoreFast(d), next)
                if small(a).is_some() && small(c).is_some() && small(d).is_some() =>
            {
                let (a, c, d) = (a as u16, c as u16, d as u16);
                Some(match next {
                    Op::JumpBackward(t) => Op::FusedFastConstOpStoreJump(a, c, op, d, t),
                    _ => Op::FusedFastConstOpStore(a, c, op, d),
                })
            }
            (Op::LoadFast(a), Op::LoadConst(c), Op::CompareOp(op), Op::PopJumpIfFalse(t), _)
                if small(a).is_some() && small(c).is_some() =>
            {
                Some(Op::FusedFastConstCompareJump(a as u16, c as u16, op, t))
            }
            (x, y, Op::BinaryOp(op, inplace), Op::StoreFast(d), _)
                if src(x).is_some() && src(y).is_some() && d < u32::from(INPLACE_BIT) =>
            {
                let d = d as u16 | if inplace { INPLACE_BIT } else { 0 };
                src(x)
                    .zip(src(y))
                    .map(|(x, y)| Op::FusedLoadLoadOpStore(x, y, op, d))
            }
            (x, y, Op::BinaryOp(op, inplace), ..) if src(x).is_some() && src(y).is_some() => src(x)
                .zip(src(y))
                .map(|(x, y)| Op::FusedLoadLoadBinop(x, y, op, inplace)),
            (y, Op::CompareOp(op), Op::PopJumpIfFalse(t), ..) if src(y).is_some() => {
                src(y).map(|y| Op::FusedLoadCompareJump(y, op, t))
            }
            (y, Op::BinaryOp(op, inplace), ..) if src(y).is_some() => {
                src(y).map(|y| Op::FusedLoadBinop(y, op, inplace))
            }
            (Op::LoadFast(a), Op::LoadConst(c), Op::IsOp(negate), jump, _)
                if small(a).is_some() && small(c).is_some() =>
            {
                pop_jump(jump)
                    .map(|j| is_jump(negate, j))
                    .map(|j| Op::FusedFastConstIsJump(a as u16, c as u16, j.when, j.target))
            }
            (Op::LoadConst(c), Op::IsOp(negate), jump, ..) if small(c).is_some() => pop_jump(jump)
                .map(|j| is_jump(negate, j))
                .map(|j| Op::FusedConstIsJump(c as u16, j.when, j.target)),
            (Op::IsOp(negate), jump, ..) => pop_jump(jump)
                .map(|j| is_jump(negate, j))
                .map(|j| Op::FusedIsJump(j.when, j.target)),
            (Op::LoadGlobal(g), Op::CompareOp(op), jump, ..) => {
                pop_jump(jump).map(|j| Op::FusedGlobalCompareJump(g, op, j.when, j.target))
            }
            (Op::LoadGlobal(g), jump, ..) => {
                pop_jump(jump).map(|j| Op::FusedGlobalJump(g, j.when, j.target))
            }
            (Op::CompareOp(op), jump, ..) => {
                pop_jump(jump).map(|j| Op::FusedCompareJump(op, j.when, j.target))
            }
            (Op::LoadFast(a), Op::ReturnValue, ..) => small(a).map(Op::FusedReturnFast),
            (Op::LoadConst(c), Op::ReturnValue, ..) => small(c).map(Op::FusedReturnConst),
            (Op::ForIter(t), Op::UnpackSequence(2), Op::StoreFast(a), Op::StoreFast(b), _) => {
                small(a)
                    .zip(small(b))
                    .map(|(a, b)| Op::FusedForIterUnpackStore2(t, a, b))
            }
            // Its targets and operands are filled by `attach_unpack_targets`.
            (Op::UnpackSequence(n), ..)
                if (1..=16).contains(&n)
                    && (1..=n as usize).all(|k| matches!(at(i + k), Op::StoreFast(_))) =>
            {
                Some(Op::FusedUnpackStore(n as u16, 0, 0))
            }
            (Op::LoadFast(a), Op::LoadConst(c), Op::Copy(2), Op::Copy(2), Op::BinarySubscr) => {
                small(a)
                    .zip(small(c))
                    .map(|(a, c)| Op::FusedFastConstDupSubscr(a, c))
            }
            (Op::Copy(2), Op::Copy(2), Op::BinarySubscr, ..) => Some(Op::FusedDupSubscr),
            (Op::BinaryOp(op, inplace), Op::Swap(3), Op::Swap(2), Op::StoreSubscr, _) => {
                Some(Op::FusedOpStoreSubscr(op, inplace))
            }
            (Op::ForIter(t), Op::StoreFast(d), ..) => small(d).map(|d| Op::FusedForIterStore(t, d)),
            _ => None,
        };
        if let Some(f) = fused {
            *slot = f;
        }
    }
    quick
}

/// Gives each `FUSED_UNPACK_STORE` in `quick` its targets: the slots of
/// the `STORE_FAST`s that follow its `UNPACK_SEQUENCE` in `ops` (the
/// original stream: later passes may rewrite the covered instructions of
/// `quick`), appended to the returned table, with the op's operands set to
/// their count, highest slot and start. The VM then checks one slot
/// against the frame's locals and stores from a slice of `u16`s, where it
/// read each target out of the 12-byte instructions after checking them
/// all first (`vm/unpack_store.rs`). A target past `u16` leaves the
/// plain `UNPACK_SEQUENCE` in place.
pub fn attach_unpack_targets(ops: &[Op], quick: &mut [Op]) -> Box<[u16]> {
    let mut table = Vec::new();
    for (i, slot) in quick.iter_mut().enumerate() {
        let Op::FusedUnpackStore(n, ..) = *slot else {
            continue;
        };
        let stores = ops.get(i + 1..=i + usize::from(n)).unwrap_or(&[]);
        let targets: Option<Vec<u16>> = stores
            .iter()
            .map(|op| match *op {
                Op::StoreFast(d) => u16::try_from(d).ok(),
                _ => None,
            })
            .collect();
        match (targets, u32::try_from(table.len())) {
            (Some(targets), Ok(at)) if targets.len() == usize::from(n) => {
                let top = targets.iter().copied().max().unwrap_or(0);
                table.extend(targets);
                *slot = Op::FusedUnpackStore(n, top, at);
            }
            _ => *slot = ops[i],
        }
    }
    table.into_boxed_slice()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `FUSED_UNPACK_STORE`'s fast path reads its targets from the
    /// quickened stream (`vm/eval.rs`): the `STORE_FAST`s it covers must
    /// stay there as they are, even where another pattern could start.
    #[test]
    fn the_stores_an_unpack_covers_stay_in_the_quickened_stream() {
        let ops = [
            Op::UnpackSequence(3),
            Op::StoreFast(0),
            Op::StoreFast(1),
            Op::StoreFast(2),
            Op::LoadFast(0),
            Op::LoadConst(0),
            Op::BinaryOp(crate::ast::BinOp::Add, false),
            Op::StoreFast(1),
            Op::LoadFast(1),
            Op::ReturnValue,
        ];
        let mut quick = quicken(&ops);
        let table = attach_unpack_targets(&ops, &mut quick);
        assert!(matches!(quick[0], Op::FusedUnpackStore(3, 2, 0)));
        assert_eq!(&*table, &[0, 1, 2]);
        for (k, slot) in quick[1..4].iter().enumerate() {
            assert!(matches!(*slot, Op::StoreFast(d) if d as usize == k));
        }
    }
}
