//! The superinstructions' fast paths: `int` arithmetic and comparison on
//! local slots and constants, written over hot instruction sequences by
//! `compiler/quicken.rs`.
//!
//! ```text
//!   x % 2 == 0          FUSED_LOAD_LOAD_BINARY_OP (x, 2, %)   ints: inline
//!                       FUSED_LOAD_COMPARE_JUMP   (0, ==)     ints: inline
//!   x * 0.5, a < b      floats (and a float with an int): inline too
//!   anything else       the generic path: ThreadCtx::binary_or_inplace,
//!                       rich_compare (`ops.rs`, `compare.rs`)
//! ```
//!
//! Each helper answers "done" or "not ints here"; the eval loop then runs
//! the same operation the unfused instructions would (`eval.rs` keeps the
//! generic path beside each fast path). An `int` result that overflows 64
//! bits also takes the generic path, which promotes to a big int. Values
//! known to be ints are stored without drop glue (`store_int`).
//!
//! Python equivalent: the specialised instructions of CPython 3.11's
//! `Python/bytecodes.c` (`BINARY_OP_ADD_INT`, `COMPARE_OP_INT_JUMP`, ...).

use crate::ast::{BinOp, CmpOp};
use crate::bytecode::{Src, INPLACE_BIT};
use crate::object::frame::Frame;
use crate::object::{PyResult, Value};

/// An `int` comparison inline (`None` for `in`/`is`).
#[inline(always)]
pub(super) fn int_cmp(op: CmpOp, a: i64, b: i64) -> Option<bool> {
    Some(match op {
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        _ => return None,
    })
}

/// `local cmp const` when both are `int`s (`FUSED_FAST_CONST_COMPARE_JUMP`'s
/// test); `None` sends the caller to the generic path.
#[inline(always)]
pub(super) fn fast_const_compare(
    f: &Frame,
    consts: &[Value],
    a: u16,
    c: u16,
    cmp: CmpOp,
) -> Option<bool> {
    match (f.locals.get(a as usize), consts.get(c as usize)) {
        (Some(Some(Value::Int(x))), Some(Value::Int(y))) => int_cmp(cmp, *x, *y),
        _ => None,
    }
}

/// `int op int` when the result is an `int` that needs no error and fits
/// 64 bits: `None` sends the caller to the generic path (overflow →
/// big int, division by zero, `/`, powers, a negative shift count, a left
/// shift past 64 bits). The bitwise operators and right shifts never fail
/// on two small ints (`>>` floors, as Python's does: an arithmetic shift).
#[inline(always)]
pub(super) fn int_arith(op: BinOp, a: i64, b: i64) -> Option<i64> {
    match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::FloorDiv if b != 0 => a.checked_div(b).map(|q| {
            if (a % b != 0) && ((a < 0) != (b < 0)) {
                q - 1
            } else {
                q
            }
        }),
        BinOp::Mod if b != 0 => a.checked_rem(b).map(|r| {
            if r != 0 && ((r < 0) != (b < 0)) {
                r + b
            } else {
                r
            }
        }),
        BinOp::BitAnd => Some(a & b),
        BinOp::BitOr => Some(a | b),
        BinOp::BitXor => Some(a ^ b),
        BinOp::RShift if b >= 0 => Some(a >> b.min(63)),
        BinOp::LShift if (0..64).contains(&b) => {
            let r = a << b;
            (r >> b == a).then_some(r)
        }
        _ => None,
    }
}

/// `a op b` when one operand is a `float` and the other a `float` or an
/// `int`, for the operators that cannot fail that way: `+ - *`, `/`
/// by a non-zero, and `**` from a positive base to a finite result. `None` sends the caller to the generic path (`%`, `//`,
/// `**`, division by zero, anything else). An `int` operand converts as
/// CPython's `PyLong_AsDouble` does (round to nearest, ties to even:
/// Rust's `as f64`). Comparisons are not here: CPython compares a float
/// with an int exactly, not through a conversion.
///
/// Python equivalent: `BINARY_OP_ADD_FLOAT`, `BINARY_OP_MULTIPLY_FLOAT`,
/// `BINARY_OP_SUBTRACT_FLOAT` (3.11 specialises float-float only; the
/// mixed cases are `float_add`'s `CONVERT_TO_DOUBLE`).
#[inline(always)]
pub(super) fn float_arith(op: BinOp, a: &Value, b: &Value) -> Option<f64> {
    let (x, y) = match (a, b) {
        (Value::Float(x), Value::Float(y)) => (*x, *y),
        (Value::Float(x), Value::Int(y)) => (*x, *y as f64),
        (Value::Int(x), Value::Float(y)) => (*x as f64, *y),
        _ => return None,
    };
    match op {
        BinOp::Add => Some(x + y),
        BinOp::Sub => Some(x - y),
        BinOp::Mul => Some(x * y),
        BinOp::Div if y != 0.0 => Some(x / y),
        // Fast path: a positive base with a finite result, where CPython's
        // `float_pow` is plain libm `pow` too (`x ** -1.5`, `d ** 0.5`).
        // Zero or negative bases (ZeroDivisionError, complex results),
        // overflow (OverflowError), infinities and NaNs go the plain way.
        BinOp::Pow if x > 0.0 => Some(x.powf(y)).filter(|r| r.is_finite()),
        _ => None,
    }
}

/// A `float` comparison inline (both operands floats; `None` otherwise).
#[inline(always)]
pub(super) fn float_cmp(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    let (Value::Float(x), Value::Float(y)) = (a, b) else {
        return None;
    };
    Some(match op {
        CmpOp::Lt => x < y,
        CmpOp::Le => x <= y,
        CmpOp::Gt => x > y,
        CmpOp::Ge => x >= y,
        CmpOp::Eq => x == y,
        CmpOp::Ne => x != y,
        _ => return None,
    })
}

/// Stores an int into a local slot. When the slot already holds an int
/// (the loop counter case) only the payload is written: no drop glue.
#[inline(always)]
pub(super) fn store_int(locals: &mut [Option<Value>], slot: u16, v: i64) {
    match locals.get_mut(slot as usize) {
        Some(Some(Value::Int(old))) => *old = v,
        Some(other) => *other = Some(Value::Int(v)),
        None => {}
    }
}

/// Stores a float into a local slot; like `store_int`, a slot that
/// already holds a float only has its payload written (no drop glue).
#[inline(always)]
pub(super) fn store_float(locals: &mut [Option<Value>], slot: u16, v: f64) {
    match locals.get_mut(slot as usize) {
        Some(Some(Value::Float(old))) => *old = v,
        Some(other) => *other = Some(Value::Float(v)),
        None => {}
    }
}

/// An operand's value by reference (no `Arc` count touched); `None` when
/// the local is unbound (the plain path raises).
#[inline(always)]
pub(super) fn operand_ref<'a>(f: &'a Frame, consts: &'a [Value], s: Src) -> Option<&'a Value> {
    match s {
        Src::Fast(i) => f.locals.get(i as usize)?.as_ref(),
        Src::Const(i) => consts.get(i as usize),
    }
}

/// `x op y` for two operands when `float_arith` takes them, read in place.
///
/// Fast path beside `operands` + `float_arith`: that pair clones both
/// operands out and drops them again (two out-of-line calls each way),
/// which for two floats is pure overhead.
#[inline(always)]
pub(super) fn load_load_float(
    f: &Frame,
    consts: &[Value],
    x: Src,
    y: Src,
    op: BinOp,
) -> Option<f64> {
    float_arith(op, operand_ref(f, consts, x)?, operand_ref(f, consts, y)?)
}

/// `FUSED_LOAD_BINARY_OP` on floats: `TOS = TOS op y` in place when
/// `float_arith` takes them; `false` leaves TOS for the plain path.
#[inline(always)]
pub(super) fn load_binop_float(
    stack: &mut [Value],
    f: &Frame,
    consts: &[Value],
    y: Src,
    op: BinOp,
) -> bool {
    let (Some(a), Some(b)) = (stack.last(), operand_ref(f, consts, y)) else {
        return false;
    };
    let Some(r) = float_arith(op, a, b) else {
        return false;
    };
    match stack.last_mut() {
        Some(Value::Float(slot)) => *slot = r,
        // TOS was an int (`2 * x`): replacing an int needs no drop glue.
        Some(slot) => *slot = Value::Float(r),
        None => {}
    }
    true
}

/// Pushes `v` onto `stack` (a value stack, the frame list). Fast path:
/// there is room, and `v` is written into the first spare slot in place.
/// Plain path: `Vec::push`, which grows the vector. `Vec::push` is the
/// same two steps, but at the instruction loop's hottest sites LLVM left
/// it an out-of-line call (the loop is one very large function and the
/// inliner's budget for it runs out): ~18 instructions and a call per
/// push, 1.4 M times in deltablue. Used where a profile showed that call.
#[inline(always)]
pub(super) fn push_value<T>(stack: &mut Vec<T>, v: T) {
    let len = stack.len();
    match stack.spare_capacity_mut().first_mut() {
        Some(slot) => {
            slot.write(v);
            // SAFETY: `len < capacity` (there was a spare slot), and the
            // slot at `len`, the first spare one, was initialised just
            // above; nothing else changed the vector in between.
            unsafe { stack.set_len(len + 1) };
        }
        None => stack.push(v),
    }
}

/// Pops the top of `stack`, which the caller has just read as a number
/// (an int index, a numeric operand) and so owns no heap object: it is
/// forgotten, not dropped. The plain `stack.truncate(len - 1)` ran the
/// slice drop loop out of line for this one value (~45 instructions;
/// nbody: 2.1 M times); a `match` dropping only non-numbers took 2 % fewer
/// instructions but cost spectral_norm 7 % CPU (a branch on the tag per
/// operation). Were a caller wrong, the value would leak, never dangle.
#[inline(always)]
pub(super) fn pop_number(stack: &mut Vec<Value>) {
    let top = stack.pop();
    debug_assert!(matches!(
        top,
        Some(Value::Int(_) | Value::Float(_) | Value::Bool(_))
    ));
    std::mem::forget(top);
}

/// Pops the top of `stack`, `None` on an empty one, by `match`: the
/// `unwrap_or(Value::None)` of `ThreadCtx::pop` builds its default eagerly
/// and, out of the instruction loop, drops it through the enum's
/// out-of-line drop glue at every pop that found a value (generators: 3 M
/// times). `pop` itself keeps `unwrap_or`: changed there, the loop's
/// layout moved and nine files took 0.4–1 % more instructions.
#[inline(always)]
pub(super) fn pop_or_none(stack: &mut Vec<Value>) -> Value {
    match stack.pop() {
        Some(v) => v,
        None => Value::None,
    }
}

/// Overwrites `slot`, which the caller has just read as a number (owning
/// no heap object), with `v`: the old value is forgotten, not dropped. The
/// plain assignment called the enum's drop glue, out of line, for a value
/// with nothing to free (spectral_norm: 1.35 M times, nbody 1.5 M). As with
/// [`pop_number`], were a caller wrong the value would leak, never dangle.
#[inline(always)]
pub(super) fn overwrite_number(slot: &mut Value, v: Value) {
    let old = std::mem::replace(slot, v);
    debug_assert!(matches!(
        old,
        Value::Int(_) | Value::Float(_) | Value::Bool(_)
    ));
    std::mem::forget(old);
}

/// The truth of the top of `stack` when it is a bool, `None` or an int,
/// popped (`None` for anything else, the stack untouched): the fast path
/// of `POP_JUMP_IF_FALSE/TRUE`. The value is tested where it lies and
/// then forgotten (it owns nothing), never read whole: the plain `pop`
/// moved all 16 bytes out, and when the instruction before had just
/// pushed them as two 8-byte halves (a `COMPARE_OP`'s `bool`, an int
/// result) that load stalled on store forwarding (perf: 1.3 % of go's and
/// richards' samples on the one load after each).
#[inline(always)]
pub(super) fn pop_scalar_truth(stack: &mut Vec<Value>) -> Option<bool> {
    let truth = stack.last()?.scalar_truth()?;
    // Owns nothing: forgotten, so the read of the popped value is dead.
    std::mem::forget(stack.pop());
    Some(truth)
}

/// `BINARY_OP`'s number fast paths on the top two stack values (`int op
/// int` without overflow, then `float_arith`): replaces them with the
/// result, or answers `false` with the stack untouched.
#[inline(always)]
pub(super) fn binary_op_top2(stack: &mut Vec<Value>, op: BinOp) -> bool {
    let len = stack.len();
    let (Some(a), Some(b)) = (stack.get(len.wrapping_sub(2)), stack.last()) else {
        return false;
    };
    let r = match (a, b) {
        (Value::Int(x), Value::Int(y)) => match int_arith(op, *x, *y) {
            Some(r) => Value::Int(r),
            None => return false,
        },
        _ => match float_arith(op, a, b) {
            Some(r) => Value::Float(r),
            None => return false,
        },
    };
    pop_number(stack);
    overwrite_number(&mut stack[len - 2], r);
    true
}

/// The int an operand holds, if it is one.
#[inline(always)]
pub(super) fn int_of(f: &Frame, consts: &[Value], s: Src) -> Option<i64> {
    match s {
        Src::Fast(i) => match f.locals.get(i as usize) {
            Some(Some(Value::Int(x))) => Some(*x),
            _ => None,
        },
        Src::Const(i) => match consts.get(i as usize) {
            Some(Value::Int(x)) => Some(*x),
            _ => None,
        },
    }
}

/// An operand's value, or `UnboundLocalError`.
pub(super) fn operand(f: &Frame, consts: &[Value], s: Src) -> PyResult {
    match s {
        Src::Fast(i) => match f.locals.get(i as usize) {
            Some(Some(v)) => Ok(v.clone()),
            _ => Err(super::exceptions::unbound_local(&f.code, i as u32)),
        },
        Src::Const(i) => Ok(consts.get(i as usize).cloned().unwrap_or(Value::None)),
    }
}

/// The load `s` of a superinstruction, pushed (into the spare slot, as
/// [`push_value`]); an unbound local is the covered `LOAD_FAST`'s
/// `UnboundLocalError`. `FUSED_LOAD_LOAD` and `FUSED_LOAD_CALL`
/// (`compiler/load_pairs.rs`).
#[inline(always)]
pub(super) fn push_operand(
    stack: &mut Vec<Value>,
    f: &Frame,
    consts: &[Value],
    s: Src,
) -> PyResult<()> {
    let v = match operand_ref(f, consts, s) {
        Some(v) => v.clone(),
        // An unbound local: `operand` raises its error.
        None => operand(f, consts, s)?,
    };
    push_value(stack, v);
    Ok(())
}

/// The truth of local `a` when it needs neither Python code nor an error
/// (`Value::truthy_inline`: numbers, `None`, strs, the built-in
/// containers); `None` for an instance or an unbound local, whose covered
/// `LOAD_FAST; POP_JUMP_IF_*` run for real. `FUSED_FAST_JUMP`.
#[inline(always)]
pub(super) fn local_truth(f: &Frame, a: u16) -> Option<bool> {
    f.locals.get(a as usize)?.as_ref()?.truthy_inline()
}

/// Both operands of a two-load superinstruction.
pub(super) fn operands(f: &Frame, consts: &[Value], x: Src, y: Src) -> PyResult<(Value, Value)> {
    Ok((operand(f, consts, x)?, operand(f, consts, y)?))
}

/// `FUSED_LOAD_LOAD_OP_STORE` on ints: `d = x op y`; `false` if the
/// generic path must run.
#[inline(always)]
pub(super) fn load_load_op_store_int(
    f: &mut Frame,
    consts: &[Value],
    x: Src,
    y: Src,
    op: BinOp,
    d: u16,
) -> bool {
    if let (Some(a), Some(b)) = (int_of(f, consts, x), int_of(f, consts, y)) {
        if let Some(r) = int_arith(op, a, b) {
            store_int(&mut f.locals, d & !INPLACE_BIT, r);
            return true;
        }
    }
    false
}

/// `FUSED_LOAD_LOAD_BINARY_OP` on ints.
#[inline(always)]
pub(super) fn load_load_binop_int(
    f: &Frame,
    consts: &[Value],
    x: Src,
    y: Src,
    op: BinOp,
) -> Option<i64> {
    let (a, b) = (int_of(f, consts, x)?, int_of(f, consts, y)?);
    int_arith(op, a, b)
}

/// `FUSED_LOAD_BINARY_OP` on ints: `TOS = TOS op y` in place.
#[inline(always)]
pub(super) fn load_binop_int(
    stack: &mut [Value],
    f: &Frame,
    consts: &[Value],
    y: Src,
    op: BinOp,
) -> bool {
    if let (Some(Value::Int(a)), Some(b)) = (stack.last(), int_of(f, consts, y)) {
        if let Some(r) = int_arith(op, *a, b) {
            if let Some(Value::Int(slot)) = stack.last_mut() {
                *slot = r;
            }
            return true;
        }
    }
    false
}

/// `FUSED_LOAD_COMPARE_JUMP` on ints: pops TOS; `Some(jump)` (jump when
/// the comparison is false), or `None` for the generic path (TOS kept).
#[inline(always)]
pub(super) fn load_compare_jump_int(
    stack: &mut Vec<Value>,
    f: &Frame,
    consts: &[Value],
    y: Src,
    op: CmpOp,
) -> Option<bool> {
    if let (Some(Value::Int(a)), Some(b)) = (stack.last(), int_of(f, consts, y)) {
        if let Some(r) = int_cmp(op, *a, b) {
            stack.pop();
            return Some(!r);
        }
    }
    None
}

/// Pushes local `a` (the fallback of a fused op whose operand is not an
/// int: the covered `LOAD_FAST` runs for real).
#[inline(always)]
pub(super) fn push_local(stack: &mut Vec<Value>, f: &Frame, a: u16) -> PyResult<()> {
    match f.locals.get(a as usize) {
        Some(Some(v)) => {
            stack.push(v.clone());
            Ok(())
        }
        _ => Err(super::exceptions::unbound_local(&f.code, a as u32)),
    }
}
