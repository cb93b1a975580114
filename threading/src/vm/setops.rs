//! Set algebra — union, intersection, difference, symmetric difference,
//! subset tests — with CPython's algorithms, because which set is iterated
//! and which one is probed decides the order the result iterates in.
//!
//! ```text
//!   a | b   copy a (slot for slot), then add b's keys in b's slot order
//!   a & b   iterate the SMALLER set, keep the keys the other contains
//!   a - b   iterate a, keep what b lacks (or copy a and discard b's keys
//!           when a is more than 4 times larger)
//!   a ^ b   copy b, then for each key of a: discard it, or add it if absent
//! ```
//!
//! Python equivalent: `Objects/setobject.c` (`set_or`, `set_intersection`,
//! `set_difference`, `set_difference_update_internal`,
//! `set_symmetric_difference`, `set_issubset`).

use super::ThreadCtx;
use crate::object::generator::GenKind;
use crate::object::refcount::Arc;
use crate::object::set::{Set, SetTable};
use crate::object::{PyResult, Value};

/// A snapshot of a set's keys with their hashes, in slot order.
fn entries(s: &Set) -> Vec<(Value, i64)> {
    s.lock().entries().map(|(k, h)| (k.clone(), h)).collect()
}

impl ThreadCtx {
    /// `set(s)` / `s.copy()`: `set_merge` into an empty table.
    pub fn set_copy(&mut self, s: &Set) -> PyResult<Set> {
        let out = Set::new();
        let snapshot: SetTable = s.lock().clone();
        let slow = out.lock().merge(&snapshot);
        for (k, h) in slow {
            self.set_insert_hashed(&out, k, h)?;
        }
        Ok(out)
    }

    /// `so.update(other)` (any iterable).
    pub fn set_update_from(&mut self, so: &Set, other: &Value) -> PyResult<()> {
        if let Some(src) = other.as_set() {
            if std::ptr::eq(so, src) {
                return Ok(());
            }
            let snapshot: SetTable = src.lock().clone();
            let slow = so.lock().merge(&snapshot);
            for (k, h) in slow {
                self.set_insert_hashed(so, k, h)?;
            }
            return Ok(());
        }
        if let Some(d) = other.as_dict() {
            let items: Vec<(Value, i64)> =
                d.lock().iter().map(|e| (e.key.clone(), e.hash)).collect();
            so.lock().reserve_for(items.len());
            for (k, h) in items {
                self.set_insert_hashed(so, k, h)?;
            }
            return Ok(());
        }
        // Fast path: a generator (`set(genexp)`) is drained from a stack
        // slot (`iter/drain.rs`), not stepped by `next()` item by item.
        if let Value::Generator(g) = other {
            if g.kind == GenKind::Generator {
                return self.drain_generator(other.clone(), |vm, item| vm.set_insert(so, item));
            }
        }
        // The plain path: any other iterable.
        let it = self.get_iter(other)?;
        while let Some(v) = self.next(&it)? {
            self.set_insert(so, v)?;
        }
        Ok(())
    }

    /// `so | other`, `so.union(other)`.
    pub fn set_union(&mut self, so: &Set, other: &Value) -> PyResult<Set> {
        let result = self.set_copy(so)?;
        if other.as_set().is_some_and(|o| std::ptr::eq(o, so)) {
            return Ok(result);
        }
        self.set_update_from(&result, other)?;
        Ok(result)
    }

    /// `so & other`, `so.intersection(other)`.
    pub fn set_intersection(&mut self, so: &Set, other: &Value) -> PyResult<Set> {
        if other.as_set().is_some_and(|o| std::ptr::eq(o, so)) {
            return self.set_copy(so);
        }
        let result = Set::new();
        if let Some(o) = other.as_set() {
            let (big, small) = if o.len() > so.len() { (o, so) } else { (so, o) };
            for (k, h) in entries(small) {
                if self.set_contains_hashed(big, &k, h)? {
                    self.set_insert_hashed(&result, k, h)?;
                }
            }
            return Ok(result);
        }
        let it = self.get_iter(other)?;
        while let Some(k) = self.next(&it)? {
            let h = self.hash(&k)?;
            if self.set_contains_hashed(so, &k, h)? {
                self.set_insert_hashed(&result, k, h)?;
                if result.len() >= so.len() {
                    break;
                }
            }
        }
        Ok(result)
    }

    /// `so -= other`, `so.difference_update(other)`.
    pub fn set_difference_update(&mut self, so: &Set, other: &Value) -> PyResult<()> {
        if other.as_set().is_some_and(|o| std::ptr::eq(o, so)) {
            let old = so.lock().take_all();
            drop(old);
            return Ok(());
        }
        if let Some(o) = other.as_set() {
            let keys = if (o.len() >> 3) > so.len() {
                entries(&self.set_intersection(so, other)?)
            } else {
                entries(o)
            };
            for (k, h) in keys {
                self.set_discard_hashed(so, &k, h)?;
            }
        } else {
            let it = self.get_iter(other)?;
            while let Some(k) = self.next(&it)? {
                self.set_discard(so, &k)?;
            }
        }
        so.lock().purge_dummies();
        Ok(())
    }

    /// `so - other`, `so.difference(other)`.
    pub fn set_difference(&mut self, so: &Set, other: &Value) -> PyResult<Set> {
        let other_size = match (other.as_set(), other.as_dict()) {
            (Some(o), _) => Some(o.len()),
            (None, Some(d)) if matches!(other, Value::Dict(_)) => Some(d.len()),
            _ => None,
        };
        let copy_and_difference = |vm: &mut ThreadCtx| -> PyResult<Set> {
            let result = vm.set_copy(so)?;
            vm.set_difference_update(&result, other)?;
            Ok(result)
        };
        let Some(other_size) = other_size else {
            return copy_and_difference(self);
        };
        if (so.len() >> 2) > other_size {
            return copy_and_difference(self);
        }
        let result = Set::new();
        for (k, h) in entries(so) {
            let inside = match (other.as_set(), other.as_dict()) {
                (Some(o), _) => self.set_contains_hashed(o, &k, h)?,
                (None, Some(d)) => self.dict_get(d, &k)?.is_some(),
                _ => false,
            };
            if !inside {
                self.set_insert_hashed(&result, k, h)?;
            }
        }
        Ok(result)
    }

    /// `so ^= other` when `other` is a set's entries.
    fn symdiff_update_entries(&mut self, so: &Set, keys: Vec<(Value, i64)>) -> PyResult<()> {
        for (k, h) in keys {
            if !self.set_discard_hashed(so, &k, h)? {
                self.set_insert_hashed(so, k, h)?;
            }
        }
        Ok(())
    }

    /// `so ^= other`, `so.symmetric_difference_update(other)`.
    pub fn set_symmetric_difference_update(&mut self, so: &Set, other: &Value) -> PyResult<()> {
        if other.as_set().is_some_and(|o| std::ptr::eq(o, so)) {
            let old = so.lock().take_all();
            drop(old);
            return Ok(());
        }
        let keys = if let Some(o) = other.as_set() {
            entries(o)
        } else if let (Value::Dict(_), Some(d)) = (other, other.as_dict()) {
            d.lock().iter().map(|e| (e.key.clone(), e.hash)).collect()
        } else {
            let tmp = Set::new();
            self.set_update_from(&tmp, other)?;
            entries(&tmp)
        };
        self.symdiff_update_entries(so, keys)
    }

    /// `so ^ other`, `so.symmetric_difference(other)`.
    pub fn set_symmetric_difference(&mut self, so: &Set, other: &Value) -> PyResult<Set> {
        let result = Set::new();
        self.set_update_from(&result, other)?;
        self.symdiff_update_entries(&result, entries(so))?;
        Ok(result)
    }

    /// `so <= other` / `so.issubset(other)`.
    pub fn set_issubset(&mut self, so: &Set, other: &Value) -> PyResult<bool> {
        let Some(o) = other.as_set() else {
            let tmp = self.set_intersection(so, other)?;
            return Ok(tmp.len() == so.len());
        };
        if so.len() > o.len() {
            return Ok(false);
        }
        for (k, h) in entries(so) {
            if !self.set_contains_hashed(o, &k, h)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `so >= other` / `so.issuperset(other)`.
    pub fn set_issuperset(&mut self, so: &Set, other: &Value) -> PyResult<bool> {
        if let Some(o) = other.as_set() {
            let so_value = Value::Set(Arc::new(self.set_copy(so)?));
            return self.set_issubset(o, &so_value);
        }
        let it = self.get_iter(other)?;
        while let Some(k) = self.next(&it)? {
            if !self.set_contains(so, &k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `so.isdisjoint(other)`.
    pub fn set_isdisjoint(&mut self, so: &Set, other: &Value) -> PyResult<bool> {
        if let Some(o) = other.as_set() {
            let (big, small) = if o.len() > so.len() { (o, so) } else { (so, o) };
            for (k, h) in entries(small) {
                if self.set_contains_hashed(big, &k, h)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        let it = self.get_iter(other)?;
        while let Some(k) = self.next(&it)? {
            if self.set_contains(so, &k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
