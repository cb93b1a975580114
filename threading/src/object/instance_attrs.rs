//! An instance's attributes: a vector of values laid out by its class's
//! shared keys, or a real dict once something needs one.
//!
//! ```text
//!   class Point: __init__ stores self.x, then self.y
//!   Point's shared keys:   [x, y]             append-only, at most 30
//!   p = Point(1, 2)        Attrs::Values([1, 2])       value i is keys[i]
//!   q = Point(3, 4)        Attrs::Values([3, 4])
//!   q.z = 5                keys [x, y, z], q: Values([3, 4, 5])
//!   vars(p), del p.x,      Attrs::Dict({x: 1, y: 2})   built once, in key
//!   a name out of order    order (= insertion order); the instance keeps
//!                          it from then on
//! ```
//!
//! Invariants (the fast paths of `vm/attr_cache.rs` cite them):
//!
//! 1. A class's shared keys only grow: a name, once at index `i`, stays
//!    there for the class's life. So "keys\[i\] is `name`", checked once
//!    when an inline cache is filled, holds for every later read.
//! 2. An instance's `Values(v)` holds the attributes named `keys[0..v.len()]`,
//!    in that order, each set: a store appends only the name at index
//!    `v.len()` (the next key) or, when the instance holds every key, a name
//!    new to the class (appended to the keys first). So `v[i]` *is* the
//!    attribute `keys[i]`, with no key to compare, and the values' order is
//!    the insertion order `vars()` must show.
//! 3. Anything else — a name out of that order, a deletion, more than
//!    [`MAX_SHARED_KEYS`] names, a caller that wants the dict itself
//!    (`__dict__`, `vars`) — turns the values into an [`Attrs::Dict`] with
//!    the same entries in the same order, once; there is no way back.
//!
//! Locks: an instance's `attrs` cell, then (inside it) its class's keys
//! cell; nothing takes them in the other order. An `Attrs::Dict`'s own
//! cell is taken only after the instance's cell is released.
//!
//! Why: a cached attribute read was four dependent loads from the instance
//! (its dict's `Arc`, the table's entries, the entry, checked by key) where
//! CPython 3.11's `LOAD_ATTR_INSTANCE_VALUE` makes two; with the values
//! here it is the vector's buffer and the value. A plain instance is two
//! allocations (the object and its values), not three (object, dict,
//! entries). The road not taken: values in the object itself, sized by
//! the class when the object is made (CPython 3.13's inline values) — an
//! `Instance` of variable size is beyond the crate's safe `Arc`.
//!
//! Python equivalent: PEP 412's key-sharing dictionaries as CPython 3.11
//! uses them (`ht_cached_keys`, `_PyDictValues`, `_PyObject_InitializeDict`,
//! `make_dict_from_instance_attributes`; `SHARED_KEYS_MAX_SIZE` is 30).
//! Needs `cell.rs`, `dict.rs`, `drop.rs`, `refcount.rs`, `str.rs` and
//! `value.rs`.

use super::cell::PyCell;
use super::dict::Dict;
use super::drop::{can_nest, drop_values};
use super::refcount::Arc;
use super::str::PyStr;
use super::value::Value;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;

/// The most names a class's shared keys hold (CPython's
/// `SHARED_KEYS_MAX_SIZE`); an instance storing one more gets a dict.
pub const MAX_SHARED_KEYS: usize = 30;

/// The attribute names a class's instances store, in the order first
/// stored (invariant 1 of the module docs).
#[derive(Default)]
pub struct SharedKeys {
    /// The names; append-only.
    names: PyCell<Vec<Arc<PyStr>>>,
    /// `names.len()`, readable without the lock: the capacity a new
    /// instance's values start with. Only a hint (Relaxed).
    len_hint: AtomicUsize,
}

/// The position of `name` among `names`: by address first (names are
/// interned), then by text (a name built at run time, `setattr(o, n, v)`).
fn position(names: &[Arc<PyStr>], name: &PyStr) -> Option<usize> {
    names
        .iter()
        .position(|k| std::ptr::eq(&**k, name))
        .or_else(|| names.iter().position(|k| k.as_str() == name.as_str()))
}

impl SharedKeys {
    /// How many names the keys held when last looked at (a capacity hint).
    pub fn len_hint(&self) -> usize {
        self.len_hint.load(Relaxed)
    }

    /// Whether `names[index]` is `name` (by text): what an inline cache
    /// checks once before it records `index` for the class (invariant 1).
    pub fn holds_at(&self, index: usize, name: &PyStr) -> bool {
        self.names
            .lock()
            .get(index)
            .is_some_and(|k| std::ptr::eq(&**k, name) || k.as_str() == name.as_str())
    }
}

/// Where an instance's attributes are (see the module docs).
pub enum Attrs {
    /// The values of the class's keys `0..len`, in order (invariant 2).
    Values(Vec<Value>),
    /// A real dict (invariant 3), shared with whoever asked for it.
    Dict(Arc<Dict>),
}

impl Drop for Attrs {
    fn drop(&mut self) {
        if let Attrs::Values(values) = self {
            // Fast path: numbers and strings drop in place. Plain path: a
            // value that can nest (`node.next`, a linked list a million
            // long) goes to the trashcan, as a dict's entries do.
            if values.iter().any(can_nest) {
                drop_values(std::mem::take(values));
            }
        }
    }
}

/// The values an instance of a class with `keys` starts with.
pub fn new_values(keys: &SharedKeys) -> Attrs {
    Attrs::Values(Vec::with_capacity(keys.len_hint()))
}

/// The dict of `attrs`, turned into one now if it is values (invariant
/// 3): the entries in key order, which is their insertion order.
pub fn make_dict(attrs: &PyCell<Attrs>, keys: &SharedKeys) -> Arc<Dict> {
    let mut attrs = attrs.lock();
    if let Attrs::Dict(d) = &*attrs {
        return d.clone();
    }
    let Attrs::Values(values) = &mut *attrs else {
        unreachable!("matched above")
    };
    let values = std::mem::take(values);
    let dict = Dict::new();
    {
        let names = keys.names.lock();
        let mut table = dict.lock();
        for (name, v) in names.iter().zip(values) {
            table.insert_new(name.hash(), Value::Str(name.clone()), v);
        }
    }
    let dict = Arc::new(dict);
    *attrs = Attrs::Dict(dict.clone());
    dict
}

/// Where `values` hold `name`: its index among the keys the values cover
/// (invariant 2), if it is one of them.
fn held_position(values: &[Value], keys: &SharedKeys, name: &PyStr) -> Option<usize> {
    let names = keys.names.lock();
    position(&names[..values.len().min(names.len())], name)
}

/// The attribute `name`, if the instance has it.
pub fn get(attrs: &PyCell<Attrs>, keys: &SharedKeys, name: &PyStr) -> Option<Value> {
    let guard = attrs.lock();
    match &*guard {
        Attrs::Values(values) => values.get(held_position(values, keys, name)?).cloned(),
        Attrs::Dict(d) => {
            let d = d.clone();
            drop(guard);
            d.get_str(name)
        }
    }
}

/// `inst.name = v`: replaced in place, appended in key order, or stored
/// into the dict the values become (invariants 2 and 3). The old value if
/// there was one (for the caller to drop after the locks).
pub fn store(
    attrs: &PyCell<Attrs>,
    keys: &SharedKeys,
    name: &Arc<PyStr>,
    v: Value,
) -> Option<Value> {
    let mut guard = attrs.lock();
    if let Attrs::Values(values) = &mut *guard {
        let mut names = keys.names.lock();
        let held = values.len();
        match position(&names[..], name) {
            Some(i) if i < held => {
                return Some(std::mem::replace(&mut values[i], v));
            }
            Some(i) if i == held => {
                values.push(v);
                return None;
            }
            None if held == names.len() && held < MAX_SHARED_KEYS => {
                names.push(name.clone());
                keys.len_hint.store(names.len(), Relaxed);
                values.push(v);
                return None;
            }
            // A name out of order, or the keys are full: a dict (below).
            _ => {}
        }
    }
    drop(guard);
    let dict = make_dict(attrs, keys);
    let old = dict.lock().set_str(name.clone(), v);
    old
}

/// `del inst.name`: the values become a dict first (a deletion leaves a
/// gap the key order cannot show; invariant 3). The removed value, or
/// `None` if there was no such attribute.
pub fn delete(attrs: &PyCell<Attrs>, keys: &SharedKeys, name: &PyStr) -> Option<Value> {
    // No such attribute among the values: nothing to convert.
    if let Attrs::Values(values) = &*attrs.lock() {
        held_position(values, keys, name)?;
    }
    make_dict(attrs, keys).remove_str(name)
}

/// The attributes' names, in insertion order (`dir`): a snapshot, the
/// values left where they are. A dict's keys other than strs are skipped.
pub fn names(attrs: &PyCell<Attrs>, keys: &SharedKeys) -> Vec<Arc<PyStr>> {
    let guard = attrs.lock();
    match &*guard {
        Attrs::Values(values) => keys
            .names
            .lock()
            .iter()
            .take(values.len())
            .cloned()
            .collect(),
        Attrs::Dict(d) => {
            let d = d.clone();
            drop(guard);
            let table = d.lock();
            table
                .iter()
                .filter_map(|e| match &e.key {
                    Value::Str(k) => Some(k.clone()),
                    _ => None,
                })
                .collect()
        }
    }
}

/// The index an inline cache may record for `name` (module docs of
/// `attr_site.rs`, fact 2): the name's place among the class's keys when
/// this instance holds it there, or, for a dict, its entry's position when
/// that is the same place (so that one index serves the class's instances
/// of either kind).
pub fn site_index(attrs: &PyCell<Attrs>, keys: &SharedKeys, name: &PyStr) -> Option<usize> {
    let guard = attrs.lock();
    let index = match &*guard {
        Attrs::Values(values) => held_position(values, keys, name)?,
        Attrs::Dict(d) => {
            let d = d.clone();
            drop(guard);
            let pos = d.lock().position_of_name(name)?;
            return keys.holds_at(pos, name).then_some(pos);
        }
    };
    Some(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::str::intern;

    fn texts(attrs: &PyCell<Attrs>, keys: &SharedKeys) -> Vec<String> {
        names(attrs, keys)
            .iter()
            .map(|k| k.as_str().to_string())
            .collect()
    }

    #[test]
    fn instances_storing_in_key_order_share_the_keys_and_stay_values() {
        let keys = SharedKeys::default();
        let (x, y) = (intern("x"), intern("y"));
        let p = PyCell::new(new_values(&keys));
        let q = PyCell::new(new_values(&keys));
        for a in [&p, &q] {
            store(a, &keys, &x, Value::Int(1));
            store(a, &keys, &y, Value::Int(2));
        }
        assert!(matches!(&*q.lock(), Attrs::Values(v) if v.len() == 2));
        assert_eq!(site_index(&q, &keys, &y), Some(1));
        assert!(matches!(
            get(&p, &keys, &PyStr::new("y")),
            Some(Value::Int(2))
        ));
    }

    #[test]
    fn a_name_out_of_order_makes_a_dict_in_insertion_order() {
        let keys = SharedKeys::default();
        let (x, y) = (intern("x"), intern("y"));
        let p = PyCell::new(new_values(&keys));
        store(&p, &keys, &x, Value::Int(1));
        store(&p, &keys, &y, Value::Int(2));
        let q = PyCell::new(new_values(&keys));
        store(&q, &keys, &y, Value::Int(3));
        store(&q, &keys, &x, Value::Int(4));
        assert!(matches!(&*q.lock(), Attrs::Dict(_)));
        assert_eq!(texts(&q, &keys), ["y", "x"]);
        // y sits at the keys' index 1 but at the dict's position 0: no
        // index a cache could share.
        assert_eq!(site_index(&q, &keys, &y), None);
        assert_eq!(site_index(&q, &keys, &x), None);
    }

    #[test]
    fn a_deletion_makes_a_dict_and_a_readded_name_goes_last() {
        let keys = SharedKeys::default();
        let (x, y) = (intern("x"), intern("y"));
        let p = PyCell::new(new_values(&keys));
        store(&p, &keys, &x, Value::Int(1));
        store(&p, &keys, &y, Value::Int(2));
        assert!(delete(&p, &keys, &x).is_some());
        assert!(delete(&p, &keys, &x).is_none());
        store(&p, &keys, &x, Value::Int(5));
        assert_eq!(texts(&p, &keys), ["y", "x"]);
    }

    #[test]
    fn the_keys_stop_at_their_limit() {
        let keys = SharedKeys::default();
        let p = PyCell::new(new_values(&keys));
        for i in 0..MAX_SHARED_KEYS + 5 {
            store(&p, &keys, &intern(&format!("a{i}")), Value::Int(i as i64));
        }
        assert!(matches!(&*p.lock(), Attrs::Dict(_)));
        assert_eq!(keys.len_hint(), MAX_SHARED_KEYS);
        assert_eq!(texts(&p, &keys).len(), MAX_SHARED_KEYS + 5);
    }
}
