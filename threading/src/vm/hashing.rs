//! `hash()`, and dict and set access for keys whose equality may need
//! Python code.
//!
//! ```text
//!   hash(x):  numbers, str, bytes, tuples, frozensets → object/hash.rs
//!             list, dict, set                         → TypeError: unhashable type
//!             instances → __hash__ (identity by default; None when the
//!                         class defines __eq__ without __hash__)
//!   d[k]:     h = hash(k); table.find(k, h) → Found / Missing / Ask(candidates)
//!             Ask: call __eq__ on each candidate with the cell released,
//!                  then re-check the table's version (it may have changed)
//! ```
//!
//! The object layer's tables answer what they can without Python code
//! (`Find::Ask` otherwise, see `object/dict.rs`); this file closes the
//! loop, keeping the one-cell rule: no Python call while a table is locked.
//!
//! Python equivalent: `Objects/object.c` (`PyObject_Hash`),
//! `Objects/dictobject.c` (`lookdict`'s "mutated during compare" restart),
//! `Objects/setobject.c`.

use super::number::int_ref;
use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::dict::{Dict, Find};
use crate::object::hash::{hash_f64, hash_i64, hash_tuple};
use crate::object::refcount::Arc;
use crate::object::set::{Added, Set, SetFind, SetTable};
use crate::object::str::str_hash;
use crate::object::types::Layout;
use crate::object::value::Flag;
use crate::object::{PyErr, PyResult, Value};

/// CPython's `_Py_HashPointer`: identity hashes.
fn pointer_hash(p: usize) -> i64 {
    let h = p.rotate_right(4) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `TypeError: unhashable type: 'list'`.
pub fn unhashable(v: &Value) -> PyErr {
    PyErr::type_error(format!("unhashable type: '{}'", v.type_name()))
}

impl ThreadCtx {
    /// `hash(v)`. Fast path: an int (the keys of nqueens' sets) hashed
    /// where the caller is, not through the out-of-line match of every
    /// kind below, whose prologue and epilogue cost as much as an int's
    /// hash.
    #[inline]
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(hash_i64(*i)),
            _ => self.hash_any(v),
        }
    }

    /// `hash(v)` for a value of any kind: the plain path of
    /// [`hash`](Self::hash).
    fn hash_any(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::Int(i) => hash_i64(*i),
            Value::Bool(Flag(b)) => *b as i64,
            Value::BigInt(b) => b.py_hash(),
            Value::Float(f) => hash_f64(*f).unwrap_or_else(|| pointer_hash(v.id() as usize)),
            Value::Str(s) => s.hash(),
            Value::Bytes(b) => str_hash(&String::from_utf8_lossy(&b.data)),
            Value::Tuple(t) => {
                let mut hs = Vec::with_capacity(t.len());
                for x in t.iter() {
                    hs.push(self.hash(x)?);
                }
                hash_tuple(hs.into_iter())
            }
            Value::FrozenSet(s) => s.lock().frozen_hash(),
            Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::ByteArray(_)
            | Value::Slice(_) => return Err(unhashable(v)),
            Value::DictView(_) => return Err(unhashable(v)),
            Value::Range(r) => {
                let parts = [
                    hash_i64(r.len()),
                    if r.is_empty() { 0 } else { hash_i64(r.start) },
                    if r.len() <= 1 { 0 } else { hash_i64(r.step) },
                ];
                hash_tuple(parts.into_iter())
            }
            Value::Method(m) => {
                let a = self.hash(&m.self_)?;
                let b = pointer_hash(m.func.id() as usize);
                a ^ b
            }
            Value::Instance(inst) => return self.instance_hash(v, &inst.class),
            Value::None => 0x1_0000_0001 ^ 0x5bd1e995,
            _ => pointer_hash(v.id() as usize),
        })
    }

    /// `__hash__` of an instance.
    fn instance_hash(
        &mut self,
        v: &Value,
        class: &Arc<crate::object::types::Type>,
    ) -> PyResult<i64> {
        let names = &types().names;
        match class.lookup(&names.hash) {
            None | Some(Value::None) => Err(unhashable(v)),
            Some(Value::Native(n)) if n.owner == "object" => Ok(pointer_hash(v.id() as usize)),
            // A native class's own `__hash__` (`types.GenericAlias`:
            // `hash(origin) ^ hash(args)`) is called below like a Python
            // one; this shortcut took it for a built-in base's and hashed
            // the object's address, so two equal aliases hashed apart.
            Some(Value::Native(_)) if !matches!(class.layout, Layout::Native(_)) => {
                // A built-in base's hash (tuple subclasses, frozensets).
                if let Some(t) = v.as_tuple() {
                    let items = t.to_vec();
                    let mut hs = Vec::with_capacity(items.len());
                    for x in &items {
                        hs.push(self.hash(x)?);
                    }
                    return Ok(hash_tuple(hs.into_iter()));
                }
                Ok(pointer_hash(v.id() as usize))
            }
            Some(_) => {
                let m = self.special_method(v, &names.hash)?.unwrap_or(Value::None);
                let r = self.call(&m, &[])?;
                match int_ref(&r) {
                    // CPython's slot_tp_hash: an int that fits is the hash
                    // itself (-1 is reserved for errors, so it becomes -2).
                    Some(super::number::IntRef::Small(i)) => Ok(if i == -1 { -2 } else { i }),
                    Some(super::number::IntRef::Big(b)) => Ok(b.py_hash()),
                    None => Err(PyErr::type_error(
                        "__hash__ method should return an integer",
                    )),
                }
            }
        }
    }

    /// Resolves a `Find::Ask` by running `__eq__`: the position of the
    /// equal key, if any (`None` also when the table changed meanwhile:
    /// the caller retries).
    fn resolve_dict(&mut self, d: &Dict, key: &Value, cands: Vec<usize>) -> PyResult<Resolved> {
        let (version, keys): (u64, Vec<(usize, Value)>) = {
            let t = d.lock();
            (
                t.version(),
                cands
                    .into_iter()
                    .filter_map(|p| t.entry(p).map(|e| (p, e.key.clone())))
                    .collect(),
            )
        };
        for (p, k) in keys {
            if self.eq(&k, key)? {
                return Ok(if d.lock().version() == version {
                    Resolved::At(p)
                } else {
                    Resolved::Retry
                });
            }
        }
        Ok(if d.lock().version() == version {
            Resolved::Absent
        } else {
            Resolved::Retry
        })
    }

    /// `d.get(key)`.
    pub fn dict_get(&mut self, d: &Dict, key: &Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        loop {
            let cands = {
                let t = d.lock();
                match t.find(key, h) {
                    Find::Found(p) => return Ok(t.entry(p).map(|e| e.value.clone())),
                    Find::Missing => return Ok(None),
                    Find::Ask(c) => c,
                }
            };
            match self.resolve_dict(d, key, cands)? {
                Resolved::At(p) => return Ok(d.lock().entry(p).map(|e| e.value.clone())),
                Resolved::Absent => return Ok(None),
                Resolved::Retry => continue,
            }
        }
    }

    /// `d[key] = value`.
    pub fn dict_set(&mut self, d: &Dict, key: Value, value: Value) -> PyResult<()> {
        let h = self.hash(&key)?;
        loop {
            let cands = {
                let mut t = d.lock();
                match t.find(&key, h) {
                    Find::Found(p) => {
                        let old = t.set_value(p, value);
                        drop(t);
                        drop(old);
                        return Ok(());
                    }
                    Find::Missing => {
                        t.insert_new(h, key, value);
                        return Ok(());
                    }
                    Find::Ask(c) => c,
                }
            };
            match self.resolve_dict(d, &key, cands)? {
                Resolved::At(p) => {
                    let old = d.lock().set_value(p, value);
                    drop(old);
                    return Ok(());
                }
                Resolved::Absent => {
                    d.lock().insert_new(h, key, value);
                    return Ok(());
                }
                Resolved::Retry => continue,
            }
        }
    }

    /// `del d[key]` / `d.pop(key)`: the removed value, if the key was there.
    pub fn dict_remove(&mut self, d: &Dict, key: &Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        loop {
            let cands = {
                let mut t = d.lock();
                match t.find(key, h) {
                    Find::Found(p) => return Ok(t.remove_at(p).map(|e| e.value)),
                    Find::Missing => return Ok(None),
                    Find::Ask(c) => c,
                }
            };
            match self.resolve_dict(d, key, cands)? {
                Resolved::At(p) => return Ok(d.lock().remove_at(p).map(|e| e.value)),
                Resolved::Absent => return Ok(None),
                Resolved::Retry => continue,
            }
        }
    }

    /// `d[k] = v` for a dict value (or dict subclass): `MAP_ADD`.
    pub fn setitem_dict(&mut self, d: &Value, k: Value, v: Value) -> PyResult<()> {
        match d.as_dict() {
            Some(t) => self.dict_set(t, k, v),
            None => Err(PyErr::type_error("not a dict")),
        }
    }

    /// A new dict from `[k0, v0, k1, v1, ...]` (`BUILD_MAP`).
    pub fn new_dict_from_pairs(&mut self, items: Vec<Value>) -> PyResult {
        let d = Arc::new(Dict::new());
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            self.dict_set(&d, k, v)?;
        }
        Ok(Value::Dict(d))
    }

    /// Resolves a `SetFind::Ask`.
    fn resolve_set(&mut self, s: &Set, key: &Value, cands: Vec<usize>) -> PyResult<Resolved> {
        let (version, keys): (u64, Vec<(usize, Value)>) = {
            let t = s.lock();
            (
                t.version(),
                cands
                    .into_iter()
                    .filter_map(|i| t.key_at(i).map(|k| (i, k.clone())))
                    .collect(),
            )
        };
        for (i, k) in keys {
            if self.eq(&k, key)? {
                return Ok(if s.lock().version() == version {
                    Resolved::At(i)
                } else {
                    Resolved::Retry
                });
            }
        }
        Ok(if s.lock().version() == version {
            Resolved::Absent
        } else {
            Resolved::Retry
        })
    }

    /// `key in s`.
    pub fn set_contains(&mut self, s: &Set, key: &Value) -> PyResult<bool> {
        let h = self.hash(key)?;
        self.set_contains_hashed(s, key, h)
    }

    /// `key in s` with the hash already known.
    pub fn set_contains_hashed(&mut self, s: &Set, key: &Value, h: i64) -> PyResult<bool> {
        loop {
            let cands = match s.lock().find(key, h) {
                SetFind::Found(_) => return Ok(true),
                SetFind::Missing => return Ok(false),
                SetFind::Ask(c) => c,
            };
            match self.resolve_set(s, key, cands)? {
                Resolved::At(_) => return Ok(true),
                Resolved::Absent => return Ok(false),
                Resolved::Retry => continue,
            }
        }
    }

    /// `s.add(key)` on a set's table.
    pub fn set_insert(&mut self, s: &Set, key: Value) -> PyResult<()> {
        let h = self.hash(&key)?;
        self.set_insert_hashed(s, key, h)
    }

    /// `s.add(key)` with the hash already known.
    pub fn set_insert_hashed(&mut self, s: &Set, key: Value, h: i64) -> PyResult<()> {
        // The key goes into `add` itself, not a clone of it (a clone and a
        // drop per insert saved); only an undecided add hands it back.
        let mut key = key;
        loop {
            let cands = match s.lock().add(key, h) {
                Added::New | Added::Present => return Ok(()),
                Added::Ask(undecided) => {
                    key = undecided.key;
                    undecided.candidates
                }
            };
            match self.resolve_set(s, &key, cands)? {
                Resolved::At(_) => return Ok(()),
                Resolved::Absent => {
                    s.lock().insert_absent(key, h);
                    return Ok(());
                }
                Resolved::Retry => continue,
            }
        }
    }

    /// `s.discard(key)`: whether it was there.
    pub fn set_discard(&mut self, s: &Set, key: &Value) -> PyResult<bool> {
        let h = self.hash(key)?;
        self.set_discard_hashed(s, key, h)
    }

    /// `s.discard(key)` with the hash already known.
    pub fn set_discard_hashed(&mut self, s: &Set, key: &Value, h: i64) -> PyResult<bool> {
        loop {
            let cands = {
                let mut t = s.lock();
                match t.find(key, h) {
                    SetFind::Found(i) => {
                        let old = t.remove_slot(i);
                        drop(t);
                        drop(old);
                        return Ok(true);
                    }
                    SetFind::Missing => return Ok(false),
                    SetFind::Ask(c) => c,
                }
            };
            match self.resolve_set(s, key, cands)? {
                Resolved::At(i) => {
                    let old = s.lock().remove_slot(i);
                    drop(old);
                    return Ok(true);
                }
                Resolved::Absent => return Ok(false),
                Resolved::Retry => continue,
            }
        }
    }

    /// `SET_ADD`: add to a set value (or set subclass).
    pub fn set_add(&mut self, s: &Value, v: Value) -> PyResult<()> {
        match s.as_set() {
            Some(t) => self.set_insert(t, v),
            None => Err(PyErr::type_error("not a set")),
        }
    }

    /// A new set of `items`, built as CPython builds `{a, b, c}`.
    pub fn new_set(&mut self, items: Vec<Value>) -> PyResult {
        let s = Arc::new(Set::new());
        for v in items {
            self.set_insert(&s, v)?;
        }
        Ok(Value::Set(s))
    }

    /// `s |= it` / `set.update(it)`: a set merges slot by slot (as
    /// `set_merge`), a dict presizes and adds its keys, anything else is
    /// iterated.
    pub fn set_update(&mut self, s: &Value, it: &Value) -> PyResult<()> {
        let Some(target) = s.as_set() else {
            return Err(PyErr::type_error("not a set"));
        };
        if let Some(src) = it.as_set() {
            if std::ptr::eq(target, src) {
                return Ok(());
            }
            let snapshot: SetTable = src.lock().clone();
            let slow = target.lock().merge(&snapshot);
            for (k, h) in slow {
                self.set_insert_hashed(target, k, h)?;
            }
            return Ok(());
        }
        if let Some(d) = it.as_dict() {
            let entries: Vec<(Value, i64)> =
                d.lock().iter().map(|e| (e.key.clone(), e.hash)).collect();
            target.lock().reserve_for(entries.len());
            for (k, h) in entries {
                self.set_insert_hashed(target, k, h)?;
            }
            return Ok(());
        }
        let iter = self.get_iter(it)?;
        while let Some(v) = self.next(&iter)? {
            self.set_insert(target, v)?;
        }
        Ok(())
    }
}

/// The outcome of running `__eq__` over candidates.
enum Resolved {
    /// The key is at this position.
    At(usize),
    /// The key is not there.
    Absent,
    /// The table changed during a comparison: look again.
    Retry,
}
