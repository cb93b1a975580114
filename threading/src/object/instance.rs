//! Instances of classes: a class pointer, a `__dict__`, `__slots__` cells
//! and a payload for what built-in bases store.
//!
//! ```text
//!   p = Point(1, 2)   Instance { class: Point, dict: {x: 1, y: 2}, slots: [], payload: None }
//!   e = KeyError('k') Instance { class: KeyError, payload: Exception(args, traceback, ...) }
//!   class L(list)     Instance { class: L, payload: List([...]) }
//!   threading.Lock()  Instance { class: lock, payload: Native(<the lock's state>) }
//! ```
//!
//! The `__dict__` is created on the first attribute store (exceptions and
//! native objects usually never get one). `__slots__` values live in one
//! cell per instance, indexed by the class's slot table. Everything
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
use std::sync::OnceLock;

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

/// What [`Instance::dict_for_store_noting`] hands a store.
pub struct DictForStore<'a> {
    /// The `__dict__`.
    pub dict: &'a Arc<Dict>,
    /// The names summary had a clear bit for the name before this store
    /// set it: the name was certainly not a key then (a new attribute, as
    /// in `__init__`). Only as true as the moment it was read: another
    /// thread may store the name in between unless the GIL holds the
    /// cells.
    pub name_was_new: bool,
}

/// When an instance's `__dict__` is made.
enum InstanceDict {
    /// With the object: a plain instance of a class with a `__dict__`
    /// (nearly every one stores attributes in `__init__`). Fast path: the
    /// dict is a plain field read; `OnceLock` made the first store pay its
    /// one-time initialisation, a compare-exchange in an out-of-line call
    /// (5 % of a loop that makes objects), even when filled at creation.
    Made(Arc<Dict>),
    /// On first use, or never (plain path): exceptions and native objects,
    /// which rarely get attributes, and `__slots__`-only classes.
    OnFirstUse(OnceLock<Arc<Dict>>),
}

impl InstanceDict {
    /// The dict if it exists.
    #[inline]
    fn get(&self) -> Option<&Arc<Dict>> {
        match self {
            InstanceDict::Made(d) => Some(d),
            InstanceDict::OnFirstUse(lazy) => lazy.get(),
        }
    }

    /// The dict, made now if it was not.
    #[inline]
    fn get_or_make(&self) -> &Arc<Dict> {
        match self {
            InstanceDict::Made(d) => d,
            InstanceDict::OnFirstUse(lazy) => lazy.get_or_init(|| Arc::new(Dict::new())),
        }
    }
}

/// An instance of a class.
pub struct Instance {
    /// Its class (fixed: assigning `__class__` is outside MiniPy).
    pub class: Arc<Type>,
    /// `__dict__` (never for `__slots__` classes). Private so that every
    /// way to it goes through the accessors that keep `keys_seen` honest.
    dict: InstanceDict,
    /// A two-word summary of the names ever stored in `dict` (a Bloom
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
        // Fast path: a plain object of a class with a `__dict__` gets its
        // (empty) dict with the object (see `InstanceDict`).
        let dict = if matches!(payload, Payload::None) && class.flags.has(TypeFlags::HAS_DICT) {
            InstanceDict::Made(Arc::new(Dict::new()))
        } else {
            InstanceDict::OnFirstUse(OnceLock::new())
        };
        Instance {
            class,
            dict,
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

    /// The `__dict__`, creating it (`None` for `__slots__`-only classes),
    /// for a caller that may store any key in it: the names summary gives
    /// up (see `keys_seen`).
    pub fn dict(&self) -> Option<&Arc<Dict>> {
        if !self.has_dict() {
            return None;
        }
        for word in &self.keys_seen {
            word.fetch_or(DICT_ESCAPED, Relaxed);
        }
        Some(self.dict.get_or_make())
    }

    /// The `__dict__`, creating it, for a caller about to store (or
    /// delete) the key `name` and no other: `name` joins the summary
    /// first.
    #[inline]
    pub fn dict_for_store(&self, name: &PyStr) -> Option<&Arc<Dict>> {
        self.dict_for_store_noting(name).map(|store| store.dict)
    }

    /// [`dict_for_store`](Self::dict_for_store), also telling whether the
    /// summary proved `name` absent before it joined (see
    /// [`DictForStore::name_was_new`]). Always inlined: its caller is
    /// `STORE_ATTR`'s fast path, inside the instruction loop, where the
    /// inliner's budget decided differently as arms were added (an
    /// out-of-line call per store, richards +0.8 % instructions).
    #[inline(always)]
    pub fn dict_for_store_noting(&self, name: &PyStr) -> Option<DictForStore<'_>> {
        if !self.has_dict() {
            return None;
        }
        let mut name_was_new = false;
        // Fast path: the name is already in the summary (a re-store).
        for (word, bit) in self.keys_seen.iter().zip(name_bits(name)) {
            let seen = word.load(Relaxed);
            if seen & bit == 0 {
                name_was_new = true;
                if super::cell_mode::gil_holds_cells() {
                    // Under a claimed GIL only the holder reads or writes
                    // the summary (as the cells): a plain store. The atomic
                    // OR (`lock or`, ~20 cycles) was 7 % of raytrace's
                    // samples, three new names per `Vector.__init__`.
                    word.store(seen | bit, Relaxed);
                } else {
                    word.fetch_or(bit, Relaxed);
                }
            }
        }
        Some(DictForStore {
            dict: self.dict.get_or_make(),
            name_was_new,
        })
    }

    /// The `__dict__` if it exists, for reading only (never store through
    /// it: use [`dict_for_store`](Self::dict_for_store) or
    /// [`dict`](Self::dict)).
    #[inline]
    pub fn existing_dict(&self) -> Option<&Arc<Dict>> {
        self.dict.get()
    }

    /// Whether `name` may be a key of the `__dict__`; `false` proves it is
    /// not (no dict, or a summary without its bit).
    #[inline(always)]
    pub fn may_hold(&self, name: &PyStr) -> bool {
        let [a, b] = name_bits(name);
        self.keys_seen[0].load(Relaxed) & a != 0 && self.keys_seen[1].load(Relaxed) & b != 0
    }

    /// An attribute from the `__dict__` (no descriptors involved).
    #[inline]
    pub fn dict_get(&self, name: &PyStr) -> Option<Value> {
        self.dict.get().and_then(|d| d.get_str(name))
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
        // 96 bytes in a release build (88 before the names summary took a
        // second word: with its 16-byte reference-count header, the same
        // 112-byte block of `small_alloc/`); a debug build's cell lock
        // also records its holder (one more word in `slots`).
        let lock = size_of::<crate::object::cell_lock::CellLock>();
        assert_eq!(size_of::<Instance>(), 96 + lock.next_multiple_of(8) - 8);
    }
}
