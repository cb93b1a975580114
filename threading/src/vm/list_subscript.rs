//! `xs[i]` and `xs[i] = v` on an exact `list` with an `int` index (and
//! `t[i]` on an exact `tuple`), done
//! in the instruction itself: one cell lock, one bounds check, no trip
//! through `get_item`'s instance test, `getitem_base`'s type dispatch and
//! `index_value`'s `__index__` lookup.
//!
//! ```text
//!   BINARY_SUBSCR  (list, int)  ─▶ lock, normalise, clone item   (here)
//!   BINARY_SUBSCR  (tuple, int) ─▶ normalise, clone item (no lock) (here)
//!   STORE_SUBSCR   (list, int)  ─▶ lock, normalise, replace item (here)
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

/// `list[int]` for the top two stack values `[.., list, int]`, if they are
/// a plain list and an index in range (the stack is left as it is).
#[inline(always)]
fn top_item(stack: &[Value]) -> Option<Value> {
    let [.., Value::List(l), Value::Int(i)] = stack else {
        return None;
    };
    let items = l.lock();
    // `?`, not `.map(|j| ..)`: the closure was left out of line.
    let j = position(*i, items.len())?;
    Some(items[j].clone())
}

/// `tuple[int]` for the top two stack values `[.., tuple, int]`, if they
/// are an exact tuple and an index in range (no lock: a tuple's items
/// never change).
#[inline(always)]
fn top_tuple_item(stack: &[Value]) -> Option<Value> {
    let [.., Value::Tuple(t), Value::Int(i)] = stack else {
        return None;
    };
    let j = position(*i, t.items.len())?;
    Some(t.items[j].clone())
}

/// Stores `value` as the list's item at index `i` (negative counts from
/// the end) under the list's lock and hands back the item it replaced;
/// `Err(value)` when `i` is out of range.
#[inline(always)]
fn replace_item(l: &List, i: i64, value: Value) -> Result<Value, Value> {
    let mut items = l.lock();
    match position(i, items.len()) {
        Some(j) => Ok(std::mem::replace(&mut items[j], value)),
        None => Err(value),
    }
}

/// The three operands of a list store, moved off the stack.
struct ListStore {
    /// The `Value::List` stored into.
    list: Value,
    /// The index.
    index: i64,
    /// The value stored.
    value: Value,
}

impl ListStore {
    /// Stores, then drops the list and the replaced item, in that order,
    /// after the cell's lock is released (dropping the last reference to
    /// a container must not happen inside the cell, as `setitem_base`
    /// also takes care to avoid). `Err(self)` when the index is out of
    /// range.
    #[inline(always)]
    fn store(self) -> Result<(), ListStore> {
        let Value::List(l) = &self.list else {
            return Err(self);
        };
        match replace_item(l, self.index, self.value) {
            Ok(old) => {
                drop(self.list);
                // Inline decrement (`Value::release`), not the drop glue.
                old.release();
                Ok(())
            }
            Err(value) => Err(ListStore { value, ..self }),
        }
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
    // The sequence let go with its count's decrement inline
    // (`Value::release`), not the enum's out-of-line drop glue.
    std::mem::replace(&mut stack[n - 2], item).release();
    true
}

/// `STORE_SUBSCR` on `[.., value, list, int]`: stores, pops all three and
/// answers `true`, or answers `false` and leaves the stack as it was.
///
/// The operands are moved off the stack before the store rather than the
/// old item swapped into the value's stack slot: the swap wrote that slot
/// as two 8-byte halves and the pop read it back as one 16-byte load, a
/// store-forwarding stall per store (perf: a tenth of nbody's cycles on
/// that one load). Out of range (rare), they are pushed back.
#[inline(always)]
pub(super) fn store_subscr_list_int(stack: &mut Vec<Value>) -> bool {
    let n = stack.len();
    if n < 3 {
        return false;
    }
    let (Value::List(_), &Value::Int(index)) = (&stack[n - 2], &stack[n - 1]) else {
        return false;
    };
    super::superinstr::pop_number(stack);
    let (Some(list), Some(value)) = (stack.pop(), stack.pop()) else {
        unreachable!("three operands, checked above")
    };
    match (ListStore { list, index, value }).store() {
        Ok(()) => true,
        Err(ListStore { list, index, value }) => {
            stack.extend([value, list, Value::Int(index)]);
            false
        }
    }
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
/// `true`, or answers `false` with the stack untouched. Moves the operands
/// off the stack first, as [`store_subscr_list_int`] does and for its
/// reason.
#[inline(always)]
pub(super) fn store_top_list_int(stack: &mut Vec<Value>) -> bool {
    let n = stack.len();
    if n < 3 {
        return false;
    }
    let (Value::List(_), &Value::Int(index)) = (&stack[n - 3], &stack[n - 2]) else {
        return false;
    };
    let Some(value) = stack.pop() else {
        unreachable!("three operands, checked above")
    };
    super::superinstr::pop_number(stack);
    let Some(list) = stack.pop() else {
        unreachable!("three operands, checked above")
    };
    match (ListStore { list, index, value }).store() {
        Ok(()) => true,
        Err(ListStore { list, index, value }) => {
            stack.extend([list, Value::Int(index), value]);
            false
        }
    }
}
