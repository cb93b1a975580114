//! `xs[i]` and `xs[i] = v` on an exact `list` with an `int` index (and
//! `t[i]` on an exact `tuple`), done
//! in the instruction itself: one cell lock, one bounds check, no trip
//! through `get_item`'s instance test, `getitem_base`'s type dispatch and
//! `index_value`'s `__index__` lookup.
//!
//! ```text
//!   BINARY_SUBSCR  (list, int)  ─▶ lock, normalise, clone item   (here)
//!   BINARY_SUBSCR  (tuple, int) ─▶ normalise, clone item (no lock) (here)
//!   STORE_SUBSCR   (list, int)  ─▶ lock, normalise, swap item    (here)
//!   anything else, or out of range ─▶ subscript.rs (raises IndexError,
//!                                     runs a subclass's __getitem__)
//!
//!   xs[i] op= v  compiles to  COPY 2; COPY 2; BINARY_SUBSCR   ... v ...
//!                             BINARY_OP op=; SWAP 3; SWAP 2; STORE_SUBSCR
//!   FUSED_DUP_SUBSCR     the read half: the item pushed, the list and the
//!                        index left in place (no second reference taken)
//!   FUSED_OP_STORE_SUBSCR the write half: the result stored from the top
//!                        of the stack, no swaps
//! ```
//!
//! Each helper answers "done" or "not mine"; on "not mine" the operands
//! are untouched on the stack and the plain path runs exactly as before,
//! so the errors and their messages come from one place (`subscript.rs`).
//! A subclass of `list` is a `Value::Instance`, never `Value::List`, so
//! its `__getitem__` is never skipped. Neither helper is a check point or
//! removes one: both run inside one instruction, under either GIL policy.
//!
//! Python equivalent: CPython 3.11's `BINARY_SUBSCR_LIST_INT`,
//! `BINARY_SUBSCR_TUPLE_INT` and `STORE_SUBSCR_LIST_INT` (`Python/bytecodes.c`), which also take only an
//! exact list and a small non-negative int. Negative indexes are taken
//! here too (one more add), since `xs[-1]` is common in teaching code.
//!
//! Needs only `object` (`Value`, `List`'s cell); the fused forms are
//! written by `compiler/quicken.rs`.

use crate::object::seq::List;
use crate::object::Value;

/// The in-range position of `i` in a sequence of `len` items, Python's
/// way (`-1` is the last); `None` when out of range (the plain path
/// raises the `IndexError`).
#[inline(always)]
fn position(i: i64, len: usize) -> Option<usize> {
    let j = if i < 0 { i.checked_add(len as i64)? } else { i };
    (j >= 0 && (j as usize) < len).then_some(j as usize)
}

/// Pops `[.., list, int, old item]` after a store, dropping the list, then
/// the index, then the old item (a `truncate(n - 3)`'s order). Fast path:
/// three pops, the int's drop known to be nothing; the plain truncate ran
/// the slice drop loop out of line.
#[inline(always)]
fn drop_list_int_item(stack: &mut Vec<Value>) {
    let old = stack.pop();
    super::superinstr::pop_number(stack);
    drop(stack.pop());
    drop(old);
}

/// `list[int]` for the top two stack values `[.., list, int]`, if they are
/// a plain list and an index in range (the stack is left as it is).
#[inline(always)]
fn top_item(stack: &[Value]) -> Option<Value> {
    let [.., Value::List(l), Value::Int(i)] = stack else {
        return None;
    };
    let items = l.lock();
    position(*i, items.len()).map(|j| items[j].clone())
}

/// `tuple[int]` for the top two stack values `[.., tuple, int]`, if they
/// are an exact tuple and an index in range (no lock: a tuple's items
/// never change).
#[inline(always)]
fn top_tuple_item(stack: &[Value]) -> Option<Value> {
    let [.., Value::Tuple(t), Value::Int(i)] = stack else {
        return None;
    };
    position(*i, t.items.len()).map(|j| t.items[j].clone())
}

/// Swaps `value` with the list's item at index `i` (negative counts from
/// the end), under the list's lock; `false` when `i` is out of range.
#[inline(always)]
fn swap_item(l: &List, i: i64, value: &mut Value) -> bool {
    let mut items = l.lock();
    match position(i, items.len()) {
        Some(j) => {
            std::mem::swap(&mut items[j], value);
            true
        }
        None => false,
    }
}

/// `BINARY_SUBSCR` on `[.., list, int]` or `[.., tuple, int]`: replaces the two operands with
/// the item and answers `true`, or answers `false` and leaves the stack as
/// it was.
#[inline(always)]
pub(super) fn binary_subscr_int(stack: &mut Vec<Value>) -> bool {
    let n = stack.len();
    // Two lets, not `or_else`: the closure was left out of line.
    let item = match top_item(stack) {
        Some(item) => item,
        None => match top_tuple_item(stack) {
            Some(item) => item,
            None => return false,
        },
    };
    // The index is an int: popping it drops no heap object. The list's
    // `Arc` is released by the overwrite, after its lock guard is gone.
    super::superinstr::pop_number(stack);
    stack[n - 2] = item;
    true
}

/// `STORE_SUBSCR` on `[.., value, list, int]`: stores, pops all three and
/// answers `true`, or answers `false` and leaves the stack as it was.
#[inline(always)]
pub(super) fn store_subscr_list_int(stack: &mut Vec<Value>) -> bool {
    let n = stack.len();
    if n < 3 {
        return false;
    }
    let (below, operands) = stack.split_at_mut(n - 2);
    let (Value::List(l), Value::Int(i)) = (&operands[0], &operands[1]) else {
        return false;
    };
    // The value and the slot's old item trade places: the old item now
    // sits where the value was on the stack.
    if !swap_item(l, *i, &mut below[n - 3]) {
        return false;
    }
    // The old item is dropped here, after the cell's lock is released
    // (dropping the last reference to a container must not happen inside
    // the cell, as `setitem_base` also takes care to avoid).
    drop_list_int_item(stack);
    true
}

/// `COPY 2; COPY 2; BINARY_SUBSCR` on `[.., list, int]`: pushes the item
/// and answers `true`, or answers `false` with the stack untouched (the
/// caller then runs the covered `COPY 2`s and `BINARY_SUBSCR` plainly).
#[inline(always)]
pub(super) fn dup_subscr_list_int(stack: &mut Vec<Value>) -> bool {
    let Some(item) = top_item(stack) else {
        return false;
    };
    stack.push(item);
    true
}

/// `LOAD_FAST xs; LOAD_CONST i; COPY 2; COPY 2; BINARY_SUBSCR` with the
/// local `xs` and the constant `i` read where they lie: pushes
/// `[xs, i, xs[i]]` and answers `true` when `xs` is a plain list and `i` an
/// int in range; `false` with the stack untouched otherwise (the covered
/// ops then run, raising what they raise).
#[inline(always)]
pub(super) fn push_local_const_item(
    stack: &mut Vec<Value>,
    xs: Option<&Value>,
    i: Option<&Value>,
) -> bool {
    let (Some(xs @ Value::List(l)), Some(&Value::Int(i))) = (xs, i) else {
        return false;
    };
    let item = {
        let items = l.lock();
        match position(i, items.len()) {
            Some(j) => items[j].clone(),
            None => return false,
        }
    };
    // One reservation for the three (three `push`es were each left an
    // out-of-line call).
    stack.extend([xs.clone(), Value::Int(i), item]);
    true
}

/// `SWAP 3; SWAP 2; STORE_SUBSCR` on `[.., list, int, value]` (after an
/// augmented assignment's `BINARY_OP`): stores, pops all three and answers
/// `true`, or answers `false` with the stack untouched.
#[inline(always)]
pub(super) fn store_top_list_int(stack: &mut Vec<Value>) -> bool {
    let n = stack.len();
    if n < 3 {
        return false;
    }
    let (operands, top) = stack.split_at_mut(n - 1);
    let (Value::List(l), Value::Int(i)) = (&operands[n - 3], &operands[n - 2]) else {
        return false;
    };
    // As in `store_subscr_list_int`: the old item takes the value's place
    // on the stack and is dropped after the lock is released.
    if !swap_item(l, *i, &mut top[0]) {
        return false;
    }
    drop_list_int_item(stack);
    true
}
