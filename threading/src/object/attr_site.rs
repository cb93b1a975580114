//! Inline caches of attribute instructions: one [`AttrSite`] per
//! `LOAD_ATTR`, `STORE_ATTR` and `LOAD_METHOD` of a code object, holding
//! what the last lookup at that instruction learnt.
//!
//! ```text
//!   self.x        LOAD_ATTR_CACHED site 3 ──▶ code.attr_sites[3]
//!                   site: name "x", version 41, index 0
//!   hit:  type(self).version == 41             (class unchanged since the fill)
//!         and self.__dict__.entries[0].key is "x"  (same address)
//!         → entries[0].value                   one dict lock, no MRO walk
//!   miss: the generic lookup (vm/attr.rs), then refill the site
//! ```
//!
//! A class version tag names one state of one class (tags are never
//! reused, `types.rs`), so a site can record a *fact about the class* under
//! it. The facts each field stands for (numbered; `vm/attr_cache.rs`
//! cites them):
//!
//! 1. `version` = V means: the class whose version is V has no
//!    `__slots__` entry and no data descriptor of this name, no custom
//!    `__getattribute__`, and (for `STORE_ATTR`) no custom `__setattr__`;
//!    what it does have under the name, if anything, is a function or a
//!    plain non-descriptor value whose kind cannot change later (never an
//!    instance of a Python class, whose class could gain `__set__`). So
//!    for an instance of that class, an entry of its `__dict__` under the
//!    name *is* the attribute. A writer stores V only after checking all
//!    that under V.
//! 2. `index` is only a hint: the position of the name among the instance
//!    dict's entries when the site was filled. Instances built by the same
//!    `__init__` insert their attributes in the same order, so one hint
//!    serves them all (what CPython's shared keys give it). A reader trusts
//!    the hint only after seeing, under the dict's lock, that the entry at
//!    that position has this very name object as its key.
//! 3. `slot` = (V, i) means: the class whose version is V declares the
//!    name as its `__slots__` entry number `i`, has no data descriptor of
//!    the name, no custom `__getattribute__` and (for `STORE_ATTR`) no
//!    custom `__setattr__`. The version and the index are one fact here
//!    (an index is only right for its class), so they share one atomic
//!    word: `V << 16 | i`.
//! 4. `method`, once set, holds a function `f` and a version V: the class
//!    whose version is V resolves the name (along its MRO) to `f`, a plain
//!    function, and declares no slot of that name. Set once and never
//!    replaced, so a reader can hold `&f` without any lock; a site whose
//!    class changes afterwards just takes the generic path.
//!
//! Thread safety, in every GIL mode including `--gil none`: `version` and
//! `index` are separate Relaxed atomics. A reader may see `version` from
//! one fill and `index` from another; that is harmless because each field
//! is true on its own (fact 1 holds for whichever version it reads, fact 2
//! is re-checked). Fact 3 is one word, so it cannot tear. No field holds a
//! reference that a writer could free.
//!
//! The road not taken: per-class shapes with instance values in a `Vec`
//! (CPython 3.11's split dicts). They would save the key comparison, but
//! every reader of `__dict__` (`vars`, `dir`, pickling-like code in the
//! corpus) would need a second representation; the hint gives the same
//! O(1) read on the plain compact dict.
//!
//! Python equivalent: the inline cache entries of CPython 3.11's
//! `LOAD_ATTR_INSTANCE_VALUE`, `STORE_ATTR_INSTANCE_VALUE` and
//! `LOAD_METHOD_WITH_VALUES` (`Python/specialize.c`, `_PyAttrCache`).
//! Needs only `value.rs`.

use super::value::Value;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicU8};
use std::sync::OnceLock;

/// How many times a site may be (re)filled. A site whose receivers keep
/// changing class (a polymorphic `t.fn()`) would otherwise pay a refill on
/// every miss; after this many it stays with what it has (CPython backs
/// off the same way with its adaptive counters).
pub const FILLS: u8 = 32;

/// Bits of [`AttrSite::slot`] that hold the slot index.
const SLOT_BITS: u32 = 16;

/// A `LOAD_METHOD` site's method (fact 4 of the module docs).
pub struct CachedMethod {
    /// The class version the method was resolved under.
    pub version: u64,
    /// The plain function the class resolves the name to.
    pub func: Value,
}

/// One attribute instruction's cache (see the module docs).
pub struct AttrSite {
    /// The name's index in `Code::names` (what the plain op carried).
    pub name: u32,
    /// Fact 1: a class version whose instance dicts hold this attribute
    /// outright; 0 = never filled (version tags start at 1).
    pub version: AtomicU64,
    /// Fact 2: where the name sat in the instance dict's entries.
    pub index: AtomicU32,
    /// Fact 3: `version << 16 | slot index` for a `__slots__` attribute;
    /// 0 = never filled.
    pub slot: AtomicU64,
    /// Fills left before the site stops refilling (see [`FILLS`]).
    pub fills_left: AtomicU8,
    /// Fact 4 (`LOAD_METHOD` only): the method, set once.
    pub method: OnceLock<CachedMethod>,
}

impl AttrSite {
    /// An empty site for `names[name]`.
    pub fn new(name: u32) -> AttrSite {
        AttrSite {
            name,
            version: AtomicU64::new(0),
            index: AtomicU32::new(0),
            slot: AtomicU64::new(0),
            fills_left: AtomicU8::new(FILLS),
            method: OnceLock::new(),
        }
    }

    /// Takes one fill from the budget; `false` when it is spent. Relaxed
    /// load then store, not a read-modify-write: two threads racing here
    /// lose a decrement at worst, which only allows one more fill.
    #[inline]
    pub fn take_fill(&self) -> bool {
        let left = self.fills_left.load(Relaxed);
        if left == 0 {
            return false;
        }
        self.fills_left.store(left - 1, Relaxed);
        true
    }

    /// Records fact 1 and the hint of fact 2.
    pub fn fill(&self, version: u64, index: usize) {
        let Ok(index) = u32::try_from(index) else {
            return;
        };
        self.index.store(index, Relaxed);
        self.version.store(version, Relaxed);
    }
}

impl AttrSite {
    /// Records fact 3; a version or index too large to pack is not
    /// recorded (the site keeps taking the generic path).
    pub fn fill_slot(&self, version: u64, index: usize) {
        if version >> (64 - SLOT_BITS) != 0 || index >> SLOT_BITS != 0 {
            return;
        }
        self.slot
            .store(version << SLOT_BITS | index as u64, Relaxed);
    }

    /// The slot index fact 3 gives for a class at `version`, if any.
    #[inline(always)]
    pub fn slot_for(&self, version: u64) -> Option<usize> {
        let packed = self.slot.load(Relaxed);
        (packed >> SLOT_BITS == version).then_some((packed & ((1 << SLOT_BITS) - 1)) as usize)
    }
}

impl Clone for AttrSite {
    /// A fresh, empty site for the same name (a cloned code object starts
    /// with cold caches).
    fn clone(&self) -> AttrSite {
        AttrSite::new(self.name)
    }
}
