//! `dict`: insertion-ordered, as Python's has been since 3.7.
//!
//! ```text
//!   entries: [(k0, v0), (k1, v1), ...]   order of first insertion
//!   index:   HashKey(k) ─▶ position in entries
//! ```
//!
//! Keys are reduced to a [`HashKey`] that makes equal Python values equal
//! Rust values: `1`, `1.0` and `True` are the same key, as in Python.
//! Unhashable keys (lists, dicts) raise `TypeError: unhashable type`.
//! MiniPy has no `del d[k]`, so entries are never removed.
//!
//! Python equivalent: `Objects/dictobject.c` (compact dict, PEP 468 order).

use super::value::Value;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// A multiply-rotate hasher (the "Fx" hash of rustc): several times faster
/// than std's SipHash on small keys. Simplification: it is not resistant to
/// deliberately colliding keys, which CPython defends against with
/// randomized string hashing.
#[derive(Default)]
pub struct FxHasher {
    /// The running hash.
    hash: u64,
}

/// Fx's multiplier (a large odd constant with well-mixed bits).
const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A hashable projection of a key value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HashKey {
    /// `None`
    None,
    /// Ints, bools, and floats with an integral value.
    Int(i64),
    /// Other floats, by bit pattern.
    Float(u64),
    /// Strings.
    Str(Arc<String>),
    /// Tuples of hashable values.
    Tuple(Vec<HashKey>),
    /// Objects hashed by identity (functions, locks, ...).
    Identity(usize),
}

impl HashKey {
    /// The key for `v`, or the type name when `v` is unhashable.
    pub fn of(v: &Value) -> Result<HashKey, &'static str> {
        Ok(match v {
            Value::None => HashKey::None,
            Value::Bool(b) => HashKey::Int(*b as i64),
            Value::Int(i) => HashKey::Int(*i),
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.2e18 {
                    HashKey::Int(*f as i64)
                } else {
                    HashKey::Float(f.to_bits())
                }
            }
            Value::Str(s) => HashKey::Str(s.clone()),
            Value::Tuple(t) => HashKey::Tuple(t.iter().map(HashKey::of).collect::<Result<_, _>>()?),
            Value::List(_) | Value::Dict(_) | Value::Slice(_) => return Err(v.type_name()),
            Value::Builtin(b) => HashKey::Identity(*b as usize),
            Value::ExcType(k) => HashKey::Identity(*k as usize + 10_000),
            Value::Module(m) => HashKey::Identity(m.name.as_ptr() as usize),
            Value::Range(r) => HashKey::Tuple(r.iter().map(|x| HashKey::Int(*x)).collect()),
            other => HashKey::Identity(other.address()),
        })
    }
}

/// The dict's storage (always behind the dict's own `Mutex`).
#[derive(Debug, Default)]
pub struct PyDict {
    /// Key/value pairs in insertion order.
    entries: Vec<(Value, Value)>,
    /// Key → position in `entries`.
    index: HashMap<HashKey, usize, BuildHasherDefault<FxHasher>>,
}

impl PyDict {
    /// Number of items.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the dict is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Looks a key up.
    pub fn get(&self, key: &Value) -> Result<Option<Value>, &'static str> {
        let k = HashKey::of(key)?;
        Ok(self.index.get(&k).map(|&i| self.entries[i].1.clone()))
    }

    /// Inserts or replaces (keeping the original position and key object).
    pub fn set(&mut self, key: Value, value: Value) -> Result<(), &'static str> {
        let k = HashKey::of(&key)?;
        match self.index.get(&k) {
            Some(&i) => self.entries[i].1 = value,
            None => {
                self.index.insert(k, self.entries.len());
                self.entries.push((key, value));
            }
        }
        Ok(())
    }

    /// A snapshot of the entries (so callers can release the lock before
    /// doing more work).
    pub fn entries(&self) -> Vec<(Value, Value)> {
        self.entries.clone()
    }

    /// Moves all entries out (used by the iterative drop in `value::Items`).
    pub fn take_entries(&mut self) -> Vec<(Value, Value)> {
        self.index.clear();
        std::mem::take(&mut self.entries)
    }

    /// A snapshot of the keys.
    pub fn keys(&self) -> Vec<Value> {
        self.entries.iter().map(|(k, _)| k.clone()).collect()
    }

    /// A snapshot of the values.
    pub fn values(&self) -> Vec<Value> {
        self.entries.iter().map(|(_, v)| v.clone()).collect()
    }
}

impl Drop for PyDict {
    fn drop(&mut self) {
        let nested = |v: &Value| matches!(v, Value::List(_) | Value::Tuple(_) | Value::Dict(_));
        if self.entries.iter().any(|(k, v)| nested(k) || nested(v)) {
            // Hand nested containers to the iterative drop of `Items`.
            let flat: Vec<Value> = self
                .take_entries()
                .into_iter()
                .flat_map(|(k, v)| [k, v])
                .collect();
            drop(super::value::Items(flat));
        }
    }
}
