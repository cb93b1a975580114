//! A slab: a `Vec` of slots with a free list and a generation per slot.
//!
//! The loop keeps its tasks, its timers and its I/O sources in slabs. A slot
//! is named by a [`Key`] — its index plus the slot's *generation*, which is
//! bumped every time the slot is emptied. A key kept after its value left
//! (a waker for a finished task, a timer handle for a fired timer) therefore
//! no longer matches, and [`Slab::get`] answers `None` instead of handing out
//! the slot's next tenant.
//!
//! ```text
//!   slots: [ Occupied(g=3, a) | Vacant(g=1, next=3) | Occupied(g=0, c) | Vacant(g=7, next=END) ]
//!   free_head = 1 ──▶ 3 ──▶ END
//!   insert(d) takes slot 1, returns Key { index: 1, generation: 1 }
//! ```
//!
//! A value that must know its own key (a task's schedule callback, an fd's
//! epoll token) reserves the slot first: `vacant_entry()` hands out the
//! key, `insert` fills the slot — no placeholder key patched afterwards.
//!
//! Why not a `HashMap<u64, T>`: a slab lookup is one bounds check and one
//! compare, with no hashing, and the memory of finished tasks is reused in
//! place. Python equivalent: none — CPython keeps tasks as heap objects
//! reached by reference; the slab is what a reference becomes when the
//! handle must be a plain number (see `waker.rs`).
//!
//! Needs: nothing but std — the bottom layer of the loop.

/// Names one slot: its index and the generation it had when filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// Position in the slab's vector.
    pub index: u32,
    /// The slot's generation when this key was handed out.
    pub generation: u32,
}

/// Marks the end of the free list.
const END: u32 = u32::MAX;

/// One slot of the slab.
enum Slot<T> {
    /// Holds a value; `generation` is the one its key carries.
    Occupied {
        /// Generation handed out with the key.
        generation: u32,
        /// The stored value.
        value: T,
    },
    /// Empty; part of the free list.
    Vacant {
        /// Generation the next tenant will get.
        generation: u32,
        /// Next vacant index, or [`END`].
        next: u32,
    },
}

/// A vector of reusable slots addressed by [`Key`].
pub struct Slab<T> {
    /// The slots, occupied or vacant.
    slots: Vec<Slot<T>>,
    /// First vacant index, or [`END`].
    free_head: u32,
    /// How many slots are occupied.
    len: usize,
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab::new()
    }
}

impl<T> Slab<T> {
    /// An empty slab.
    pub(crate) const fn new() -> Slab<T> {
        Slab {
            slots: Vec::new(),
            free_head: END,
            len: 0,
        }
    }

    /// How many values are stored.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Stores `value` and returns its key: [`vacant_entry`] and
    /// [`VacantEntry::insert`] in one step.
    ///
    /// [`vacant_entry`]: Self::vacant_entry
    ///
    /// # Panics
    /// As [`vacant_entry`](Self::vacant_entry).
    pub(crate) fn insert(&mut self, value: T) -> Key {
        self.vacant_entry().insert(value)
    }

    /// Reserves the slot the next value will take, so its key is known
    /// before the value exists — a task's schedule callback and an fd's
    /// epoll token are built from their own key. Dropping the entry without
    /// inserting leaves the slab unchanged.
    ///
    /// # Panics
    /// When more than `u32::MAX - 1` values are alive at once (a broken
    /// invariant of this teaching loop, not reachable from user input of
    /// sane size).
    pub(crate) fn vacant_entry(&mut self) -> VacantEntry<'_, T> {
        let key = if self.free_head != END {
            let index = self.free_head;
            let Slot::Vacant { generation, .. } = self.slots[index as usize] else {
                unreachable!("slab free list points at an occupied slot");
            };
            Key { index, generation }
        } else {
            let index = u32::try_from(self.slots.len())
                .ok()
                .filter(|&i| i != END)
                .expect("slab full: more than u32::MAX - 1 live entries");
            Key {
                index,
                generation: 0,
            }
        };
        VacantEntry { slab: self, key }
    }

    /// How many slots exist, occupied or vacant: the slab's memory is this
    /// many slots, however few values are alive.
    pub(crate) fn slots(&self) -> usize {
        self.slots.len()
    }

    /// The value under `key`, if that key's tenant is still there.
    #[inline]
    pub(crate) fn get(&self, key: Key) -> Option<&T> {
        match self.slots.get(key.index as usize) {
            Some(Slot::Occupied { generation, value }) if *generation == key.generation => {
                Some(value)
            }
            _ => None,
        }
    }

    /// Mutable access to the value under `key`, if still there.
    #[inline]
    pub(crate) fn get_mut(&mut self, key: Key) -> Option<&mut T> {
        match self.slots.get_mut(key.index as usize) {
            Some(Slot::Occupied { generation, value }) if *generation == key.generation => {
                Some(value)
            }
            _ => None,
        }
    }

    /// Like [`get_mut`](Self::get_mut), but matching only the low 16 bits of
    /// the generation — what a packed waker carries (see `waker.rs`). A
    /// stale key can collide after 65,536 reuses of one slot; the cost is a
    /// spurious wake-up, which every future must tolerate anyway.
    #[inline]
    pub(crate) fn get_mut_gen16(&mut self, index: u32, generation16: u16) -> Option<(Key, &mut T)> {
        match self.slots.get_mut(index as usize) {
            Some(Slot::Occupied { generation, value }) if *generation as u16 == generation16 => {
                Some((
                    Key {
                        index,
                        generation: *generation,
                    },
                    value,
                ))
            }
            _ => None,
        }
    }

    /// Removes and returns the value under `key`; the slot's generation is
    /// bumped so `key` never matches again.
    pub(crate) fn remove(&mut self, key: Key) -> Option<T> {
        let slot = self.slots.get_mut(key.index as usize)?;
        match slot {
            Slot::Occupied { generation, .. } if *generation == key.generation => {
                let next_generation = generation.wrapping_add(1);
                let old = std::mem::replace(
                    slot,
                    Slot::Vacant {
                        generation: next_generation,
                        next: self.free_head,
                    },
                );
                self.free_head = key.index;
                self.len -= 1;
                match old {
                    Slot::Occupied { value, .. } => Some(value),
                    Slot::Vacant { .. } => unreachable!("slot was just matched as occupied"),
                }
            }
            _ => None,
        }
    }

    /// Every stored value, in slot order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.slots.iter().filter_map(|slot| match slot {
            Slot::Occupied { value, .. } => Some(value),
            Slot::Vacant { .. } => None,
        })
    }

    /// Removes every value, returning them (keys become stale).
    pub(crate) fn drain(&mut self) -> Vec<T> {
        let mut out = Vec::with_capacity(self.len);
        for index in 0..self.slots.len() {
            if let Slot::Occupied { generation, .. } = self.slots[index] {
                let key = Key {
                    index: index as u32,
                    generation,
                };
                out.extend(self.remove(key));
            }
        }
        out
    }
}

/// A reserved slot of a [`Slab`]: its [`key`](Self::key) is final, the
/// value comes later (see [`Slab::vacant_entry`]).
pub(crate) struct VacantEntry<'a, T> {
    /// The slab, borrowed until the value is inserted or the entry dropped.
    slab: &'a mut Slab<T>,
    /// The key the value will have.
    key: Key,
}

impl<T> VacantEntry<'_, T> {
    /// The key the inserted value will have.
    pub(crate) fn key(&self) -> Key {
        self.key
    }

    /// Fills the reserved slot; returns its key.
    pub(crate) fn insert(self, value: T) -> Key {
        let VacantEntry { slab, key } = self;
        slab.len += 1;
        if key.index as usize == slab.slots.len() {
            slab.slots.push(Slot::Occupied {
                generation: key.generation,
                value,
            });
            return key;
        }
        let slot = &mut slab.slots[key.index as usize];
        let Slot::Vacant { next, .. } = *slot else {
            unreachable!("a reserved slot is vacant until its entry inserts");
        };
        slab.free_head = next;
        *slot = Slot::Occupied {
            generation: key.generation,
            value,
        };
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_keys_do_not_see_the_next_tenant() {
        let mut slab = Slab::new();
        let a = slab.insert("a");
        assert_eq!(slab.remove(a), Some("a"));
        let b = slab.insert("b");
        assert_eq!(a.index, b.index, "the slot is reused");
        assert_eq!(slab.get(a), None);
        assert_eq!(slab.get(b), Some(&"b"));
        assert_eq!(slab.len(), 1);
    }

    #[test]
    fn drain_empties_and_frees_every_slot() {
        let mut slab = Slab::new();
        let keys: Vec<Key> = (0..10).map(|i| slab.insert(i)).collect();
        slab.remove(keys[3]);
        let mut all = slab.drain();
        all.sort();
        assert_eq!(all, vec![0, 1, 2, 4, 5, 6, 7, 8, 9]);
        assert_eq!(slab.len(), 0);
        assert!(keys.iter().all(|&k| slab.get(k).is_none()));
    }

    #[test]
    fn a_vacant_entry_knows_its_key_before_the_value_exists() {
        let mut slab = Slab::new();
        let a = slab.insert("a");
        slab.remove(a);
        let entry = slab.vacant_entry();
        let reserved = entry.key();
        assert_eq!(reserved.index, a.index, "the freed slot is reserved");
        assert_ne!(reserved.generation, a.generation);
        assert_eq!(entry.insert("b"), reserved);
        assert_eq!(slab.get(reserved), Some(&"b"));
        // An entry dropped without inserting changes nothing.
        let dropped = slab.vacant_entry().key();
        assert_eq!(slab.insert("c"), dropped);
        assert_eq!((slab.len(), slab.slots()), (2, 2));
    }
}
