//! The type-lookup cache: `_PyType_Lookup` answered from a small table
//! instead of walking the MRO's namespaces each time.
//!
//! ```text
//!   self.x  ─▶ cache.lookup(cls, "x")
//!                 │  slot = mix(cls.version, address of "x") & MASK
//!                 ├─ hit:  entry.version == cls.version && entry.name is "x"
//!                 │        → the cached answer (a value, or "not found")
//!                 └─ miss: Type::lookup, the plain walk (cls.dict, then
//!                          each base's dict in MRO order); store the answer
//! ```
//!
//! Why: an attribute read such as `self.x` on an instance whose class
//! derives from two others asks every class of the MRO for `x` first (a
//! data descriptor there would win over the instance dict) and finds it in
//! none: four namespace probes, each behind the namespace's cell, for a
//! miss. The pyperformance files that use classes (richards, deltablue,
//! float, raytrace, go) spent 14-26 % of their time in those probes.
//!
//! Invariants that make a hit trustworthy:
//! 1. A class's version tag changes whenever its namespace or a base's
//!    namespace changes (`Type::modified` runs after the change), and
//!    version tags are never reused; so an entry whose version equals the
//!    class's current version holds the answer the plain walk gives now.
//!    A class whose layout changes mid-loop misses once and refills
//!    (`tests/type_cache.rs`).
//! 2. The key is the name *object* (compared by address, as CPython
//!    compares interned names); the entry keeps that `Arc` alive, so no
//!    other string can take its address while the entry stands. Attribute
//!    names in code objects are interned, so the same name is the same
//!    object; a non-interned equal name merely misses and refills.
//!
//! One table per interpreter thread (a field of `ThreadCtx`), so it needs
//! no lock in any GIL mode: in `--gil none` two threads never share an
//! entry. Entries keep their key and value alive (at most [`SLOTS`] of
//! each per thread); MiniPy has no `__del__` or weak references, so
//! holding them a little longer is invisible to programs.
//!
//! Python equivalent: the method cache of `Objects/typeobject.c`
//! (`_PyType_Lookup`, `MCACHE_HASH_METHOD`: 4096 entries keyed by
//! `tp_version_tag` and the interned name). CPython's is one table per
//! interpreter; this one is per thread (no lock or seqlock needed in the
//! free-threaded mode), and it grows: a thread starts with [`FIRST_SLOTS`]
//! entries and doubles the table, up to [`SLOTS`], each time its misses
//! since the last resize exceed twice the table's size. Why grow: a fixed
//! 1,024-entry table (32 KiB) per thread doubled the memory of the main
//! job's 10,000-thread echo cell (62 KB per connection against CPython's
//! 17 KB), while such a thread looks up a dozen names; a hot loop over many
//! names reaches the full table after a few thousand misses. The road not
//! taken: one shared table, which would need a lock in `--gil none`.
//! Needs only `str.rs`, `types.rs` and `value.rs`.

use super::str::PyStr;
use super::types::Type;
use super::value::Value;
use crate::object::refcount::Arc;
use std::sync::atomic::Ordering::Relaxed;

/// The most entries per thread (a power of two).
const SLOTS: usize = 1024;

/// Entries of a thread's first table (a power of two, ≤ [`SLOTS`]).
const FIRST_SLOTS: usize = 32;

/// One cached answer of `Type::lookup`.
#[derive(Default)]
struct Entry {
    /// The class version the answer is valid for (0: an empty entry;
    /// version tags start at 1).
    version: u64,
    /// The looked-up name, kept alive so its address stays its own
    /// (invariant 2).
    name: Option<Arc<PyStr>>,
    /// The answer: the attribute found along the MRO, or `None`.
    value: Option<Value>,
}

/// A thread's type-lookup cache (see the module docs).
pub struct TypeCache {
    /// The table: empty until the first lookup (threads that never touch
    /// a class attribute pay nothing), then [`FIRST_SLOTS`] entries,
    /// doubling up to [`SLOTS`].
    entries: Vec<Entry>,
    /// Misses since the table last changed size.
    misses: usize,
}

impl Default for TypeCache {
    fn default() -> TypeCache {
        TypeCache::new()
    }
}

impl TypeCache {
    /// An empty cache.
    pub const fn new() -> TypeCache {
        TypeCache {
            entries: Vec::new(),
            misses: 0,
        }
    }

    /// `cls.lookup(name)`, from the cache when the class has not changed
    /// since the answer was stored.
    #[inline]
    pub fn lookup(&mut self, cls: &Type, name: &Arc<PyStr>) -> Option<Value> {
        self.lookup_ref(cls, name).cloned()
    }

    /// [`lookup`](Self::lookup), borrowed from the cache: a caller that
    /// only tests the answer (`is it object.__new__?`) saves the clone and
    /// its drop.
    #[inline]
    pub fn lookup_ref(&mut self, cls: &Type, name: &Arc<PyStr>) -> Option<&Value> {
        let version = cls.version.load(Relaxed);
        let addr = Arc::as_ptr(name) as usize;
        // CPython's MCACHE_HASH mixes the version tag with the name.
        let mixed = (version.wrapping_mul(0x9E37_79B9_7F4A_7C15) as usize) ^ (addr >> 4);
        let hash = mixed ^ (mixed >> 17);
        // Fast path: a hit.
        let len = self.entries.len();
        if len != 0 {
            let slot = hash & (len - 1);
            let e = &self.entries[slot];
            if e.version == version && e.name.as_ref().is_some_and(|n| Arc::ptr_eq(n, name)) {
                return self.entries[slot].value.as_ref();
            }
        }
        // Plain path: walk the MRO, then remember the answer.
        let answer = cls.lookup(name);
        self.misses += 1;
        if len == 0 || (self.misses > 2 * len && len < SLOTS) {
            // Grow (or allocate): the old entries are dropped, not
            // rehashed; they are only a cache and refill on their next miss.
            let size = if len == 0 { FIRST_SLOTS } else { len * 2 };
            self.entries.clear();
            self.entries.resize_with(size, Entry::default);
            self.misses = 0;
        }
        let slot = hash & (self.entries.len() - 1);
        let old = std::mem::replace(
            &mut self.entries[slot],
            Entry {
                version,
                name: Some(name.clone()),
                value: answer,
            },
        );
        drop(old);
        self.entries[slot].value.as_ref()
    }
}
