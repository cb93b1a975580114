//! The built-ins that ask about objects and namespaces: `isinstance`,
//! `issubclass`, `getattr` / `setattr` / `hasattr` / `delattr`, `hash`,
//! `id`, `callable`, `vars`, `globals`, `locals`, `dir`, and `super`.
//!
//! Each is a thin wrapper over the VM's attribute and type machinery
//! (`vm/attr.rs`, `object/types.rs`) with CPython's argument checks and
//! messages. A zero-argument `super()` reads the caller's frame: its first
//! argument and the `__class__` cell the compiler made for it, as CPython's
//! `super_init_without_args` does.
//!
//! Python equivalent: `builtin_isinstance`, `builtin_getattr`, ... in
//! `Python/bltinmodule.c`; `super_init` in `Objects/typeobject.c`.
//!
//! Needs: nothing of its siblings.

use crate::object::builtin_types::types;
use crate::object::refcount::Arc;
use crate::object::str::{intern, PyStr};
use crate::object::types::Type;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::native::Args;
use crate::vm::ThreadCtx;

/// `isinstance(v, cls)` for one class or a tuple of classes.
pub fn isinstance_of(v: &Value, cls: &Value) -> PyResult<bool> {
    match cls {
        Value::Type(t) => Ok(v.class().is_subtype(t)),
        Value::Tuple(items) => {
            for c in items.iter() {
                if isinstance_of(v, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyErr::type_error(
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )),
    }
}

pub(super) fn isinstance(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("isinstance", 2, 2)?;
    let p = args.positional();
    Ok(Value::Bool(Flag(isinstance_of(&p[0], &p[1])?)))
}

fn subclass_of(c: &Value, cls: &Value) -> PyResult<bool> {
    let Value::Type(c) = c else {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    };
    match cls {
        Value::Type(t) => Ok(c.is_subtype(t)),
        Value::Tuple(items) => {
            for x in items.iter() {
                if subclass_of(&Value::Type(c.clone()), x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyErr::type_error(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        )),
    }
}

pub(super) fn issubclass(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("issubclass", 2, 2)?;
    let p = args.positional();
    Ok(Value::Bool(Flag(subclass_of(&p[0], &p[1])?)))
}

fn attr_name(v: &Value, fname: &str) -> PyResult<Arc<PyStr>> {
    match v {
        Value::Str(s) => Ok(intern(s.as_str())),
        other => Err(PyErr::type_error(format!(
            "{fname}(): attribute name must be string, not '{}'",
            other.type_name()
        ))),
    }
}

pub(super) fn getattr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("getattr", 2, 3)?;
    let p = args.positional();
    let name = match &p[1] {
        Value::Str(s) => intern(s.as_str()),
        other => {
            return Err(PyErr::type_error(format!(
                "attribute name must be string, not '{}'",
                other.type_name()
            )))
        }
    };
    match p.get(2) {
        None => vm.get_attr(&p[0], &name),
        Some(default) => Ok(vm
            .get_attr_opt(&p[0], &name)?
            .unwrap_or_else(|| default.clone())),
    }
}

pub(super) fn setattr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("setattr", 3, 3)?;
    let p = args.positional();
    let name = attr_name(&p[1], "setattr")?;
    vm.set_attr(&p[0], &name, p[2].clone())?;
    Ok(Value::None)
}

pub(super) fn hasattr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("hasattr", 2, 2)?;
    let p = args.positional();
    let name = attr_name(&p[1], "hasattr")?;
    Ok(Value::Bool(Flag(vm.get_attr_opt(&p[0], &name)?.is_some())))
}

pub(super) fn delattr(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("delattr", 2, 2)?;
    let p = args.positional();
    let name = attr_name(&p[1], "delattr")?;
    vm.del_attr(&p[0], &name)?;
    Ok(Value::None)
}

pub(super) fn hash(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("hash", 1, 1)?;
    Ok(Value::Int(vm.hash(&args.positional()[0])?))
}

pub(super) fn id(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("id", 1, 1)?;
    Ok(Value::Int(args.positional()[0].id()))
}

pub(super) fn callable(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("callable", 1, 1)?;
    Ok(Value::Bool(Flag(crate::vm::invoke::is_callable(
        &args.positional()[0],
    ))))
}

pub(super) fn vars(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("vars", 0, 1)?;
    match args.positional().first() {
        None => locals(vm, args),
        Some(v) => match v {
            Value::Module(m) => Ok(crate::vm::import::module_dict(m)),
            _ => vm
                .get_attr_opt(v, &types().names.dict)?
                .ok_or_else(|| PyErr::type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

pub(super) fn globals(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("globals", 0, 0)?;
    let Some(f) = vm.frames.last() else {
        return Ok(Value::new_dict());
    };
    let d = crate::object::dict::Dict::new();
    for (k, v) in f.globals.items() {
        d.set_str(k, v);
    }
    Ok(Value::Dict(Arc::new(d)))
}

pub(super) fn locals(vm: &mut ThreadCtx, _args: Args) -> PyResult {
    let Some(f) = vm.frames.last() else {
        return Ok(Value::new_dict());
    };
    if let Some(ns) = &f.namespace {
        return Ok(Value::Dict(ns.clone()));
    }
    if f.code.flags.has(crate::bytecode::CodeFlags::MODULE) {
        let d = crate::object::dict::Dict::new();
        for (k, v) in f.globals.items() {
            d.set_str(k, v);
        }
        return Ok(Value::Dict(Arc::new(d)));
    }
    let d = crate::object::dict::Dict::new();
    for (name, v) in f.code.varnames.iter().zip(f.locals.iter()) {
        if let Some(v) = v {
            d.set_str(name.clone(), v.clone());
        }
    }
    let ncell = f.code.cellvars.len();
    for (i, name) in f
        .code
        .cellvars
        .iter()
        .chain(f.code.freevars.iter())
        .enumerate()
    {
        if let Some(v) = f.cells.get(i).and_then(|c| c.lock().clone()) {
            if i >= ncell || !f.code.varnames.iter().any(|n| n == name) {
                d.set_str(name.clone(), v);
            }
        }
    }
    Ok(Value::Dict(Arc::new(d)))
}

pub(super) fn dir(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("dir", 0, 1)?;
    let mut names: Vec<String> = Vec::new();
    match args.positional().first() {
        None => {
            let l = locals(vm, args)?;
            if let Some(d) = l.as_dict() {
                for (k, _) in d.entries() {
                    if let Value::Str(s) = k {
                        names.push(s.as_str().to_string());
                    }
                }
            }
        }
        Some(v) => {
            let push_dict = |d: &crate::object::dict::Dict, names: &mut Vec<String>| {
                for (k, _) in d.entries() {
                    if let Value::Str(s) = k {
                        if !names.iter().any(|n| n == s.as_str()) {
                            names.push(s.as_str().to_string());
                        }
                    }
                }
            };
            match v {
                Value::Module(m) => {
                    for (k, _) in m.globals.items() {
                        names.push(k.as_str().to_string());
                    }
                }
                Value::Type(t) => {
                    for c in Type::full_mro(t) {
                        push_dict(&c.dict, &mut names);
                    }
                }
                _ => {
                    if let Value::Instance(i) = v {
                        for k in i.attr_names() {
                            names.push(k.as_str().to_string());
                        }
                    }
                    for c in Type::full_mro(v.class()) {
                        push_dict(&c.dict, &mut names);
                    }
                }
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}

/// The class a zero-argument `super()` is about (the caller's
/// `__class__` cell) and its first argument.
fn implicit_super_args(vm: &ThreadCtx) -> PyResult<(Arc<Type>, Value)> {
    let f = vm
        .frames
        .last()
        .ok_or_else(|| PyErr::new(ExcKind::RuntimeError, "super(): no current frame"))?;
    let code = &f.code;
    if code.argcount == 0 && !code.flags.has(crate::bytecode::CodeFlags::VARARGS) {
        return Err(PyErr::new(ExcKind::RuntimeError, "super(): no arguments"));
    }
    let first_name = code.varnames.first().cloned();
    let mut first = f.locals.first().cloned().flatten();
    if let Some(n) = &first_name {
        if let Some(ci) = code.cellvars.iter().position(|c| c == n) {
            first = f.cells.get(ci).and_then(|c| c.lock().clone());
        }
    }
    let first =
        first.ok_or_else(|| PyErr::new(ExcKind::RuntimeError, "super(): arg[0] deleted"))?;
    let idx = code
        .freevars
        .iter()
        .position(|n| n.as_str() == "__class__")
        .map(|i| i + code.cellvars.len())
        .ok_or_else(|| PyErr::new(ExcKind::RuntimeError, "super(): __class__ cell not found"))?;
    match f.cells.get(idx).and_then(|c| c.lock().clone()) {
        Some(Value::Type(t)) => Ok((t, first)),
        _ => Err(PyErr::new(
            ExcKind::RuntimeError,
            "super(): empty __class__ cell",
        )),
    }
}

/// `super.__new__(cls, *args)`: what calling the type runs (the class
/// first, then the caller's arguments: [`new_super`]'s).
pub fn super_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("super")?;
    let pos = args.positional();
    new_super(vm, pos.get(1..).unwrap_or(&[]))
}

/// `super()` / `super(T, obj)` for the caller's arguments `pos` (also
/// `CALL`'s fast path for them, `vm/call.rs`). The one-argument form (an
/// unbound super object) is outside MiniPy.
pub fn new_super(vm: &mut ThreadCtx, pos: &[Value]) -> PyResult {
    let (this, obj) = match pos.len() {
        0 => implicit_super_args(vm)?,
        2 => match &pos[0] {
            Value::Type(t) => (t.clone(), pos[1].clone()),
            other => {
                return Err(PyErr::type_error(format!(
                    "super() argument 1 must be a type, not {}",
                    other.type_name()
                )))
            }
        },
        n @ 3.. => {
            return Err(PyErr::type_error(format!(
                "super() expected at most 2 arguments, got {n}"
            )))
        }
        _ => {
            return Err(PyErr::type_error(
                "super() takes 0 or 2 arguments in MiniPy",
            ))
        }
    };
    let obj_type = match &obj {
        Value::Type(t) if t.is_subtype(&this) => t.clone(),
        other => {
            let c = other.class().clone();
            if !c.is_subtype(&this) {
                return Err(PyErr::type_error(
                    "super(type, obj): obj must be an instance or subtype of type",
                ));
            }
            c
        }
    };
    Ok(Value::Instance(Arc::new(
        crate::object::instance::Instance::new(
            types().super_.clone(),
            crate::object::instance::Payload::Super(Box::new(crate::object::instance::Super {
                this_class: this,
                obj,
                obj_type,
            })),
        ),
    )))
}
