//! Inline caches of attribute instructions: one [`AttrSite`] per
//! `LOAD_ATTR`, `STORE_ATTR` and `LOAD_METHOD` of a code object, holding
//! what the last lookup at that instruction learnt.
//!
//! ```text
//!   self.x        LOAD_ATTR_CACHED site 3 ──▶ code.attr_sites[3]
//!                   site: name "x", attrs [41 << 16 | 0, ..]
//!   hit:  type(self).version == 41             (class unchanged since the fill)
//!         and self's values hold index 0       (x is key 0 of the class)
//!         → values[0]                          one cell mark, no MRO walk
//!   miss: the generic lookup (vm/attr.rs), then refill the site
//! ```
//!
//! A class version tag names one state of one class (tags are never
//! reused, `types.rs`), so a site can record a *fact about the class* under
//! it. Each fact is kept for up to [`WAYS`] classes (a polymorphic site,
//! one *way* per class); a reader looks for its receiver's class version
//! among them. The facts each field stands for (numbered;
//! `vm/attr_cache.rs` cites them):
//!
//! 1. `attrs[w]` = (V, i) means, first: the class whose version is V has no
//!    `__slots__` entry and no data descriptor of this name, no custom
//!    `__getattribute__`, and (for `STORE_ATTR`) no custom `__setattr__`;
//!    what it does have under the name, if anything, is a function or a
//!    plain non-descriptor value whose kind cannot change later (never an
//!    instance of a Python class, whose class could gain `__set__`). So
//!    for an instance of that class, its own attribute of the name *is*
//!    the attribute. A writer stores V only after checking all that under
//!    V.
//! 2. And second: the name is key number `i` of that class's shared keys
//!    (`instance_attrs.rs`), which only grow, so this stays true. An
//!    instance whose attributes are values holds it at `values[i]` if it
//!    holds at least `i + 1` values (that file's invariant 2), with no key
//!    to compare; one whose attributes became a dict is read at entry `i`
//!    only after seeing, under the dict's lock, that the entry's key is
//!    this very name object (its entries start in key order, so `i` is
//!    usually still right). A writer records `i` only after checking the
//!    class's keys (`instance_attrs::site_index`). The version and the
//!    index are one fact (an index is only right for its class), so they
//!    share one atomic word: `V << 16 | i`.
//! 3. `slots[w]` = (V, i) means: the class whose version is V declares the
//!    name as its `__slots__` entry number `i`, has no data descriptor of
//!    the name, no custom `__getattribute__` and (for `STORE_ATTR`) no
//!    custom `__setattr__`. The version and the index are one fact here
//!    (an index is only right for its class), so they share one atomic
//!    word: `V << 16 | i`.
//! 4. `values[w]`, once set, holds a version V and a value;
//!    on a `LOAD_METHOD` site the value is a method `f`: the class whose
//!    version is V resolves the name (along its MRO) to `f`, a method (a
//!    function or a native method: never a data descriptor, and of a kind
//!    that cannot change), and declares no slot of that name.
//! 5. On a `LOAD_ATTR` site whose receiver is a class, a `values` way
//!    holds V, a value `d` and W: the class whose version is V answers
//!    `C.name` with `d` itself (found along its MRO, no `__get__` applied:
//!    a function, a plain value, a nested class). When `d` is an instance
//!    of a Python class, that class could gain `__get__` later without V
//!    changing, so W is its version then and a reader checks it too.
//! 7. On a `LOAD_METHOD` site whose receiver is a class, a `values` way
//!    holds `!V` (V with every bit flipped, so that it never meets fact 4's
//!    V for the same class's instances) and a plain function `f`: the
//!    class whose version is V resolves the name (along its MRO) to a
//!    `classmethod` of `f`, and `type` has nothing of that name before it
//!    (no dunder name is recorded). So `C.name(...)` is `f(C, ...)`
//!    (`vm/attr_cache.rs`, `class_receiver_key`). (Fact 6 is a module's.)
//!
//! Facts 4, 5 and 7 are set once per way and never replaced, so a reader can
//! hold `&f` without any lock; a site whose class changes afterwards just
//! takes the generic path.
//!
//! A site is refilled after a generic access at most [`FILLS`] times, so a
//! megamorphic site stops paying for fills it cannot keep.
//!
//! Thread safety, in every GIL mode including `--gil none`: each packed
//! fact (1 and 2; 3; 6) is one Relaxed atomic word, so a reader sees the
//! version and the index of one fill together, never a torn pair (which
//! would read another class's index without a key to catch it); the ways
//! of facts 4 and 5 are `OnceLock`s, written once, before any reader can
//! see them. No field holds a reference that a writer could free.
//!
//! The road taken since the seventeenth round (README, "Why it is fast"):
//! per-class shared keys with instance values in a vector (CPython 3.11's
//! split dicts). Before it the index was a position in a plain instance
//! dict's entries, checked by key identity at every read: four dependent
//! loads from the instance (dict, table, entries, entry) where it is now
//! two (values, value).
//!
//! Python equivalent: the inline cache entries of CPython 3.11's
//! `LOAD_ATTR_INSTANCE_VALUE`, `STORE_ATTR_INSTANCE_VALUE` and
//! `LOAD_METHOD_WITH_VALUES` (`Python/specialize.c`, `_PyAttrCache`).
//! Needs `value.rs`, `refcount.rs` and `str.rs` (the site keeps its name).

use super::refcount::Arc;
use super::str::PyStr;
use super::value::Value;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::atomic::{AtomicU64, AtomicU8};
use std::sync::OnceLock;

/// Classes a site remembers at once. A site is often polymorphic over
/// sibling classes that share their attribute layout (richards'
/// `self.packet_pending` on four `Task` subclasses, its `t.fn()` on four
/// different methods); one entry per class, like CPython 3.12's
/// polymorphic caches would have, and unlike 3.11's single entry.
pub const WAYS: usize = 4;

/// How many times a site may be (re)filled. A site whose receivers keep
/// changing class beyond [`WAYS`] would otherwise pay a refill on every
/// miss; after this many it stays with what it has (CPython backs off the
/// same way with its adaptive counters).
pub const FILLS: u8 = 32;

/// Bits of a packed fact word (facts 1 and 2, 3, 6) that hold the index.
const SLOT_BITS: u32 = 16;

/// A value a site remembers for one class (facts 4 and 5 of the module
/// docs).
pub struct CachedValue {
    /// The version of the class the value was resolved on.
    pub version: u64,
    /// Fact 5: the version of the value's own class when it is an
    /// instance of a Python class; 0 when nothing more is to check.
    pub value_class_version: u64,
    /// The method (fact 4), class attribute (fact 5) or classmethod's
    /// function (fact 7).
    pub value: Value,
}

/// Where a module's attribute lives, for fact 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModulePlace {
    /// A global slot: a name the module's own code uses
    /// (`random.random` of a Python module).
    Slot(u32),
    /// A position in the module's extra dict, checked by key identity at
    /// each read (a native module's attributes, `math.sqrt`; names set
    /// from outside).
    Extra(u32),
}

/// [`ModulePlace::Extra`]'s bit in a packed place (the rest is the slot
/// or position).
const EXTRA_BIT: u64 = 1 << (SLOT_BITS - 1);

impl ModulePlace {
    /// The place in the low [`SLOT_BITS`] bits; `None` if it does not fit.
    fn pack(self) -> Option<u64> {
        let (index, flag) = match self {
            ModulePlace::Slot(i) => (u64::from(i), 0),
            ModulePlace::Extra(i) => (u64::from(i), EXTRA_BIT),
        };
        (index < EXTRA_BIT).then_some(index | flag)
    }

    /// The place [`pack`](Self::pack) packed.
    fn unpack(bits: u64) -> ModulePlace {
        let index = (bits & (EXTRA_BIT - 1)) as u32;
        if bits & EXTRA_BIT != 0 {
            ModulePlace::Extra(index)
        } else {
            ModulePlace::Slot(index)
        }
    }
}

/// One attribute instruction's cache (see the module docs): [`WAYS`]
/// entries of each fact, looked up by class version.
pub struct AttrSite {
    /// The name's index in `Code::names` (what the plain op carried).
    pub name: u32,
    /// The name itself (`names[name]`, interned). Fast path: the cached
    /// paths compare dict keys with it by identity; found through
    /// `code.names[name]` it cost a bounds check and two loads more per
    /// cached attribute access.
    key: Arc<PyStr>,
    /// Facts 1 and 2: `version << 16 | key index` of classes whose
    /// instances hold this attribute outright, at that index; 0 = an empty
    /// way (version tags start at 1).
    attrs: [AtomicU64; WAYS],
    /// Fact 3: `version << 16 | slot index` for a `__slots__` attribute;
    /// 0 = an empty way.
    slots: [AtomicU64; WAYS],
    /// Fact 6: `globals id << 16 | place` of a module whose attribute
    /// `name` is at that place ([`ModulePlace`], packed by
    /// [`ModulePlace::pack`]): the value is read from there each time, so
    /// rebinding it is seen at once; 0 = empty.
    module: AtomicU64,
    /// Fills left before the site stops refilling (see [`FILLS`]); also
    /// picks the way a fill overwrites, round robin.
    fills_left: AtomicU8,
    /// Facts 4 and 5: a method, or a class's own attribute; each way set
    /// once, in order. Boxed on first use: most sites (instance
    /// attributes, stores) never need it, and unboxed its ways would
    /// triple the size of every site (160 of 248 bytes).
    values: OnceLock<Box<[OnceLock<CachedValue>; WAYS]>>,
}

impl AttrSite {
    /// An empty site for `names[name]`, which is `key`.
    pub fn new(name: u32, key: Arc<PyStr>) -> AttrSite {
        AttrSite {
            name,
            key,
            attrs: Default::default(),
            slots: Default::default(),
            module: AtomicU64::new(0),
            fills_left: AtomicU8::new(FILLS),
            values: Default::default(),
        }
    }

    /// The attribute's name (interned: compare by identity first).
    #[inline(always)]
    pub fn key(&self) -> &Arc<PyStr> {
        &self.key
    }

    /// Takes one fill from the budget: the way to overwrite, or `None`
    /// when the budget is spent. Relaxed load then store, not a
    /// read-modify-write: two threads racing here lose a decrement at
    /// worst, which only allows one more fill.
    #[inline]
    pub fn take_fill(&self) -> Option<usize> {
        let left = self.fills_left.load(Relaxed);
        if left == 0 {
            return None;
        }
        self.fills_left.store(left - 1, Relaxed);
        Some(usize::from(left) % WAYS)
    }

    /// Fact 2's index for a class at `version`, when fact 1 holds for it.
    #[inline(always)]
    pub fn dict_hint(&self, version: u64) -> Option<usize> {
        way_index(&self.attrs, version)
    }

    /// Records facts 1 and 2 in `way` (from
    /// [`take_fill`](Self::take_fill)). A class already in another way is
    /// refreshed there instead, so one class never holds two ways. A
    /// version or index too large to pack is not recorded.
    pub fn fill(&self, way: usize, version: u64, index: usize) {
        let Some(packed) = pack_way(version, index) else {
            return;
        };
        let way = self
            .attrs
            .iter()
            .position(|w| w.load(Relaxed) >> SLOT_BITS == version)
            .unwrap_or(way);
        self.attrs[way].store(packed, Relaxed);
    }

    /// Records fact 3 in `way`; a version or index too large to pack is
    /// not recorded (the site keeps taking the generic path).
    pub fn fill_slot(&self, way: usize, version: u64, index: usize) {
        if let Some(packed) = pack_way(version, index) {
            self.slots[way].store(packed, Relaxed);
        }
    }

    /// Where fact 6 finds the attribute of the module whose globals have
    /// `id`, if the site knows.
    #[inline(always)]
    pub fn module_place(&self, id: u64) -> Option<ModulePlace> {
        let packed = self.module.load(Relaxed);
        (packed >> SLOT_BITS == id).then(|| ModulePlace::unpack(packed & ((1 << SLOT_BITS) - 1)))
    }

    /// Records fact 6 (one module per site: a site reading another
    /// module's attribute replaces it); an id or place too large to pack
    /// is not recorded.
    pub fn fill_module(&self, id: u64, place: ModulePlace) {
        let Some(place) = place.pack() else {
            return;
        };
        if id >> (64 - SLOT_BITS) != 0 {
            return;
        }
        self.module.store(id << SLOT_BITS | place, Relaxed);
    }

    /// The slot index fact 3 gives for a class at `version`, if any.
    #[inline(always)]
    pub fn slot_for(&self, version: u64) -> Option<usize> {
        way_index(&self.slots, version)
    }

    /// The value facts 4 and 5 give for a class at `version`, if any.
    #[inline(always)]
    pub fn value_for(&self, version: u64) -> Option<&CachedValue> {
        self.values
            .get()?
            .iter()
            .map_while(OnceLock::get)
            .find(|c| c.version == version)
    }

    /// Whether a fill of fact 4, 5 or 7 could still be recorded.
    #[inline]
    pub fn has_free_value_way(&self) -> bool {
        self.values
            .get()
            .is_none_or(|ways| ways.iter().any(|c| c.get().is_none()))
    }

    /// Records fact 4, 5 or 7 in the first free way (ways fill in order, so a
    /// reader may stop at the first empty one).
    pub fn fill_value(&self, version: u64, value_class_version: u64, value: &Value) {
        let ways = self.values.get_or_init(Box::default);
        for way in ways.iter() {
            if way.get().is_some() {
                continue;
            }
            // Another thread may win this way; then try the next.
            let mine = CachedValue {
                version,
                value_class_version,
                value: value.clone(),
            };
            if way.set(mine).is_ok() {
                return;
            }
        }
    }
}

/// A class version and an index in one word (facts 1 and 2, fact 3):
/// `version << 16 | index`; `None` when either is too large to pack (the
/// fact is then not recorded and the site keeps taking the generic path).
fn pack_way(version: u64, index: usize) -> Option<u64> {
    (version >> (64 - SLOT_BITS) == 0 && index >> SLOT_BITS == 0)
        .then_some(version << SLOT_BITS | index as u64)
}

/// The index packed beside `version` in one of `ways`, if any. Fast path:
/// a way for `version` differs from `version << 16` only in its index
/// bits, so XOR leaves the index below `1 << 16` (an XOR and a compare a
/// way, where shifting out and masking the index took five instructions:
/// float +3.7 % instructions).
#[inline(always)]
fn way_index(ways: &[AtomicU64; WAYS], version: u64) -> Option<usize> {
    let key = version << SLOT_BITS;
    ways.iter().find_map(|w| {
        let index = w.load(Relaxed) ^ key;
        (index < 1 << SLOT_BITS).then_some(index as usize)
    })
}

impl Clone for AttrSite {
    /// A fresh, empty site for the same name (a cloned code object starts
    /// with cold caches).
    fn clone(&self) -> AttrSite {
        AttrSite::new(self.name, self.key.clone())
    }
}
