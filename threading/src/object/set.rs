//! `set` and `frozenset`: CPython's open-addressing table, slot for slot,
//! because a program that prints a set of ints sees the table's order.
//!
//! ```text
//!   slots:  [Empty, Active(h=1, 1), Active(h=2, 2), Dummy, Empty, ...]   8 at first
//!   probe:  i = hash & mask; look at i .. i+9 (linear, if they fit),
//!           then perturb >>= 5; i = (i*5 + 1 + perturb) & mask
//!   grow:   when an insert fills an Empty slot and fill*5 >= mask*3,
//!           rebuild at the smallest power of 2 > used*4 (used*2 past 50,000)
//! ```
//!
//! Iteration walks the slots in order, so `{3, 1, 2}` prints `{1, 2, 3}`
//! and `{8, 1}` prints `{8, 1}` exactly as in CPython 3.11, provided every
//! operation places keys where CPython would: insertion reuses the LAST
//! dummy passed before the first empty slot (as `set_add_entry` does),
//! deletion leaves a dummy, rebuilding re-inserts in slot order
//! (`set_insert_clean`), and merging one set into an empty one of the same
//! size copies the slots as they are (`set_merge`). Str hashes differ from
//! CPython's (which are random per process anyway), so only sets of
//! numbers, tuples of numbers and the like have a CPython-defined order.
//!
//! As in `dict.rs`, keys that need a Python `__eq__` make a lookup answer
//! [`SetFind::Ask`]; the VM runs the comparisons with the cell released.
//!
//! Python equivalent: `Objects/setobject.c` (`set_lookkey`,
//! `set_add_entry`, `set_insert_clean`, `set_table_resize`, `set_merge`,
//! `set_pop`, `frozenset_hash`).

use super::cell::{PyCell, PyGuard};
use super::drop::drop_values;
use super::value::Value;

/// `PySet_MINSIZE`: the size of a new table.
pub const MINSIZE: usize = 8;
/// Slots probed linearly before jumping (`LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;

/// One slot of the table.
#[derive(Clone, Default)]
pub enum Slot {
    /// Never used (`key == NULL`, `hash == 0`).
    #[default]
    Empty,
    /// Deleted (`key == dummy`, `hash == -1`): probing continues past it.
    Dummy,
    /// A live key with its hash.
    Active {
        /// `hash(key)`.
        hash: i64,
        /// The element.
        key: Value,
    },
}

/// Where a key is, as far as this layer can tell.
#[derive(Debug, PartialEq, Eq)]
pub enum SetFind {
    /// At this slot.
    Found(usize),
    /// Certainly absent.
    Missing,
    /// Maybe at one of these slots (probe order): only `__eq__` can tell.
    Ask(Vec<usize>),
}

/// What a fast add did.
#[derive(Debug)]
pub enum Added {
    /// The key was inserted.
    New,
    /// An equal key was already there (the set is unchanged).
    Present,
    /// Undecided without Python's `__eq__` (the set is unchanged): the
    /// slots whose keys Python must compare, and the key handed back, so
    /// the caller gives `add` its key instead of a clone of it.
    Ask(Undecided),
}

/// What [`Added::Ask`] hands back (see there).
#[derive(Debug)]
pub struct Undecided {
    /// The slots with the key's hash whose keys need `__eq__`, in probe order.
    pub candidates: Vec<usize>,
    /// The key that was not added.
    pub key: Value,
}

/// The table behind a set (inside its [`PyCell`]).
#[derive(Clone)]
pub struct SetTable {
    /// `mask + 1` slots, a power of two, at least [`MINSIZE`].
    slots: Vec<Slot>,
    /// Active + dummy slots (`so->fill`).
    fill: usize,
    /// Active slots (`len(s)`, `so->used`).
    used: usize,
    /// Where `pop` starts looking (`so->finger`).
    finger: usize,
    /// Bumped on every change of membership, for iterators and for
    /// callers that released the cell to run `__eq__`.
    version: u64,
}

impl Default for SetTable {
    fn default() -> SetTable {
        SetTable {
            slots: empty_slots(MINSIZE),
            fill: 0,
            used: 0,
            finger: 0,
            version: 0,
        }
    }
}

/// `n` empty slots, each written as `Empty` rather than cloned from one:
/// `vec![Slot::Empty; n]` cloned the template through `Slot`'s derived
/// `Clone` (a match over its variants, the `Value` inside) per slot, 4 %
/// of nqueens, which builds two small sets per permutation.
fn empty_slots(n: usize) -> Vec<Slot> {
    std::iter::repeat_with(|| Slot::Empty).take(n).collect()
}

/// The slots `set_lookkey` visits for `hash` in a table of `mask + 1`
/// slots, in order (an endless sequence: stop at an empty slot).
fn probe(hash: i64, mask: usize) -> impl Iterator<Item = usize> {
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    let mut run = 0usize;
    let mut run_len = if i + LINEAR_PROBES <= mask {
        LINEAR_PROBES
    } else {
        0
    };
    std::iter::from_fn(move || {
        let here = i + run;
        if run < run_len {
            run += 1;
        } else {
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
            run = 0;
            run_len = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
        }
        Some(here)
    })
}

impl SetTable {
    /// An empty set.
    pub fn new() -> SetTable {
        SetTable::default()
    }

    /// `len(s)`.
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether the set is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The membership version (see the field).
    #[inline]
    pub fn version(&self) -> u64 {
        self.version
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// `set_lookkey` without running Python code.
    pub fn find(&self, key: &Value, hash: i64) -> SetFind {
        let mut ask = Vec::new();
        for i in probe(hash, self.mask()) {
            match &self.slots[i] {
                Slot::Empty => break,
                Slot::Dummy => {}
                Slot::Active { hash: h, key: k } if *h == hash => {
                    if !ask.is_empty() {
                        ask.push(i);
                        continue;
                    }
                    match k.fast_eq(key) {
                        Some(true) => return SetFind::Found(i),
                        Some(false) => {}
                        None => ask.push(i),
                    }
                }
                Slot::Active { .. } => {}
            }
        }
        if ask.is_empty() {
            SetFind::Missing
        } else {
            SetFind::Ask(ask)
        }
    }

    /// The key in slot `i`, if active.
    pub fn key_at(&self, i: usize) -> Option<&Value> {
        match self.slots.get(i) {
            Some(Slot::Active { key, .. }) => Some(key),
            _ => None,
        }
    }

    /// `set_add_entry` when no Python `__eq__` is needed.
    pub fn add(&mut self, key: Value, hash: i64) -> Added {
        // Fast path: the first slot of the probe path is empty (a new key
        // in a sparse table: nqueens' sets of distinct small ints), so the
        // walk below would stop there at once with no dummy seen — the key
        // goes into it, without setting up the probe sequence.
        let first = hash as u64 as usize & self.mask();
        match &self.slots[first] {
            Slot::Empty => {
                self.place(key, hash, None, first);
                return Added::New;
            }
            // Fast path: the very key (by identity, the test `set_add_entry`
            // makes first too) in the first slot of its probe path: a key
            // added again (`seen.add(x)` of one seen before) is present
            // with no probe sequence, comparison or candidate list set up.
            Slot::Active { hash: h, key: k } if *h == hash && k.is(&key) => {
                return Added::Present;
            }
            _ => {}
        }
        // One walk of the probe path does both halves: `find`'s search
        // and `insert_absent`'s choice of slot (the last dummy before the
        // first empty slot, else that empty slot), which used to walk it
        // again for every new key.
        let mut ask = Vec::new();
        let mut freeslot = None;
        let mut empty = None;
        for i in probe(hash, self.mask()) {
            match &self.slots[i] {
                Slot::Empty => {
                    empty = Some(i);
                    break;
                }
                Slot::Dummy => freeslot = Some(i),
                Slot::Active { hash: h, key: k } if *h == hash => {
                    if !ask.is_empty() {
                        ask.push(i);
                        continue;
                    }
                    match k.fast_eq(&key) {
                        Some(true) => return Added::Present,
                        Some(false) => {}
                        None => ask.push(i),
                    }
                }
                Slot::Active { .. } => {}
            }
        }
        if !ask.is_empty() {
            return Added::Ask(Undecided {
                candidates: ask,
                key,
            });
        }
        match empty {
            Some(empty) => self.place(key, hash, freeslot, empty),
            // A table with no empty slot (cannot happen: resizes keep
            // one): the plain insert decides.
            None => self.insert_absent(key, hash),
        }
        Added::New
    }

    /// Inserts a key known to be absent where `set_add_entry` would put
    /// it: the last dummy before the first empty slot, else that empty
    /// slot (which may trigger a resize).
    pub fn insert_absent(&mut self, key: Value, hash: i64) {
        let mut freeslot = None;
        let mut empty = 0;
        for i in probe(hash, self.mask()) {
            match &self.slots[i] {
                Slot::Empty => {
                    empty = i;
                    break;
                }
                Slot::Dummy => freeslot = Some(i),
                Slot::Active { .. } => {}
            }
        }
        self.place(key, hash, freeslot, empty);
    }

    /// The end of `insert_absent` and `add`: the key goes into the dummy
    /// `freeslot` if the probe path had one, else into the `empty` slot
    /// that ended it (which may trigger a resize).
    fn place(&mut self, key: Value, hash: i64, freeslot: Option<usize>, empty: usize) {
        self.version += 1;
        self.used += 1;
        if let Some(i) = freeslot {
            self.slots[i] = Slot::Active { hash, key };
            return;
        }
        self.fill += 1;
        self.slots[empty] = Slot::Active { hash, key };
        if self.fill * 5 >= self.mask() * 3 {
            let minused = if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(minused);
        }
    }

    /// Removes the key in slot `i` (leaving a dummy), returning it.
    pub fn remove_slot(&mut self, i: usize) -> Option<Value> {
        match std::mem::replace(self.slots.get_mut(i)?, Slot::Dummy) {
            Slot::Active { key, .. } => {
                self.used -= 1;
                self.version += 1;
                Some(key)
            }
            other => {
                self.slots[i] = other;
                None
            }
        }
    }

    /// `set.pop()`: the first active slot from the finger on.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        while !matches!(self.slots[i], Slot::Active { .. }) {
            i = if i == mask { 0 } else { i + 1 };
        }
        self.finger = i + 1;
        self.remove_slot(i)
    }

    /// `set_table_resize`: rebuild at the smallest power of two above
    /// `minused`, re-inserting active keys in slot order.
    pub fn resize(&mut self, minused: usize) {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        if newsize == MINSIZE && self.slots.len() == MINSIZE && self.fill == self.used {
            return; // no dummies to purge and no size change
        }
        let old = std::mem::replace(&mut self.slots, empty_slots(newsize));
        self.fill = self.used;
        let mask = newsize - 1;
        for slot in old {
            if let Slot::Active { hash, key } = slot {
                Self::insert_clean(&mut self.slots, mask, key, hash);
            }
        }
    }

    /// `set_insert_clean`: the first empty slot of the probe path (the
    /// table has no dummies and certainly not this key).
    fn insert_clean(slots: &mut [Slot], mask: usize, key: Value, hash: i64) {
        for i in probe(hash, mask) {
            if matches!(slots[i], Slot::Empty) {
                slots[i] = Slot::Active { hash, key };
                return;
            }
        }
    }

    /// `set_merge(self, other)` for the cases that need no `__eq__`: one
    /// big resize first, a slot-for-slot copy into an empty table of the
    /// same size, clean inserts into an empty table, else ordinary adds.
    /// Returns the keys whose add needs Python (`Added::Ask`), in order.
    pub fn merge(&mut self, other: &SetTable) -> Vec<(Value, i64)> {
        if other.used == 0 {
            return Vec::new();
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        self.version += 1;
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.slots.clone_from(&other.slots);
            self.fill = other.fill;
            self.used = other.used;
            return Vec::new();
        }
        if self.fill == 0 {
            let mask = self.mask();
            for slot in &other.slots {
                if let Slot::Active { hash, key } = slot {
                    Self::insert_clean(&mut self.slots, mask, key.clone(), *hash);
                }
            }
            self.fill = other.used;
            self.used = other.used;
            return Vec::new();
        }
        let mut slow = Vec::new();
        for slot in &other.slots {
            if let Slot::Active { hash, key } = slot {
                if let Added::Ask(undecided) = self.add(key.clone(), *hash) {
                    slow.push((undecided.key, *hash));
                }
            }
        }
        slow
    }

    /// Presizes for `extra` more keys, as `set_update_dict` does before
    /// adding a dict's keys.
    pub fn reserve_for(&mut self, extra: usize) {
        if (self.fill + extra) * 5 >= self.mask() * 3 {
            self.resize((self.used + extra) * 2);
        }
    }

    /// After deletions: rebuild when more than a quarter of the slots are
    /// dummies (what `set_difference_update_internal` does at its end).
    pub fn purge_dummies(&mut self) {
        if self.fill - self.used <= self.mask() / 4 {
            return;
        }
        let minused = if self.used > 50_000 {
            self.used * 2
        } else {
            self.used * 4
        };
        self.resize(minused);
    }

    /// Active keys in slot order (iteration order).
    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Active { key, .. } => Some(key),
            _ => None,
        })
    }

    /// Active keys with their hashes, in slot order.
    pub fn entries(&self) -> impl Iterator<Item = (&Value, i64)> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Active { key, hash } => Some((key, *hash)),
            _ => None,
        })
    }

    /// The first active slot at or after `pos`, with its key (iterators
    /// keep a position, as `setiter_iternext` does).
    pub fn next_from(&self, pos: usize) -> Option<(usize, &Value)> {
        self.slots
            .iter()
            .enumerate()
            .skip(pos)
            .find_map(|(i, s)| match s {
                Slot::Active { key, .. } => Some((i, key)),
                _ => None,
            })
    }

    /// `set.clear()`: back to an empty small table; returns the keys for
    /// the caller to drop outside the cell.
    pub fn take_all(&mut self) -> Vec<Value> {
        let old = std::mem::take(self);
        self.version = old.version + 1;
        let mut old = old;
        std::mem::take(&mut old.slots)
            .into_iter()
            .filter_map(|s| match s {
                Slot::Active { key, .. } => Some(key),
                _ => None,
            })
            .collect()
    }

    /// `frozenset_hash` (also what `hash(frozenset(s))` gives for a set).
    pub fn frozen_hash(&self) -> i64 {
        let slot_hashes = self.slots.iter().map(|s| match s {
            Slot::Empty => 0,
            Slot::Dummy => -1,
            Slot::Active { hash, .. } => *hash,
        });
        super::hash::hash_frozenset(slot_hashes, self.used)
    }
}

impl Drop for SetTable {
    fn drop(&mut self) {
        let slots = std::mem::take(&mut self.slots);
        drop_values(slots.into_iter().filter_map(|s| match s {
            Slot::Active { key, .. } => Some(key),
            _ => None,
        }));
    }
}

/// A `set` or `frozenset` object (the `Value` variant says which).
#[derive(Default)]
pub struct Set {
    /// The table; every access goes through the cell.
    pub table: PyCell<SetTable>,
}

impl Set {
    /// An empty set.
    pub fn new() -> Set {
        Set::default()
    }

    /// A set with this table.
    pub fn from_table(t: SetTable) -> Set {
        Set {
            table: PyCell::new(t),
        }
    }

    /// Exclusive access to the table (no Python calls while held).
    #[inline]
    pub fn lock(&self) -> PyGuard<'_, SetTable> {
        self.table.lock()
    }

    /// `len(s)`.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// A snapshot of the keys in iteration order.
    pub fn keys(&self) -> Vec<Value> {
        self.lock().iter().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::hash::hash_i64;

    fn ints(t: &SetTable) -> Vec<i64> {
        t.iter()
            .map(|v| match v {
                Value::Int(i) => *i,
                _ => -1,
            })
            .collect()
    }

    fn build(xs: &[i64]) -> SetTable {
        let mut t = SetTable::new();
        for &x in xs {
            t.add(Value::Int(x), hash_i64(x));
        }
        t
    }

    // Expected orders printed by CPython 3.11:
    //   print({3, 1, 2}); print({8, 1}); print(set(range(20, 0, -3)))
    //   s = set(); [s.add(x) for x in (100, 5, 37, 64, 9, 1000, 2)]; print(s)
    #[test]
    fn int_sets_iterate_in_cpython_order() {
        assert_eq!(ints(&build(&[3, 1, 2])), [1, 2, 3]);
        assert_eq!(ints(&build(&[8, 1])), [8, 1]);
        assert_eq!(
            ints(&build(&[100, 5, 37, 64, 9, 1000, 2])),
            [64, 2, 100, 37, 5, 1000, 9]
        );
        let xs: Vec<i64> = (1..=20).rev().step_by(3).collect();
        assert_eq!(ints(&build(&xs)), [2, 5, 8, 11, 14, 17, 20]);
    }

    // `print({100, 5, 37, 64, 9, 1000, 2})`: CPython compiles the display
    // to a frozenset constant (built from the items, then rebuilt in its
    // own iteration order when the compiler merges constants) merged into
    // an empty set (`SET_UPDATE`), which resizes first and re-inserts.
    #[test]
    fn merging_into_an_empty_set_reorders_like_set_update() {
        let first = build(&[100, 5, 37, 64, 9, 1000, 2]);
        let frozen = build(&ints(&first));
        let mut t = SetTable::new();
        assert!(t.merge(&frozen).is_empty());
        assert_eq!(ints(&t), [64, 2, 100, 5, 37, 1000, 9]);
    }

    #[test]
    fn removal_leaves_a_dummy_that_the_next_insert_reuses() {
        let mut t = build(&[1, 9, 17]);
        let SetFind::Found(slot) = t.find(&Value::Int(9), hash_i64(9)) else {
            panic!("9 missing")
        };
        t.remove_slot(slot);
        t.add(Value::Int(25), hash_i64(25));
        assert_eq!(t.len(), 3);
        assert_eq!(t.find(&Value::Int(9), hash_i64(9)), SetFind::Missing);
    }
}
