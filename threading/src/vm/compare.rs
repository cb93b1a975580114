//! Comparisons: `== != < <= > >=` with `__eq__`/`__lt__`-style methods and
//! their reflections, container equality and ordering, and `in`.
//!
//! ```text
//!   a < b:  built-ins (numbers, str, bytes, tuple, list, set) → directly
//!           b's class a proper subclass of a's?  → b.__gt__(a) first
//!           a.__lt__(b), then b.__gt__(a)        (NotImplemented: go on)
//!           ==/!= fall back to identity; orderings raise
//!           TypeError: '<' not supported between instances of 'A' and 'B'
//!   x in c: c.__contains__(x), else iterate c comparing with ==
//! ```
//!
//! Container comparisons recurse in Rust; a depth counter turns absurd
//! nesting into CPython's "maximum recursion depth exceeded in comparison"
//! instead of overflowing the native stack.
//!
//! Python equivalent: `Objects/object.c` (`do_richcompare`,
//! `PyObject_RichCompareBool`), `Objects/abstract.c`
//! (`PySequence_Contains`), `listobject.c`/`tupleobject.c` richcompare.

use super::number::{int_cmp, int_float_cmp, int_ref};
use super::ThreadCtx;
use crate::ast::CmpOp;
use crate::object::builtin_types::types;
use crate::object::refcount::Arc;
use crate::object::str::PyStr;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::cmp::Ordering;
use std::sync::OnceLock;

/// The special method of a comparison and its reflection.
fn dunders(op: CmpOp) -> (&'static Arc<PyStr>, &'static Arc<PyStr>) {
    let n = &types().names;
    match op {
        CmpOp::Eq => (&n.eq, &n.eq),
        CmpOp::Ne => (&n.ne, &n.ne),
        CmpOp::Lt => (&n.lt, &n.gt),
        CmpOp::Le => (&n.le, &n.ge),
        CmpOp::Gt => (&n.gt, &n.lt),
        CmpOp::Ge => (&n.ge, &n.le),
        _ => (&n.eq, &n.eq),
    }
}

/// Whether an ordering satisfies `op` (`false` for `in`/`is`, which no
/// ordering answers).
#[inline]
pub(super) fn holds(op: CmpOp, o: Ordering) -> bool {
    match op {
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::Ne => o != Ordering::Equal,
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
        _ => false,
    }
}

/// `object.__eq__` (`ne`: `object.__ne__`), fetched once per process: a
/// built-in type's attributes cannot be reassigned.
fn object_cmp(ne: bool) -> Option<&'static Value> {
    static OBJECT_EQ: OnceLock<Option<Value>> = OnceLock::new();
    static OBJECT_NE: OnceLock<Option<Value>> = OnceLock::new();
    let names = &types().names;
    let (cell, key) = if ne {
        (&OBJECT_NE, &names.ne)
    } else {
        (&OBJECT_EQ, &names.eq)
    };
    cell.get_or_init(|| types().object.dict.get_str(key))
        .as_ref()
}

/// The most deeply nested containers a comparison follows.
const MAX_COMPARE_DEPTH: usize = 1000;

thread_local! {
    /// Current container-comparison nesting on this thread.
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn too_deep() -> PyErr {
    PyErr::new(
        ExcKind::RecursionError,
        "maximum recursion depth exceeded in comparison",
    )
}

impl ThreadCtx {
    /// `a op b` for `== != < <= > >=`: any value (a user `__eq__` may
    /// return anything).
    pub fn rich_compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult {
        if let Some(r) = self.builtin_compare(a, b, op)? {
            return Ok(Value::Bool(Flag(r)));
        }
        // Fast path: `==` / `!=` between instances of classes that keep
        // `object`'s comparison methods is identity.
        if let Some(r) = self.default_identity_compare(a, b, op) {
            return Ok(Value::Bool(Flag(r)));
        }
        let (name, rname) = dunders(op);
        let (ta, tb) = (a.class().clone(), b.class().clone());
        let user = matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_));
        if user {
            let b_first = !Arc::ptr_eq(&ta, &tb) && tb.is_subtype(&ta);
            if b_first {
                if let Some(r) = self.try_compare(b, rname, a)? {
                    return Ok(r);
                }
            }
            if let Some(r) = self.try_compare(a, name, b)? {
                return Ok(r);
            }
            if !b_first {
                if let Some(r) = self.try_compare(b, rname, a)? {
                    return Ok(r);
                }
            }
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(Flag(a.is(b)))),
            CmpOp::Ne => Ok(Value::Bool(Flag(!a.is(b)))),
            _ => Err(PyErr::type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                a.type_name(),
                b.type_name()
            ))),
        }
    }

    /// Fast path of `a == b` / `a != b` for two instances whose classes
    /// both keep `object.__eq__` (and, for `!=`, `object.__ne__`): the
    /// answer is identity, which the plain path reaches after asking
    /// `a.__eq__(b)` and `b.__eq__(a)` (each `NotImplemented` unless the
    /// two are one object) and falling back. `None` for anything else.
    /// Read from the type cache by reference (a version-tagged hit, so a
    /// class that gains `__eq__` misses); the plain path cost ~2,000
    /// instructions per comparison (two type-cache clones, a probe of
    /// `object`'s dict per side): deltablue's `c == self`-style tests.
    fn default_identity_compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> Option<bool> {
        let (Value::Instance(x), Value::Instance(y)) = (a, b) else {
            return None;
        };
        let names = &types().names;
        let keeps = |ctx: &mut ThreadCtx, cls: &crate::object::types::Type| {
            let eq = ctx.type_cache.lookup_ref(cls, &names.eq);
            if !matches!((eq, object_cmp(false)), (Some(m), Some(o)) if m.is(o)) {
                return false;
            }
            if op == CmpOp::Eq {
                return true;
            }
            let ne = ctx.type_cache.lookup_ref(cls, &names.ne);
            matches!((ne, object_cmp(true)), (Some(m), Some(o)) if m.is(o))
        };
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) || !keeps(self, &x.class) {
            return None;
        }
        if !Arc::ptr_eq(&x.class, &y.class) && !keeps(self, &y.class) {
            return None;
        }
        Some(Arc::ptr_eq(x, y) == (op == CmpOp::Eq))
    }

    /// A comparison method of `obj`'s class: `None` if missing, the
    /// default `object` one, or `NotImplemented`.
    fn try_compare(
        &mut self,
        obj: &Value,
        name: &Arc<PyStr>,
        arg: &Value,
    ) -> PyResult<Option<Value>> {
        let cls = obj.class().clone();
        let Some(m) = self.type_cache.lookup(&cls, name) else {
            return Ok(None);
        };
        let names = &types().names;
        if name.as_str() == "__ne__"
            && m.is(&types().object.dict.get_str(name).unwrap_or(Value::Null))
        {
            // object.__ne__: the inverse of __eq__ unless NotImplemented.
            return match self.try_compare(obj, &names.eq, arg)? {
                Some(r) => Ok(Some(Value::Bool(Flag(!self.truthy(&r)?)))),
                None => Ok(None),
            };
        }
        if matches!(m, Value::Native(_)) && matches!(obj, Value::Instance(_)) {
            // object.__eq__ and friends: identity, handled by the caller;
            // a built-in base's method: compare the payloads.
            if let Some(r) = self.builtin_compare(obj, arg, cmp_of(name))? {
                return Ok(Some(Value::Bool(Flag(r))));
            }
            if m.is(&types().object.dict.get_str(name).unwrap_or(Value::Null)) {
                return Ok(None);
            }
        }
        let m = self.special_method(obj, name)?.unwrap_or(m);
        match self.call(&m, std::slice::from_ref(arg))? {
            Value::NotImplemented => Ok(None),
            r => Ok(Some(r)),
        }
    }

    /// Comparison of two built-in values; `None` when the pair is not
    /// comparable this way (user classes, mixed types).
    pub fn builtin_compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
        if let (Some(x), Some(y)) = (int_ref(a), int_ref(b)) {
            return Ok(Some(holds(op, int_cmp(x, y))));
        }
        match (a, b) {
            (Value::Float(x), Value::Float(y)) => {
                return Ok(Some(match x.partial_cmp(y) {
                    Some(o) => holds(op, o),
                    None => op == CmpOp::Ne,
                }))
            }
            (Value::Float(f), other) | (other, Value::Float(f)) if int_ref(other).is_some() => {
                let Some(i) = int_ref(other) else {
                    return Ok(None);
                };
                let o = int_float_cmp(i, *f);
                let o = if matches!(a, Value::Float(_)) {
                    o.map(Ordering::reverse)
                } else {
                    o
                };
                return Ok(Some(match o {
                    Some(o) => holds(op, o),
                    None => op == CmpOp::Ne,
                }));
            }
            (Value::Str(x), Value::Str(y)) => {
                return Ok(Some(holds(op, x.as_str().cmp(y.as_str()))));
            }
            (Value::Bytes(_) | Value::ByteArray(_), Value::Bytes(_) | Value::ByteArray(_)) => {
                let (x, y) = (
                    super::ops::bytes_of(a).unwrap_or_default(),
                    super::ops::bytes_of(b).unwrap_or_default(),
                );
                return Ok(Some(holds(op, x.cmp(&y))));
            }
            (Value::None, Value::None) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                return Ok(Some(op == CmpOp::Eq))
            }
            // Bound methods: the same function bound to the same object.
            (Value::Method(x), Value::Method(y)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let same = x.func.is(&y.func) && x.self_.is(&y.self_);
                return Ok(Some(same == (op == CmpOp::Eq)));
            }
            (Value::Range(x), Value::Range(y)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let same = x.len() == y.len()
                    && (x.is_empty() || (x.start == y.start && (x.len() == 1 || x.step == y.step)));
                return Ok(Some(same == (op == CmpOp::Eq)));
            }
            _ => {}
        }
        // Tuples never change: compared in place. (Lists are copied
        // first: an item's `__eq__` may change them.)
        if let (Some(x), Some(y)) = (a.as_tuple(), b.as_tuple()) {
            return self.seq_compare(x, y, op).map(Some);
        }
        if let (Some(x), Some(y)) = (a.as_list(), b.as_list()) {
            let (x, y) = (x.snapshot(), y.snapshot());
            return self.seq_compare(&x, &y, op).map(Some);
        }
        if let (Some(x), Some(y)) = (a.as_dict(), b.as_dict()) {
            if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                return Ok(None);
            }
            let eq = self.dicts_equal(x, y)?;
            return Ok(Some(eq == (op == CmpOp::Eq)));
        }
        if let (Some(x), Some(y)) = (a.as_set(), b.as_set()) {
            return self.set_compare(x, y, op).map(Some);
        }
        // Keys and items views compare as sets, with each other and with
        // sets and frozensets (values views do not).
        let as_setlike = |vm: &mut ThreadCtx, v: &Value| -> PyResult<Option<Value>> {
            match v {
                Value::DictView(view) if view.kind != crate::object::iter::ViewKind::Values => {
                    super::iter::view_as_set(vm, view).map(Some)
                }
                Value::Set(_) | Value::FrozenSet(_) => Ok(Some(v.clone())),
                _ => Ok(None),
            }
        };
        if matches!(a, Value::DictView(_)) || matches!(b, Value::DictView(_)) {
            if let (Some(xs), Some(ys)) = (as_setlike(self, a)?, as_setlike(self, b)?) {
                if let (Some(xs), Some(ys)) = (xs.as_set(), ys.as_set()) {
                    return self.set_compare(xs, ys, op).map(Some);
                }
            }
        }
        Ok(None)
    }

    /// Lexicographic comparison of two sequences (items compared with ==
    /// until the first difference, which decides).
    fn seq_compare(&mut self, x: &[Value], y: &[Value], op: CmpOp) -> PyResult<bool> {
        let depth = DEPTH.get();
        if depth >= MAX_COMPARE_DEPTH {
            return Err(too_deep());
        }
        DEPTH.set(depth + 1);
        let r = self.seq_compare_inner(x, y, op);
        DEPTH.set(depth);
        r
    }

    fn seq_compare_inner(&mut self, x: &[Value], y: &[Value], op: CmpOp) -> PyResult<bool> {
        if matches!(op, CmpOp::Eq | CmpOp::Ne) && x.len() != y.len() {
            return Ok(op == CmpOp::Ne);
        }
        for (a, b) in x.iter().zip(y.iter()) {
            if !self.eq(a, b)? {
                return match op {
                    CmpOp::Eq => Ok(false),
                    CmpOp::Ne => Ok(true),
                    _ => {
                        let r = self.rich_compare(a, b, op)?;
                        self.truthy(&r)
                    }
                };
            }
        }
        Ok(holds(op, x.len().cmp(&y.len())))
    }

    /// `a == b` as a bool (identity first, as containers test it).
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(r) = a.fast_eq(b) {
            return Ok(r);
        }
        let r = self.rich_compare(a, b, CmpOp::Eq)?;
        match r {
            Value::Bool(Flag(b)) => Ok(b),
            other => self.truthy(&other),
        }
    }

    /// Dict equality: same length and every key maps to an equal value.
    fn dicts_equal(
        &mut self,
        x: &crate::object::dict::Dict,
        y: &crate::object::dict::Dict,
    ) -> PyResult<bool> {
        if std::ptr::eq(x, y) {
            return Ok(true);
        }
        if x.len() != y.len() {
            return Ok(false);
        }
        for (k, v) in x.entries() {
            match self.dict_get(y, &k)? {
                Some(w) => {
                    if !self.eq(&v, &w)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Set comparison: equality, subset (`<=`, `<`) and superset.
    fn set_compare(
        &mut self,
        x: &crate::object::set::Set,
        y: &crate::object::set::Set,
        op: CmpOp,
    ) -> PyResult<bool> {
        let (nx, ny) = (x.len(), y.len());
        let subset = |vm: &mut ThreadCtx,
                      a: &crate::object::set::Set,
                      b: &crate::object::set::Set|
         -> PyResult<bool> {
            for k in a.keys() {
                if !vm.set_contains(b, &k)? {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        Ok(match op {
            CmpOp::Eq => nx == ny && subset(self, x, y)?,
            CmpOp::Ne => !(nx == ny && subset(self, x, y)?),
            CmpOp::Le => nx <= ny && subset(self, x, y)?,
            CmpOp::Lt => nx < ny && subset(self, x, y)?,
            CmpOp::Ge => ny <= nx && subset(self, y, x)?,
            CmpOp::Gt => ny < nx && subset(self, y, x)?,
            _ => false,
        })
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => {
                return match item {
                    Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
                    other => Err(PyErr::type_error(format!(
                        "'in <string>' requires string as left operand, not {}",
                        other.type_name()
                    ))),
                }
            }
            Value::Range(r) => {
                if let Some(super::number::IntRef::Small(i)) = int_ref(item) {
                    return Ok(r.contains(i));
                }
            }
            Value::Bytes(_) | Value::ByteArray(_) => {
                let data = super::ops::bytes_of(container).unwrap_or_default();
                return match item {
                    Value::Int(i) => {
                        if !(0..256).contains(i) {
                            return Err(PyErr::value_error("byte must be in range(0, 256)"));
                        }
                        Ok(data.contains(&(*i as u8)))
                    }
                    _ => match super::ops::bytes_of(item) {
                        Some(sub) => {
                            Ok(sub.is_empty() || data.windows(sub.len()).any(|w| w == &sub[..]))
                        }
                        None => Err(PyErr::type_error(format!(
                            "a bytes-like object is required, not '{}'",
                            item.type_name()
                        ))),
                    },
                };
            }
            Value::DictView(v) => return super::iter::view_contains(self, v, item),
            Value::Instance(i) => {
                // A Python `__contains__`; a built-in base's native one is
                // the payload check below.
                if let Some(m) = i.class.lookup(&types().names.contains) {
                    if !matches!(m, Value::Native(_)) {
                        let m = self.special_method(container, &types().names.contains)?;
                        let r = self.call(&m.unwrap_or(m_default()), std::slice::from_ref(item))?;
                        return self.truthy(&r);
                    }
                }
            }
            _ => {}
        }
        if let Some(d) = container.as_dict() {
            return Ok(self.dict_get(d, item)?.is_some());
        }
        if let Some(s) = container.as_set() {
            return self.set_contains(s, item);
        }
        if let Some(l) = container.as_list() {
            let mut i = 0;
            loop {
                let v = match l.lock().get(i) {
                    Some(v) => v.clone(),
                    None => return Ok(false),
                };
                if self.eq(&v, item)? {
                    return Ok(true);
                }
                i += 1;
            }
        }
        if let Some(t) = container.as_tuple() {
            let items = t.to_vec();
            for v in &items {
                if self.eq(v, item)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        // The iteration protocol: `in` over any iterable.
        let it = match self.get_iter(container) {
            Ok(it) => it,
            Err(e) if e.is(ExcKind::TypeError) => {
                return Err(PyErr::type_error(format!(
                    "argument of type '{}' is not iterable",
                    container.type_name()
                )))
            }
            Err(e) => return Err(e),
        };
        while let Some(v) = self.next(&it)? {
            if self.eq(&v, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The ordering of two values for `sorted`, `min`, `max` (`<` with
    /// its reflection), as a bool "a < b".
    pub fn less_than(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(x < y);
        }
        let r = self.rich_compare(a, b, CmpOp::Lt)?;
        match r {
            Value::Bool(Flag(b)) => Ok(b),
            other => self.truthy(&other),
        }
    }
}

/// A placeholder callable (never reached: the method was just found).
fn m_default() -> Value {
    Value::None
}

/// The comparison a special-method name stands for.
fn cmp_of(name: &PyStr) -> CmpOp {
    match name.as_str() {
        "__ne__" => CmpOp::Ne,
        "__lt__" => CmpOp::Lt,
        "__le__" => CmpOp::Le,
        "__gt__" => CmpOp::Gt,
        "__ge__" => CmpOp::Ge,
        _ => CmpOp::Eq,
    }
}
