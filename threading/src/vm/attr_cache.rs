//! The cached attribute instructions: `LOAD_ATTR_CACHED`,
//! `STORE_ATTR_CACHED`, `LOAD_METHOD_CACHED`. Each runs the generic
//! lookup of `attr.rs` (the plain path), and, beside it, a fast path that
//! answers from the instruction's inline cache (`object/attr_site.rs`)
//! when the receiver's class is in the state the cache was filled under.
//!
//! ```text
//!   self.x       class version == site.version?      (fact 1: the dict entry is the answer)
//!                └─ dict entry at site.index has key "x"?  → its value     (one dict lock)
//!   self.x = v   class version == site.version?       → replace the value, or append
//!                                                       a new one (one dict lock)
//!   __slots__    class version == site.slot's version? (fact 3) → slot i (one lock)
//!   self.m()     class version == site.method.version?  (fact 4: the class resolves m to f)
//!                └─ "m" not in self.__dict__?          → push f, self
//!   C.name       class version == a way's version?     (fact 5) → the cached value
//!   C.m()        !(class version) == a way's key?      (fact 7: C resolves m to a
//!                                                        classmethod of f) → push f, C
//!   anything else, or a check fails → the generic path (vm/attr.rs), then refill the site
//! ```
//!
//! What the fast paths save: the per-thread type cache's hash probe, the
//! descriptor classification, the `__slots__` scan and the dispatch of
//! `get_attr` / `set_attr` (whose `__setattr__` check takes a second dict
//! lock). What they keep: the instance dict's lock (`object/cell.rs`), so
//! a racing thread in `--gil none` sees the same per-object atomicity as
//! the generic path. No fast path calls Python code or releases the GIL:
//! they add no check point and remove none (the cached ops sit exactly
//! where `LOAD_ATTR` / `STORE_ATTR` / `LOAD_METHOD` were, which have none
//! under the ≥ 3.10 policy), so the race-shape tests see the same windows.
//!
//! Every fallback is tested in `tests/attr_cache.rs`: a class whose
//! attribute layout changes mid-loop, a data descriptor added to the class
//! mid-loop, an instance whose attribute is deleted or shadows a method,
//! `__getattr__` / `__getattribute__` / `__setattr__` defined later, and
//! receivers borrowed from locals (`local_attr.rs`).
//!
//! Python equivalent: `LOAD_ATTR_INSTANCE_VALUE`,
//! `STORE_ATTR_INSTANCE_VALUE`, `LOAD_METHOD_WITH_VALUES` /
//! `LOAD_METHOD_NO_DICT` in CPython 3.11's `Python/ceval.c`, filled by
//! `Python/specialize.c`.

use super::attr::{descr_kind, is_object_method, Descr};
use super::ThreadCtx;
use crate::bytecode::Code;
use crate::object::attr_site::{AttrSite, ModulePlace};
use crate::object::builtin_types::types;
use crate::object::function::Method;
use crate::object::instance::{Instance, Payload};
use crate::object::module::Module;
use crate::object::refcount::Arc;
use crate::object::str::PyStr;
use crate::object::types::Type;
use crate::object::{PyResult, Value};
use std::sync::atomic::Ordering::Relaxed;

/// Which instruction a site serves (the facts it needs differ).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// `LOAD_ATTR`: no data descriptor may take precedence.
    Load,
    /// `STORE_ATTR`: no data descriptor and no custom `__setattr__`.
    Store,
}

impl ThreadCtx {
    /// `LOAD_ATTR_CACHED site`: `obj.name`.
    #[inline(always)]
    pub(super) fn load_attr_cached(
        &mut self,
        code: &Code,
        site_index: u32,
        obj: Value,
    ) -> PyResult {
        let site = &code.attr_sites[site_index as usize];
        let name = site.key();
        // Fast path: LOAD_ATTR_INSTANCE_VALUE.
        if let Value::Instance(inst) = &obj {
            if let Some(v) = cached_instance_value(inst, site, name) {
                return Ok(v);
            }
        }
        // Fast path: a class's own attribute (`Strength.REQUIRED`).
        if let Value::Type(cls) = &obj {
            if let Some(v) = cached_class_attr(site, cls) {
                return Ok(v);
            }
        }
        // Fast path: a module's global (`math.pi`).
        if let Value::Module(m) = &obj {
            if let Some(v) = cached_module_attr(site, m, name) {
                return Ok(v);
            }
        }
        self.load_attr_uncached(code, site_index, obj)
    }

    /// The plain path of `LOAD_ATTR_CACHED`: the generic lookup, then teach
    /// the site. Also the miss path of `LOAD_FAST_ATTR_CACHED`
    /// (`local_attr.rs`).
    #[inline(never)]
    pub(super) fn load_attr_uncached(&mut self, code: &Code, site: u32, obj: Value) -> PyResult {
        let site = &code.attr_sites[site as usize];
        let name = site.key();
        let v = self.get_attr(&obj, name)?;
        match &obj {
            Value::Instance(inst) => self.fill_instance_site(inst, site, name, Access::Load),
            Value::Type(cls) if site.has_free_value_way() => {
                self.fill_class_attr_site(site, cls, name, &v)
            }
            Value::Module(m) => fill_module_site(site, m, name),
            _ => {}
        }
        Ok(v)
    }

    /// `STORE_ATTR_CACHED site`: `obj.name = v`.
    #[inline(always)]
    pub(super) fn store_attr_cached(
        &mut self,
        code: &Code,
        site: u32,
        obj: Value,
        v: Value,
    ) -> PyResult<()> {
        let site = &code.attr_sites[site as usize];
        let name = site.key();
        // Fast path: STORE_ATTR_INSTANCE_VALUE (an existing attribute) and
        // STORE_ATTR_SLOT.
        let v = match &obj {
            Value::Instance(inst) => match cached_instance_store(inst, site, name, v) {
                StoreOutcome::Stored => return Ok(()),
                StoreOutcome::Missed(v) => v,
            },
            _ => v,
        };
        self.store_attr_uncached(site, name, &obj, v)
    }

    /// The plain path of `STORE_ATTR_CACHED`: the generic store, then teach
    /// the site. Also the miss path of `STORE_FAST_ATTR_CACHED`.
    #[inline(never)]
    pub(super) fn store_attr_uncached(
        &mut self,
        site: &AttrSite,
        name: &Arc<PyStr>,
        obj: &Value,
        v: Value,
    ) -> PyResult<()> {
        self.set_attr(obj, name, v)?;
        if let Value::Instance(inst) = obj {
            self.fill_instance_site(inst, site, name, Access::Store);
        }
        Ok(())
    }

    /// `LOAD_METHOD_CACHED site`: `(function, receiver)` or `(attr, NULL)`
    /// as [`ThreadCtx::load_method`] answers.
    #[inline(always)]
    pub(super) fn load_method_cached(
        &mut self,
        code: &Code,
        site: u32,
        obj: Value,
    ) -> PyResult<(Value, Value)> {
        let site = &code.attr_sites[site as usize];
        let name = site.key();
        // Fast path: LOAD_METHOD_WITH_VALUES / LOAD_METHOD_NO_DICT.
        if let Some(func) = cached_method(site, &obj, name) {
            return Ok((func.clone(), obj));
        }
        // Fast path: a module's function (`random.random()`), pushed with
        // `NULL` as the generic path pushes it (LOAD_METHOD_MODULE).
        if let Value::Module(m) = &obj {
            if let Some(f) = cached_module_attr(site, m, name) {
                return Ok((f, Value::Null));
            }
        }
        self.load_method_uncached(site, name, obj)
    }

    /// The plain path of `LOAD_METHOD_CACHED`: the generic lookup, then
    /// teach the site. Also the miss path of `LOAD_FAST_METHOD_CACHED`.
    #[inline(never)]
    pub(super) fn load_method_uncached(
        &mut self,
        site: &AttrSite,
        name: &Arc<PyStr>,
        obj: Value,
    ) -> PyResult<(Value, Value)> {
        if let Value::Module(m) = &obj {
            fill_module_site(site, m, name);
        }
        let (f, recv) = self.load_method(obj, name)?;
        if site.has_free_value_way() {
            if !matches!(recv, Value::Null) {
                self.fill_method_site(site, name, &f, &recv);
            } else if let Value::Method(bound) = &f {
                // A method bound to a class: a classmethod looked up on it.
                if let Value::Type(cls) = &bound.self_ {
                    self.fill_classmethod_site(site, name, bound, cls);
                }
            }
        }
        Ok((f, recv))
    }

    /// Records fact 7 after the generic `LOAD_METHOD` answered `C.m` with
    /// `bound`, a bound method of `C` itself, when `C` resolves `m` to a
    /// `classmethod` of a plain function `f` whose binding `bound` is: the
    /// site then pushes `f` and `C`, what calling `bound` passes on.
    fn fill_classmethod_site(
        &mut self,
        site: &AttrSite,
        name: &Arc<PyStr>,
        bound: &Method,
        cls: &Arc<Type>,
    ) {
        // `__name__`, `__dict__`, ...: `type`'s own, found before the
        // class's (see `fill_class_attr_site`).
        if name.as_str().starts_with("__") {
            return;
        }
        let version = cls.version.load(Relaxed);
        let Some(Value::Instance(d)) = self.type_cache.lookup(cls, name) else {
            return;
        };
        if let Payload::ClassMethod(f) = &d.payload {
            if f.is(&bound.func) && matches!(f, Value::Function(_)) {
                site.fill_value(class_receiver_key(version), 0, f);
            }
        }
    }

    /// Records fact 1 (and the hint of fact 2) for `inst`'s class after a
    /// generic access succeeded, when the facts hold; otherwise leaves the
    /// site as it is.
    fn fill_instance_site(
        &mut self,
        inst: &Instance,
        site: &AttrSite,
        name: &Arc<PyStr>,
        access: Access,
    ) {
        let cls = &inst.class;
        // Read the version first: if the class changes while we check, the
        // site records a tag no class has any more (a harmless miss).
        let version = cls.version.load(Relaxed);
        if matches!(inst.payload, Payload::Super(_)) || Type::custom_getattribute(cls) {
            return;
        }
        let Some(way) = site.take_fill() else {
            return;
        };
        if let Some(d) = self.type_cache.lookup(cls, name) {
            // An instance of a Python class could become a data descriptor
            // later (its class gains `__set__`) without `cls` changing.
            if matches!(d, Value::Instance(_)) || matches!(descr_kind(&d), Descr::Data) {
                return;
            }
        }
        if access == Access::Store {
            let setattr = &types().names.setattr;
            if let Some(hook) = self.type_cache.lookup(cls, setattr) {
                if !is_object_method(&hook, setattr) {
                    return;
                }
            }
        }
        if let Some(i) = inst.slot_index(name.as_str()) {
            site.fill_slot(way, version, i);
            return;
        }
        let Some(index) = inst.site_index(name) else {
            return;
        };
        site.fill(way, version, index);
    }

    /// Records fact 5 after the generic lookup answered `cls.name` with
    /// `v`, when `v` is the class attribute itself.
    fn fill_class_attr_site(&mut self, site: &AttrSite, cls: &Type, name: &Arc<PyStr>, v: &Value) {
        // `__name__`, `__mro__`, `__dict__`, ... are computed by
        // `type_getattr` before any lookup: never cached.
        if name.as_str().starts_with("__") {
            return;
        }
        let version = cls.version.load(Relaxed);
        match self.type_cache.lookup(cls, name) {
            Some(d) if d.is(v) => {
                let value_class_version = match &d {
                    Value::Instance(i) => {
                        // Read W first, then check the fact under it (the
                        // order `fill_instance_site` explains).
                        let w = i.class.version.load(Relaxed);
                        let plain = matches!(i.payload, Payload::None)
                            && self
                                .type_cache
                                .lookup(&i.class, &types().names.get)
                                .is_none();
                        if !plain {
                            return;
                        }
                        w
                    }
                    _ => 0,
                };
                site.fill_value(version, value_class_version, &d);
            }
            _ => {}
        }
    }

    /// Records fact 4 after the generic `LOAD_METHOD` found method `f` on
    /// `recv`'s class.
    fn fill_method_site(&mut self, site: &AttrSite, name: &Arc<PyStr>, f: &Value, recv: &Value) {
        let cls = recv.class();
        let version = cls.version.load(Relaxed);
        if let Value::Instance(inst) = recv {
            if cls.slots.iter().any(|s| s.as_str() == name.as_str()) {
                return;
            }
            if matches!(inst.payload, Payload::Super(_)) {
                return;
            }
        }
        match self.type_cache.lookup(cls, name) {
            Some(d) if d.is(f) && matches!(descr_kind(&d), Descr::Method) => {
                site.fill_value(version, 0, f);
            }
            _ => {}
        }
    }
}

/// Fast path of `LOAD_ATTR`: the instance dict's entry or the `__slots__`
/// value under `name`, when the site's facts hold for `inst` (module docs
/// of `attr_site.rs`). `None` sends the caller to the generic path (an
/// unset slot too: its error message is the generic path's business).
#[inline(always)]
pub(super) fn cached_instance_value(
    inst: &Instance,
    site: &AttrSite,
    name: &PyStr,
) -> Option<Value> {
    let version = inst.class.version.load(Relaxed);
    // Facts 1 and 2: the instance's own attribute at `index` is the answer
    // (`Instance::value_at`).
    if let Some(index) = site.dict_hint(version) {
        return inst.value_at(index, name, Value::clone);
    }
    cached_slot_value(inst, site, version)
}

/// Fact 3 of [`cached_instance_value`]: a `__slots__` attribute, for the
/// class at `version`.
#[inline(always)]
pub(super) fn cached_slot_value(inst: &Instance, site: &AttrSite, version: u64) -> Option<Value> {
    let i = site.slot_for(version)?;
    inst.slots.lock().get(i).cloned().flatten()
}

/// Fast path of `LOAD_ATTR` / `LOAD_METHOD` on a module (fact 6, 3.11's
/// `LOAD_ATTR_MODULE` / `LOAD_METHOD_MODULE`): the global in the slot the
/// site learnt for this very module, or the extra dict's entry at the
/// position it learnt if that entry's key is still this name (a native
/// module's function: `math.sqrt`, which missed every time before, ~480
/// instructions a call in raytrace). `None` (the plain path) for another
/// module, an unbound slot or a moved entry, whose lookup (a name → slot
/// hash probe, the special names, the error) stays the generic path's.
#[inline]
pub(super) fn cached_module_attr(site: &AttrSite, m: &Module, name: &PyStr) -> Option<Value> {
    match site.module_place(m.globals.id)? {
        ModulePlace::Slot(slot) => m.globals.get_slot(slot),
        ModulePlace::Extra(pos) => m
            .globals
            .extra
            .lock()
            .value_at_name(pos as usize, name)
            .cloned(),
    }
}

/// Teaches `site` fact 6 for module `m`: the slot when `name` is one (a
/// global its code uses), else the extra dict's position of the entry
/// whose key is this very name object (names are interned, so a native
/// module's attributes and the code's names are one object).
fn fill_module_site(site: &AttrSite, m: &Module, name: &PyStr) {
    let place = match m.globals.slot_of(name.as_str()) {
        Some(slot) => ModulePlace::Slot(slot),
        None => match m.globals.extra.lock().position_of_name(name) {
            Some(pos) => match u32::try_from(pos) {
                Ok(pos) => ModulePlace::Extra(pos),
                Err(_) => return,
            },
            None => return,
        },
    };
    site.fill_module(m.globals.id, place);
}

/// What [`cached_instance_store`] did with the value it was handed.
pub(super) enum StoreOutcome {
    /// The site's facts held: the value is in the instance.
    Stored,
    /// They did not: the value, handed back for the generic path.
    Missed(Value),
}

/// Fast path of `STORE_ATTR`: `inst.name = v` into the instance dict or
/// the `__slots__` slot, when the site's facts hold for `inst`.
#[inline(always)]
pub(super) fn cached_instance_store(
    inst: &Instance,
    site: &AttrSite,
    name: &Arc<PyStr>,
    v: Value,
) -> StoreOutcome {
    let version = inst.class.version.load(Relaxed);
    if let Some(index) = site.dict_hint(version) {
        // Fact 1: storing into the attributes is all `object.__setattr__`
        // would do; fact 2: at `index` (`Instance::store_at`).
        return match inst.store_at(index, name, v) {
            Ok(old) => {
                // The old value's drop may run long: after the lock. Fast
                // path: its count decremented inline (`Value::release`);
                // the plain `drop(old)` went through the enum's out-of-line
                // drop glue (go: 375 k times).
                if let Some(old) = old {
                    old.release();
                }
                StoreOutcome::Stored
            }
            Err(v) => StoreOutcome::Missed(v),
        };
    } else if let Some(i) = site.slot_for(version) {
        let mut slots = inst.slots.lock();
        if let Some(slot) = slots.get_mut(i) {
            let old = slot.replace(v);
            drop(slots);
            drop(old);
            return StoreOutcome::Stored;
        }
    }
    StoreOutcome::Missed(v)
}

/// Fast path of `LOAD_ATTR` on a class: its own attribute (fact 5).
#[inline(always)]
pub(super) fn cached_class_attr(site: &AttrSite, cls: &Type) -> Option<Value> {
    cached_class_attr_ref(site, cls).cloned()
}

/// [`cached_class_attr`], borrowed from the site: for callers that clone
/// it straight to where it goes (see `attr_in_place.rs`).
#[inline(always)]
pub(super) fn cached_class_attr_ref<'s>(site: &'s AttrSite, cls: &Type) -> Option<&'s Value> {
    let cached = site.value_for(cls.version.load(Relaxed))?;
    if cached.value_class_version != 0 {
        let Value::Instance(i) = &cached.value else {
            return None;
        };
        if i.class.version.load(Relaxed) != cached.value_class_version {
            return None;
        }
    }
    Some(&cached.value)
}

/// Fast path of `LOAD_METHOD`: the cached method for `obj`'s class (fact
/// 4), unless `obj`'s `__dict__` shadows it.
#[inline(always)]
pub(super) fn cached_method<'s>(
    site: &'s AttrSite,
    obj: &Value,
    name: &PyStr,
) -> Option<&'s Value> {
    match obj {
        Value::Instance(inst) => {
            let func = &site.value_for(inst.class.version.load(Relaxed))?.value;
            // Fast path: the dict's names summary proves `name` absent,
            // so the dict is not even locked (LOAD_METHOD_NO_DICT's
            // spirit: CPython checks its shared keys instead).
            if !inst.may_hold(name) {
                return Some(func);
            }
            let shadowed = inst.dict_get(name).is_some();
            (!shadowed).then_some(func)
        }
        // Fast path: a classmethod called on its class (`Strength.stronger(a,
        // b)`), fact 7: its function, pushed with the class as receiver,
        // where the generic path binds a method object to be called and
        // freed (CPython 3.11 builds it too).
        Value::Type(cls) => {
            let key = class_receiver_key(cls.version.load(Relaxed));
            Some(&site.value_for(key)?.value)
        }
        // What the generic path never answers with a method (see
        // `load_method`): a module's global, a function's attribute...
        Value::Module(_) | Value::Function(_) | Value::Method(_) => None,
        other => Some(&site.value_for(other.class().version.load(Relaxed))?.value),
    }
}

/// The way key of fact 7 (a classmethod called on the class `C`): `C`'s
/// version with every bit flipped. The plain version keys the methods of
/// `C`'s instances (fact 4) in the same ways, and a site may see both
/// receivers (`x.m()` with `x` the class, then an instance): flipped, the
/// two never meet, and the instance path pays nothing to tell them apart.
/// Versions count up from 1, so no flipped version is a version.
#[inline(always)]
fn class_receiver_key(version: u64) -> u64 {
    !version
}
