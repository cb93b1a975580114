//! `dict`: insertion-ordered hash table, CPython's "compact dict" layout.
//!
//! ```text
//!   entries: [ (h0, k0, v0), None, (h2, k2, v2), ... ]   insertion order; None = deleted
//!   indices: [ EMPTY, 2, EMPTY, 0, DUMMY, ... ]           open addressing over entries
//!            slot = hash & mask, then (slot*5 + perturb + 1) & mask, perturb >>= 5
//! ```
//!
//! Small tables (up to [`SMALL`] entries, the usual instance `__dict__`)
//! keep no index at all and scan their entries, comparing the cached hash
//! first: fewer allocations and faster than probing at that size.
//!
//! ## Equality without the interpreter
//! Finding a key means comparing it with stored keys of equal hash. For
//! the built-in immutable types (str, int, float, tuple of those, None,
//! types, plain instances compared by identity) that needs no Python code
//! ([`Value::fast_eq`]). A key whose class defines `__eq__` needs the
//! interpreter, which this layer does not know. So [`DictTable::find`]
//! answers [`Find::Ask`] with the candidates in probe order; the VM
//! (`vm/dict_ops.rs`) calls `__eq__` on each with the cell released (rule
//! 1 of `cell.rs`) and re-checks [`DictTable::version`] before trusting
//! the answer, as CPython re-checks that the table did not change during
//! the comparison.
//!
//! Python equivalent: `Objects/dictobject.c` (`lookdict`, `insertdict`,
//! `dictresize`, `PERTURB_SHIFT`).

use super::cell::{PyCell, PyGuard};
use super::drop::{can_nest, drop_values};
use super::str::PyStr;
use super::value::Value;

/// Tables with at most this many entries keep no index (linear scan).
pub const SMALL: usize = 8;
/// An index slot that was never used.
const EMPTY: u32 = u32::MAX;
/// An index slot whose entry was deleted (probing continues past it).
const DUMMY: u32 = u32::MAX - 1;
/// CPython's probe perturbation shift.
const PERTURB_SHIFT: u32 = 5;

/// One key/value pair with the key's hash.
#[derive(Clone)]
pub struct DictEntry {
    /// `hash(key)`, computed once at insertion.
    pub hash: i64,
    /// The key as first inserted (later equal keys do not replace it).
    pub key: Value,
    /// The value.
    pub value: Value,
}

/// Where a key is, as far as this layer can tell.
#[derive(Debug, PartialEq, Eq)]
pub enum Find {
    /// At this entry position.
    Found(usize),
    /// Certainly absent.
    Missing,
    /// Maybe at one of these entry positions (in probe order): their keys
    /// have the same hash and only Python's `__eq__` can tell.
    Ask(Vec<usize>),
}

/// The table behind a `dict` (always inside the dict's [`PyCell`]).
#[derive(Default, Clone)]
pub struct DictTable {
    /// Entries in insertion order; `None` marks a deleted one.
    entries: Vec<Option<DictEntry>>,
    /// Open-addressing index into `entries`; empty while small.
    indices: Vec<u32>,
    /// Live entries (`len(d)`).
    used: usize,
    /// Bumped whenever the set of keys changes (insert, delete, clear):
    /// callers that released the cell to run `__eq__` compare it, and
    /// iterators report "dictionary changed size during iteration".
    version: u64,
}

impl DictTable {
    /// An empty table.
    pub fn new() -> DictTable {
        DictTable::default()
    }

    /// `len(d)`.
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether the dict is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The key-set version (see the field).
    #[inline]
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Finds `key` (whose hash is `hash`) without running Python code.
    pub fn find(&self, key: &Value, hash: i64) -> Find {
        let mut ask: Vec<usize> = Vec::new();
        let mut verdict = |pos: usize, e: &DictEntry| -> Option<Find> {
            if e.hash != hash {
                return None;
            }
            if !ask.is_empty() {
                // An earlier candidate needs `__eq__`: keep probe order.
                ask.push(pos);
                return None;
            }
            match e.key.fast_eq(key) {
                Some(true) => Some(Find::Found(pos)),
                Some(false) => None,
                None => {
                    ask.push(pos);
                    None
                }
            }
        };
        if self.indices.is_empty() {
            for (pos, e) in self.entries.iter().enumerate() {
                if let Some(e) = e {
                    if let Some(found) = verdict(pos, e) {
                        return found;
                    }
                }
            }
        } else {
            let mask = self.indices.len() - 1;
            let mut slot = hash as u64 as usize & mask;
            let mut perturb = hash as u64;
            loop {
                match self.indices[slot] {
                    EMPTY => break,
                    DUMMY => {}
                    pos => {
                        let pos = pos as usize;
                        if let Some(Some(e)) = self.entries.get(pos) {
                            if let Some(found) = verdict(pos, e) {
                                return found;
                            }
                        }
                    }
                }
                perturb >>= PERTURB_SHIFT;
                slot = (slot * 5 + perturb as usize + 1) & mask;
            }
        }
        if ask.is_empty() {
            Find::Missing
        } else {
            Find::Ask(ask)
        }
    }

    /// Looks up a `str` key by text (class and instance namespaces, module
    /// attributes): no Python code can be involved.
    #[inline]
    pub fn get_str(&self, name: &PyStr) -> Option<&Value> {
        let hash = name.hash();
        let matches = |e: &DictEntry| {
            e.hash == hash
                && match &e.key {
                    Value::Str(k) => std::ptr::eq(&**k, name) || k.as_str() == name.as_str(),
                    _ => false,
                }
        };
        if self.indices.is_empty() {
            return self
                .entries
                .iter()
                .flatten()
                .find(|e| matches(e))
                .map(|e| &e.value);
        }
        let mask = self.indices.len() - 1;
        let mut slot = hash as u64 as usize & mask;
        let mut perturb = hash as u64;
        loop {
            match self.indices[slot] {
                EMPTY => return None,
                DUMMY => {}
                pos => {
                    if let Some(Some(e)) = self.entries.get(pos as usize) {
                        if matches(e) {
                            return Some(&e.value);
                        }
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            slot = (slot * 5 + perturb as usize + 1) & mask;
        }
    }

    /// The entry position of the `str` key that is this very name object
    /// (compared by address, as interned names are): `None` when absent,
    /// or stored under an equal string that is another object. An inline
    /// cache records it as a hint (`object/attr_site.rs`).
    pub fn position_of_name(&self, name: &PyStr) -> Option<usize> {
        self.entries.iter().position(|e| {
            e.as_ref()
                .is_some_and(|e| matches!(&e.key, Value::Str(k) if std::ptr::eq(&**k, name)))
        })
    }

    /// The value at `pos` if its key is this very name object: the check
    /// that makes a cached position trustworthy (the entry may have been
    /// deleted, or the table compacted, since the hint was taken).
    #[inline]
    pub fn value_at_name(&self, pos: usize, name: &PyStr) -> Option<&Value> {
        match self.entries.get(pos) {
            Some(Some(e)) if matches!(&e.key, Value::Str(k) if std::ptr::eq(&**k, name)) => {
                Some(&e.value)
            }
            _ => None,
        }
    }

    /// [`value_at_name`](Self::value_at_name), for replacing the value (the
    /// key set is unchanged, so the version stays).
    #[inline]
    pub fn value_at_name_mut(&mut self, pos: usize, name: &PyStr) -> Option<&mut Value> {
        match self.entries.get_mut(pos) {
            Some(Some(e)) if matches!(&e.key, Value::Str(k) if std::ptr::eq(&**k, name)) => {
                Some(&mut e.value)
            }
            _ => None,
        }
    }

    /// The entry at `pos` (from [`find`](Self::find)), if still live.
    #[inline]
    pub fn entry(&self, pos: usize) -> Option<&DictEntry> {
        self.entries.get(pos).and_then(|e| e.as_ref())
    }

    /// Replaces the value at `pos`, returning the old one.
    pub fn set_value(&mut self, pos: usize, value: Value) -> Option<Value> {
        match self.entries.get_mut(pos) {
            Some(Some(e)) => Some(std::mem::replace(&mut e.value, value)),
            _ => None,
        }
    }

    /// Appends a key the caller has established is absent.
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        let pos = self.entries.len();
        self.entries.push(Some(DictEntry { hash, key, value }));
        self.used += 1;
        self.version += 1;
        if self.indices.is_empty() {
            if self.entries.len() > SMALL {
                self.rebuild();
            }
            return;
        }
        // CPython grows at 2/3 full (counting deleted entries).
        if self.entries.len() * 3 >= self.indices.len() * 2 {
            self.rebuild();
        } else {
            self.index_insert(hash, pos);
        }
    }

    /// Sets a `str` key (namespaces): replaces or appends.
    pub fn set_str(
        &mut self,
        name: crate::object::refcount::Arc<PyStr>,
        value: Value,
    ) -> Option<Value> {
        let key = Value::Str(name);
        let hash = match &key {
            Value::Str(s) => s.hash(),
            _ => 0,
        };
        match self.find(&key, hash) {
            Find::Found(pos) => self.set_value(pos, value),
            _ => {
                self.insert_new(hash, key, value);
                None
            }
        }
    }

    /// Removes the entry at `pos` and returns it.
    pub fn remove_at(&mut self, pos: usize) -> Option<DictEntry> {
        let e = self.entries.get_mut(pos)?.take()?;
        self.used -= 1;
        self.version += 1;
        if !self.indices.is_empty() {
            let mask = self.indices.len() - 1;
            let mut slot = e.hash as u64 as usize & mask;
            let mut perturb = e.hash as u64;
            loop {
                match self.indices[slot] {
                    EMPTY => break,
                    p if p as usize == pos => {
                        self.indices[slot] = DUMMY;
                        break;
                    }
                    _ => {}
                }
                perturb >>= PERTURB_SHIFT;
                slot = (slot * 5 + perturb as usize + 1) & mask;
            }
        }
        // Trailing deletions can be trimmed without moving anyone, but only
        // in an unindexed table: with an index, the deleted entry's slot
        // stays DUMMY, and the growth check of `insert_new` counts deleted
        // entries as the only measure of DUMMY slots (CPython's
        // `dk_nentries` never shrinks between resizes either). Trimming
        // there let `d[k] = v; del d[k]` repeated fill the index with
        // DUMMYs until no EMPTY slot was left and a lookup of a missing
        // key probed forever.
        if self.indices.is_empty() {
            while matches!(self.entries.last(), Some(None)) {
                self.entries.pop();
            }
        }
        Some(e)
    }

    /// Removes a `str` key (namespaces).
    pub fn remove_str(&mut self, name: &PyStr) -> Option<Value> {
        let pos = self.entries.iter().position(|e| {
            matches!(e, Some(e) if e.hash == name.hash()
                && matches!(&e.key, Value::Str(k) if k.as_str() == name.as_str()))
        })?;
        self.remove_at(pos).map(|e| e.value)
    }

    /// `d.clear()`: returns the old entries (for the caller to drop after
    /// releasing the cell).
    pub fn take_all(&mut self) -> Vec<DictEntry> {
        self.indices.clear();
        self.used = 0;
        self.version += 1;
        std::mem::take(&mut self.entries)
            .into_iter()
            .flatten()
            .collect()
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &DictEntry> {
        self.entries.iter().flatten()
    }

    /// The first live entry at or after position `pos`, with its position
    /// (iterators keep a position, not a borrow).
    pub fn next_from(&self, pos: usize) -> Option<(usize, &DictEntry)> {
        self.entries
            .iter()
            .enumerate()
            .skip(pos)
            .find_map(|(i, e)| e.as_ref().map(|e| (i, e)))
    }

    /// The last live entry (`popitem`).
    pub fn last_pos(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| e.is_some())
    }

    /// Compacts the entries and rebuilds the index at a size that keeps
    /// the table at most 1/3 full (CPython: `GROWTH_RATE` = used * 3).
    fn rebuild(&mut self) {
        if self.entries.len() != self.used {
            self.entries.retain(|e| e.is_some());
        }
        if self.used <= SMALL {
            self.indices.clear();
            return;
        }
        let mut size = 8;
        while size < self.used * 3 {
            size <<= 1;
        }
        self.indices.clear();
        self.indices.resize(size, EMPTY);
        for pos in 0..self.entries.len() {
            if let Some(e) = &self.entries[pos] {
                let h = e.hash;
                self.index_insert(h, pos);
            }
        }
    }

    /// Puts `pos` in the first empty or dummy slot of `hash`'s probe path.
    fn index_insert(&mut self, hash: i64, pos: usize) {
        let mask = self.indices.len() - 1;
        let mut slot = hash as u64 as usize & mask;
        let mut perturb = hash as u64;
        while self.indices[slot] != EMPTY && self.indices[slot] != DUMMY {
            perturb >>= PERTURB_SHIFT;
            slot = (slot * 5 + perturb as usize + 1) & mask;
        }
        self.indices[slot] = pos as u32;
    }
}

impl Drop for DictTable {
    fn drop(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        // Fast path: no value can nest (an instance's ints, floats and
        // strings under string keys): the entries drop in place, one
        // level deep, without the iterator chain below.
        let flat = entries
            .iter()
            .flatten()
            .all(|e| !can_nest(&e.key) && !can_nest(&e.value));
        if flat {
            return;
        }
        // Plain path: nesting values go to the trashcan (`drop.rs`).
        drop_values(entries.into_iter().flatten().flat_map(|e| [e.key, e.value]));
    }
}

/// A `dict` object: its table in the one cell type.
#[derive(Default)]
pub struct Dict {
    /// The table; every access goes through the cell.
    pub table: PyCell<DictTable>,
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// Exclusive access to the table (no Python calls while held).
    #[inline(always)]
    pub fn lock(&self) -> PyGuard<'_, DictTable> {
        self.table.lock()
    }

    /// `len(d)`.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether the dict is empty.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// The value of a `str` key (namespaces).
    pub fn get_str(&self, name: &PyStr) -> Option<Value> {
        self.lock().get_str(name).cloned()
    }

    /// Sets a `str` key (namespaces); the old value is dropped after the
    /// cell is released.
    pub fn set_str(&self, name: crate::object::refcount::Arc<PyStr>, value: Value) {
        let old = self.lock().set_str(name, value);
        drop(old);
    }

    /// Removes a `str` key (namespaces); the old value is dropped after
    /// the cell is released.
    pub fn remove_str(&self, name: &PyStr) -> Option<Value> {
        self.lock().remove_str(name)
    }

    /// A snapshot of the entries, to work on without holding the cell.
    pub fn entries(&self) -> Vec<(Value, Value)> {
        self.lock()
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::str::intern;

    /// Regression: insert-then-delete at the end of an indexed table (the
    /// `_active[ident] = t; del _active[ident]` of every thread) must not
    /// fill the index with DUMMY slots; a lookup of a missing key then
    /// probed forever. Runs under a watchdog so a regression fails
    /// instead of hanging.
    #[test]
    fn append_delete_churn_keeps_an_empty_index_slot() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut t = DictTable::new();
            for i in 0..(SMALL as i64 + 4) {
                let (k, h) = int_key(i);
                t.insert_new(h, k, Value::None);
            }
            for i in 1000..21_000 {
                let (k, h) = int_key(i);
                t.insert_new(h, k.clone(), Value::None);
                let Find::Found(pos) = t.find(&k, h) else {
                    panic!("{i} not found after insertion");
                };
                assert!(t.remove_at(pos).is_some());
                let (missing, mh) = int_key(-i);
                assert_eq!(t.find(&missing, mh), Find::Missing);
            }
            let _ = done.send(t.len());
        });
        let len = finished
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("a lookup probed forever (no EMPTY slot left in the index)");
        assert_eq!(len, SMALL + 4);
    }

    fn int_key(i: i64) -> (Value, i64) {
        (Value::Int(i), crate::object::hash::hash_i64(i))
    }

    #[test]
    fn insert_find_delete_keep_order() {
        let mut t = DictTable::new();
        for i in 0..100 {
            let (k, h) = int_key(i);
            assert_eq!(t.find(&k, h), Find::Missing);
            t.insert_new(h, k, Value::Int(i * 10));
        }
        for i in (0..100).step_by(3) {
            let (k, h) = int_key(i);
            let Find::Found(pos) = t.find(&k, h) else {
                panic!("missing {i}")
            };
            t.remove_at(pos);
        }
        let keys: Vec<i64> = t
            .iter()
            .map(|e| match e.key {
                Value::Int(i) => i,
                _ => -1,
            })
            .collect();
        let want: Vec<i64> = (0..100).filter(|i| i % 3 != 0).collect();
        assert_eq!(keys, want);
        assert_eq!(t.len(), want.len());
        let (k, h) = int_key(50);
        assert!(matches!(t.find(&k, h), Find::Found(_)));
    }

    #[test]
    fn str_keys_by_text() {
        let mut t = DictTable::new();
        t.set_str(intern("x"), Value::Int(1));
        t.set_str(intern("x"), Value::Int(2));
        assert_eq!(t.len(), 1);
        let fresh = PyStr::new("x");
        assert!(matches!(t.get_str(&fresh), Some(Value::Int(2))));
    }
}
