//! Classes: `type` objects with a namespace, bases, a C3 method
//! resolution order and a version tag.
//!
//! ```text
//!   class D(B, C): ...          D.bases = (B, C)
//!                               D.mro   = (B, C, A, object)   (self excluded)
//!   D().method  ─lookup─▶  D.dict, B.dict, C.dict, A.dict, object.dict
//!   D.x = 1     ─modified─▶ D.version and every subclass's version change
//! ```
//!
//! ## C3 linearisation
//! `mro(C) = [C] + merge(mro(B1), …, mro(Bn), [B1, …, Bn])`: repeatedly
//! take the first head that appears in no other list's tail. It keeps
//! every class before its bases and the bases in the order written, and
//! fails ("Cannot create a consistent method resolution order") when no
//! such order exists. `mro` here excludes the class itself so that a type
//! does not own an `Arc` to itself.
//!
//! ## Version tags
//! Every type carries a number that changes whenever its namespace or a
//! base's namespace changes (`modified` walks the weak subclass list). A
//! cache keyed by (type, version) — issue 10's inline caches, CPython's
//! `tp_version_tag` — can then trust a cached lookup without repeating it.
//!
//! ## Layout
//! What an instance holds besides its `__dict__`: nothing (plain objects),
//! exception state, or the storage of a built-in base (`class L(list)`
//! instances carry a list). Two bases with different layouts cannot be
//! combined ("multiple bases have instance lay-out conflict").
//!
//! Python equivalent: `Objects/typeobject.c` (`mro_implementation`,
//! `best_base`, `type_new`, `PyType_Modified`, `_PyType_Lookup`).

use super::cell::PyCell;
use super::dict::Dict;
use super::instance_attrs::SharedKeys;
use super::str::PyStr;
use super::value::Value;
use crate::object::refcount::{Arc, Weak};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// What an instance of a class carries besides its `__dict__`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A plain object (`object`, most user classes).
    Object,
    /// Exception state (`BaseException` and subclasses).
    Exception,
    /// A list's items (`class L(list)`).
    List,
    /// A dict's table (`class D(dict)`).
    Dict,
    /// A tuple's items (`class P(tuple)`, e.g. `namedtuple`).
    Tuple,
    /// A set's table (`class S(set)`).
    Set,
    /// State owned by a native class (a lock, a deque, ...), named by the
    /// native class that defines it.
    Native(&'static str),
    /// Instances are `Value` variants (`int`, `str`, `function`, ...):
    /// the class cannot be a base of a user class.
    Builtin,
}

/// Type flags (bit set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypeFlags(pub u32);

impl TypeFlags {
    /// A built-in type: its namespace is frozen after start-up
    /// ("cannot set 'x' attribute of immutable type 'int'").
    pub const IMMUTABLE: u32 = 1;
    /// May be subclassed (`Py_TPFLAGS_BASETYPE`).
    pub const BASETYPE: u32 = 2;
    /// Instances have a `__dict__`.
    pub const HAS_DICT: u32 = 4;

    /// Whether `flag` is set.
    #[inline]
    pub fn has(self, flag: u32) -> bool {
        self.0 & flag != 0
    }
}

/// Source of version tags; 0 means "no valid tag".
static NEXT_VERSION: AtomicU64 = AtomicU64::new(1);

/// A class.
pub struct Type {
    /// `__name__`.
    pub name: Arc<PyStr>,
    /// `__qualname__` (`Outer.Inner` for nested classes).
    pub qualname: Arc<PyStr>,
    /// `__module__` (`builtins`, `__main__`, `queue`, ...).
    pub module: Arc<PyStr>,
    /// `__bases__`, in the order written.
    pub bases: Box<[Arc<Type>]>,
    /// `__mro__` without the class itself.
    pub mro: Box<[Arc<Type>]>,
    /// The namespace (`__dict__`): methods, class attributes.
    pub dict: Dict,
    /// What instances carry (see [`Layout`]).
    pub layout: Layout,
    /// Flags (see [`TypeFlags`]).
    pub flags: TypeFlags,
    /// `__slots__` names of this class and its bases; an instance has one
    /// value cell per name, in this order.
    pub slots: Box<[Arc<PyStr>]>,
    /// The version tag (see the module docs). Relaxed: a reader that sees
    /// a stale tag only misses a cache, it never trusts a wrong entry,
    /// because tags are never reused.
    pub version: AtomicU64,
    /// Classes derived from this one (weak: a subclass dies on its own).
    pub subclasses: PyCell<Vec<Weak<Type>>>,
    /// The attribute names this class's instances store, in the order
    /// first stored: the layout of their values (`instance_attrs.rs`).
    pub attr_keys: SharedKeys,
    /// Cached answer of [`Type::custom_getattribute`]: 0 unknown, 1 no,
    /// 2 yes; reset by [`Type::modified`].
    getattribute_hook: std::sync::atomic::AtomicU8,
    /// Cached answer of [`Type::native_len`]: 0 unknown, 1 yes, 2 no;
    /// reset by [`Type::modified`].
    len_hook: std::sync::atomic::AtomicU8,
}

/// What is needed to create a class.
pub struct TypeSpec {
    /// `__name__`.
    pub name: Arc<PyStr>,
    /// `__qualname__`.
    pub qualname: Arc<PyStr>,
    /// `__module__`.
    pub module: Arc<PyStr>,
    /// The bases (never empty: `object` when none were written).
    pub bases: Vec<Arc<Type>>,
    /// The namespace.
    pub dict: Dict,
    /// `__slots__` declared by this class, if any.
    pub own_slots: Option<Vec<Arc<PyStr>>>,
    /// Extra flags (built-in types: IMMUTABLE, BASETYPE).
    pub flags: u32,
    /// The layout, for built-in and native types; user classes inherit
    /// theirs from the bases (`None`).
    pub layout: Option<Layout>,
}

/// Why a class could not be created (the message of a `TypeError`).
#[derive(Debug, PartialEq, Eq)]
pub struct TypeError(pub String);

impl Type {
    /// Creates a class: checks the bases, computes the MRO, the layout and
    /// the slots, and registers it with its bases.
    pub fn new(spec: TypeSpec) -> Result<Arc<Type>, TypeError> {
        for (i, b) in spec.bases.iter().enumerate() {
            if spec.bases[..i].iter().any(|o| Arc::ptr_eq(o, b)) {
                return Err(TypeError(format!(
                    "duplicate base class {}",
                    b.name.as_str()
                )));
            }
            if !b.flags.has(TypeFlags::BASETYPE) && spec.layout.is_none() {
                return Err(TypeError(format!(
                    "type '{}' is not an acceptable base type",
                    b.name.as_str()
                )));
            }
        }
        let mro = c3_mro(&spec.bases)?;
        let layout = match spec.layout {
            Some(l) => l,
            None => inherited_layout(&spec.bases)?,
        };
        let mut slots: Vec<Arc<PyStr>> = Vec::new();
        for t in mro.iter().rev() {
            for s in t.slots.iter() {
                if !slots.iter().any(|x| x.as_str() == s.as_str()) {
                    slots.push(s.clone());
                }
            }
        }
        let bases_have_dict = spec.bases.iter().any(|b| b.flags.has(TypeFlags::HAS_DICT));
        let has_dict = match &spec.own_slots {
            None => spec.layout.is_none() || bases_have_dict,
            Some(own) => bases_have_dict || own.iter().any(|s| s.as_str() == "__dict__"),
        };
        if let Some(own) = &spec.own_slots {
            for s in own {
                if s.as_str() != "__dict__" && !slots.iter().any(|x| x.as_str() == s.as_str()) {
                    slots.push(s.clone());
                }
            }
        }
        let mut flags = spec.flags;
        if has_dict {
            flags |= TypeFlags::HAS_DICT;
        }
        if spec.layout.is_none() {
            flags |= TypeFlags::BASETYPE;
        }
        let t = Arc::new(Type {
            name: spec.name,
            qualname: spec.qualname,
            module: spec.module,
            bases: spec.bases.into_boxed_slice(),
            mro: mro.into_boxed_slice(),
            dict: spec.dict,
            layout,
            flags: TypeFlags(flags),
            slots: slots.into_boxed_slice(),
            version: AtomicU64::new(NEXT_VERSION.fetch_add(1, Relaxed)),
            subclasses: PyCell::new(Vec::new()),
            attr_keys: SharedKeys::default(),
            getattribute_hook: std::sync::atomic::AtomicU8::new(0),
            len_hook: std::sync::atomic::AtomicU8::new(0),
        });
        for b in t.bases.iter() {
            let mut subs = b.subclasses.lock();
            subs.retain(|w| w.strong_count() > 0);
            subs.push(Arc::downgrade(&t));
        }
        Ok(t)
    }

    /// `_PyType_Lookup`: `name` in this class or the first base (in MRO
    /// order) whose namespace has it. The plain walk; the VM's hot paths
    /// ask the per-thread cache first (`type_cache.rs`).
    #[inline]
    pub fn lookup(&self, name: &PyStr) -> Option<Value> {
        if let Some(v) = self.dict.get_str(name) {
            return Some(v);
        }
        self.mro.iter().find_map(|t| t.dict.get_str(name))
    }

    /// Like [`lookup`](Self::lookup), also telling which class defined it.
    /// (An associated function, not a method: a `self: &Arc<Type>`
    /// receiver needs std's `Arc`, and ours is `object/refcount.rs`'s.)
    pub fn lookup_with_owner<'a>(
        this: &'a Arc<Type>,
        name: &PyStr,
    ) -> Option<(Value, &'a Arc<Type>)> {
        if let Some(v) = this.dict.get_str(name) {
            return Some((v, this));
        }
        this.mro
            .iter()
            .find_map(|t| t.dict.get_str(name).map(|v| (v, t)))
    }

    /// `issubclass(self, other)`.
    #[inline]
    pub fn is_subtype(&self, other: &Type) -> bool {
        std::ptr::eq(self, other) || self.mro.iter().any(|t| std::ptr::eq(&**t, other))
    }

    /// The full MRO, the class itself first (`__mro__`).
    pub fn full_mro(this: &Arc<Type>) -> Vec<Arc<Type>> {
        let mut v = Vec::with_capacity(this.mro.len() + 1);
        v.push(this.clone());
        v.extend(this.mro.iter().cloned());
        v
    }

    /// Gives this class and every live subclass a new version tag: call
    /// after any change to the namespace.
    pub fn modified(&self) {
        self.version
            .store(NEXT_VERSION.fetch_add(1, Relaxed), Relaxed);
        self.getattribute_hook.store(0, Relaxed);
        self.len_hook.store(0, Relaxed);
        let subs: Vec<Arc<Type>> = self
            .subclasses
            .lock()
            .iter()
            .filter_map(Weak::upgrade)
            .collect();
        for s in subs {
            s.modified();
        }
    }

    /// Whether some class of the MRO other than `object` defines
    /// `__getattribute__` (attribute reads must then call it). Cached until
    /// the class or a base changes: one load on the hot path.
    #[inline]
    pub fn custom_getattribute(this: &Arc<Type>) -> bool {
        match this.getattribute_hook.load(Relaxed) {
            1 => false,
            2 => true,
            _ => {
                let name = super::str::intern("__getattribute__");
                let custom = Type::lookup_with_owner(this, &name)
                    .is_some_and(|(_, owner)| !owner.bases.is_empty());
                this.getattribute_hook
                    .store(if custom { 2 } else { 1 }, Relaxed);
                custom
            }
        }
    }

    /// Whether `len()` of an instance of this class runs no Python code:
    /// its `__len__`, if any, is a built-in type's (a `list` subclass that
    /// does not override it). Then the size of the instance's built-in
    /// payload is the answer (`vm/builtin_calls.rs`), as CPython's
    /// inherited `sq_length` slot gives it; cached like
    /// [`custom_getattribute`](Self::custom_getattribute) until the class
    /// or a base changes.
    pub fn native_len(this: &Arc<Type>) -> bool {
        match this.len_hook.load(Relaxed) {
            1 => true,
            2 => false,
            _ => {
                let native = matches!(
                    this.lookup(&super::builtin_types::types().names.len),
                    Some(Value::Native(_)) | None
                );
                this.len_hook.store(if native { 1 } else { 2 }, Relaxed);
                native
            }
        }
    }

    /// `C.name = value` on the class namespace (the caller checks
    /// IMMUTABLE); invalidates version tags.
    pub fn set_attr(&self, name: Arc<PyStr>, value: Value) {
        self.dict.set_str(name, value);
        self.modified();
    }

    /// `del C.name`; `false` when the class has no such attribute.
    pub fn del_attr(&self, name: &PyStr) -> bool {
        let old = self.dict.lock().remove_str(name);
        let found = old.is_some();
        drop(old);
        if found {
            self.modified();
        }
        found
    }

    /// The name `repr` and error messages use: `module.qualname`, or just
    /// the qualname for built-ins.
    pub fn display_name(&self) -> String {
        match self.module.as_str() {
            "builtins" => self.qualname.as_str().to_string(),
            m => format!("{m}.{}", self.qualname.as_str()),
        }
    }
}

/// The layout instances of a class with these bases get.
fn inherited_layout(bases: &[Arc<Type>]) -> Result<Layout, TypeError> {
    let mut found = Layout::Object;
    for b in bases {
        let l = match b.layout {
            Layout::Builtin => Layout::Object,
            l => l,
        };
        if l == Layout::Object {
            continue;
        }
        if found != Layout::Object && found != l {
            return Err(TypeError(
                "multiple bases have instance lay-out conflict".into(),
            ));
        }
        found = l;
    }
    Ok(found)
}

/// The C3 linearisation of a new class with `bases` (itself excluded).
fn c3_mro(bases: &[Arc<Type>]) -> Result<Vec<Arc<Type>>, TypeError> {
    let mut seqs: Vec<Vec<Arc<Type>>> = bases.iter().map(Type::full_mro).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Arc<Type>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let in_a_tail = |t: &Arc<Type>| {
            seqs.iter()
                .any(|s| s[1..].iter().any(|x| Arc::ptr_eq(x, t)))
        };
        let Some(head) = seqs.iter().map(|s| s[0].clone()).find(|h| !in_a_tail(h)) else {
            let mut names: Vec<String> = Vec::new();
            for s in &seqs {
                let n = s[0].name.as_str().to_string();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(TypeError(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if Arc::ptr_eq(&s[0], &head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

impl std::fmt::Debug for Type {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<class '{}'>", self.display_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::str::intern;

    fn class(name: &str, bases: &[&Arc<Type>]) -> Result<Arc<Type>, TypeError> {
        Type::new(TypeSpec {
            name: intern(name),
            qualname: intern(name),
            module: intern("__main__"),
            bases: bases.iter().map(|b| (*b).clone()).collect(),
            dict: Dict::new(),
            own_slots: None,
            flags: 0,
            layout: None,
        })
    }

    fn root() -> Arc<Type> {
        Type::new(TypeSpec {
            name: intern("object"),
            qualname: intern("object"),
            module: intern("builtins"),
            bases: Vec::new(),
            dict: Dict::new(),
            own_slots: None,
            flags: TypeFlags::BASETYPE,
            layout: Some(Layout::Object),
        })
        .unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn names(t: &Arc<Type>) -> Vec<String> {
        Type::full_mro(t)
            .iter()
            .map(|c| c.name.as_str().to_string())
            .collect()
    }

    #[test]
    fn diamond_mro_is_c3() {
        let o = root();
        let a = class("A", &[&o]).unwrap();
        let b = class("B", &[&a]).unwrap();
        let c = class("C", &[&a]).unwrap();
        let d = class("D", &[&b, &c]).unwrap();
        assert_eq!(names(&d), ["D", "B", "C", "A", "object"]);
        assert!(d.is_subtype(&a) && !a.is_subtype(&d));
    }

    #[test]
    fn inconsistent_order_is_refused_with_cpythons_message() {
        let o = root();
        let a = class("A", &[&o]).unwrap();
        let b = class("B", &[&a]).unwrap();
        let err = class("C", &[&a, &b]).err();
        assert_eq!(
            err,
            Some(TypeError(
                "Cannot create a consistent method resolution\norder (MRO) for bases A, B".into()
            ))
        );
        assert_eq!(
            class("E", &[&a, &a]).err(),
            Some(TypeError("duplicate base class A".into()))
        );
    }

    #[test]
    fn modifying_a_base_changes_subclass_versions() {
        let o = root();
        let a = class("A", &[&o]).unwrap();
        let b = class("B", &[&a]).unwrap();
        let before = b.version.load(Relaxed);
        a.set_attr(intern("x"), Value::Int(1));
        assert_ne!(b.version.load(Relaxed), before);
        assert!(matches!(b.lookup(&intern("x")), Some(Value::Int(1))));
    }
}
