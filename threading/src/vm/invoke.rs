//! Invoking a callable: the one place that knows what calling each kind
//! of object means, for CALL's plain path (`call.rs`) and for Rust code
//! calling back into Python (an operator's `__add__`, a sort key, `map`).
//!
//! ```text
//!   invoke(f, args) ─┬─ Function  → bind args into a frame (Invoked::Frame),
//!                    │              or a generator object (Invoked::Done)
//!                    ├─ Method    → its function, `self` first
//!                    ├─ Native    → spec.func(vm, args) now (Invoked::Done)
//!                    ├─ Type      → instantiate: __new__, then __init__
//!                    │              (a Python __init__ as Invoked::Init)
//!                    └─ Instance  → type(obj).__call__(obj, ...)
//!   call / call_kw   → invoke, then run the frame to its end in a nested
//!                      frame loop (`frames.rs`, behind the native-stack
//!                      guard); `call` binds a plain function's frame from
//!                      the slice first (its fast path)
//! ```
//!
//! Split from `call.rs`, which keeps what is about the value stack (CALL's
//! operands, its fast paths, pushing the frame for the instruction loop)
//! and builds on this file; nothing here knows the stack.
//!
//! Python equivalent: `Objects/call.c` (`_PyObject_Call`,
//! `_PyObject_FunctionStr`), `Objects/typeobject.c` (`type_call`,
//! `object_new`, `object_init`), `Objects/classobject.c`
//! (`method_vectorcall`). Needs `args.rs` (binding), `frame_arena.rs`,
//! `native.rs` (native specs) and `frames.rs` (`run_boxed_frame`).

use super::args;
use super::frame_arena::FrameArena;
use super::native::{spec_of, Args};
use super::ThreadCtx;
use crate::bytecode::CodeFlags;
use crate::object::builtin_types::{types, BuiltinTypes};
use crate::object::frame::Frame;
use crate::object::function::{Function, NativeKind};
use crate::object::generator::{GenKind, Generator};
use crate::object::instance::{Instance, Payload};
use crate::object::refcount::Arc;
use crate::object::str::{intern, PyStr};
use crate::object::types::{Layout, Type};
use crate::object::{PyErr, PyResult, Value};
use std::sync::OnceLock;

/// What invoking a callable produced.
pub enum Invoked {
    /// The result, already computed (natives, generators, classes with
    /// native constructors).
    Done(Value),
    /// A Python frame to run; its return value is the result.
    Frame(Box<Frame>),
    /// A Python `__init__` frame to run for this new instance, which is
    /// the result.
    Init(Box<Frame>, Value),
}

/// A frame for a call of `func`, arguments bound (its allocation from
/// the thread's frame arena).
pub fn function_frame(
    arena: &mut FrameArena,
    func: &Arc<Function>,
    pos: impl ExactSizeIterator<Item = Value>,
    kwnames: &[Value],
    kwvalues: impl Iterator<Item = Value>,
) -> PyResult<Box<Frame>> {
    let mut frame = arena.frame(&func.code, &func.globals, &func.closure);
    if let Err(e) = args::bind(func, &mut frame.locals, pos, kwnames, kwvalues) {
        arena.release(frame);
        return Err(e);
    }
    frame.init_cells();
    Ok(frame)
}

/// The tail of every positional fast path: defaults for the parameters
/// the arguments left unbound, the rest of the local slots unbound, and
/// the cells (parameters that are cells moved into them).
#[inline(always)]
pub(super) fn finish_positional(func: &Function, mut frame: Box<Frame>) -> Box<Frame> {
    let shape = func.call;
    let locals = &mut frame.locals;
    let argcount = shape.argcount as usize;
    let first_default = argcount - func.defaults.len();
    for i in locals.len()..argcount {
        locals.push(Some(func.defaults[i - first_default].clone()));
    }
    locals.resize(shape.nlocals as usize, None);
    if shape.has_cells {
        frame.cells = Frame::new_cells(&func.code, &func.closure);
        frame.init_cells();
    }
    frame
}

/// The result of calling `func` when its frame is ready: a generator or
/// coroutine object for `def ... yield` / `async def`, else the frame.
pub(super) fn frame_or_generator(func: &Function, frame: Box<Frame>) -> Invoked {
    if func.call.makes_generator {
        let flags = func.code.flags;
        let kind = if flags.has(CodeFlags::COROUTINE) {
            GenKind::Coroutine
        } else {
            GenKind::Generator
        };
        // Only the two names: cloning the whole `FuncMeta` also cloned
        // and dropped `__doc__` and `__module__` (a reference count each
        // way) for every generator and genexp made.
        let (name, qualname) = {
            let meta = func.meta.lock();
            (meta.name.clone(), meta.qualname.clone())
        };
        let g = Generator::new(kind, name, qualname, frame);
        return Invoked::Done(Value::Generator(Arc::new(g)));
    }
    Invoked::Frame(frame)
}

impl ThreadCtx {
    /// [`positional_frame`](Self::positional_frame) over arguments a Rust
    /// caller holds (cloned), after `receiver` if any: the fast path of
    /// [`call`](Self::call).
    pub(super) fn positional_frame_from(
        &mut self,
        func: &Arc<Function>,
        receiver: Option<&Value>,
        args: &[Value],
    ) -> Box<Frame> {
        let mut frame = self.frame_arena.acquire(&func.code, &func.globals);
        frame.locals.reserve(func.call.nlocals as usize);
        frame.locals.extend(receiver.cloned().map(Some));
        frame.locals.extend(args.iter().cloned().map(Some));
        finish_positional(func, frame)
    }

    /// How CPython names a callable in call errors: `__main__.f()`,
    /// `C.method()` for a built-in method, `print()` for a builtin
    /// (`_PyObject_FunctionStr`: the qualified name, prefixed by the
    /// module unless it is `builtins`).
    pub fn function_str(&mut self, f: &Value) -> String {
        let qualname = match self.get_attr_opt(f, &intern("__qualname__")) {
            Ok(Some(q)) => self.str(&q).unwrap_or_default(),
            _ => return self.str(f).unwrap_or_default(),
        };
        match self.get_attr_opt(f, &intern("__module__")) {
            Ok(Some(Value::Str(m))) if m.as_str() != "builtins" => {
                format!("{}.{qualname}()", m.as_str())
            }
            Ok(Some(Value::None | Value::Str(_)) | None) | Err(_) => format!("{qualname}()"),
            Ok(Some(m)) => format!("{}.{qualname}()", self.str(&m).unwrap_or_default()),
        }
    }

    /// Calls `f` with positional arguments, from Rust.
    pub fn call(&mut self, f: &Value, args: &[Value]) -> PyResult {
        // Fast path: a plain Python function, or a bound method of one
        // (the `__iter__` that `iter(obj)` and `yield from obj` call),
        // taking `args` positionally after the receiver (an operator's
        // `__add__`, a sort key, `__eq__`): its frame is bound from the
        // slice as a `CALL` binds it from the stack, with no argument
        // vector and no general binding; a generator function's frame
        // becomes its generator, as `invoke` makes it. The same frame runs
        // in the same nested loop, so no check point moves.
        let plain = match f {
            Value::Function(func) => Some((func, None)),
            Value::Method(m) => match &m.func {
                Value::Function(func) => Some((func, Some(&m.self_))),
                _ => None,
            },
            _ => None,
        };
        if let Some((func, receiver)) = plain {
            if args::simple_positional(func, args.len() + usize::from(receiver.is_some())) {
                let frame = self.positional_frame_from(func, receiver, args);
                if func.call.makes_generator {
                    return self.finish_invoked(frame_or_generator(func, frame));
                }
                return self.run_boxed_frame(frame);
            }
        }
        // Plain path: `invoke` binds anything.
        self.call_kw(f, args, &[], &[])
    }

    /// Calls `f` with positional and keyword arguments, from Rust (a
    /// nested frame loop for Python code).
    pub fn call_kw(
        &mut self,
        f: &Value,
        args: &[Value],
        kwnames: &[Value],
        kwvalues: &[Value],
    ) -> PyResult {
        if let Value::Native(nf) = f {
            let spec = spec_of(nf).ok_or_else(|| PyErr::type_error("bad native function"))?;
            return (spec.func)(self, Args::for_spec(spec, args, kwnames, kwvalues));
        }
        let invoked = self.invoke(f, args.to_vec(), kwnames, kwvalues.to_vec())?;
        self.finish_invoked(invoked)
    }

    /// Runs what [`invoke`](Self::invoke) produced to its end.
    pub fn finish_invoked(&mut self, invoked: Invoked) -> PyResult {
        match invoked {
            Invoked::Done(v) => Ok(v),
            Invoked::Frame(f) => self.run_boxed_frame(f),
            Invoked::Init(f, obj) => {
                let r = self.run_boxed_frame(f)?;
                if !matches!(r, Value::None) {
                    return Err(PyErr::type_error(format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
                Ok(obj)
            }
        }
    }

    /// Invokes any callable: natives run now; Python code comes back as a
    /// frame for the caller to run.
    pub fn invoke(
        &mut self,
        f: &Value,
        mut pos: Vec<Value>,
        kwnames: &[Value],
        kwvalues: Vec<Value>,
    ) -> PyResult<Invoked> {
        match f {
            Value::Function(func) => {
                let frame = function_frame(
                    &mut self.frame_arena,
                    func,
                    pos.into_iter(),
                    kwnames,
                    kwvalues.into_iter(),
                )?;
                Ok(frame_or_generator(func, frame))
            }
            Value::Method(m) => {
                pos.insert(0, m.self_.clone());
                self.invoke(&m.func, pos, kwnames, kwvalues)
            }
            Value::Native(nf) => {
                let spec = spec_of(nf).ok_or_else(|| PyErr::type_error("bad native function"))?;
                let r = (spec.func)(self, Args::for_spec(spec, &pos, kwnames, &kwvalues))?;
                Ok(Invoked::Done(r))
            }
            Value::Type(cls) => self.instantiate(cls, pos, kwnames, kwvalues),
            Value::Instance(inst) => match inst.class.lookup(&types().names.call) {
                Some(call) => {
                    pos.insert(0, f.clone());
                    let call = self.bind_descriptor_for_call(call);
                    self.invoke(&call, pos, kwnames, kwvalues)
                }
                None => Err(not_callable(f)),
            },
            _ => Err(not_callable(f)),
        }
    }

    /// A `__call__` found on a class, ready to take the instance as its
    /// first argument (`staticmethod` unwrapped).
    pub(super) fn bind_descriptor_for_call(&self, call: Value) -> Value {
        if let Value::Instance(i) = &call {
            if let Payload::StaticMethod(f) = &i.payload {
                return f.clone();
            }
        }
        call
    }

    /// `cls(*args, **kwargs)`: `__new__`, then `__init__` when `__new__`
    /// returned an instance of `cls`.
    pub fn instantiate(
        &mut self,
        cls: &Arc<Type>,
        pos: Vec<Value>,
        kwnames: &[Value],
        kwvalues: Vec<Value>,
    ) -> PyResult<Invoked> {
        let t = types();
        if Arc::ptr_eq(cls, &t.type_) && pos.len() == 1 && kwnames.is_empty() {
            return Ok(Invoked::Done(Value::Type(pos[0].class().clone())));
        }
        let names = &t.names;
        let new = self.type_cache.lookup(cls, &names.new);
        let init = self.type_cache.lookup(cls, &names.init);
        let is = |a: &Option<Value>, b: Option<&Value>| match (a, b) {
            (Some(a), Some(b)) => a.is(b),
            _ => false,
        };
        let custom_new = !is(&new, object_new());
        let custom_init = !is(&init, object_init());
        let has_args = !pos.is_empty() || !kwnames.is_empty();
        let obj = if custom_new {
            let new = match new {
                Some(Value::Instance(i)) => match &i.payload {
                    Payload::StaticMethod(f) => f.clone(),
                    _ => Value::Instance(i),
                },
                Some(other) => other,
                None => return Err(not_callable(&Value::Type(cls.clone()))),
            };
            self.call_with_first(&new, Value::Type(cls.clone()), &pos, kwnames, &kwvalues)?
        } else {
            if has_args && !custom_init {
                return Err(PyErr::type_error(format!(
                    "{}() takes no arguments",
                    cls.name.as_str()
                )));
            }
            object_new_instance(cls)?
        };
        if !obj.class().is_subtype(cls) {
            return Ok(Invoked::Done(obj));
        }
        if !custom_init {
            return Ok(Invoked::Done(obj));
        }
        let init = self.bind_for_init(init.unwrap_or(Value::None));
        match &init {
            Value::Function(func) => {
                let mut args = Vec::with_capacity(pos.len() + 1);
                args.push(obj.clone());
                args.extend(pos);
                let frame = function_frame(
                    &mut self.frame_arena,
                    func,
                    args.into_iter(),
                    kwnames,
                    kwvalues.into_iter(),
                )?;
                if func.code.flags.0 & (CodeFlags::GENERATOR | CodeFlags::COROUTINE) != 0 {
                    return Err(PyErr::type_error(
                        "__init__() should return None, not 'generator'",
                    ));
                }
                Ok(Invoked::Init(frame, obj))
            }
            _ => {
                let r = self.call_with_first(&init, obj.clone(), &pos, kwnames, &kwvalues)?;
                if !matches!(r, Value::None) {
                    return Err(PyErr::type_error(format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
                Ok(Invoked::Done(obj))
            }
        }
    }

    /// `f(first, *rest, **kw)`: `__new__` with the class first, a native
    /// `__init__` with the instance first. Fast path: up to two more
    /// arguments (`super(C, self)`, `reversed(xs)`) go in an array on the
    /// native stack; the plain path builds the argument vector, an
    /// allocation and a free per instantiation.
    fn call_with_first(
        &mut self,
        f: &Value,
        first: Value,
        rest: &[Value],
        kwnames: &[Value],
        kwvalues: &[Value],
    ) -> PyResult {
        match rest {
            [] => self.call_kw(f, &[first], kwnames, kwvalues),
            [a] => self.call_kw(f, &[first, a.clone()], kwnames, kwvalues),
            [a, b] => self.call_kw(f, &[first, a.clone(), b.clone()], kwnames, kwvalues),
            _ => {
                let mut args = Vec::with_capacity(rest.len() + 1);
                args.push(first);
                args.extend(rest.iter().cloned());
                self.call_kw(f, &args, kwnames, kwvalues)
            }
        }
    }

    /// `__init__` as found on the class (a `staticmethod` or
    /// `classmethod` wrapper there is unusual but legal).
    fn bind_for_init(&self, init: Value) -> Value {
        self.bind_descriptor_for_call(init)
    }
}

/// `object.__new__(cls)`: a fresh instance with the payload its layout
/// needs.
pub fn object_new_instance(cls: &Arc<Type>) -> PyResult {
    if let Layout::Native(_) | Layout::Builtin = cls.layout {
        return Err(PyErr::type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            cls.name.as_str(),
            cls.name.as_str()
        )));
    }
    let payload = Instance::empty_payload(cls);
    Ok(Value::Instance(Arc::new(Instance::new(
        cls.clone(),
        payload,
    ))))
}

/// `object.__new__`, fetched once per process: a built-in type's
/// attributes cannot be reassigned, so the value never changes (the dict
/// probe and the clones per instantiation it saves were 5 % of a loop
/// making objects).
pub(super) fn object_new() -> Option<&'static Value> {
    static OBJECT_NEW: OnceLock<Option<Value>> = OnceLock::new();
    object_attr_once(&OBJECT_NEW, |t| &t.names.new)
}

/// `object.__init__`, fetched once per process as [`object_new`] is (the
/// dict probe was ~90 instructions per instantiation of a class with a
/// native `__new__`: `super(C, self)`, `reversed(xs)`).
fn object_init() -> Option<&'static Value> {
    static OBJECT_INIT: OnceLock<Option<Value>> = OnceLock::new();
    object_attr_once(&OBJECT_INIT, |t| &t.names.init)
}

/// `object`'s attribute `name` as `cell` remembers it, looked up in
/// `object`'s dict the first time (both functions above).
fn object_attr_once(
    cell: &'static OnceLock<Option<Value>>,
    name: impl FnOnce(&'static BuiltinTypes) -> &'static Arc<PyStr>,
) -> Option<&'static Value> {
    cell.get_or_init(|| {
        let t = types();
        t.object.dict.get_str(name(t))
    })
    .as_ref()
}

/// `TypeError: 'X' object is not callable`.
pub fn not_callable(f: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not callable", f.type_name()))
}

/// Whether `v` can be called (`callable(v)`).
pub fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Method(_) | Value::Native(_) | Value::Type(_) => true,
        Value::Instance(i) => i.class.lookup(&types().names.call).is_some(),
        _ => false,
    }
}

/// How a native function found on a class binds (`NativeKind`).
pub fn native_binds(kind: NativeKind) -> bool {
    matches!(kind, NativeKind::Method | NativeKind::ClassMethod)
}
