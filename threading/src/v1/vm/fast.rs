//! Fast paths of the eval loop: `int` arithmetic inline, and the
//! superinstructions written by `compiler::quicken`.
//!
//! ```text
//!   x % 2 == 0          FUSED_LOAD_LOAD_BINARY_OP (x, 2, %)   ints: inline
//!                       FUSED_LOAD_COMPARE_JUMP   (0, ==)     ints: inline
//!   anything else       the generic `ops::binary_op` / `ops::compare`
//! ```
//!
//! Ints live inline in `Value`, so the int path never touches a reference
//! count, and values known to be ints are stored and popped without drop
//! glue (`store_int`, `mem::forget` of a popped `Value::Int`).
//!
//! Python equivalent: the specialised instructions of CPython 3.11's
//! `Python/bytecodes.c` (`BINARY_OP_ADD_INT`, `COMPARE_OP_INT_JUMP`, ...).

use super::exception::{ExcKind, PyErr, PyResult};
use super::frame::Frame;
use super::ops::{binary_op, compare, inplace_op};
use super::value::Value;
use super::ThreadCtx;
use crate::ast::{BinOp, CmpOp};
use crate::v1::bytecode::{Src, CONV_REPR, CONV_STR, INPLACE_BIT};

/// Evaluates an `int` comparison inline (`None` for `in`/`is`).
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

/// `int op int` when the result is an int that needs no error: `None`
/// sends the caller to `ops::int_binop` (overflow, division by zero, `/`,
/// negative powers).
#[inline(always)]
pub(super) fn int_arith(op: BinOp, a: i64, b: i64) -> Option<i64> {
    match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::FloorDiv if b != 0 => a.checked_div_euclid(b).map(|_| {
            let q = a / b;
            if a % b != 0 && ((a < 0) != (b < 0)) {
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
        _ => None,
    }
}

/// Stores an int into a local slot. When the slot already holds an int
/// (the loop counter case) only the payload is written: no tag store and no
/// drop glue for the old value.
#[inline(always)]
pub(super) fn store_int(locals: &mut [Option<Value>], slot: u16, v: i64) {
    match locals.get_mut(slot as usize) {
        Some(Some(Value::Int(old))) => *old = v,
        Some(other) => *other = Some(Value::Int(v)),
        None => {}
    }
}

/// `UnboundLocalError` for slot `i`.
pub(super) fn unbound(varnames: &[String], i: u32) -> PyErr {
    let name = varnames.get(i as usize).map(String::as_str).unwrap_or("?");
    PyErr::new(
        ExcKind::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

/// The generic path of a fused arithmetic op, when an operand is not an
/// int: `a op= b` or `a op b`, exactly as the unfused `BINARY_OP` does.
fn generic_op(op: BinOp, a: &Value, b: &Value, inplace: bool) -> PyResult {
    if inplace {
        inplace_op(op, a, b)
    } else {
        binary_op(op, a, b)
    }
}

/// The int an operand holds, if it is one.
#[inline(always)]
fn int_of(f: &Frame, consts: &[Value], s: Src) -> Option<i64> {
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

/// An operand's value (cloned), or `UnboundLocalError`.
fn value_of(f: &Frame, consts: &[Value], s: Src) -> PyResult {
    match s {
        Src::Fast(i) => match f.locals.get(i as usize) {
            Some(Some(v)) => Ok(v.clone()),
            _ => Err(unbound(&f.code.varnames, i as u32)),
        },
        Src::Const(i) => Ok(consts.get(i as usize).cloned().unwrap_or(Value::None)),
    }
}

impl ThreadCtx {
    /// Pops a value known to be of a variant without drop glue.
    #[inline(always)]
    pub(super) fn pop_plain(&mut self) {
        if let Some(v) = self.stack.pop() {
            // Ints and bools own nothing; skip the out-of-line drop call.
            if matches!(v, Value::Int(_) | Value::Bool(_) | Value::None) {
                std::mem::forget(v);
            }
        }
    }

    /// `BINARY_OP` on the two top values.
    #[inline(always)]
    pub(super) fn binop_top(&mut self, op: BinOp) -> PyResult<()> {
        let len = self.stack.len();
        if len >= 2 {
            if let (Value::Int(x), Value::Int(y)) = (&self.stack[len - 2], &self.stack[len - 1]) {
                if let Some(r) = int_arith(op, *x, *y) {
                    self.pop_plain();
                    if let Some(Value::Int(slot)) = self.stack.last_mut() {
                        *slot = r;
                    }
                    return Ok(());
                }
            }
        }
        let b = self.stack.pop().unwrap_or(Value::None);
        let a = self.stack.pop().unwrap_or(Value::None);
        let r = binary_op(op, &a, &b)?;
        self.stack.push(r);
        Ok(())
    }

    /// `FUSED_LOAD_LOAD_BINARY_OP`.
    #[inline(always)]
    pub(super) fn fused_load_load_binop(
        &mut self,
        f: &Frame,
        consts: &[Value],
        x: Src,
        y: Src,
        op: BinOp,
        inplace: bool,
    ) -> PyResult<()> {
        if let (Some(a), Some(b)) = (int_of(f, consts, x), int_of(f, consts, y)) {
            if let Some(r) = int_arith(op, a, b) {
                self.stack.push(Value::Int(r));
                return Ok(());
            }
        }
        let (a, b) = (value_of(f, consts, x)?, value_of(f, consts, y)?);
        let r = generic_op(op, &a, &b, inplace)?;
        self.stack.push(r);
        Ok(())
    }

    /// `FUSED_LOAD_LOAD_OP_STORE`: `d = x op y`.
    #[inline(always)]
    pub(super) fn fused_load_load_op_store(
        &mut self,
        f: &mut Frame,
        consts: &[Value],
        x: Src,
        y: Src,
        op: BinOp,
        d: u16,
    ) -> PyResult<()> {
        let (inplace, d) = (d & INPLACE_BIT != 0, d & !INPLACE_BIT);
        if let (Some(a), Some(b)) = (int_of(f, consts, x), int_of(f, consts, y)) {
            if let Some(r) = int_arith(op, a, b) {
                store_int(&mut f.locals, d, r);
                return Ok(());
            }
        }
        let (a, b) = (value_of(f, consts, x)?, value_of(f, consts, y)?);
        let r = generic_op(op, &a, &b, inplace)?;
        if let Some(slot) = f.locals.get_mut(d as usize) {
            *slot = Some(r);
        }
        Ok(())
    }

    /// `FUSED_LOAD_BINARY_OP`: `TOS = TOS op y`.
    #[inline(always)]
    pub(super) fn fused_load_binop(
        &mut self,
        f: &Frame,
        consts: &[Value],
        y: Src,
        op: BinOp,
        inplace: bool,
    ) -> PyResult<()> {
        if let (Some(Value::Int(a)), Some(b)) = (self.stack.last(), int_of(f, consts, y)) {
            if let Some(r) = int_arith(op, *a, b) {
                if let Some(Value::Int(slot)) = self.stack.last_mut() {
                    *slot = r;
                }
                return Ok(());
            }
        }
        let b = value_of(f, consts, y)?;
        let a = self.stack.pop().unwrap_or(Value::None);
        let r = generic_op(op, &a, &b, inplace)?;
        self.stack.push(r);
        Ok(())
    }

    /// `FUSED_LOAD_COMPARE_JUMP`: pops TOS, compares with `y`; returns
    /// whether to jump (the comparison was false).
    #[inline(always)]
    pub(super) fn fused_load_compare_jump(
        &mut self,
        f: &Frame,
        consts: &[Value],
        y: Src,
        op: CmpOp,
    ) -> PyResult<bool> {
        if let (Some(Value::Int(a)), Some(b)) = (self.stack.last(), int_of(f, consts, y)) {
            if let Some(r) = int_cmp(op, *a, b) {
                self.pop_plain();
                return Ok(!r);
            }
        }
        let b = value_of(f, consts, y)?;
        let a = self.stack.pop().unwrap_or(Value::None);
        Ok(!compare(op, &a, &b)?)
    }

    /// Pushes local `a` (the fallback of a fused op whose operand is not an int).
    #[inline(always)]
    pub(super) fn push_local(&mut self, f: &Frame, a: u16) -> PyResult<()> {
        match f.locals.get(a as usize) {
            Some(Some(v)) => {
                self.stack.push(v.clone());
                Ok(())
            }
            _ => Err(unbound(&f.code.varnames, a as u32)),
        }
    }

    /// `FORMAT_VALUE`: an f-string piece (`!s`/`!r` conversion, spec on top).
    pub(super) fn format_value(&mut self, conv: u8, has_spec: bool) -> PyResult<()> {
        let spec = if has_spec {
            self.stack.pop().unwrap_or(Value::None)
        } else {
            Value::None
        };
        let v = self.stack.pop().unwrap_or(Value::None);
        let v = match conv {
            CONV_STR => Value::string(v.to_str()),
            CONV_REPR => Value::string(v.repr()),
            _ => v,
        };
        let spec = match &spec {
            Value::Str(s) => s.as_str(),
            _ => "",
        };
        let s = crate::v1::builtins::format::format_value(&v, spec)?;
        self.stack.push(Value::string(s));
        Ok(())
    }

    /// `BUILD_STRING n`: concatenates the f-string pieces.
    pub(super) fn build_string(&mut self, n: usize) {
        let parts = self.stack.split_off(self.stack.len().saturating_sub(n));
        let mut s = String::new();
        for p in parts {
            if let Value::Str(x) = p {
                s.push_str(&x);
            }
        }
        self.stack.push(Value::string(s));
    }
}
