//! The methods of `object`, `type`, `property`, `staticmethod`,
//! `classmethod`, `super` and `BaseException`: the classes every class
//! and every exception is built from.
//!
//! ```text
//!   C()            type.__call__ → C.__new__ (object.__new__) → C.__init__
//!   type('C', (B,), {'x': 1})     a class made at run time (namedtuple does it)
//!   @property / .setter           property objects: data descriptors
//!   ValueError('m')               BaseException.__new__ keeps the args
//! ```
//!
//! Python equivalent: `Objects/typeobject.c` (`object_new`,
//! `object_init`, `type_new`), `Objects/descrobject.c` (`property`),
//! `Objects/funcobject.c` (`staticmethod`, `classmethod`),
//! `Objects/exceptions.c`.

use crate::object::builtin_types::types;
use crate::object::cell::PyCell;
use crate::object::dict::Dict;
use crate::object::exception::{ExcKind, ExcState};
use crate::object::instance::{Instance, Payload, Property};
use crate::object::refcount::Arc;
use crate::object::types::{Layout, Type};
use crate::object::value::Flag;
use crate::object::{PyErr, PyResult, Value};
use crate::vm::native::{Args, NativeSpec};
use crate::vm::ThreadCtx;

/// Whether class `t` has `object`'s own `name` (not overridden).
fn inherits_object(t: &crate::object::types::Type, name: &crate::object::str::PyStr) -> bool {
    match (t.lookup(name), types().object.dict.get_str(name)) {
        (Some(a), Some(b)) => a.is(&b),
        _ => false,
    }
}

fn object_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let Some(Value::Type(cls)) = args.positional().first() else {
        return Err(PyErr::type_error(
            "object.__new__(X): X is not a type object",
        ));
    };
    let excess = args.len() > 1 || args.has_kwargs();
    if excess && inherits_object(cls, &types().names.init) {
        return Err(PyErr::type_error(format!(
            "{}() takes no arguments",
            cls.name.as_str()
        )));
    }
    crate::vm::invoke::object_new_instance(cls)
}

fn object_init(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let excess = args.len() > 1 || args.has_kwargs();
    if excess {
        let cls = args.positional()[0].class().clone();
        let names = &types().names;
        if !inherits_object(&cls, &names.init) {
            return Err(PyErr::type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if inherits_object(&cls, &names.new) {
            return Err(PyErr::type_error(format!(
                "{}() takes no arguments",
                cls.name.as_str()
            )));
        }
    }
    Ok(Value::None)
}

fn object_repr(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__repr__", 1, 1)?;
    Ok(Value::string(crate::vm::repr::default_repr(
        &args.positional()[0],
    )))
}

fn object_str(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__str__", 1, 1)?;
    Ok(Value::string(vm.repr(&args.positional()[0])?))
}

fn object_eq(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__eq__", 2, 2)?;
    let p = args.positional();
    Ok(if p[0].is(&p[1]) {
        Value::Bool(Flag(true))
    } else {
        Value::NotImplemented
    })
}

fn object_ne(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__ne__", 2, 2)?;
    let p = args.positional();
    let r = vm.rich_compare(&p[0], &p[1], crate::ast::CmpOp::Eq)?;
    match r {
        Value::NotImplemented => Ok(Value::NotImplemented),
        r => Ok(Value::Bool(Flag(!vm.truthy(&r)?))),
    }
}

fn object_hash(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__hash__", 1, 1)?;
    let v = &args.positional()[0];
    let _ = vm;
    let p = v.id() as usize;
    Ok(Value::Int(p.rotate_right(4) as i64))
}

fn object_setattr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__setattr__", 3, 3)?;
    let p = args.positional();
    let name = match &p[1] {
        Value::Str(s) => crate::object::str::intern(s.as_str()),
        other => {
            return Err(PyErr::type_error(format!(
                "attribute name must be string, not '{}'",
                other.type_name()
            )))
        }
    };
    match &p[0] {
        Value::Instance(inst) => {
            let inst = inst.clone();
            vm.generic_setattr(&p[0], &inst, &name, Some(p[2].clone()))?;
        }
        other => vm.set_attr(other, &name, p[2].clone())?,
    }
    Ok(Value::None)
}

fn object_delattr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__delattr__", 2, 2)?;
    let p = args.positional();
    let name = match &p[1] {
        Value::Str(s) => crate::object::str::intern(s.as_str()),
        _ => return Err(PyErr::type_error("attribute name must be string")),
    };
    match &p[0] {
        Value::Instance(inst) => {
            let inst = inst.clone();
            vm.generic_setattr(&p[0], &inst, &name, None)?;
        }
        other => vm.del_attr(other, &name)?,
    }
    Ok(Value::None)
}

fn object_getattribute(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__getattribute__", 2, 2)?;
    let p = args.positional();
    let name = match &p[1] {
        Value::Str(s) => crate::object::str::intern(s.as_str()),
        _ => return Err(PyErr::type_error("attribute name must be string")),
    };
    vm.generic_getattr(&p[0], &name)
}

fn object_format(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__format__", 2, 2)?;
    let p = args.positional();
    match &p[1] {
        Value::Str(s) if s.char_count() > 0 => Err(PyErr::type_error(format!(
            "unsupported format string passed to {}.__format__",
            p[0].type_name()
        ))),
        _ => Ok(Value::string(vm.str(&p[0])?)),
    }
}

fn object_init_subclass(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Ok(Value::None)
}

fn object_dir(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let dir = vm.rt.builtins.globals.get("dir").unwrap_or(Value::None);
    vm.call(&dir, args.positional())
}

/// `object`'s methods.
pub static OBJECT_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", object_new),
    NativeSpec::method("__init__", object_init),
    NativeSpec::method("__repr__", object_repr),
    NativeSpec::method("__str__", object_str),
    NativeSpec::method("__eq__", object_eq),
    NativeSpec::method("__ne__", object_ne),
    NativeSpec::method("__hash__", object_hash),
    NativeSpec::method("__setattr__", object_setattr),
    NativeSpec::method("__delattr__", object_delattr),
    NativeSpec::method("__getattribute__", object_getattribute),
    NativeSpec::method("__format__", object_format),
    NativeSpec::classmethod("__init_subclass__", object_init_subclass),
    NativeSpec::method("__dir__", object_dir),
];

fn type_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let p = args.positional();
    // type.__new__(type, x) / type.__new__(type, name, bases, dict)
    let p = match p.first() {
        Some(Value::Type(t)) if Arc::ptr_eq(t, &types().type_) => &p[1..],
        _ => p,
    };
    match p.len() {
        1 => Ok(Value::Type(p[0].class().clone())),
        3 => {
            let Value::Str(name) = &p[0] else {
                return Err(PyErr::type_error("type.__new__() argument 1 must be str"));
            };
            let bases: Vec<Arc<crate::object::types::Type>> = match p[1].as_tuple() {
                Some(t) => t
                    .iter()
                    .map(|b| match b {
                        Value::Type(t) => Ok(t.clone()),
                        other => Err(PyErr::type_error(format!(
                            "bases must be types, not {}",
                            other.type_name()
                        ))),
                    })
                    .collect::<PyResult<_>>()?,
                None => return Err(PyErr::type_error("type.__new__() argument 2 must be tuple")),
            };
            let bases = if bases.is_empty() {
                vec![types().object.clone()]
            } else {
                bases
            };
            let Some(d) = p[2].as_dict() else {
                return Err(PyErr::type_error("type.__new__() argument 3 must be dict"));
            };
            let module = vm
                .frames
                .last()
                .map(|f| f.globals.module_name.clone())
                .unwrap_or_else(|| crate::object::str::intern("builtins"));
            let ns = Dict::new();
            if d.get_str(&types().names.module).is_none() {
                ns.set_str(types().names.module.clone(), Value::Str(module.clone()));
            }
            for (k, v) in d.entries() {
                if let Value::Str(k) = k {
                    ns.set_str(k, v);
                }
            }
            let cls = crate::vm::class::new_class(vm, name, &ns, bases, &module)?;
            Ok(Value::Type(cls))
        }
        _ => Err(PyErr::type_error("type() takes 1 or 3 arguments")),
    }
}

fn type_init(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Ok(Value::None)
}

fn type_mro(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    match args.positional().first() {
        Some(Value::Type(t)) => Ok(Value::list(
            Type::full_mro(t).into_iter().map(Value::Type).collect(),
        )),
        _ => Err(PyErr::type_error("mro() needs a type")),
    }
}

fn type_subclasses(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    match args.positional().first() {
        Some(Value::Type(t)) => Ok(Value::list(
            t.subclasses
                .lock()
                .iter()
                .filter_map(crate::object::refcount::Weak::upgrade)
                .map(Value::Type)
                .collect(),
        )),
        _ => Err(PyErr::type_error("__subclasses__() needs a type")),
    }
}

/// `type`'s methods.
pub static TYPE_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", type_new),
    NativeSpec::method("__init__", type_init),
    NativeSpec::method("mro", type_mro),
    NativeSpec::method("__subclasses__", type_subclasses),
];

/// The property in `args[0]`.
fn property_of<'a>(args: &Args<'a>, what: &str) -> PyResult<&'a Property> {
    match args.positional().first() {
        Some(Value::Instance(i)) => match &i.payload {
            Payload::Property(p) => Ok(p),
            _ => Err(PyErr::type_error(format!("{what} needs a property"))),
        },
        _ => Err(PyErr::type_error(format!("{what} needs a property"))),
    }
}

fn property_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    let cls = match cls {
        Some(Value::Type(t)) => t.clone(),
        _ => types().property.clone(),
    };
    let [fget, fset, fdel, doc] = rest.bind("property", ["fget", "fset", "fdel", "doc"], 0)?;
    let get = |v: Option<&Value>| v.cloned().unwrap_or(Value::None);
    Ok(Value::Instance(Arc::new(Instance::new(
        cls,
        Payload::Property(Box::new(Property {
            fget: get(fget),
            fset: get(fset),
            fdel: get(fdel),
            doc: get(doc),
            name: PyCell::new(None),
        })),
    ))))
}

fn property_init(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Ok(Value::None)
}

/// A copy of a property with one accessor replaced (`.setter`).
fn property_with(args: Args, which: &str) -> PyResult {
    let p = property_of(&args, which)?;
    let f = args.get(1).cloned().unwrap_or(Value::None);
    let mut q = p.clone();
    match which {
        "getter" => q.fget = f,
        "setter" => q.fset = f,
        _ => q.fdel = f,
    }
    let cls = args.positional()[0].class().clone();
    Ok(Value::Instance(Arc::new(Instance::new(
        cls,
        Payload::Property(Box::new(q)),
    ))))
}

fn property_getter(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    property_with(args, "getter")
}

fn property_setter(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    property_with(args, "setter")
}

fn property_deleter(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    property_with(args, "deleter")
}

fn property_fget(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(property_of(&args, "fget")?.fget.clone())
}

fn property_fset(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(property_of(&args, "fset")?.fset.clone())
}

fn property_fdel(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(property_of(&args, "fdel")?.fdel.clone())
}

fn property_doc(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let p = property_of(&args, "__doc__")?;
    if !matches!(p.doc, Value::None) {
        return Ok(p.doc.clone());
    }
    match &p.fget {
        Value::None => Ok(Value::None),
        f => Ok(vm
            .get_attr_opt(f, &types().names.doc)?
            .unwrap_or(Value::None)),
    }
}

fn property_get(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let p = property_of(&args, "__get__")?;
    match args.get(1) {
        None | Some(Value::None) => Ok(args.positional()[0].clone()),
        Some(obj) => {
            if matches!(p.fget, Value::None) {
                return Err(p.missing("getter", obj));
            }
            let f = p.fget.clone();
            vm.call(&f, std::slice::from_ref(obj))
        }
    }
}

fn property_set(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let p = property_of(&args, "__set__")?;
    if matches!(p.fset, Value::None) {
        let obj = args.get(1).cloned().unwrap_or(Value::None);
        return Err(p.missing("setter", &obj));
    }
    let f = p.fset.clone();
    vm.call(&f, &args.positional()[1..])?;
    Ok(Value::None)
}

/// `property.__set_name__(owner, name)`: called for a property made in a
/// class body when the class is made (`vm/class.rs`); the name then shows
/// in the messages of a missing accessor. A name that is not a `str` is
/// not kept (CPython keeps any object and shows its `repr`).
fn property_set_name(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let p = property_of(&args, "__set_name__")?;
    if let Some(Value::Str(name)) = args.get(2) {
        let old = p.name.replace(Some(name.clone()));
        drop(old);
    }
    Ok(Value::None)
}

/// `property`'s methods.
pub static PROPERTY_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", property_new),
    NativeSpec::method("__init__", property_init),
    NativeSpec::method("getter", property_getter),
    NativeSpec::method("setter", property_setter),
    NativeSpec::method("deleter", property_deleter),
    NativeSpec::getter("fget", property_fget),
    NativeSpec::getter("fset", property_fset),
    NativeSpec::getter("fdel", property_fdel),
    NativeSpec::getter("__doc__", property_doc),
    NativeSpec::method("__get__", property_get),
    NativeSpec::method("__set__", property_set),
    NativeSpec::method("__set_name__", property_set_name),
];

fn wrapper_new(args: Args, static_: bool) -> PyResult {
    let (cls, rest) = args.split_self();
    let cls = match cls {
        Some(Value::Type(t)) => t.clone(),
        _ => {
            if static_ {
                types().staticmethod.clone()
            } else {
                types().classmethod.clone()
            }
        }
    };
    let f = rest.get(0).cloned().ok_or_else(|| {
        PyErr::type_error(format!(
            "{} expected 1 argument, got 0",
            if static_ {
                "staticmethod"
            } else {
                "classmethod"
            }
        ))
    })?;
    let payload = if static_ {
        Payload::StaticMethod(f)
    } else {
        Payload::ClassMethod(f)
    };
    Ok(Value::Instance(Arc::new(Instance::new(cls, payload))))
}

fn staticmethod_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    wrapper_new(args, true)
}

fn classmethod_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    wrapper_new(args, false)
}

fn wrapper_init(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Ok(Value::None)
}

fn wrapper_func(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    match args.positional().first() {
        Some(Value::Instance(i)) => match &i.payload {
            Payload::StaticMethod(f) | Payload::ClassMethod(f) => Ok(f.clone()),
            _ => Err(PyErr::type_error("__func__ of a non-wrapper")),
        },
        _ => Err(PyErr::type_error("__func__ of a non-wrapper")),
    }
}

fn staticmethod_call(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (me, rest) = args.split_self();
    let f = match me {
        Some(Value::Instance(i)) => match &i.payload {
            Payload::StaticMethod(f) => f.clone(),
            _ => return Err(PyErr::type_error("staticmethod.__call__")),
        },
        _ => return Err(PyErr::type_error("staticmethod.__call__")),
    };
    let kwn: Vec<Value> = rest.kwargs().map(|(k, _)| Value::str(k.as_str())).collect();
    let kwv: Vec<Value> = rest.kwargs().map(|(_, v)| v.clone()).collect();
    vm.call_kw(&f, rest.positional(), &kwn, &kwv)
}

fn wrapper_get(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let p = args.positional();
    match p.first() {
        Some(Value::Instance(i)) => match &i.payload {
            Payload::StaticMethod(f) => Ok(f.clone()),
            Payload::ClassMethod(f) => {
                let owner = match p.get(2) {
                    Some(o @ Value::Type(_)) => o.clone(),
                    _ => p.get(1).map(|o| o.class_value()).unwrap_or(Value::None),
                };
                Ok(Value::Method(Arc::new(crate::object::function::Method {
                    func: f.clone(),
                    self_: owner,
                })))
            }
            _ => Err(PyErr::type_error("__get__ of a non-wrapper")),
        },
        _ => Err(PyErr::type_error("__get__ of a non-wrapper")),
    }
}

/// `staticmethod`'s methods.
pub static STATICMETHOD_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", staticmethod_new),
    NativeSpec::method("__init__", wrapper_init),
    NativeSpec::getter("__func__", wrapper_func),
    NativeSpec::getter("__wrapped__", wrapper_func),
    NativeSpec::method("__get__", wrapper_get),
    NativeSpec::method("__call__", staticmethod_call),
];

/// `classmethod`'s methods.
pub static CLASSMETHOD_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", classmethod_new),
    NativeSpec::method("__init__", wrapper_init),
    NativeSpec::getter("__func__", wrapper_func),
    NativeSpec::getter("__wrapped__", wrapper_func),
    NativeSpec::method("__get__", wrapper_get),
];

fn super_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    super::functions::super_new(vm, args)
}

fn super_init(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Ok(Value::None)
}

/// `<super: <class 'B'>, <C object>>`: CPython's `super_repr` names the
/// class the lookup starts after and the type whose MRO it walks (the
/// bare `tp_name`, no module).
fn super_repr(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__repr__", 1, 1)?;
    let text = match args.positional().first() {
        Some(Value::Instance(inst)) => match &inst.payload {
            Payload::Super(s) => format!(
                "<super: <class '{}'>, <{} object>>",
                s.this_class.name.as_str(),
                s.obj_type.name.as_str()
            ),
            _ => {
                return Err(PyErr::type_error(
                    "descriptor '__repr__' requires a 'super' object",
                ))
            }
        },
        _ => {
            return Err(PyErr::type_error(
                "descriptor '__repr__' requires a 'super' object",
            ))
        }
    };
    Ok(Value::str(&text))
}

/// `super`'s methods.
pub static SUPER_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", super_new),
    NativeSpec::method("__init__", super_init),
    NativeSpec::method("__repr__", super_repr),
];

fn exc_new(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    let cls = match cls {
        Some(Value::Type(t)) if t.layout == Layout::Exception => t.clone(),
        _ => {
            return Err(PyErr::type_error(
                "BaseException.__new__(X): X is not an exception class",
            ))
        }
    };
    let cls = os_error_subclass(cls, rest.positional());
    let state = ExcState::new(Value::tuple(rest.positional().to_vec()));
    Ok(Value::Instance(Arc::new(Instance::new(
        cls,
        Payload::Exception(Box::new(PyCell::new(state))),
    ))))
}

/// `OSError(errno, strerror, ...)` builds PEP 3151's subclass for the
/// errno, as CPython's `OSError_new` does: `OSError(111, 'x')` is a
/// `ConnectionRefusedError`. Only for `OSError` itself (its aliases
/// `IOError` and `EnvironmentError` are the same class), with 2 to 5
/// arguments and an int first; a subclass, or other arguments, keep `cls`.
fn os_error_subclass(cls: Arc<Type>, args: &[Value]) -> Arc<Type> {
    let os_error = types().exc(ExcKind::OSError);
    if !Arc::ptr_eq(&cls, os_error) || !(2..=5).contains(&args.len()) {
        return cls;
    }
    let errno = match args[0] {
        Value::Int(n) => n,
        Value::Bool(Flag(b)) => i64::from(b),
        _ => return cls,
    };
    match crate::vm::exceptions::os_error_kind(errno) {
        ExcKind::OSError => cls,
        kind => types().exc(kind).clone(),
    }
}

fn exc_init(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (me, rest) = args.split_self();
    if let Some(Value::Instance(i)) = me {
        if let Some(st) = i.exc() {
            let new = Value::tuple(rest.positional().to_vec());
            let old = std::mem::replace(&mut st.lock().args, new);
            drop(old);
        }
    }
    Ok(Value::None)
}

fn exc_str(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__str__", 1, 1)?;
    Ok(Value::string(crate::vm::repr::exception_str(
        vm,
        &args.positional()[0],
    )?))
}

fn exc_repr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("__repr__", 1, 1)?;
    Ok(Value::string(crate::vm::repr::exception_repr(
        vm,
        &args.positional()[0],
    )?))
}

fn exc_with_traceback(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(args.positional().first().cloned().unwrap_or(Value::None))
}

/// `BaseException`'s methods (every exception class inherits them).
pub static EXCEPTION_METHODS: &[NativeSpec] = &[
    NativeSpec::staticmethod("__new__", exc_new),
    NativeSpec::method("__init__", exc_init),
    NativeSpec::method("__str__", exc_str),
    NativeSpec::method("__repr__", exc_repr),
    NativeSpec::method("with_traceback", exc_with_traceback),
];
