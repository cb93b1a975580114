//! Attribute access: `obj.name`, `obj.name = v`, `del obj.name`, with
//! Python's descriptor rules, `__slots__`, `__getattr__`, `super`, and the
//! method fast path `LOAD_METHOD` takes.
//!
//! ```text
//!   obj.name:  d = type(obj).lookup(name)           (MRO order)
//!              d is a data descriptor?   → d.__get__(obj)   property, getset
//!              name in obj.__slots__?    → the slot
//!              name in obj.__dict__?     → that value
//!              d has __get__?            → d.__get__(obj)   functions bind here
//!              d found?                  → d
//!              type(obj).__getattr__?    → __getattr__(obj, name)
//!              else AttributeError: 'C' object has no attribute 'name'
//! ```
//!
//! `LOAD_METHOD` runs the same lookup but, when it finds a plain function
//! on the class (the common `obj.method(...)`), pushes the function and
//! the receiver instead of building a bound method: no allocation per
//! call. Class attributes go through the class's MRO and its metatype
//! (`type`) for `__name__`, `__mro__`, ...
//!
//! Fast path: the class lookups of the hot paths (instance attributes,
//! `LOAD_METHOD`, `setattr`, special methods) ask this thread's type-lookup
//! cache (`object/type_cache.rs`, keyed by the class's version tag) before
//! walking the MRO; the walk itself is `Type::lookup`. A second, per
//! instruction, layer sits in front of this file: the inline caches of
//! `attr_cache.rs`, which fall back to the functions here.
//!
//! Python equivalent: `Objects/object.c` (`PyObject_GenericGetAttr`,
//! `_PyObject_GenericSetAttrWithDict`), `Objects/typeobject.c`
//! (`type_getattro`, `super_getattro`), `Objects/descrobject.c`.

use super::native::spec_of;
use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::exception::FailedLookup;
use crate::object::function::{Method, NativeKind};
use crate::object::instance::{Instance, Payload, Super};
use crate::object::refcount::Arc;
use crate::object::str::{intern, PyStr};
use crate::object::types::{Type, TypeFlags};
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};

/// Setting an attribute of a built-in value: CPython's three messages
/// (a getter, a method, or nothing of that name).
fn builtin_readonly(obj: &Value, name: &str) -> PyErr {
    let tname = obj.type_name();
    match obj.class().lookup(&PyStr::new(name)) {
        Some(Value::Native(n)) if spec_of(&n).is_some_and(|s| s.getter) => PyErr::new(
            ExcKind::AttributeError,
            format!("attribute '{name}' of '{tname}' objects is not writable"),
        ),
        Some(_) => PyErr::new(
            ExcKind::AttributeError,
            format!("'{tname}' object attribute '{name}' is read-only"),
        ),
        None => no_attribute(obj, name),
    }
}

/// `AttributeError: 'C' object has no attribute 'name'`.
pub fn no_attribute(obj: &Value, name: &str) -> PyErr {
    let msg = match obj {
        Value::Module(m) => format!(
            "module '{}' has no attribute '{name}'{}",
            m.name.as_str(),
            crate::modules::cpython_names::outside_note(m.name.as_str(), name)
        ),
        Value::Type(t) => format!(
            "type object '{}' has no attribute '{name}'",
            t.name.as_str()
        ),
        other => format!("'{}' object has no attribute '{name}'", other.type_name()),
    };
    PyErr::new(ExcKind::AttributeError, msg)
}

/// Records `obj.name` on an `AttributeError` (any other error passes
/// unchanged).
#[cold]
fn attribute_error_context(e: PyErr, obj: &Value, name: &Arc<PyStr>) -> PyErr {
    if !e.is(ExcKind::AttributeError) {
        return e;
    }
    e.with_lookup(FailedLookup::Attribute {
        name: name.clone(),
        obj: obj.clone(),
    })
}

/// A bound method object.
fn bind(func: Value, self_: Value) -> Value {
    Value::Method(Arc::new(Method { func, self_ }))
}

/// What kind of descriptor a class attribute is.
pub(super) enum Descr {
    /// Not a descriptor: the attribute itself.
    Plain,
    /// Binds to the instance on access (functions, native methods).
    Method,
    /// A data descriptor (takes precedence over the instance dict).
    Data,
    /// A non-data descriptor other than a method (classmethod, ...).
    NonData,
}

/// Classifies a class attribute (see [`Descr`]).
pub(super) fn descr_kind(d: &Value) -> Descr {
    match d {
        Value::Function(_) => Descr::Method,
        Value::Native(n) => match n.kind {
            NativeKind::Method => {
                if spec_of(n).is_some_and(|s| s.getter) {
                    Descr::Data
                } else {
                    Descr::Method
                }
            }
            NativeKind::ClassMethod => Descr::NonData,
            _ => Descr::Plain,
        },
        Value::Instance(i) => match &i.payload {
            Payload::Property(_) => Descr::Data,
            Payload::StaticMethod(_) | Payload::ClassMethod(_) => Descr::NonData,
            _ => {
                let names = &types().names;
                let cls = &i.class;
                if cls.lookup(&names.set).is_some() || cls.lookup(&names.delete).is_some() {
                    if cls.lookup(&names.get).is_some() {
                        Descr::Data
                    } else {
                        Descr::Plain
                    }
                } else if cls.lookup(&names.get).is_some() {
                    Descr::NonData
                } else {
                    Descr::Plain
                }
            }
        },
        _ => Descr::Plain,
    }
}

impl ThreadCtx {
    /// `descr.__get__(obj, owner)`; `obj` is `None` for class access.
    fn descr_get(&mut self, d: Value, obj: Option<&Value>, owner: &Arc<Type>) -> PyResult {
        match &d {
            Value::Function(_) => Ok(match obj {
                Some(o) => bind(d, o.clone()),
                None => d,
            }),
            Value::Native(n) => match n.kind {
                NativeKind::Method => match obj {
                    Some(o) => {
                        if spec_of(n).is_some_and(|s| s.getter) {
                            self.call(&d, std::slice::from_ref(o))
                        } else {
                            Ok(bind(d.clone(), o.clone()))
                        }
                    }
                    None => Ok(d),
                },
                NativeKind::ClassMethod => Ok(bind(d.clone(), Value::Type(owner.clone()))),
                _ => Ok(d),
            },
            Value::Instance(i) => match &i.payload {
                Payload::StaticMethod(f) => Ok(f.clone()),
                Payload::ClassMethod(f) => Ok(bind(f.clone(), Value::Type(owner.clone()))),
                Payload::Property(p) => match obj {
                    None => Ok(d.clone()),
                    Some(o) => {
                        if matches!(p.fget, Value::None) {
                            return Err(p.missing("getter", o));
                        }
                        let fget = p.fget.clone();
                        self.call(&fget, std::slice::from_ref(o))
                    }
                },
                _ => match i.class.lookup(&types().names.get) {
                    Some(get) => {
                        let o = obj.cloned().unwrap_or(Value::None);
                        self.call(&get, &[d.clone(), o, Value::Type(owner.clone())])
                    }
                    None => Ok(d.clone()),
                },
            },
            _ => Ok(d),
        }
    }

    /// `getattr(obj, name)`. An `AttributeError` leaving it records
    /// `name` and `obj` (as CPython 3.11's `PyObject_GetAttr` does), which
    /// the traceback reads to suggest a near name.
    pub fn get_attr(&mut self, obj: &Value, name: &Arc<PyStr>) -> PyResult {
        self.get_attr_uncontexted(obj, name)
            .map_err(|e| attribute_error_context(e, obj, name))
    }

    /// `getattr(obj, name)` without recording the failed lookup.
    fn get_attr_uncontexted(&mut self, obj: &Value, name: &Arc<PyStr>) -> PyResult {
        match obj {
            Value::Instance(inst) => {
                if let Payload::Super(_) = &inst.payload {
                    return self.super_getattr(inst, name);
                }
                if Type::custom_getattribute(&inst.class) {
                    return self.getattribute_hook(obj, inst, name);
                }
                self.instance_getattr(obj, inst, name)
            }
            Value::Type(cls) => self.type_getattr(cls, name),
            Value::Module(m) => {
                if let Some(v) = m.globals.get(name.as_str()) {
                    return Ok(v);
                }
                match name.as_str() {
                    "__name__" => Ok(Value::Str(m.name.clone())),
                    "__dict__" => Ok(super::import::module_dict(m)),
                    _ => {
                        if let Some(v) = self.generic_class_attr(obj, name)? {
                            return Ok(v);
                        }
                        Err(no_attribute(obj, name.as_str()))
                    }
                }
            }
            Value::Function(f) => {
                if let Some(v) = function_attr(f, name.as_str()) {
                    return Ok(v);
                }
                if let Some(v) = f.dict.get().and_then(|d| d.get_str(name)) {
                    return Ok(v);
                }
                self.generic_class_attr(obj, name)?
                    .ok_or_else(|| no_attribute(obj, name.as_str()))
            }
            Value::Method(m) => match name.as_str() {
                "__self__" => Ok(m.self_.clone()),
                "__func__" => Ok(m.func.clone()),
                _ => {
                    if let Some(v) = self.generic_class_attr(obj, name)? {
                        return Ok(v);
                    }
                    let func = m.func.clone();
                    self.get_attr(&func, name)
                }
            },
            Value::Native(n) => match name.as_str() {
                "__name__" => Ok(Value::str(n.name)),
                "__qualname__" => Ok(Value::string(n.qualname())),
                "__doc__" => Ok(Value::None),
                "__module__" => Ok(n.module().map(Value::str).unwrap_or(Value::None)),
                _ => self
                    .generic_class_attr(obj, name)?
                    .ok_or_else(|| no_attribute(obj, name.as_str())),
            },
            Value::Generator(g) => match name.as_str() {
                "__name__" => Ok(Value::Str(g.name.clone())),
                "__qualname__" => Ok(Value::Str(g.qualname.clone())),
                "gi_running" | "cr_running" => Ok(Value::Bool(Flag(g.is_running()))),
                _ => self
                    .generic_class_attr(obj, name)?
                    .ok_or_else(|| no_attribute(obj, name.as_str())),
            },
            _ => self
                .generic_class_attr(obj, name)?
                .ok_or_else(|| no_attribute(obj, name.as_str())),
        }
    }

    /// An attribute of a built-in value found on its class (methods,
    /// getters), bound to the value.
    fn generic_class_attr(&mut self, obj: &Value, name: &Arc<PyStr>) -> PyResult<Option<Value>> {
        let cls = obj.class();
        match self.type_cache.lookup(cls, name) {
            Some(d) => Ok(Some(self.descr_get(d, Some(obj), cls)?)),
            None => {
                if name.as_str() == "__class__" {
                    return Ok(Some(Value::Type(cls.clone())));
                }
                Ok(None)
            }
        }
    }

    /// `PyObject_GenericGetAttr` for instances of classes, then
    /// `__getattr__`.
    fn instance_getattr(&mut self, obj: &Value, inst: &Instance, name: &Arc<PyStr>) -> PyResult {
        match self.instance_getattr_plain(obj, inst, name) {
            Err(e) if e.is(ExcKind::AttributeError) => {
                let cls = inst.class.clone();
                if self
                    .type_cache
                    .lookup(&cls, &types().names.getattr)
                    .is_some()
                {
                    self.getattr_hook(obj, &cls, name)
                } else {
                    Err(e)
                }
            }
            r => r,
        }
    }

    /// `PyObject_GenericGetAttr` proper (no `__getattr__`).
    fn instance_getattr_plain(
        &mut self,
        obj: &Value,
        inst: &Instance,
        name: &Arc<PyStr>,
    ) -> PyResult {
        let cls = &inst.class;
        let descr = self.type_cache.lookup(cls, name);
        if let Some(d) = &descr {
            if let Descr::Data = descr_kind(d) {
                return self.descr_get(d.clone(), Some(obj), cls);
            }
        }
        if let Some(i) = inst.slot_index(name.as_str()) {
            if let Some(v) = inst.slots.lock()[i].clone() {
                return Ok(v);
            }
            if descr.is_none() {
                return Err(no_attribute(obj, name.as_str()));
            }
        }
        if let Some(v) = inst.dict_get(name) {
            return Ok(v);
        }
        if let Some(d) = descr {
            return match descr_kind(&d) {
                Descr::Plain => Ok(d),
                _ => self.descr_get(d, Some(obj), cls),
            };
        }
        match name.as_str() {
            "__class__" => return Ok(Value::Type(cls.clone())),
            "__dict__" => {
                if let Some(d) = inst.dict() {
                    return Ok(Value::Dict(d));
                }
            }
            _ => {}
        }
        if let Value::Instance(arc) = obj {
            if let Some(v) = self.exception_attr(arc, name.as_str()) {
                return Ok(v);
            }
        }
        Err(no_attribute(obj, name.as_str()))
    }

    /// A class with its own `__getattribute__`: call it; an
    /// `AttributeError` from it falls back to `__getattr__` (CPython's
    /// `slot_tp_getattr_hook`).
    fn getattribute_hook(&mut self, obj: &Value, inst: &Instance, name: &Arc<PyStr>) -> PyResult {
        let cls = inst.class.clone();
        let names = &types().names;
        let Some(hook) = cls.lookup(&names.getattribute) else {
            return self.instance_getattr(obj, inst, name);
        };
        let hook = self.descr_get(hook, Some(obj), &cls)?;
        match self.call(&hook, &[Value::Str(name.clone())]) {
            Err(e) if e.is(ExcKind::AttributeError) && cls.lookup(&names.getattr).is_some() => {
                self.getattr_hook(obj, &cls, name)
            }
            r => r,
        }
    }

    /// `object.__getattribute__(obj, name)`: the generic lookup, without
    /// `__getattr__`.
    pub fn generic_getattr(&mut self, obj: &Value, name: &Arc<PyStr>) -> PyResult {
        match obj {
            Value::Instance(inst) if !matches!(inst.payload, Payload::Super(_)) => {
                self.instance_getattr_plain(obj, inst, name)
            }
            _ => self.get_attr(obj, name),
        }
    }

    /// `__getattr__`, the last resort, else `AttributeError`.
    fn getattr_hook(&mut self, obj: &Value, cls: &Arc<Type>, name: &Arc<PyStr>) -> PyResult {
        match cls.lookup(&types().names.getattr) {
            Some(hook) => {
                let hook = self.descr_get(hook, Some(obj), cls)?;
                self.call(&hook, &[Value::Str(name.clone())])
            }
            None => Err(no_attribute(obj, name.as_str())),
        }
    }

    /// Attributes every exception has (`args`, `__traceback__`,
    /// `__cause__`, `__context__`, ...).
    /// The class-specific ones: `StopIteration.value`, `SystemExit.code`,
    /// `OSError.errno`/`strerror`/`filename`, `ImportError.name`/`path`.
    fn exception_attr(&mut self, inst: &Arc<Instance>, name: &str) -> Option<Value> {
        let args = {
            let st = inst.exc()?.lock();
            match name {
                "args" => return Some(st.args.clone()),
                "__cause__" => return Some(st.cause.clone().unwrap_or(Value::None)),
                "__context__" => return Some(st.context.clone().unwrap_or(Value::None)),
                "__suppress_context__" => return Some(Value::Bool(Flag(st.suppress_context))),
                "__traceback__" => return None,
                _ => st.args.clone(),
            }
        };
        if name == "__traceback__" {
            return Some(super::tb_object::traceback_of(inst));
        }
        let items = args.as_tuple().unwrap_or(&[]);
        let is = |k: ExcKind| inst.class.is_subtype(types().exc(k));
        let first = || items.first().cloned().unwrap_or(Value::None);
        match name {
            "value" if is(ExcKind::StopIteration) || is(ExcKind::StopAsyncIteration) => {
                Some(first())
            }
            "code" if is(ExcKind::SystemExit) => Some(match items {
                [] => Value::None,
                [one] => one.clone(),
                _ => args.clone(),
            }),
            // OSError's fields come from 2 to 5 args (`oserror_parse_args`).
            "errno" | "strerror" | "filename" | "filename2" if is(ExcKind::OSError) => {
                let fields = crate::vm::repr::OsErrorFields::parse(items);
                Some(match (fields, name) {
                    (None, _) => Value::None,
                    (Some(f), "errno") => f.errno,
                    (Some(f), "strerror") => f.strerror,
                    (Some(f), "filename") => f.filename,
                    (Some(f), _) => f.filename2,
                })
            }
            "name" | "path" if is(ExcKind::ImportError) => Some(Value::None),
            "name" if is(ExcKind::NameError) || is(ExcKind::AttributeError) => {
                Some(match &inst.exc()?.lock().lookup {
                    Some(
                        FailedLookup::Name { name, .. } | FailedLookup::Attribute { name, .. },
                    ) => Value::Str(name.clone()),
                    None => Value::None,
                })
            }
            "obj" if is(ExcKind::AttributeError) => Some(match &inst.exc()?.lock().lookup {
                Some(FailedLookup::Attribute { obj, .. }) => obj.clone(),
                _ => Value::None,
            }),
            "msg" if is(ExcKind::ImportError) => Some(first()),
            _ => None,
        }
    }

    /// Attribute access on a class: its MRO, then the metatype.
    fn type_getattr(&mut self, cls: &Arc<Type>, name: &Arc<PyStr>) -> PyResult {
        match name.as_str() {
            "__name__" => return Ok(Value::Str(cls.name.clone())),
            "__qualname__" => return Ok(Value::Str(cls.qualname.clone())),
            "__mro__" => {
                return Ok(Value::tuple(
                    Type::full_mro(cls).into_iter().map(Value::Type).collect(),
                ))
            }
            "__bases__" => {
                return Ok(Value::tuple(
                    cls.bases.iter().cloned().map(Value::Type).collect(),
                ))
            }
            "__base__" => {
                return Ok(cls
                    .bases
                    .first()
                    .cloned()
                    .map(Value::Type)
                    .unwrap_or(Value::None))
            }
            "__class__" => return Ok(Value::Type(types().type_.clone())),
            "__dict__" => {
                let d = crate::object::dict::Dict::new();
                for (k, v) in cls.dict.entries() {
                    if let Value::Str(k) = k {
                        d.set_str(k, v);
                    }
                }
                return Ok(Value::Dict(Arc::new(d)));
            }
            _ => {}
        }
        if let Some(d) = self.type_cache.lookup(cls, name) {
            return self.descr_get(d, None, cls);
        }
        match name.as_str() {
            "__module__" => return Ok(Value::Str(cls.module.clone())),
            "__doc__" => return Ok(Value::None),
            _ => {}
        }
        let meta = types().type_.clone();
        if let Some(d) = meta.lookup(name) {
            let obj = Value::Type(cls.clone());
            return self.descr_get(d, Some(&obj), &meta);
        }
        Err(no_attribute(&Value::Type(cls.clone()), name.as_str()))
    }

    /// `super(T, obj).name`: the MRO of `obj`'s class after `T`.
    fn super_getattr(&mut self, inst: &Instance, name: &Arc<PyStr>) -> PyResult {
        let Payload::Super(s) = &inst.payload else {
            return Err(no_attribute(&Value::None, name.as_str()));
        };
        if let Some(d) = super_lookup(s, name) {
            // `super().__new__` etc. on a class: functions stay unbound.
            let obj = (!super_of_class(s)).then_some(&s.obj);
            return self.descr_get(d, obj, &s.obj_type);
        }
        if name.as_str() == "__class__" {
            return Ok(Value::Type(types().super_.clone()));
        }
        Err(PyErr::new(
            ExcKind::AttributeError,
            format!("'super' object has no attribute '{}'", name.as_str()),
        ))
    }

    /// `LOAD_METHOD`: `(function, receiver)` when `name` is a plain method
    /// of `obj`'s class (no bound method is built), else `(attr, NULL)`.
    pub fn load_method(&mut self, obj: Value, name: &Arc<PyStr>) -> PyResult<(Value, Value)> {
        let found = match &obj {
            Value::Instance(inst) if !matches!(inst.payload, Payload::Super(_)) => {
                match self.type_cache.lookup(&inst.class, name) {
                    Some(d)
                        if matches!(descr_kind(&d), Descr::Method)
                            && inst.dict_get(name).is_none()
                            && inst.slot_index(name.as_str()).is_none() =>
                    {
                        Some(d)
                    }
                    _ => None,
                }
            }
            // `super().m(...)`: found along the MRO after the class, as
            // `super_getattr` finds it. Fast path: a Python function on
            // behalf of an instance is returned unbound with the instance
            // as receiver, no bound method built and freed per call
            // (CPython 3.12's `LOAD_SUPER_ATTR_METHOD`; 3.11 builds it);
            // anything else is bound by the plain path below.
            Value::Instance(inst) => match &inst.payload {
                Payload::Super(s) if !super_of_class(s) => match super_lookup(s, name) {
                    Some(f @ Value::Function(_)) => return Ok((f, s.obj.clone())),
                    _ => None,
                },
                _ => None,
            },
            Value::Type(_) | Value::Module(_) | Value::Function(_) | Value::Method(_) => None,
            _ => match self.type_cache.lookup(obj.class(), name) {
                Some(d) if matches!(descr_kind(&d), Descr::Method) => Some(d),
                _ => None,
            },
        };
        match found {
            Some(f) => Ok((f, obj)),
            None => Ok((self.get_attr(&obj, name)?, Value::Null)),
        }
    }

    /// `setattr(obj, name, v)`.
    pub fn set_attr(&mut self, obj: &Value, name: &Arc<PyStr>, v: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                let cls = &inst.class;
                let names = &types().names;
                if let Some(hook) = self.type_cache.lookup(cls, &names.setattr) {
                    if !is_object_method(&hook, &names.setattr) {
                        let hook = self.descr_get(hook, Some(obj), cls)?;
                        self.call(&hook, &[Value::Str(name.clone()), v])?;
                        return Ok(());
                    }
                }
                self.generic_setattr(obj, inst, name, Some(v))
            }
            Value::Type(cls) => {
                if cls.flags.has(TypeFlags::IMMUTABLE) {
                    return Err(PyErr::type_error(format!(
                        "cannot set '{}' attribute of immutable type '{}'",
                        name.as_str(),
                        cls.name.as_str()
                    )));
                }
                cls.set_attr(name.clone(), v);
                Ok(())
            }
            Value::Module(m) => {
                m.globals.set(name.clone(), v);
                Ok(())
            }
            Value::Function(f) => {
                let mut meta = f.meta.lock();
                match (name.as_str(), &v) {
                    ("__name__", Value::Str(s)) => meta.name = s.clone(),
                    ("__qualname__", Value::Str(s)) => meta.qualname = s.clone(),
                    ("__doc__", _) => meta.doc = v,
                    ("__module__", _) => meta.module = v,
                    ("__name__" | "__qualname__", _) => {
                        return Err(PyErr::type_error(format!(
                            "{} must be set to a string object",
                            name.as_str()
                        )))
                    }
                    _ => {
                        drop(meta);
                        f.dict().set_str(name.clone(), v);
                    }
                }
                Ok(())
            }
            other => Err(builtin_readonly(other, name.as_str())),
        }
    }

    /// `object.__setattr__` / `object.__delattr__` (`v` is `None` to
    /// delete): data descriptors, then slots, then the instance dict.
    pub fn generic_setattr(
        &mut self,
        obj: &Value,
        inst: &Instance,
        name: &Arc<PyStr>,
        v: Option<Value>,
    ) -> PyResult<()> {
        let cls = &inst.class;
        if let Some(d) = self.type_cache.lookup(cls, name) {
            if let Descr::Data = descr_kind(&d) {
                return self.descr_set(&d, obj, name, v);
            }
        }
        if let Some(i) = inst.slot_index(name.as_str()) {
            let deleting = v.is_none();
            let old = std::mem::replace(&mut inst.slots.lock()[i], v);
            if deleting && old.is_none() {
                // CPython's member descriptor says just the name.
                return Err(PyErr::new(
                    ExcKind::AttributeError,
                    name.as_str().to_string(),
                ));
            }
            return Ok(());
        }
        match v {
            Some(v) => match inst.set_attr(name, v) {
                Ok(old) => {
                    drop(old);
                    Ok(())
                }
                Err(_) => Err(no_attribute(obj, name.as_str())),
            },
            None => match inst.delete_attr(name) {
                Some(_) => Ok(()),
                None => Err(no_attribute(obj, name.as_str())),
            },
        }
    }

    /// A data descriptor's `__set__` / `__delete__`.
    fn descr_set(
        &mut self,
        d: &Value,
        obj: &Value,
        name: &PyStr,
        v: Option<Value>,
    ) -> PyResult<()> {
        match d {
            Value::Instance(i) => match &i.payload {
                Payload::Property(p) => {
                    let (f, what) = match &v {
                        Some(_) => (&p.fset, "setter"),
                        None => (&p.fdel, "deleter"),
                    };
                    if matches!(f, Value::None) {
                        return Err(p.missing(what, obj));
                    }
                    let f = f.clone();
                    let mut args = vec![obj.clone()];
                    args.extend(v);
                    self.call(&f, &args)?;
                    Ok(())
                }
                _ => {
                    let names = &types().names;
                    let (hook, args) = match v {
                        Some(v) => (i.class.lookup(&names.set), vec![d.clone(), obj.clone(), v]),
                        None => (i.class.lookup(&names.delete), vec![d.clone(), obj.clone()]),
                    };
                    match hook {
                        Some(h) => {
                            self.call(&h, &args)?;
                            Ok(())
                        }
                        None => Err(PyErr::new(ExcKind::AttributeError, "__delete__")),
                    }
                }
            },
            _ => Err(PyErr::new(
                ExcKind::AttributeError,
                format!(
                    "attribute '{}' of '{}' objects is not writable",
                    name.as_str(),
                    obj.type_name()
                ),
            )),
        }
    }

    /// `delattr(obj, name)`.
    pub fn del_attr(&mut self, obj: &Value, name: &Arc<PyStr>) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                let cls = inst.class.clone();
                let names = &types().names;
                if let Some(hook) = cls.lookup(&names.delattr) {
                    if !is_object_method(&hook, &names.delattr) {
                        let hook = self.descr_get(hook, Some(obj), &cls)?;
                        self.call(&hook, &[Value::Str(name.clone())])?;
                        return Ok(());
                    }
                }
                self.generic_setattr(obj, inst, name, None)
            }
            Value::Type(cls) => {
                if cls.flags.has(TypeFlags::IMMUTABLE) {
                    return Err(PyErr::type_error(format!(
                        "cannot delete '{}' attribute of immutable type '{}'",
                        name.as_str(),
                        cls.name.as_str()
                    )));
                }
                if cls.del_attr(name) {
                    Ok(())
                } else {
                    Err(no_attribute(obj, name.as_str()))
                }
            }
            Value::Module(m) => {
                if m.globals.delete(name.as_str()) {
                    Ok(())
                } else {
                    Err(no_attribute(obj, name.as_str()))
                }
            }
            Value::Function(f) => {
                let removed = f.dict.get().and_then(|d| d.lock().remove_str(name));
                match removed {
                    Some(_) => Ok(()),
                    None => Err(no_attribute(obj, name.as_str())),
                }
            }
            other => Err(no_attribute(other, name.as_str())),
        }
    }

    /// `getattr(obj, name, default)` with a `str` name from Python.
    pub fn get_attr_str(&mut self, obj: &Value, name: &str) -> PyResult {
        self.get_attr(obj, &intern(name))
    }

    /// `hasattr`-style lookup: `None` on `AttributeError`.
    pub fn get_attr_opt(&mut self, obj: &Value, name: &Arc<PyStr>) -> PyResult<Option<Value>> {
        match self.get_attr(obj, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is(ExcKind::AttributeError) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The special method `name` of `obj`'s class, bound to `obj` (what
    /// CPython's slot lookups do: the instance dict is not consulted).
    pub fn special_method(&mut self, obj: &Value, name: &Arc<PyStr>) -> PyResult<Option<Value>> {
        let cls = obj.class();
        match self.type_cache.lookup(cls, name) {
            Some(d) => Ok(Some(self.descr_get(d, Some(obj), cls)?)),
            None => Ok(None),
        }
    }

    /// `type(obj).name(obj, arg)`, as CPython's slot wrappers call a binary
    /// special method (`__add__`, `__radd__`, ...): through the class, the
    /// instance dict not consulted. `None` when the class has no such
    /// attribute.
    pub fn call_special_1(
        &mut self,
        obj: &Value,
        name: &Arc<PyStr>,
        arg: &Value,
    ) -> PyResult<Option<Value>> {
        let cls = obj.class();
        let Some(d) = self.type_cache.lookup(cls, name) else {
            return Ok(None);
        };
        // Fast path: a plain function is called with the receiver first,
        // no bound method built and freed per operation (CPython's
        // `vectorcall_unbound`). The call is the same call the bound
        // method makes, so no check point moves.
        if let Value::Function(_) = &d {
            return self.call(&d, &[obj.clone(), arg.clone()]).map(Some);
        }
        let bound = self.descr_get(d, Some(obj), cls)?;
        self.call(&bound, std::slice::from_ref(arg)).map(Some)
    }
}

/// Whether `m` is `object`'s own `name` (not overridden).
pub(super) fn is_object_method(m: &Value, name: &PyStr) -> bool {
    match types().object.dict.get_str(name) {
        Some(o) => o.is(m),
        None => false,
    }
}

/// The special attributes of a function.
fn function_attr(f: &crate::object::function::Function, name: &str) -> Option<Value> {
    let meta = f.meta.lock();
    Some(match name {
        "__name__" => Value::Str(meta.name.clone()),
        "__qualname__" => Value::Str(meta.qualname.clone()),
        "__doc__" => meta.doc.clone(),
        "__module__" => meta.module.clone(),
        "__defaults__" => {
            if f.defaults.is_empty() {
                Value::None
            } else {
                Value::tuple(f.defaults.to_vec())
            }
        }
        "__kwdefaults__" => {
            if f.kwdefaults.is_empty() {
                Value::None
            } else {
                let d = crate::object::dict::Dict::new();
                for (k, v) in f.kwdefaults.iter() {
                    d.set_str(k.clone(), v.clone());
                }
                Value::Dict(Arc::new(d))
            }
        }
        "__dict__" => Value::Dict(f.dict().clone()),
        "__globals__" => return None,
        _ => return None,
    })
}

/// What `super(T, obj).name` finds: the first class after `T` in the MRO
/// of `obj`'s class (the class itself first) whose own namespace has
/// `name`, unbound. Walked in place: the plain `Type::full_mro` built a
/// vector of the MRO (an allocation and a count per class) per lookup.
fn super_lookup(s: &Super, name: &Arc<PyStr>) -> Option<Value> {
    let mut classes = std::iter::once(&s.obj_type).chain(s.obj_type.mro.iter());
    // Past `T` (all of it when `T` is not there: nothing is found).
    if !classes.by_ref().any(|t| Arc::ptr_eq(t, &s.this_class)) {
        return None;
    }
    classes.find_map(|t| t.dict.get_str(name))
}

/// Whether the super object is a class's own (`super()` in a classmethod
/// or `__new__`), whose functions stay unbound.
fn super_of_class(s: &Super) -> bool {
    matches!(&s.obj, Value::Type(t) if Arc::ptr_eq(t, &s.obj_type))
}
