//! Consuming a whole iterable: `list(it)` ([`ThreadCtx::collect`]),
//! the one-argument `list`/`tuple`/`set`/`frozenset` calls
//! ([`ThreadCtx::construct_from`]),
//! unpacking (`a, b = it`, `a, *rest, b = it`), `list.extend`, and the
//! `**` merges of calls and dict displays (`dict_update`).
//!
//! `collect` and `unpack` take a list or tuple whole (one snapshot under
//! the cell) and step any other iterable with `next()`; `mapping_items`
//! takes a dict's entries whole and calls `keys()` and `m[k]` on any
//! other mapping. The errors are CPython's (`not enough values to unpack
//! (expected 3, got 2)`, `f() got multiple values for keyword argument
//! 'x'`).
//!
//! Python equivalent: `PySequence_List` (`Objects/abstract.c`),
//! `unpack_iterable` (`Python/ceval.c`: `UNPACK_SEQUENCE`, `UNPACK_EX`),
//! `DICT_MERGE` / `DICT_UPDATE`, `PyDict_Update`.
//!
//! Needs: the parent `mod.rs` (`iter()`, `next()`).

use super::{is_iterable_type, ThreadCtx};
use crate::object::builtin_types::types;
use crate::object::generator::GenKind;
use crate::object::refcount::Arc;
use crate::object::set::Set;
use crate::object::types::Type;
use crate::object::{ExcKind, PyErr, PyResult, Value};

/// Whether `cls` is exactly `list`, `tuple`, `set` or `frozenset`: the
/// types whose one-argument call [`ThreadCtx::construct_from`] builds
/// directly. A subclass is not: its own `__new__`/`__init__` must run.
pub(in crate::vm) fn is_builtin_container(cls: &Arc<Type>) -> bool {
    let t = types();
    Arc::ptr_eq(cls, &t.list)
        || Arc::ptr_eq(cls, &t.tuple)
        || Arc::ptr_eq(cls, &t.set)
        || Arc::ptr_eq(cls, &t.frozenset)
}

impl ThreadCtx {
    /// All items of an iterable.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Some(l) = v.as_list() {
            if !matches!(v, Value::Instance(_)) {
                return Ok(l.snapshot());
            }
        }
        if let Value::Tuple(t) = v {
            return Ok(t.to_vec());
        }
        // Fast path: a generator is drained from a stack slot
        // (`drain.rs`), not stepped by `next()` item by item.
        if let Value::Generator(g) = v {
            if g.kind == GenKind::Generator {
                return self.collect_generator(v.clone());
            }
        }
        // The plain path: any other iterable.
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    /// `list(it)`, `tuple(it)`, `set(it)` or `frozenset(it)` for `cls`
    /// one of those four exactly ([`is_builtin_container`]): what their
    /// `__new__`/`__init__` pair builds, with the same errors (the same
    /// `collect` and `set_update_from` do the work).
    pub(in crate::vm) fn construct_from(&mut self, cls: &Arc<Type>, it: &Value) -> PyResult {
        let t = types();
        if Arc::ptr_eq(cls, &t.list) {
            return Ok(Value::list(self.collect(it)?));
        }
        if Arc::ptr_eq(cls, &t.tuple) {
            return Ok(Value::tuple(self.collect(it)?));
        }
        let frozen = Arc::ptr_eq(cls, &t.frozenset);
        // `frozenset(fs)` is `fs` itself, as in CPython.
        if frozen && matches!(it, Value::FrozenSet(_)) {
            return Ok(it.clone());
        }
        let s = Set::new();
        // Fast path: a generator's plain items collected in place
        // (`drain.rs`); the set is new, so nothing sees when they go in.
        match it {
            Value::Generator(g) if g.kind == GenKind::Generator => {
                self.fill_new_set_from_generator(&s, it.clone())?
            }
            _ => self.set_update_from(&s, it)?,
        }
        Ok(if frozen {
            Value::FrozenSet(Arc::new(s))
        } else {
            Value::Set(Arc::new(s))
        })
    }

    /// `a, b = v`: exactly `n` items.
    pub fn unpack(&mut self, v: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items = match v {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.snapshot(),
            _ => {
                let it = match self.get_iter(v) {
                    Ok(it) => it,
                    Err(e) if e.is(ExcKind::TypeError) => {
                        return Err(PyErr::type_error(format!(
                            "cannot unpack non-iterable {} object",
                            v.type_name()
                        )))
                    }
                    Err(e) => return Err(e),
                };
                let mut out = Vec::with_capacity(n);
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                    if out.len() > n {
                        return Err(PyErr::value_error(format!(
                            "too many values to unpack (expected {n})"
                        )));
                    }
                }
                out
            }
        };
        if items.len() > n {
            return Err(PyErr::value_error(format!(
                "too many values to unpack (expected {n})"
            )));
        }
        if items.len() < n {
            return Err(PyErr::value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        Ok(items)
    }

    /// `a, *rest, b = v`: `before` items, a list, `after` items.
    pub fn unpack_ex(&mut self, v: &Value, before: usize, after: usize) -> PyResult<Vec<Value>> {
        let mut items = match self.collect(v) {
            Ok(items) => items,
            Err(e) if e.is(ExcKind::TypeError) && !is_iterable_type(v) => {
                return Err(PyErr::type_error(format!(
                    "cannot unpack non-iterable {} object",
                    v.type_name()
                )))
            }
            Err(e) => return Err(e),
        };
        if items.len() < before + after {
            return Err(PyErr::value_error(format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            )));
        }
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        items.push(Value::list(middle));
        items.extend(tail);
        Ok(items)
    }

    /// `LIST_EXTEND`: `l.extend(it)`.
    pub fn list_extend(&mut self, l: &Value, it: &Value) -> PyResult<()> {
        let items = match self.collect(it) {
            Ok(items) => items,
            Err(e) if e.is(ExcKind::TypeError) && !is_iterable_type(it) => {
                return Err(PyErr::type_error(format!(
                    "Value after * must be an iterable, not {}",
                    it.type_name()
                )))
            }
            Err(e) => return Err(e),
        };
        if let Some(list) = l.as_list() {
            list.lock().extend(items);
        }
        Ok(())
    }

    /// The `(key, value)` pairs of a mapping (`**kwargs`, `dict.update`).
    pub fn mapping_items(&mut self, m: &Value) -> PyResult<Vec<(Value, Value)>> {
        if let Some(d) = m.as_dict() {
            if !matches!(m, Value::Instance(_)) {
                return Ok(d.entries());
            }
        }
        let Some(keys) = self.get_attr_opt(m, &crate::object::str::intern("keys"))? else {
            return Err(PyErr::type_error(format!(
                "argument after ** must be a mapping, not {}",
                m.type_name()
            )));
        };
        let keys = self.call(&keys, &[])?;
        let keys = self.collect(&keys)?;
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            let v = self.get_item(m, &k)?;
            out.push((k, v));
        }
        Ok(out)
    }

    /// `DICT_UPDATE` / `DICT_MERGE` (`merge`: a repeated key is an error,
    /// as in `f(**a, **b)`).
    pub fn dict_update(&mut self, d: &Value, m: &Value, merge: bool) -> PyResult<()> {
        let Some(target) = d.as_dict() else {
            return Err(PyErr::type_error("not a dict"));
        };
        let items = match self.mapping_items(m) {
            Ok(items) => items,
            Err(e) if !merge && e.is(ExcKind::TypeError) => {
                return Err(PyErr::type_error(format!(
                    "'{}' object is not a mapping",
                    m.type_name()
                )))
            }
            Err(e) if merge && e.is(ExcKind::TypeError) && !self.has_keys(m)? => {
                let callee = self.callee_str_for_merge();
                return Err(PyErr::type_error(format!(
                    "{callee} argument after ** must be a mapping, not {}",
                    m.type_name()
                )));
            }
            Err(e) => return Err(e),
        };
        for (k, v) in items {
            if merge {
                if !matches!(k, Value::Str(_)) {
                    return Err(PyErr::type_error("keywords must be strings"));
                }
                if self.dict_get(target, &k)?.is_some() {
                    let name = match &k {
                        Value::Str(s) => s.as_str().to_string(),
                        _ => String::new(),
                    };
                    let callee = self.callee_str_for_merge();
                    return Err(PyErr::type_error(format!(
                        "{callee} got multiple values for keyword argument '{name}'"
                    )));
                }
            }
            self.dict_set(target, k, v)?;
        }
        Ok(())
    }

    /// The callable a `**` merge is building arguments for (it sits
    /// below the positional-arguments tuple), as CPython names it in the
    /// error: `__main__.f()`.
    fn callee_str_for_merge(&mut self) -> String {
        let n = self.stack.len();
        match n.checked_sub(3).and_then(|i| self.stack.get(i)).cloned() {
            Some(f) => self.function_str(&f),
            None => "function".into(),
        }
    }

    /// Whether `m` has a `keys` attribute (what makes it a mapping for
    /// `**`).
    fn has_keys(&mut self, m: &Value) -> PyResult<bool> {
        Ok(self
            .get_attr_opt(m, &crate::object::str::intern("keys"))?
            .is_some())
    }
}
