//! Gives each attribute instruction of the quickened code its own inline
//! cache: `LOAD_ATTR n` becomes `LOAD_ATTR_CACHED s`, where
//! `attr_sites[s]` remembers the name `n` and what the last lookup there
//! learnt (`object/attr_site.rs`).
//!
//! ```text
//!   ops:    LOAD_FAST self; LOAD_ATTR x;        LOAD_METHOD m;        ...
//!   quick:  LOAD_FAST self; LOAD_ATTR_CACHED 0; LOAD_METHOD_CACHED 1; ...
//!   attr_sites: [ site(x), site(m) ]
//! ```
//!
//! Only `Code::quick` is rewritten: the ≤ 3.9 policy runs the plain `ops`
//! (CPython 3.9 had no specialised instructions either), and `--dis`
//! prints them. The cached ops sit where the plain ones were and keep their
//! (absent) check points, so no switch point moves.
//!
//! Then [`fuse_local_receivers`] writes `LOAD_FAST_ATTR_CACHED l s` over
//! each `LOAD_FAST l` that feeds a cached `LOAD_ATTR` (and
//! `STORE_FAST_ATTR_CACHED` for `STORE_ATTR`, `LOAD_FAST_METHOD_CACHED`
//! for `LOAD_METHOD`), the way `quicken.rs` places
//! its superinstructions: only the first op is overwritten, the second
//! stays for a jump that lands on it.
//!
//! ```text
//!   quick:  LOAD_FAST self; LOAD_ATTR_CACHED 0
//!     ─▶    LOAD_FAST_ATTR_CACHED (self, 0); LOAD_ATTR_CACHED 0 (skipped)
//! ```
//!
//! [`fuse_global_receivers`] does the same for a global receiver:
//! `LOAD_GLOBAL Strength; LOAD_ATTR_CACHED s` ─▶ `LOAD_GLOBAL_ATTR_CACHED`;
//! [`fuse_attr_updates`] covers the seven instructions of `local.name op=
//! y` with `LOAD_FAST_ATTR_UPDATE` (`vm/attr_update.rs`).
//!
//! Python equivalent: the `CACHE` entries CPython 3.11's compiler reserves
//! after `LOAD_ATTR`, `STORE_ATTR` and `LOAD_METHOD`
//! (`Include/internal/pycore_code.h`). The road not taken: a side table
//! indexed by instruction position, which would cost a cache per
//! instruction rather than per attribute instruction.

use crate::bytecode::Op;
use crate::object::attr_site::AttrSite;
use crate::object::refcount::Arc;
use crate::object::str::PyStr;

/// Rewrites the attribute instructions of `quick` to their cached forms;
/// returns their sites, in instruction order.
pub fn attach(quick: &mut [Op], names: &[Arc<PyStr>]) -> Box<[AttrSite]> {
    let mut sites = Vec::new();
    for op in quick.iter_mut() {
        let (name, cached): (u32, fn(u32) -> Op) = match *op {
            Op::LoadAttr(n) => (n, Op::LoadAttrCached),
            Op::StoreAttr(n) => (n, Op::StoreAttrCached),
            Op::LoadMethod(n) => (n, Op::LoadMethodCached),
            _ => continue,
        };
        let Some(key) = names.get(name as usize) else {
            // A name the code object does not have: leave the plain op,
            // whose lookup raises (never made by the compiler).
            continue;
        };
        *op = cached(sites.len() as u32);
        sites.push(AttrSite::new(name, key.clone()));
    }
    sites.into_boxed_slice()
}

/// Fuses `LOAD_FAST l; LOAD_ATTR_CACHED s` into `LOAD_FAST_ATTR_CACHED
/// (l, s)` and `LOAD_FAST l; STORE_ATTR_CACHED s` into
/// `STORE_FAST_ATTR_CACHED (l, s)` (and `LOAD_METHOD` likewise), so `self.x` and `self.x = v` borrow the
/// receiver from its local instead of cloning it onto the stack and
/// dropping it again (two atomic refcount operations per access). Neither
/// op has a check point under the ≥ 3.10 policy, so fusing them moves
/// none. Run after [`attach`]; a `LOAD_FAST` that another superinstruction
/// already covers is left alone (`quicken` rewrote it).
pub fn fuse_local_receivers(quick: &mut [Op]) {
    for i in 0..quick.len().saturating_sub(1) {
        let Op::LoadFast(local) = quick[i] else {
            continue;
        };
        let Ok(local) = u16::try_from(local) else {
            continue;
        };
        quick[i] = match (quick[i + 1], quick.get(i + 2)) {
            (Op::LoadAttrCached(s), Some(Op::BinaryOp(..))) => Op::LoadFastAttrBinop(local, s),
            (Op::LoadAttrCached(s), Some(Op::FusedCompareJump(..))) => {
                Op::LoadFastAttrCompareJump(local, s)
            }
            (Op::LoadAttrCached(s), _) => Op::LoadFastAttrCached(local, s),
            (Op::StoreAttrCached(s), _) => Op::StoreFastAttrCached(local, s),
            (Op::LoadMethodCached(s), _) => Op::LoadFastMethodCached(local, s),
            _ => continue,
        };
    }
}

/// Fuses the local-variable moves around the fused attribute ops (run
/// after [`fuse_local_receivers`]): `x = self.x` (`LOAD_FAST_ATTR_CACHED;
/// STORE_FAST`) becomes `LOAD_FAST_ATTR_STORE_FAST`, and `self.x = x`
/// (`LOAD_FAST; STORE_FAST_ATTR_CACHED`) becomes
/// `LOAD_FAST_STORE_FAST_ATTR`: the value goes between the local and the
/// attribute without a push, a pop and a dispatch. As everywhere here,
/// only the first op is overwritten, and none of these ops has a check
/// point under the ≥ 3.10 policy.
pub fn fuse_local_moves(quick: &mut [Op]) {
    for i in 0..quick.len() {
        let next = |k: usize| quick.get(i + k).copied();
        let fused = match (quick[i], next(1), next(2)) {
            (Op::LoadFastAttrCached(l, s), _, Some(Op::StoreFast(d))) => u16::try_from(d)
                .ok()
                .map(|d| Op::LoadFastAttrStoreFast(l, s, d)),
            (Op::LoadFast(v), Some(Op::StoreFastAttrCached(l, s)), _) => u16::try_from(v)
                .ok()
                .map(|v| Op::LoadFastStoreFastAttr(v, l, s)),
            _ => None,
        };
        if let Some(op) = fused {
            quick[i] = op;
        }
    }
}

/// Fuses `LOAD_GLOBAL g; LOAD_ATTR_CACHED s` into `LOAD_GLOBAL_ATTR_CACHED
/// (g, s)`, so `Strength.REQUIRED` reads the class where its global slot
/// holds it instead of cloning it onto the stack and dropping it again.
/// Followed by a fused compare-and-jump (`if self.direction ==
/// Direction.FORWARD:`, 7 % of deltablue's instructions ran as that
/// triple), it becomes `LOAD_GLOBAL_ATTR_COMPARE_JUMP`, which compares the
/// attribute where the class caches it.
/// `LOAD_GLOBAL` has no check point either, so this moves none. A
/// `LOAD_GLOBAL` that a `quicken` superinstruction covers is left alone
/// (none is followed by a `LOAD_ATTR`, but the test keeps that so).
pub fn fuse_global_receivers(quick: &mut [Op]) {
    for i in 0..quick.len().saturating_sub(1) {
        if let (Op::LoadGlobal(g), Op::LoadAttrCached(s)) = (quick[i], quick[i + 1]) {
            quick[i] = match quick.get(i + 2) {
                Some(Op::FusedCompareJump(..)) => Op::LoadGlobalAttrCompareJump(g, s),
                _ => Op::LoadGlobalAttrCached(g, s),
            };
        }
    }
}

/// Fuses the seven instructions of `local.name op= y` (`LOAD_FAST l;
/// COPY 1; LOAD_ATTR_CACHED s; FUSED_LOAD_BINARY_OP y op=; BINARY_OP;
/// SWAP 2; STORE_ATTR_CACHED s'`, with `y` a local or a constant and both
/// sites for the same name) into `LOAD_FAST_ATTR_UPDATE l`
/// (`vm/attr_update.rs`). Run after [`attach`] and before
/// [`fuse_local_receivers`] (which would not take this `LOAD_FAST`, since
/// a `COPY` follows it, but the order keeps that so). None of the covered
/// instructions has a check point under the ≥ 3.10 policy; the fused op
/// reads their operands where they stay.
pub fn fuse_attr_updates(quick: &mut [Op], sites: &[AttrSite]) {
    for i in 0..quick.len() {
        let Some(window) = quick.get(i..i + 7) else {
            break;
        };
        let [Op::LoadFast(local), Op::Copy(1), Op::LoadAttrCached(load), Op::FusedLoadBinop(_, _, true), Op::BinaryOp(_, true), Op::Swap(2), Op::StoreAttrCached(store)] =
            *window
        else {
            continue;
        };
        let same_name = match (sites.get(load as usize), sites.get(store as usize)) {
            (Some(a), Some(b)) => a.name == b.name,
            _ => false,
        };
        if let (true, Ok(local)) = (same_name, u16::try_from(local)) {
            quick[i] = Op::LoadFastAttrUpdate(local);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::bytecode::Op;

    /// The quickened ops of the first function defined in `src`.
    fn function_quick(src: &str) -> Vec<Op> {
        let module = crate::compiler::compile_source("t.py", src).expect("compiles");
        module.children.first().expect("a function").quick.to_vec()
    }

    fn fused(src: &str) -> usize {
        function_quick(src)
            .iter()
            .filter(|op| matches!(op, Op::LoadFastAttrUpdate(_)))
            .count()
    }

    #[test]
    fn an_attribute_operand_is_fused_with_its_binary_op() {
        let quick = function_quick("def f(a, b):\n    return a.x * b.x\n");
        // After RESUME: `a.x` pushed, `b.x` fused with the multiplication.
        assert!(
            matches!(quick[1], Op::LoadFastAttrCached(0, _)),
            "{quick:?}"
        );
        assert!(matches!(quick[3], Op::LoadFastAttrBinop(1, _)), "{quick:?}");
    }

    #[test]
    fn local_attribute_updates_are_fused_and_nothing_else_is() {
        assert_eq!(fused("def f(c, y):\n    c.n += 1\n    c.n -= y\n"), 2);
        // A call on the right, a global receiver, another attribute's
        // store, a subscript: not the shape.
        assert_eq!(fused("def f(c):\n    c.n += len(c)\n"), 0);
        assert_eq!(fused("def f():\n    g.n += 1\n"), 0);
        assert_eq!(fused("def f(c):\n    c.n = c.m + 1\n"), 0);
        assert_eq!(fused("def f(c):\n    c[0] += 1\n"), 0);
    }
}
