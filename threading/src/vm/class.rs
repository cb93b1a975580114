//! Making functions and classes: `MAKE_FUNCTION` and `__build_class__`.
//!
//! ```text
//!   def f(a, b=1, *, c=2): ...   MAKE_FUNCTION: code + defaults (1,) +
//!                                kwdefaults {c: 2} + closure cells taken
//!                                from the running frame
//!   class C(B, metaclass=...):   __build_class__(body, 'C', B):
//!       x = 1                      run the body with a fresh namespace,
//!       def m(self): ...           then Type::new(name, bases, namespace),
//!                                  then fill the body's __class__ cell
//!                                  (what zero-argument super() reads)
//! ```
//!
//! Class creation also does what `type.__new__` does to a namespace:
//! `__new__` becomes a staticmethod and `__init_subclass__` a classmethod,
//! a class that defines `__eq__` without `__hash__` gets `__hash__ =
//! None`, `__slots__` declares instance slots, `__set_name__` is called
//! on descriptors, and the base's `__init_subclass__` runs.
//!
//! Simplification: metaclasses are outside MiniPy (`metaclass=` other than
//! `type` is refused with a clear error).
//!
//! Python equivalent: `Python/ceval.c` (`MAKE_FUNCTION`),
//! `Python/bltinmodule.c` (`builtin___build_class__`),
//! `Objects/typeobject.c` (`type_new`, `type_new_set_classcell`).

use super::native::Args;
use super::ThreadCtx;
use crate::bytecode::{Code, CodeFlags, MF_DEFAULTS, MF_KWDEFAULTS};
use crate::compiler::mangle::mangle;
use crate::object::builtin_types::types;
use crate::object::cell::PyCell;
use crate::object::dict::Dict;
use crate::object::frame::Frame;
use crate::object::function::{CallShape, FuncMeta, Function};
use crate::object::instance::{Instance, Payload};
use crate::object::refcount::Arc;
use crate::object::str::{intern, PyStr};
use crate::object::types::{Type, TypeSpec};
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::sync::OnceLock;

impl ThreadCtx {
    /// `MAKE_FUNCTION i flags`: a function from child code `i` of `code`.
    pub(super) fn make_function(&mut self, code: &Code, i: usize, flags: u8) -> Value {
        let kwdefaults: Vec<(Arc<PyStr>, Value)> = if flags & MF_KWDEFAULTS != 0 {
            match self.pop() {
                Value::Dict(d) => d
                    .entries()
                    .into_iter()
                    .filter_map(|(k, v)| match k {
                        Value::Str(s) => Some((s, v)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let defaults = if flags & MF_DEFAULTS != 0 {
            match self.pop() {
                Value::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let Some(child) = code.children.get(i).cloned() else {
            return Value::None;
        };
        let frame = self.frames.last();
        let closure: Vec<_> = match frame {
            Some(f) => Frame::closure_cells(&child, &f.cells).collect(),
            None => Vec::new(),
        };
        let globals = match frame {
            Some(f) => f.globals.clone(),
            None => return Value::None,
        };
        let doc = if child.flags.has(CodeFlags::HAS_DOCSTRING) {
            child.consts.first().cloned().unwrap_or(Value::None)
        } else {
            Value::None
        };
        let meta = FuncMeta {
            name: child.name.clone(),
            qualname: child.qualname.clone(),
            doc,
            module: Value::Str(globals.module_name.clone()),
        };
        Value::Function(Arc::new(Function {
            call: CallShape::of(&child),
            code: child,
            globals,
            defaults: defaults.into_boxed_slice(),
            kwdefaults: kwdefaults.into_boxed_slice(),
            closure: closure.into_boxed_slice(),
            meta: PyCell::new(meta),
            dict: OnceLock::new(),
        }))
    }
}

/// `__build_class__(body, name, *bases, **kwds)`.
pub fn build_class(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let pos = args.positional();
    let (Some(Value::Function(body)), Some(Value::Str(name))) = (pos.first(), pos.get(1)) else {
        return Err(PyErr::type_error(
            "__build_class__: func must be a function",
        ));
    };
    let mut bases: Vec<Arc<Type>> = Vec::new();
    for b in &pos[2..] {
        match b {
            Value::Type(t) if t.is_subtype(&types().type_) => {
                return Err(PyErr::new(
                    ExcKind::NotImplementedError,
                    "metaclasses are outside MiniPy (class ... (type))",
                ))
            }
            Value::Type(t) => bases.push(t.clone()),
            other => {
                return Err(PyErr::type_error(format!(
                    "bases must be types, not {}",
                    other.type_name()
                )))
            }
        }
    }
    let mut init_kwargs: Vec<(Value, Value)> = Vec::new();
    for (k, v) in args.kwargs() {
        if k.as_str() == "metaclass" {
            if matches!(v, Value::Type(t) if Arc::ptr_eq(t, &types().type_)) {
                continue;
            }
            return Err(PyErr::new(
                ExcKind::NotImplementedError,
                "metaclasses are outside MiniPy (class ... metaclass=...)",
            ));
        }
        init_kwargs.push((Value::Str(intern(k.as_str())), v.clone()));
    }
    if bases.is_empty() {
        bases.push(types().object.clone());
    }
    // Run the body with a fresh namespace.
    let ns = Arc::new(Dict::new());
    let module_name = body.globals.module_name.clone();
    ns.set_str(intern("__module__"), Value::Str(module_name.clone()));
    ns.set_str(
        intern("__qualname__"),
        Value::Str(body.code.qualname.clone()),
    );
    let mut frame = Frame::new(body.code.clone(), body.globals.clone(), &body.closure);
    frame.namespace = Some(ns.clone());
    let class_cell = body
        .code
        .cellvars
        .iter()
        .position(|c| c.as_str() == "__class__")
        .and_then(|i| frame.cells.get(i).cloned());
    vm.run_frame(frame)?;
    let cls = new_class(vm, name, &ns, bases, &module_name)?;
    if let Some(cell) = class_cell {
        *cell.lock() = Some(Value::Type(cls.clone()));
    }
    let class_value = Value::Type(cls.clone());
    // __set_name__ on descriptors defined in the body.
    let names = &types().names;
    for (k, v) in cls.dict.entries() {
        if let Value::Instance(inst) = &v {
            if inst.class.lookup(&names.set_name).is_some() {
                if let Some(m) = vm.special_method(&v, &names.set_name)? {
                    vm.call(&m, &[class_value.clone(), k])?;
                }
            }
        }
    }
    // The parent's __init_subclass__ (object's does nothing).
    let parent = cls.mro.first().cloned();
    if let Some(parent) = parent {
        if let Some(hook) = lookup_after(&cls, &names.init_subclass) {
            let f = match &hook {
                Value::Instance(i) => match &i.payload {
                    Payload::ClassMethod(f) => f.clone(),
                    _ => hook.clone(),
                },
                _ => hook.clone(),
            };
            if !matches!(f, Value::Native(_)) {
                let (kn, kv): (Vec<Value>, Vec<Value>) = init_kwargs.into_iter().unzip();
                vm.call_kw(&f, std::slice::from_ref(&class_value), &kn, &kv)?;
            } else if !init_kwargs.is_empty() {
                let _ = parent;
                return Err(PyErr::type_error(format!(
                    "{}.__init_subclass__() takes no keyword arguments",
                    cls.name.as_str()
                )));
            }
        }
    }
    Ok(class_value)
}

/// `name` in the MRO of `cls`, skipping `cls` itself.
fn lookup_after(cls: &Type, name: &PyStr) -> Option<Value> {
    cls.mro.iter().find_map(|t| t.dict.get_str(name))
}

/// `type(name, bases, namespace)` for a class body's namespace.
pub fn new_class(
    vm: &mut ThreadCtx,
    name: &Arc<PyStr>,
    ns: &Dict,
    bases: Vec<Arc<Type>>,
    module: &Arc<PyStr>,
) -> PyResult<Arc<Type>> {
    let dict = Dict::new();
    let mut qualname = name.clone();
    let mut own_slots: Option<Vec<Arc<PyStr>>> = None;
    let mut has_eq = false;
    let mut has_hash = false;
    let mut module_name = Value::Str(module.clone());
    for (k, v) in ns.entries() {
        let Value::Str(key) = &k else { continue };
        let v = match key.as_str() {
            "__qualname__" => {
                if let Value::Str(q) = &v {
                    qualname = q.clone();
                }
                continue;
            }
            "__module__" => {
                module_name = v.clone();
                v
            }
            "__slots__" => {
                let names = match &v {
                    Value::Str(s) => vec![s.clone()],
                    other => {
                        let items = vm.collect(other)?;
                        let mut out = Vec::new();
                        for it in items {
                            match it {
                                Value::Str(s) => out.push(s),
                                o => {
                                    return Err(PyErr::type_error(format!(
                                        "__slots__ items must be strings, not '{}'",
                                        o.type_name()
                                    )))
                                }
                            }
                        }
                        out
                    }
                };
                // Private names are mangled (`__x` in class `C` is the slot
                // `_C__x`), as `type_new` does with `_Py_Mangle`: the
                // methods' `self.__x` was mangled by the compiler.
                let names: Vec<Arc<PyStr>> = names
                    .into_iter()
                    .map(|s| match mangle(Some(name.as_str()), s.as_str()) {
                        Some(m) => intern(&m),
                        None => s,
                    })
                    .collect();
                for s in &names {
                    if ns.get_str(s).is_some() {
                        return Err(PyErr::value_error(format!(
                            "'{}' in __slots__ conflicts with class variable",
                            s.as_str()
                        )));
                    }
                }
                own_slots = Some(names);
                v
            }
            "__new__" => match &v {
                Value::Function(_) => wrap(&types().staticmethod, Payload::StaticMethod(v.clone())),
                _ => v,
            },
            "__init_subclass__" | "__class_getitem__" => match &v {
                Value::Function(_) => wrap(&types().classmethod, Payload::ClassMethod(v.clone())),
                _ => v,
            },
            "__eq__" => {
                has_eq = true;
                v
            }
            "__hash__" => {
                has_hash = true;
                v
            }
            _ => v,
        };
        dict.set_str(key.clone(), v);
    }
    if has_eq && !has_hash {
        dict.set_str(types().names.hash.clone(), Value::None);
    }
    let module = match &module_name {
        Value::Str(s) => s.clone(),
        _ => module.clone(),
    };
    Type::new(TypeSpec {
        name: name.clone(),
        qualname,
        module,
        bases,
        dict,
        own_slots,
        flags: 0,
        layout: None,
    })
    .map_err(|e| PyErr::type_error(e.0))
}

/// An instance of a built-in wrapper class (staticmethod, classmethod).
fn wrap(class: &Arc<Type>, payload: Payload) -> Value {
    Value::Instance(Arc::new(Instance::new(class.clone(), payload)))
}
