//! Operators: `BINARY_OP` (also in-place), unary operators and
//! truthiness, with Python's dispatch to `__add__`/`__radd__`/`__iadd__`
//! and friends.
//!
//! ```text
//!   a + b:   numbers?            → number.rs (no Python code)
//!            built-in operands?  → str/list/tuple/bytes/set/dict rules here
//!            b's class a proper subclass of a's that overrides __radd__?
//!                                → b.__radd__(a) first
//!            a.__add__(b)        → unless NotImplemented
//!            b.__radd__(a)       → unless NotImplemented
//!            TypeError: unsupported operand type(s) for +: 'A' and 'B'
//!   a += b:  a.__iadd__(b) if defined (lists extend in place), else a + b
//! ```
//!
//! Python equivalent: `Objects/abstract.c` (`binary_op1`,
//! `binary_iop1`, `PyNumber_*`), `Objects/object.c` (`PyObject_IsTrue`).

use super::number::{self, int_ref};
use super::ThreadCtx;
use crate::ast::BinOp;
use crate::bytecode::UnaryOp;
use crate::object::builtin_types::types;
use crate::object::refcount::Arc;
use crate::object::str::{intern, PyStr};
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::sync::OnceLock;

/// The special method names of a binary operator: `(__op__, __rop__,
/// __iop__)`.
fn dunders(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
    }
}

/// A binary operator's three method names, interned.
struct DunderNames {
    /// `__add__`.
    name: Arc<PyStr>,
    /// `__radd__`.
    rname: Arc<PyStr>,
    /// `__iadd__`.
    iname: Arc<PyStr>,
}

/// `op`'s left-operand method name (`__add__`), interned once per
/// process. Fast path: `intern` itself takes the interner's global lock
/// and hashes the text, which `v * 2.0` on a class instance paid twice
/// per operation (raytrace's vectors).
pub(super) fn left_dunder_name(op: BinOp) -> &'static Arc<PyStr> {
    &dunder_names(op).name
}

/// The interned method names of `op` ([`dunders`]), interned once per
/// process (see [`left_dunder_name`]).
fn dunder_names(op: BinOp) -> &'static DunderNames {
    /// One cell per operator, indexed by its discriminant (13 operators,
    /// the arms of [`dunders`]).
    static NAMES: [OnceLock<DunderNames>; 13] = [const { OnceLock::new() }; 13];
    NAMES[op as usize].get_or_init(|| {
        let (name, rname, iname) = dunders(op);
        DunderNames {
            name: intern(name),
            rname: intern(rname),
            iname: intern(iname),
        }
    })
}

/// Repeats `items` `n` times (refusing absurd sizes up front).
pub fn repeat<T: Clone>(items: &[T], n: i64) -> PyResult<Vec<T>> {
    let n = n.max(0) as usize;
    if items.len().saturating_mul(n) > (1 << 31) {
        return Err(PyErr::new(ExcKind::MemoryError, ""));
    }
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    Ok(out)
}

/// `TypeError: unsupported operand type(s) for +: 'A' and 'B'`.
pub fn unsupported(op: &str, a: &Value, b: &Value) -> PyErr {
    PyErr::type_error(format!(
        "unsupported operand type(s) for {op}: '{}' and '{}'",
        a.type_name(),
        b.type_name()
    ))
}

/// The repeat count of `seq * n` (`None`: not an int).
fn repeat_count(n: &Value) -> Option<PyResult<i64>> {
    match int_ref(n)? {
        number::IntRef::Small(i) => Some(Ok(i)),
        number::IntRef::Big(b) => Some(if b.is_negative() {
            Ok(0)
        } else {
            Err(PyErr::new(
                ExcKind::OverflowError,
                "cannot fit 'int' into an index-sized integer",
            ))
        }),
    }
}

/// Whether `b`'s reflected method (`__rsub__`) has had its turn when
/// `a.__sub__(b)` is out of the way: it goes first when `b`'s class is a
/// proper subclass of `a`'s that overrides it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Reflected {
    /// It ran first and returned `NotImplemented` (or was absent).
    AlreadyTried,
    /// Its turn comes after the built-in rules.
    NotYetTried,
}

/// How a binary operator's `TypeError` spells it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Spelling {
    /// `a - b`: `for -`.
    Binary,
    /// `a -= b`: `for -=` (and `**=`, not `** or pow()`).
    InPlace,
}

impl ThreadCtx {
    /// `a op b`, or `a op= b` when `inplace`.
    pub fn binary_or_inplace(&mut self, op: BinOp, inplace: bool, a: Value, b: Value) -> PyResult {
        if inplace {
            return self.inplace_op(op, a, b);
        }
        // Fast path: `a + b` of two exact lists where `a` is a temporary
        // no one else holds (nqueens' `indices[i + 1:] + indices[i:i + 1]`):
        // `b`'s items are appended to `a`, which becomes the result — no
        // third list built, no free of `a`. Nothing can tell: no other
        // reference to `a` exists (a count of one cannot grow but from this
        // reference), so no one sees it change. Both exact lists, so no
        // subclass's `__add__`/`__radd__` is skipped. The plain path,
        // `builtin_binop`, builds a new list; CPython always does.
        if let (BinOp::Add, Value::List(x), Value::List(y)) = (op, &a, &b) {
            if Arc::strong_count(x) == 1 {
                // Two cells locked at once, safe from deadlock: no other
                // thread can reach `x` to lock it in the other order.
                x.lock().extend(y.lock().iter().cloned());
                return Ok(a);
            }
        }
        self.binary_op(op, &a, &b)
    }

    /// `a op b`.
    #[inline]
    pub fn binary_op(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult {
        self.binary_op_as(op, a, b, Spelling::Binary)
    }

    /// `a op b`, its `TypeError` naming the operator as `spelling` does
    /// (`-` or `-=`: `inplace_op` ends here when no in-place method
    /// answered, and CPython's message then names the augmented one).
    fn binary_op_as(&mut self, op: BinOp, a: &Value, b: &Value, spelling: Spelling) -> PyResult {
        if let Some(r) = number::number_binop(op, a, b) {
            return r;
        }
        let a_user = matches!(a, Value::Instance(_));
        let b_user = matches!(b, Value::Instance(_));
        if !a_user && !b_user {
            if let Some(r) = self.builtin_binop(op, a, b) {
                return r;
            }
            return Err(self.binop_error(op, a, b, spelling));
        }
        let DunderNames { name, rname, .. } = dunder_names(op);
        let (ta, tb) = (a.class().clone(), b.class().clone());
        let b_first = !Arc::ptr_eq(&ta, &tb)
            && tb.is_subtype(&ta)
            && tb
                .lookup(rname)
                .is_some_and(|m| ta.lookup(rname).is_none_or(|n| !n.is(&m)));
        if b_first {
            if let Some(r) = self.try_dunder(b, rname, a)? {
                return Ok(r);
            }
        }
        if a_user {
            if let Some(r) = self.try_dunder(a, name, b)? {
                return Ok(r);
            }
        }
        let reflected = if b_first {
            Reflected::AlreadyTried
        } else {
            Reflected::NotYetTried
        };
        self.binary_after_left(op, a, b, reflected, spelling)
    }

    /// The rest of `a op b` once `a.__op__(b)` is out of the way (absent,
    /// or it returned `NotImplemented`): the built-in rules, then `b`'s
    /// reflected method unless it already ran first or the operands
    /// share a class, then the `TypeError`. Also the end of a
    /// `__op__` run in the instruction loop that returned
    /// `NotImplemented` (`dunder_call.rs`).
    pub(super) fn binary_after_left(
        &mut self,
        op: BinOp,
        a: &Value,
        b: &Value,
        reflected: Reflected,
        spelling: Spelling,
    ) -> PyResult {
        if let Some(r) = self.builtin_binop(op, a, b) {
            return r;
        }
        if reflected == Reflected::NotYetTried && !Arc::ptr_eq(a.class(), b.class()) {
            let rname = &dunder_names(op).rname;
            if let Some(r) = self.try_dunder(b, rname, a)? {
                return Ok(r);
            }
        }
        Err(self.binop_error(op, a, b, spelling))
    }

    /// `obj.name(arg)` through the class, `None` when the class has no
    /// such method or it returned `NotImplemented`.
    fn try_dunder(
        &mut self,
        obj: &Value,
        name: &Arc<PyStr>,
        arg: &Value,
    ) -> PyResult<Option<Value>> {
        let Some(r) = self.call_special_1(obj, name, arg)? else {
            return Ok(None);
        };
        Ok(match r {
            Value::NotImplemented => None,
            r => Some(r),
        })
    }

    /// The `TypeError` for operands that do not support `op`.
    fn binop_error(&self, op: BinOp, a: &Value, b: &Value, spelling: Spelling) -> PyErr {
        let sym = match spelling {
            Spelling::Binary => op.symbol().to_string(),
            Spelling::InPlace => format!("{}=", op.symbol()),
        };
        match (op, a) {
            // `bytes_concat`'s own wording.
            (BinOp::Add, Value::Bytes(_) | Value::ByteArray(_)) => PyErr::type_error(format!(
                "can't concat {} to {}",
                b.type_name(),
                a.type_name()
            )),
            (BinOp::Add, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                PyErr::type_error(format!(
                    "can only concatenate {} (not \"{}\") to {}",
                    a.type_name(),
                    b.type_name(),
                    a.type_name()
                ))
            }
            (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)) => {
                PyErr::type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    b.type_name()
                ))
            }
            (BinOp::Mul, _)
                if matches!(
                    b,
                    Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)
                ) =>
            {
                PyErr::type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    a.type_name()
                ))
            }
            (BinOp::Pow, _) if spelling == Spelling::Binary => PyErr::type_error(format!(
                "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
                a.type_name(),
                b.type_name()
            )),
            _ => unsupported(&sym, a, b),
        }
    }

    /// The built-in types' operators (no Python code runs except for
    /// `%`-formatting's `__str__`/`__repr__` calls): `None` when the pair
    /// does not support `op`.
    fn builtin_binop(&mut self, op: BinOp, a: &Value, b: &Value) -> Option<PyResult> {
        match op {
            BinOp::Add => {
                if let (Value::Str(x), Value::Str(y)) = (a, b) {
                    let mut s = String::with_capacity(x.len() + y.len());
                    s.push_str(x.as_str());
                    s.push_str(y.as_str());
                    return Some(Ok(Value::string(s)));
                }
                // One vector of the final size, each operand cloned under
                // its own lock in turn (`xs + xs` locks the list twice, one
                // after the other): no snapshot of either operand.
                if let (Some(x), Some(y)) = (a.as_list(), b.as_list()) {
                    let mut v = Vec::with_capacity(x.len() + y.len());
                    v.extend(x.lock().iter().cloned());
                    v.extend(y.lock().iter().cloned());
                    return Some(Ok(Value::list(v)));
                }
                if let (Some(x), Some(y)) = (a.as_tuple(), b.as_tuple()) {
                    let mut v = Vec::with_capacity(x.len() + y.len());
                    v.extend(x.iter().cloned());
                    v.extend(y.iter().cloned());
                    return Some(Ok(Value::tuple(v)));
                }
                if let (Some(x), Some(y)) = (bytes_of(a), bytes_of(b)) {
                    let mut v = x;
                    v.extend(y);
                    return Some(Ok(match a {
                        Value::ByteArray(_) => {
                            Value::ByteArray(Arc::new(crate::object::bytes::ByteArray::new(v)))
                        }
                        _ => Value::Bytes(Arc::new(crate::object::bytes::Bytes::new(v))),
                    }));
                }
                None
            }
            BinOp::Mul => {
                let (seq, n) = if repeat_count(b).is_some() {
                    (a, b)
                } else if repeat_count(a).is_some() {
                    (b, a)
                } else {
                    return None;
                };
                let n = match repeat_count(n)? {
                    Ok(n) => n,
                    Err(e) => return Some(Err(e)),
                };
                Some(match seq {
                    Value::Str(s) => repeat(s.as_bytes(), n)
                        .map(|b| Value::string(String::from_utf8(b).unwrap_or_default())),
                    Value::Bytes(bs) => repeat(&bs.data, n)
                        .map(|v| Value::Bytes(Arc::new(crate::object::bytes::Bytes::new(v)))),
                    Value::ByteArray(bs) => {
                        let data = bs.lock().clone();
                        repeat(&data, n).map(|v| {
                            Value::ByteArray(Arc::new(crate::object::bytes::ByteArray::new(v)))
                        })
                    }
                    _ => {
                        if let Some(l) = seq.as_list() {
                            let items = l.snapshot();
                            repeat(&items, n).map(Value::list)
                        } else if let Some(t) = seq.as_tuple() {
                            repeat(t, n).map(Value::tuple)
                        } else {
                            return None;
                        }
                    }
                })
            }
            BinOp::Mod => match a {
                Value::Str(fmt) => Some(self.percent_format(fmt.as_str(), b).map(Value::string)),
                Value::Bytes(fmt) => Some(
                    self.percent_format_bytes(&fmt.data, b)
                        .map(|v| Value::Bytes(Arc::new(crate::object::bytes::Bytes::new(v)))),
                ),
                Value::ByteArray(fmt) => {
                    let fmt = fmt.lock().clone();
                    Some(self.percent_format_bytes(&fmt, b).map(|v| {
                        Value::ByteArray(Arc::new(crate::object::bytes::ByteArray::new(v)))
                    }))
                }
                _ => None,
            },
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor => {
                if let (Some(x), Some(_)) = (a.as_set(), b.as_set()) {
                    let frozen = a
                        .class()
                        .is_subtype(&crate::object::builtin_types::types().frozenset);
                    let r = match op {
                        BinOp::BitOr => self.set_union(x, b),
                        BinOp::BitAnd => self.set_intersection(x, b),
                        BinOp::Sub => self.set_difference(x, b),
                        _ => self.set_symmetric_difference(x, b),
                    };
                    return Some(r.map(|s| {
                        let s = Arc::new(s);
                        if frozen {
                            Value::FrozenSet(s)
                        } else {
                            Value::Set(s)
                        }
                    }));
                }
                if let (Value::DictView(v), _) | (_, Value::DictView(v)) = (a, b) {
                    if v.kind != crate::object::iter::ViewKind::Values {
                        let to_set = |vm: &mut ThreadCtx, x: &Value| -> PyResult {
                            match x {
                                Value::DictView(v) => super::iter::view_as_set(vm, v),
                                other => {
                                    let items = vm.collect(other)?;
                                    vm.new_set(items)
                                }
                            }
                        };
                        let sa = match to_set(self, a) {
                            Ok(s) => s,
                            Err(e) => return Some(Err(e)),
                        };
                        let sb = match to_set(self, b) {
                            Ok(s) => s,
                            Err(e) => return Some(Err(e)),
                        };
                        return self.builtin_binop(op, &sa, &sb);
                    }
                }
                if op == BinOp::BitOr {
                    if let (Some(x), Some(_)) = (a.as_dict(), b.as_dict()) {
                        let d = Arc::new(crate::object::dict::Dict::new());
                        let mut merge = || -> PyResult<Value> {
                            for (k, v) in x.entries() {
                                self.dict_set(&d, k, v)?;
                            }
                            let dv = Value::Dict(d.clone());
                            self.dict_update(&dv, b, false)?;
                            Ok(dv)
                        };
                        return Some(merge());
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// `a op= b`.
    pub fn inplace_op(&mut self, op: BinOp, a: Value, b: Value) -> PyResult {
        if let Some(r) = number::number_binop(op, &a, &b) {
            return r;
        }
        if let Some(l) = a.as_list() {
            match op {
                BinOp::Add if !matches!(a, Value::Instance(_)) => {
                    let items = self.collect(&b)?;
                    l.lock().extend(items);
                    return Ok(a);
                }
                BinOp::Mul if !matches!(a, Value::Instance(_)) => {
                    if let Some(n) = repeat_count(&b) {
                        let n = n?;
                        let items = l.snapshot();
                        let repeated = repeat(&items, n)?;
                        *l.lock() = repeated;
                        return Ok(a);
                    }
                }
                _ => {}
            }
        }
        if let (Value::Set(s), Some(_)) = (&a, b.as_set()) {
            match op {
                BinOp::BitOr => {
                    self.set_update_from(s, &b)?;
                    return Ok(a);
                }
                BinOp::Sub => {
                    self.set_difference_update(s, &b)?;
                    return Ok(a);
                }
                BinOp::BitXor => {
                    self.set_symmetric_difference_update(s, &b)?;
                    return Ok(a);
                }
                BinOp::BitAnd => {
                    let r = self.set_intersection(s, &b)?;
                    let new = r.lock().clone();
                    *s.lock() = new;
                    return Ok(a);
                }
                _ => {}
            }
        }
        if let (Value::Dict(_), BinOp::BitOr) = (&a, op) {
            if b.as_dict().is_some() {
                self.dict_update(&a, &b, false)?;
                return Ok(a);
            }
        }
        if let Value::Instance(_) = &a {
            let iname = &dunder_names(op).iname;
            if let Some(r) = self.try_dunder(&a, iname, &b)? {
                return Ok(r);
            }
        }
        self.binary_op_as(op, &a, &b, Spelling::InPlace)
    }

    /// `-x`, `+x`, `~x` (`not x` is the eval loop's).
    pub fn unary_op(&mut self, op: UnaryOp, v: &Value) -> PyResult {
        if let Some(i) = int_ref(v) {
            return Ok(match op {
                UnaryOp::Negative => number::int_neg(i),
                UnaryOp::Positive => match i {
                    number::IntRef::Small(x) => Value::Int(x),
                    number::IntRef::Big(_) => v.clone(),
                },
                UnaryOp::Invert => number::int_invert(i),
                UnaryOp::Not => Value::Bool(Flag(!self.truthy(v)?)),
            });
        }
        if let Value::Float(f) = v {
            match op {
                UnaryOp::Negative => return Ok(Value::Float(-f)),
                UnaryOp::Positive => return Ok(Value::Float(*f)),
                _ => {}
            }
        }
        let name = match op {
            UnaryOp::Negative => &types().names.neg,
            UnaryOp::Positive => &types().names.pos,
            UnaryOp::Invert => &types().names.invert,
            UnaryOp::Not => return Ok(Value::Bool(Flag(!self.truthy(v)?))),
        };
        if let Value::Instance(_) = v {
            if let Some(m) = self.special_method(v, name)? {
                return self.call(&m, &[]);
            }
        }
        let sym = match op {
            UnaryOp::Negative => "-",
            UnaryOp::Positive => "+",
            _ => "~",
        };
        Err(PyErr::type_error(format!(
            "bad operand type for unary {sym}: '{}'",
            v.type_name()
        )))
    }

    /// `bool(v)`: `__bool__`, else `__len__`, else true.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        if let Some(b) = v.truthy_fast() {
            return Ok(b);
        }
        match v {
            Value::Instance(i) => {
                if let Some(l) = v.as_list() {
                    if i.class
                        .lookup(&types().names.len)
                        .is_none_or(|m| matches!(m, Value::Native(_)))
                    {
                        return Ok(!l.is_empty());
                    }
                }
                let names = &types().names;
                if let Some(m) = self.special_method(v, &names.bool_)? {
                    return match self.call(&m, &[])? {
                        Value::Bool(Flag(b)) => Ok(b),
                        other => Err(PyErr::type_error(format!(
                            "__bool__ should return bool, returned {}",
                            other.type_name()
                        ))),
                    };
                }
                if let Some(m) = self.special_method(v, &names.len)? {
                    let n = self.call(&m, &[])?;
                    return Ok(self.len_result(n)? != 0);
                }
                Ok(true)
            }
            Value::DictView(view) => Ok(view.dict.as_dict().is_some_and(|d| !d.is_empty())),
            _ => Ok(true),
        }
    }

    /// Checks what `__len__` returned.
    pub fn len_result(&mut self, n: Value) -> PyResult<i64> {
        match int_ref(&n) {
            Some(number::IntRef::Small(i)) if i >= 0 => Ok(i),
            Some(number::IntRef::Small(_)) => {
                Err(PyErr::value_error("__len__() should return >= 0"))
            }
            Some(number::IntRef::Big(_)) => Err(PyErr::new(
                ExcKind::OverflowError,
                "cannot fit 'int' into an index-sized integer",
            )),
            None => Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                n.type_name()
            ))),
        }
    }
}

/// The bytes of a `bytes`/`bytearray`.
pub fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Bytes(b) => Some(b.data.to_vec()),
        Value::ByteArray(b) => Some(b.lock().clone()),
        _ => None,
    }
}

/// The interned name of a binary operator's method (for messages).
pub fn op_method_name(op: BinOp) -> Arc<PyStr> {
    dunder_names(op).name.clone()
}
