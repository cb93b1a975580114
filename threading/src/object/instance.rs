//! Instances of classes: a class pointer, a `__dict__`, `__slots__` cells
//! and a payload for what built-in bases store.
//!
//! ```text
//!   p = Point(1, 2)   Instance { class: Point, attrs: [1, 2] (keys x, y), slots: [], payload: None }
//!   e = KeyError('k') Instance { class: KeyError, payload: Exception(args, traceback, ...) }
//!   class L(list)     Instance { class: L, payload: List([...]) }
//!   threading.Lock()  Instance { class: lock, payload: Native(<the lock's state>) }
//! ```
//!
//! Attributes live in a vector of values laid out by the class's shared
//! keys until something needs a real `__dict__` (`instance_attrs.rs`), as
//! in CPython 3.11; `__slots__` values live in one cell per instance,
//! indexed by the class's slot table. Everything
//! mutable is in the one cell type (`cell.rs`), so an instance is safe to
//! share between threads in every GIL mode; `self.n += 1` still loses
//! updates where the GIL mode allows a switch inside it, as in CPython.
//!
//! Python equivalent: `PyObject` with `tp_dictoffset` (`__dict__`),
//! member descriptors (`__slots__`), `PyBaseExceptionObject`, and C
//! extension objects' own fields.

use super::cell::PyCell;
use super::dict::Dict;
use super::exception::ExcState;
use super::instance_attrs::{self, Attrs};
use super::seq::{List, Tuple};
use super::set::Set;
use super::str::PyStr;
use super::types::{Layout, Type, TypeFlags};
use super::value::Value;
use super::{ExcKind, PyErr};
use crate::object::refcount::Arc;
use std::any::Any;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::Relaxed;

/// The summary bits of `name` in [`Instance::keys_seen`], one per word:
/// from its string hash, so an equal name built at run time (not the
/// interned object) maps to the same bits. The hash is mixed first (a
/// Fibonacci multiply, its top bits taken): FNV's low bits, taken modulo
/// 63 as a one-word summary did, put go's `Square.find` and `remove` on
/// bits of its attributes, and every such method call probed the dict.
/// Two bits in two words make a false "may hold" for a class with ten
/// attribute names about 2 % likely instead of 15 %.
#[inline(always)]
fn name_bits(name: &PyStr) -> [u64; 2] {
    let m = (name.hash() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    [1 << (m >> 58), 1 << ((m >> 52) & 63)]
}

/// What an instance holds besides its `__dict__` (decided by its class's
/// [`Layout`]).
///
/// Every variant larger than two words is boxed: the enum is as large as
/// its largest variant, and a plain object (`Payload::None`, nearly every
/// instance a program makes) paid for the widest one inline — 120 bytes
/// of a 176-byte `Instance`. Boxed, the payload is 24 bytes and an
/// `Instance` 88 (96 since the names summary has two words; `tests` below): float.py's 100,000 points take 14 % less
/// CPU (fewer pages touched, smaller malloc chunks). An exception or a
/// `list` subclass pays one more allocation and one more pointer hop.
pub enum Payload {
    /// Nothing (plain objects).
    None,
    /// Exception state (`args`, traceback, context, cause).
    Exception(Box<PyCell<ExcState>>),
    /// A list subclass's items.
    List(Box<List>),
    /// A dict subclass's table.
    Dict(Box<Dict>),
    /// A tuple subclass's items.
    Tuple(Tuple),
    /// A set subclass's table.
    Set(Box<Set>),
    /// `property(fget, fset, fdel, doc)`.
    Property(Box<Property>),
    /// `staticmethod(f)`.
    StaticMethod(Value),
    /// `classmethod(f)`.
    ClassMethod(Value),
    /// `super(type, obj)`.
    Super(Box<Super>),
    /// The state of a native class's instance (downcast by its methods).
    Native(Box<dyn Any + Send + Sync>),
}

/// A `property` object's parts (immutable but for its name: `@p.setter`
/// makes a new one).
pub struct Property {
    /// The getter (`None` if absent).
    pub fget: Value,
    /// The setter.
    pub fset: Value,
    /// The deleter.
    pub fdel: Value,
    /// `__doc__`.
    pub doc: Value,
    /// The attribute name `__set_name__` gave it (a property made in a
    /// class body gets its own when the class is made; one assigned to a
    /// class later has none), for the messages of a missing accessor
    /// (CPython's `prop_name`).
    pub name: PyCell<Option<Arc<PyStr>>>,
}

impl Clone for Property {
    /// A copy with the same name (CPython's `property_copy` keeps it).
    fn clone(&self) -> Property {
        Property {
            fget: self.fget.clone(),
            fset: self.fset.clone(),
            fdel: self.fdel.clone(),
            doc: self.doc.clone(),
            name: PyCell::new(self.name.get()),
        }
    }
}

impl Property {
    /// The `AttributeError` for `obj`'s missing `what` (`getter`,
    /// `setter`, `deleter`), as CPython 3.11 words it: the property's name
    /// if it has one, and the qualified name of `obj`'s class.
    pub fn missing(&self, what: &str, obj: &Value) -> PyErr {
        let owner = obj.class().qualname.clone();
        let text = match self.name.get() {
            Some(name) => format!(
                "property '{}' of '{}' object has no {what}",
                name.as_str(),
                owner.as_str()
            ),
            None => format!("property of '{}' object has no {what}", owner.as_str()),
        };
        PyErr::new(ExcKind::AttributeError, text)
    }
}

/// A `super(type, obj)` proxy.
#[derive(Clone)]
pub struct Super {
    /// Start the lookup after this class in `obj`'s MRO.
    pub this_class: Arc<Type>,
    /// The object (or class, for `super()` in a classmethod).
    pub obj: Value,
    /// The class whose MRO is searched (`type(obj)`, or `obj` itself).
    pub obj_type: Arc<Type>,
}

/// What [`Instance::keys_seen`] becomes once the `__dict__` was handed to
/// code that may store any key in it (`obj.__dict__`, `vars(obj)`): every
/// bit set, so from then on the summary knows nothing.
const DICT_ESCAPED: u64 = u64::MAX;

/// An instance of a class.
pub struct Instance {
    /// Its class (fixed: assigning `__class__` is outside MiniPy).
    pub class: Arc<Type>,
    /// The attributes (`__dict__`; never for `__slots__`-only classes):
    /// values laid out by the class's shared keys, or a dict
    /// (`instance_attrs.rs`). Private so that every way to it goes through
    /// the accessors that keep `keys_seen` and the layout's invariants.
    attrs: PyCell<Attrs>,
    /// A two-word summary of the names ever stored in `attrs` (a Bloom
    /// filter: one bit per word per name, [`name_bits`]), or
    /// [`DICT_ESCAPED`] in both words. It
    /// only grows, so a clear bit proves the name is not a key: the cached
    /// `LOAD_METHOD` then skips the dict probe (`vm/attr_cache.rs`).
    /// Relaxed: a store's bit is set before its insert, in the storing
    /// thread's order; a reader that synchronised with the store (through
    /// any lock or join, as Python code must to order the two) sees it, and
    /// a racing reader that does not is ordered before the store.
    keys_seen: [AtomicU64; 2],
    /// `__slots__` values, in the class's slot order (`None`: unset).
    pub slots: PyCell<Box<[Option<Value>]>>,
    /// What a built-in or native base stores.
    pub payload: Payload,
}

impl Instance {
    /// A new instance of `class` with `payload` (the caller chose the
    /// payload that matches the class's layout).
    pub fn new(class: Arc<Type>, payload: Payload) -> Instance {
        let nslots = class.slots.len();
        let attrs = PyCell::new(instance_attrs::new_values(&class.attr_keys));
        Instance {
            class,
            attrs,
            keys_seen: [AtomicU64::new(0), AtomicU64::new(0)],
            slots: PyCell::new(vec![None; nslots].into_boxed_slice()),
            payload,
        }
    }

    /// The payload a fresh instance of `class` starts with.
    pub fn empty_payload(class: &Type) -> Payload {
        match class.layout {
            Layout::List => Payload::List(Box::default()),
            Layout::Dict => Payload::Dict(Box::default()),
            Layout::Tuple => Payload::Tuple(Tuple::new(Vec::new())),
            Layout::Set => Payload::Set(Box::default()),
            Layout::Exception => {
                Payload::Exception(Box::new(PyCell::new(ExcState::new(Value::empty_tuple()))))
            }
            _ => Payload::None,
        }
    }

    /// Whether instances of this class may have a `__dict__`.
    pub fn has_dict(&self) -> bool {
        self.class.flags.has(TypeFlags::HAS_DICT)
    }

    /// The `__dict__` (`None` for `__slots__`-only classes), for a caller
    /// that may store any key in it: the values become a dict now if they
    /// were not one (`instance_attrs.rs`, invariant 3), and the names
    /// summary gives up (see `keys_seen`).
    pub fn dict(&self) -> Option<Arc<Dict>> {
        if !self.has_dict() {
            return None;
        }
        for word in &self.keys_seen {
            word.fetch_or(DICT_ESCAPED, Relaxed);
        }
        Some(instance_attrs::make_dict(
            &self.attrs,
            &self.class.attr_keys,
        ))
    }

    /// Adds `name` to the names summary before it is stored. Under a
    /// claimed GIL only the holder reads or writes the summary (as the
    /// cells): a plain store. The atomic OR (`lock or`, ~20 cycles) was 7 %
    /// of raytrace's samples, three new names per `Vector.__init__`.
    #[inline(always)]
    fn note_name(&self, name: &PyStr) {
        for (word, bit) in self.keys_seen.iter().zip(name_bits(name)) {
            let seen = word.load(Relaxed);
            if seen & bit == 0 {
                if super::cell_mode::gil_holds_cells() {
                    word.store(seen | bit, Relaxed);
                } else {
                    word.fetch_or(bit, Relaxed);
                }
            }
        }
    }

    /// `inst.name = v` into the attributes (`object.__setattr__`'s last
    /// step); the old value if there was one, for the caller to drop after
    /// its locks. `Err(v)` for a `__slots__`-only class.
    pub fn set_attr(&self, name: &Arc<PyStr>, v: Value) -> Result<Option<Value>, Value> {
        if !self.has_dict() {
            return Err(v);
        }
        self.note_name(name);
        Ok(instance_attrs::store(
            &self.attrs,
            &self.class.attr_keys,
            name,
            v,
        ))
    }

    /// `del inst.name` from the attributes: the removed value, or `None`
    /// if there was no such attribute.
    pub fn delete_attr(&self, name: &PyStr) -> Option<Value> {
        if !self.has_dict() {
            return None;
        }
        instance_attrs::delete(&self.attrs, &self.class.attr_keys, name)
    }

    /// Fast path of a cached read (`vm/attr_cache.rs`): the attribute at
    /// `index`, which an inline cache recorded for this instance's class
    /// and `name` (`instance_attrs::site_index`), handed to `take` under
    /// the lock. Values: the value at `index` *is* the attribute, if the
    /// instance holds that many (`instance_attrs.rs`, invariants 1 and 2);
    /// a dict: the entry at `index` if its key is this very name.
    #[inline(always)]
    pub fn value_at<R>(
        &self,
        index: usize,
        name: &PyStr,
        take: impl FnOnce(&Value) -> R,
    ) -> Option<R> {
        let attrs = self.attrs.lock();
        match &*attrs {
            Attrs::Values(values) => values.get(index).map(take),
            // Plain path: the dict the attributes became, read here. (A
            // `#[cold]` call out of line was tried: the 13 files'
            // instructions +0.1 to +0.9 %, the loop's registers moved.)
            Attrs::Dict(d) => {
                let d = d.clone();
                drop(attrs);
                let table = d.lock();
                table.value_at_name(index, name).map(take)
            }
        }
    }

    /// [`value_at`](Self::value_at) for an update in place: `f` may
    /// change the value (and answers `None` to leave it to the plain path).
    #[inline(always)]
    pub fn value_at_mut<R>(
        &self,
        index: usize,
        name: &PyStr,
        f: impl FnOnce(&mut Value) -> Option<R>,
    ) -> Option<R> {
        let mut attrs = self.attrs.lock();
        match &mut *attrs {
            Attrs::Values(values) => values.get_mut(index).and_then(f),
            Attrs::Dict(d) => {
                let d = d.clone();
                drop(attrs);
                let mut table = d.lock();
                table.value_at_name_mut(index, name).and_then(f)
            }
        }
    }

    /// Fast path of a cached store (`vm/attr_cache.rs`) at the `index` an
    /// inline cache recorded for this class and `name`: `Ok` with the old
    /// value (if any, to drop after the locks) when stored, `Err(v)` when
    /// the plain path must store it. Values: replaced at `index`, or
    /// appended when `index` is the next key (a new attribute, as in
    /// `__init__`: no search for the name, invariant 1 says it is
    /// `keys[index]`); a dict: replaced at `index` if its key is this
    /// very name, else the dict's own find-or-append.
    #[inline(always)]
    pub fn store_at(
        &self,
        index: usize,
        name: &Arc<PyStr>,
        v: Value,
    ) -> Result<Option<Value>, Value> {
        // A cache records an index only for an instance that held the
        // attribute, so this class has attributes (not `__slots__`-only).
        debug_assert!(self.has_dict());
        let mut attrs = self.attrs.lock();
        match &mut *attrs {
            Attrs::Values(values) => {
                if let Some(slot) = values.get_mut(index) {
                    return Ok(Some(std::mem::replace(slot, v)));
                }
                if index != values.len() {
                    return Err(v);
                }
                self.note_name(name);
                values.push(v);
                Ok(None)
            }
            Attrs::Dict(d) => {
                let d = d.clone();
                drop(attrs);
                self.note_name(name);
                let mut table = d.lock();
                Ok(match table.value_at_name_mut(index, name) {
                    Some(slot) => Some(std::mem::replace(slot, v)),
                    None => table.set_str(name.clone(), v),
                })
            }
        }
    }

    /// The index an inline cache may record for `name` on this instance's
    /// class (`instance_attrs::site_index`).
    pub fn site_index(&self, name: &PyStr) -> Option<usize> {
        if !self.has_dict() {
            return None;
        }
        instance_attrs::site_index(&self.attrs, &self.class.attr_keys, name)
    }

    /// The attributes' names in insertion order (a snapshot: `dir()`),
    /// without turning values into a dict.
    pub fn attr_names(&self) -> Vec<Arc<PyStr>> {
        if !self.has_dict() {
            return Vec::new();
        }
        instance_attrs::names(&self.attrs, &self.class.attr_keys)
    }

    /// Whether `name` may be an attribute in the `__dict__`; `false` proves
    /// it is not (no dict, or a summary without its bit).
    #[inline(always)]
    pub fn may_hold(&self, name: &PyStr) -> bool {
        let [a, b] = name_bits(name);
        self.keys_seen[0].load(Relaxed) & a != 0 && self.keys_seen[1].load(Relaxed) & b != 0
    }

    /// An attribute from the `__dict__` (no descriptors involved).
    #[inline]
    pub fn dict_get(&self, name: &PyStr) -> Option<Value> {
        if !self.has_dict() {
            return None;
        }
        instance_attrs::get(&self.attrs, &self.class.attr_keys, name)
    }

    /// The index of slot `name`, if the class declares it.
    pub fn slot_index(&self, name: &str) -> Option<usize> {
        self.class.slots.iter().position(|s| s.as_str() == name)
    }

    /// Whether the instance extends a built-in container (`list`, `dict`,
    /// `tuple`, `set`): the VM then works on the payload directly instead
    /// of calling the base's native special methods.
    pub fn has_builtin_payload(&self) -> bool {
        matches!(
            self.payload,
            Payload::List(_) | Payload::Dict(_) | Payload::Tuple(_) | Payload::Set(_)
        )
    }

    /// The native state, if it is a `T`.
    pub fn native<T: Any>(&self) -> Option<&T> {
        match &self.payload {
            Payload::Native(b) => b.downcast_ref::<T>(),
            _ => None,
        }
    }

    /// The exception state, if this is an exception.
    pub fn exc(&self) -> Option<&PyCell<ExcState>> {
        match &self.payload {
            Payload::Exception(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Instance, Payload};
    use std::mem::size_of;

    /// The layout `Payload`'s docs rely on: the big variants stay boxed.
    #[test]
    fn a_plain_instance_stays_small() {
        assert_eq!(size_of::<Payload>(), 24);
        // 104 bytes in a release build: 96 while the attributes were an
        // `Arc<Dict>` made with the object (a pointer and the lazy cell's
        // state); the values' vector and its cell lock take 32 in its
        // place, but a plain object no longer has a dict (88 bytes with
        // its header) and 40-byte entries beside it: 16 bytes a value
        // instead. A debug build's cell lock also records its holder (one
        // more word in each of the two cells, `slots` and `attrs`).
        let lock = size_of::<crate::object::cell_lock::CellLock>();
        assert_eq!(
            size_of::<Instance>(),
            104 + 2 * (lock.next_multiple_of(8) - 8)
        );
    }
}
