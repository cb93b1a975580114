//! A method called on a local with no argument or one loaded argument,
//! `self.m()` and `self.m(x)`, fused from its lookup to its call: the
//! quickening pass after `load_pairs.rs`, the last one.
//!
//! ```text
//!   quick:  LOAD_FAST_METHOD_CACHED (l, s); LOAD_METHOD_CACHED s; CALL_METHOD 0
//!     ─▶    LOAD_FAST_METHOD_CALL (l, s, -); (skipped);           (skipped)
//!   quick:  LOAD_FAST_METHOD_CACHED (l, s); LOAD_METHOD_CACHED s;
//!           FUSED_LOAD_CALL_METHOD (x, 1);  CALL_METHOD 1
//!     ─▶    LOAD_FAST_METHOD_CALL (l, s, x); (skipped) ...
//! ```
//!
//! The VM's fast path (`vm/method_call.rs`) binds the receiver (and the
//! argument) straight into the method's frame: the function and the
//! receiver never go onto the value stack to be popped again, and the
//! call's dispatch is saved. What it needs to know is all in the fused
//! op, which overwrites only the first instruction: the covered ones stay
//! for a jump that lands on them and for the fast path's fallback, which
//! runs `LOAD_FAST_METHOD_CACHED` and goes on to them.
//!
//! Why only these two shapes: counted per pair of executed instructions,
//! a cached method lookup on a local is followed by its call with no
//! argument 4–10 % of the time in deltablue, richards and raytrace (one
//! instruction in ten in deltablue), and by a one-argument call whose
//! argument is a local or a constant 2.5 % in go; two or more arguments
//! are rarer, and their loads are fused already (`load_pairs.rs`).
//!
//! Check points: the call's (≥ 3.10) is kept where it was, after the
//! lookup and the argument's load, before the frame is entered; the ≤ 3.9
//! policy runs the unquickened ops.
//!
//! Python equivalent: none as one instruction; CPython 3.11 runs
//! `LOAD_METHOD_WITH_VALUES`, `PRECALL_BOUND_METHOD` and
//! `CALL_PY_EXACT_ARGS`, which copy the two pointers through its stack.

use crate::bytecode::Op;

/// Rewrites each cached method lookup on a local whose call follows with
/// no argument or one loaded one (see the module docs). Run after every
/// other pass: it reads their output (`LOAD_FAST_METHOD_CACHED` from
/// `attr_sites.rs`, `FUSED_LOAD_CALL_METHOD` from `load_pairs.rs`).
pub fn fuse(quick: &mut [Op]) {
    for i in 0..quick.len() {
        let Op::LoadFastMethodCached(local, site) = quick[i] else {
            continue;
        };
        // The covered `LOAD_METHOD_CACHED`, then the call.
        let fused = match (quick.get(i + 1), quick.get(i + 2), quick.get(i + 3)) {
            (Some(Op::LoadMethodCached(_)), Some(Op::CallMethod(0)), _) => {
                Op::LoadFastMethodCall(local, site, None)
            }
            (
                Some(Op::LoadMethodCached(_)),
                Some(&Op::FusedLoadCallMethod(arg, 1)),
                Some(Op::CallMethod(1)),
            ) => Op::LoadFastMethodCall(local, site, Some(arg)),
            _ => continue,
        };
        quick[i] = fused;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::Src;

    #[test]
    fn a_local_method_call_with_at_most_one_loaded_argument_is_fused() {
        let mut quick = [
            Op::LoadFastMethodCached(0, 4),
            Op::LoadMethodCached(4),
            Op::CallMethod(0),
            Op::LoadFastMethodCached(1, 5),
            Op::LoadMethodCached(5),
            Op::FusedLoadCallMethod(Src::Const(2), 1),
            Op::CallMethod(1),
            Op::LoadFastMethodCached(1, 6),
            Op::LoadMethodCached(6),
            Op::FusedLoadCallMethod(Src::Fast(2), 2),
            Op::CallMethod(2),
        ];
        fuse(&mut quick);
        assert_eq!(quick[0], Op::LoadFastMethodCall(0, 4, None));
        assert_eq!(quick[1], Op::LoadMethodCached(4));
        assert_eq!(quick[3], Op::LoadFastMethodCall(1, 5, Some(Src::Const(2))));
        // Two arguments: left as it was.
        assert_eq!(quick[7], Op::LoadFastMethodCached(1, 6));
    }
}
