//! # The native API: Rust functions, classes and modules as Python objects
//!
//! How the built-in functions (`builtins/`), the methods of the built-in
//! types and the native modules (`modules/`: `_thread`, `time`, `math`,
//! `_collections`, ...) are written. Read this before adding one.
//!
//! ```text
//!   fn sqrt(vm: &mut ThreadCtx, args: Args) -> PyResult  ── one NativeSpec ─┐
//!   static MATH: NativeModule { name: "math", functions: &[...], init }  ◀──┘
//!   static REGISTRY: Registry { modules: &[&MATH, ...], types: &[...], embedded: &[...] }
//!                                  (the one dispatch table: `src/registry.rs`)
//!   import math ─▶ vm/import.rs finds "math" in the registry ─▶ a Module whose
//!                  attributes are Value::Native(NativeFunction { imp: &spec })
//!   math.sqrt(2) ─▶ CALL ─▶ spec.func(vm, args)
//! ```
//!
//! ## A native function
//! ```ignore
//! use crate::vm::args::float_arg;
//! use crate::vm::native::{Args, NativeSpec};
//! fn sqrt(vm: &mut ThreadCtx, args: Args) -> PyResult {
//!     let [x] = args.bind("sqrt", ["x"], 1)?;        // CPython's messages for bad arguments
//!     let x = float_arg(vm, x.unwrap())?;              // vm/args.rs: index_arg, float_arg, str_arg
//!     Ok(Value::Float(x.sqrt()))
//! }
//! pub static FUNCTIONS: &[NativeSpec] = &[NativeSpec::function("sqrt", sqrt)];
//! ```
//! `args.positional()` are the positional arguments (for a method, the
//! receiver first), `args.kw(name)` a keyword argument; [`Args::bind`] does
//! Python's positional-or-keyword binding in one call. No argument is
//! copied to the heap for a call with up to 8 arguments.
//!
//! ## Errors
//! Return `Err(PyErr::new(ExcKind::ValueError, "msg"))` (or the shorthands
//! `PyErr::type_error`, ...): the VM adds the traceback entry of the
//! calling line. Use CPython 3.11's message text: programs print them.
//!
//! ## Calling back into Python
//! A native that must run Python code — a `key=` function, `__eq__`,
//! `__repr__`, iterating a generator — calls [`ThreadCtx::call`]
//! (`vm/invoke.rs`) or the helpers built on it (`vm.repr(v)`, `vm.eq(a, b)`,
//! `vm.iterate(v)`, `vm.next(it)`). That runs a nested frame loop; a guard
//! measures the native stack left and raises `RecursionError` long before
//! it could overflow. Rules: never hold a [`PyCell`] guard across such a
//! call (copy out first, see `object/cell.rs`), and never across a GIL
//! release.
//!
//! ## Blocking
//! Anything that may wait (a lock, a sleep, a socket) runs inside
//! `vm.blocking(|| ...)`, which releases the GIL around it exactly as
//! CPython's `Py_BEGIN_ALLOW_THREADS` does. The closure must not touch
//! Python objects.
//!
//! ## A native class
//! ```ignore
//! pub static LOCK: NativeClass = NativeClass::new("lock", "_thread", &[
//!     NativeSpec::method("acquire", lock_acquire),
//!     NativeSpec::method("__enter__", lock_acquire),
//!     NativeSpec::getter("locked_flag", lock_locked),  // read-only attribute
//! ]);
//! // a new instance carrying Rust state:
//! let v = LOCK.instance(LockState { .. });
//! // in a method, the receiver's state:
//! let me: &LockState = args.native_self(&LOCK, "acquire")?;
//! ```
//! The class object is created once per process (`LOCK.class()`); its
//! instances are `Value::Instance`s with `Payload::Native(state)`. A
//! `__new__` spec makes the class callable from Python; `__init__`,
//! `__repr__`, `__iter__`/`__next__`, `__enter__`/`__exit__`, `__call__`
//! and friends are looked up like any special method. Set `basetype` to
//! let Python classes subclass it.
//!
//! ## A native module
//! ```ignore
//! pub static MODULE: NativeModule = NativeModule {
//!     name: "_thread",
//!     functions: &[NativeSpec::function("get_ident", get_ident), ...],
//!     classes: &[&LOCK, &RLOCK],
//!     init: Some(init),        // constants: |vm, m| { m.add("TIMEOUT_MAX", Value::Float(..)); Ok(()) }
//! };
//! ```
//! then add `&MODULE` to the registry in `src/registry.rs`. A method of a
//! built-in type goes into that type's table there (`("list", LIST_METHODS)`).
//!
//! Python equivalent: `PyMethodDef` / `METH_FASTCALL | METH_KEYWORDS`,
//! `PyType_Spec`, `PyModuleDef`, `Py_EnterRecursiveCall`.

use super::ThreadCtx;
use crate::object::builtin_types::types;
use crate::object::cell::PyCell;
use crate::object::dict::Dict;
use crate::object::function::{NativeFunction, NativeKind};
use crate::object::instance::{Instance, Payload};
use crate::object::refcount::Arc;
use crate::object::str::{intern, PyStr};
use crate::object::types::{Layout, Type, TypeFlags, TypeSpec};
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::any::Any;
use std::sync::OnceLock;

/// The signature of every native function.
pub type NativeFn = fn(&mut ThreadCtx, Args<'_>) -> PyResult;

/// A native function or method: what a [`NativeFunction`] value points to.
pub struct NativeSpec {
    /// `__name__`.
    pub name: &'static str,
    /// How it binds when found on a class.
    pub kind: NativeKind,
    /// The code.
    pub func: NativeFn,
    /// A read-only attribute (computed by `func` with the receiver as the
    /// only argument) rather than a method.
    pub getter: bool,
    /// Whether the instruction loop may do this native's work itself
    /// (`list_calls.rs`); `func` stays the plain path.
    pub inline: InlineNative,
}

/// A native whose common case the instruction loop runs in place,
/// without an argument array or [`Args`] (CPython 3.11's
/// `PRECALL_NO_KW_LIST_APPEND` and friends). Set by the owning type's
/// method table with [`NativeSpec::inlined_as`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InlineNative {
    /// Always through `func`.
    No,
    /// `list.append(x)`.
    ListAppend,
    /// `list.pop()` with no index.
    ListPop,
    /// The built-in `len(x)` (`builtin_calls.rs`).
    Len,
    /// The built-in `isinstance(x, C)` (`builtin_calls.rs`).
    IsInstance,
}

impl NativeSpec {
    /// A module-level function.
    pub const fn function(name: &'static str, func: NativeFn) -> NativeSpec {
        NativeSpec {
            name,
            kind: NativeKind::Function,
            func,
            getter: false,
            inline: InlineNative::No,
        }
    }

    /// An instance method (the receiver is `args.positional()[0]`).
    pub const fn method(name: &'static str, func: NativeFn) -> NativeSpec {
        NativeSpec {
            name,
            kind: NativeKind::Method,
            func,
            getter: false,
            inline: InlineNative::No,
        }
    }

    /// A class method (the class is `args.positional()[0]`).
    pub const fn classmethod(name: &'static str, func: NativeFn) -> NativeSpec {
        NativeSpec {
            name,
            kind: NativeKind::ClassMethod,
            func,
            getter: false,
            inline: InlineNative::No,
        }
    }

    /// A static method (`__new__` is one: the class comes first).
    pub const fn staticmethod(name: &'static str, func: NativeFn) -> NativeSpec {
        NativeSpec {
            name,
            kind: NativeKind::StaticMethod,
            func,
            getter: false,
            inline: InlineNative::No,
        }
    }

    /// A read-only attribute: `func(receiver)` computes it on access.
    pub const fn getter(name: &'static str, func: NativeFn) -> NativeSpec {
        NativeSpec {
            name,
            kind: NativeKind::Method,
            func,
            getter: true,
            inline: InlineNative::No,
        }
    }

    /// The same spec, marked as one the instruction loop runs in place in
    /// its common case (`list_calls.rs`, `builtin_calls.rs`).
    pub const fn inlined_as(self, inline: InlineNative) -> NativeSpec {
        NativeSpec { inline, ..self }
    }

    /// The function object for this spec, owned by `owner` (a class or
    /// module name, for `__qualname__` and messages).
    pub fn to_value(&'static self, owner: &'static str) -> Value {
        Value::Native(Arc::new(NativeFunction {
            name: self.name,
            owner,
            kind: self.kind,
            imp: self,
        }))
    }
}

/// The spec behind a native function value.
#[inline]
pub fn spec_of(f: &NativeFunction) -> Option<&'static NativeSpec> {
    f.imp.downcast_ref::<NativeSpec>()
}

/// The arguments of a native call: positional values, then keyword values
/// with their names.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    /// Positional arguments (the receiver first, for methods).
    pos: &'a [Value],
    /// Keyword argument names.
    kwnames: &'a [Value],
    /// Keyword argument values, in `kwnames` order.
    kwvalues: &'a [Value],
    /// The first positional argument is the receiver of a method: error
    /// messages do not count it (`get expected at least 1 argument`).
    receiver: bool,
}

impl<'a> Args<'a> {
    /// The arguments of a call of `spec` (methods get their receiver
    /// first).
    pub fn for_spec(
        spec: &NativeSpec,
        pos: &'a [Value],
        kwnames: &'a [Value],
        kwvalues: &'a [Value],
    ) -> Args<'a> {
        let mut a = Args::new(pos, kwnames, kwvalues);
        a.receiver = matches!(spec.kind, NativeKind::Method) && !pos.is_empty();
        a
    }

    /// Arguments from slices (`kwnames` are `str` values).
    pub fn new(pos: &'a [Value], kwnames: &'a [Value], kwvalues: &'a [Value]) -> Args<'a> {
        Args {
            pos,
            kwnames,
            kwvalues,
            receiver: false,
        }
    }

    /// Positional arguments only.
    pub fn positional_only(pos: &'a [Value]) -> Args<'a> {
        Args {
            pos,
            kwnames: &[],
            kwvalues: &[],
            receiver: false,
        }
    }

    /// The keyword names (`str` values), in call order; for passing a
    /// call on unchanged (`list[int](...)`).
    pub fn kwnames(&self) -> &'a [Value] {
        self.kwnames
    }

    /// The keyword values, parallel to [`kwnames`](Self::kwnames).
    pub fn kwvalues(&self) -> &'a [Value] {
        self.kwvalues
    }

    /// The positional arguments.
    #[inline]
    pub fn positional(&self) -> &'a [Value] {
        self.pos
    }

    /// The number of positional arguments.
    #[inline]
    pub fn len(&self) -> usize {
        self.pos.len()
    }

    /// Whether there are no arguments at all.
    pub fn is_empty(&self) -> bool {
        self.pos.is_empty() && self.kwnames.is_empty()
    }

    /// Positional argument `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&'a Value> {
        self.pos.get(i)
    }

    /// The receiver of a method call and the other arguments.
    pub fn split_self(&self) -> (Option<&'a Value>, Args<'a>) {
        match self.pos.split_first() {
            Some((first, rest)) => (
                Some(first),
                Args {
                    pos: rest,
                    receiver: false,
                    ..*self
                },
            ),
            None => (None, *self),
        }
    }

    /// Keyword argument `name`.
    pub fn kw(&self, name: &str) -> Option<&'a Value> {
        self.kwnames
            .iter()
            .position(|k| matches!(k, Value::Str(s) if s.as_str() == name))
            .map(|i| &self.kwvalues[i])
    }

    /// The keyword arguments as `(name, value)` pairs.
    pub fn kwargs(&self) -> impl Iterator<Item = (&'a PyStr, &'a Value)> {
        self.kwnames
            .iter()
            .zip(self.kwvalues.iter())
            .filter_map(|(k, v)| match k {
                Value::Str(s) => Some((&**s, v)),
                _ => None,
            })
    }

    /// Whether any keyword argument was given.
    pub fn has_kwargs(&self) -> bool {
        !self.kwnames.is_empty()
    }

    /// `TypeError` unless there are no keyword arguments.
    pub fn no_kwargs(&self, fname: &str) -> PyResult<()> {
        match self.kwargs().next() {
            None => Ok(()),
            Some(_) => Err(PyErr::type_error(format!(
                "{fname}() takes no keyword arguments"
            ))),
        }
    }

    /// Checks the positional count (`min..=max`) with CPython's messages.
    pub fn arity(&self, fname: &str, min: usize, max: usize) -> PyResult<()> {
        let n = self.pos.len();
        if n >= min && n <= max {
            return Ok(());
        }
        let skip = usize::from(self.receiver);
        let (n, min, max) = (
            n.saturating_sub(skip),
            min.saturating_sub(skip),
            max.saturating_sub(skip),
        );
        let msg = if min == max {
            match min {
                0 => format!("{fname}() takes no arguments ({n} given)"),
                1 => format!("{fname}() takes exactly one argument ({n} given)"),
                _ => format!("{fname} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!(
                "{fname} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{fname} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        };
        Err(PyErr::type_error(msg))
    }

    /// Python's binding of positional-or-keyword parameters `names`, the
    /// first `required` of them required: each result is the argument
    /// given for that parameter (by position or by name), if any.
    pub fn bind<const N: usize>(
        &self,
        fname: &str,
        names: [&str; N],
        required: usize,
    ) -> PyResult<[Option<&'a Value>; N]> {
        let mut out: [Option<&'a Value>; N] = [None; N];
        if self.pos.len() > N {
            let takes = if required == N {
                format!("{N} positional argument{}", if N == 1 { "" } else { "s" })
            } else {
                format!("from {required} to {N} positional arguments")
            };
            return Err(PyErr::type_error(format!(
                "{fname}() takes {takes} but {} {} given",
                self.pos.len(),
                if self.pos.len() == 1 { "was" } else { "were" }
            )));
        }
        for (i, v) in self.pos.iter().enumerate() {
            out[i] = Some(v);
        }
        for (k, v) in self.kwargs() {
            match names.iter().position(|n| *n == k.as_str()) {
                Some(i) if out[i].is_some() => {
                    return Err(PyErr::type_error(format!(
                        "{fname}() got multiple values for argument '{}'",
                        k.as_str()
                    )))
                }
                Some(i) => out[i] = Some(v),
                None => {
                    return Err(PyErr::type_error(format!(
                        "{fname}() got an unexpected keyword argument '{}'",
                        k.as_str()
                    )))
                }
            }
        }
        if let Some(i) = (0..required).find(|&i| out[i].is_none()) {
            return Err(PyErr::type_error(format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
        Ok(out)
    }

    /// The receiver's native state, if the receiver is an instance of
    /// `class` (or a subclass).
    pub fn native_self<T: Any>(
        &self,
        class: &'static NativeClass,
        method: &str,
    ) -> PyResult<&'a T> {
        let recv = self.pos.first();
        if let Some(Value::Instance(i)) = recv {
            if let Some(s) = i.native::<T>() {
                return Ok(s);
            }
        }
        Err(PyErr::type_error(format!(
            "descriptor '{method}' for '{}' objects doesn't apply to a '{}' object",
            class.qualified_name(),
            recv.map(|v| v.type_name().to_string()).unwrap_or_default()
        )))
    }
}

/// A class whose methods are native.
pub struct NativeClass {
    /// `__name__`.
    pub name: &'static str,
    /// `__module__`.
    pub module: &'static str,
    /// Methods, special methods (`__new__`, `__repr__`, ...) and getters.
    pub methods: &'static [NativeSpec],
    /// Whether Python classes may subclass it.
    pub basetype: bool,
    /// The base class (`object` when `None`).
    pub base: Option<fn() -> Arc<Type>>,
    /// Instance slots (`__slots__`) the native code reads and writes
    /// through `Instance::slots` (e.g. `defaultdict.default_factory`).
    pub slots: &'static [&'static str],
    /// Whether instances are unhashable: the class dict gets
    /// `__hash__ = None`, as CPython's mutable containers have (`deque`,
    /// `array.array`), instead of inheriting `object.__hash__`.
    pub unhashable: bool,
    /// The class object, created on first use.
    class: OnceLock<Arc<Type>>,
}

impl NativeClass {
    /// A native class deriving from `object`, not subclassable.
    pub const fn new(
        name: &'static str,
        module: &'static str,
        methods: &'static [NativeSpec],
    ) -> NativeClass {
        NativeClass {
            name,
            module,
            methods,
            basetype: false,
            base: None,
            slots: &[],
            unhashable: false,
            class: OnceLock::new(),
        }
    }

    /// The same, subclassable by Python classes.
    pub const fn subclassable(mut self) -> NativeClass {
        self.basetype = true;
        self
    }

    /// The same, with unhashable instances (`__hash__ = None`).
    pub const fn unhashable(mut self) -> NativeClass {
        self.unhashable = true;
        self
    }

    /// The same, deriving from the class `base()` returns.
    pub const fn with_base(mut self, base: fn() -> Arc<Type>) -> NativeClass {
        self.base = Some(base);
        self
    }

    /// The same, with instance slots `names`.
    pub const fn with_slots(mut self, names: &'static [&'static str]) -> NativeClass {
        self.slots = names;
        self
    }

    /// `module.name` (or just the name for builtins).
    pub fn qualified_name(&self) -> String {
        if self.module == "builtins" {
            self.name.to_string()
        } else {
            format!("{}.{}", self.module, self.name)
        }
    }

    /// The class object (created once per process).
    pub fn class(&'static self) -> &'static Arc<Type> {
        self.class.get_or_init(|| {
            let dict = Dict::new();
            for m in self.methods {
                dict.set_str(intern(m.name), m.to_value(self.name));
            }
            if self.unhashable {
                dict.set_str(intern("__hash__"), Value::None);
            }
            let base = match self.base {
                Some(b) => b(),
                None => types().object.clone(),
            };
            let layout = match base.layout {
                Layout::Object => Layout::Native(self.name),
                l => l,
            };
            let flags = TypeFlags::IMMUTABLE
                | if self.basetype {
                    TypeFlags::BASETYPE
                } else {
                    0
                };
            Type::new(TypeSpec {
                name: intern(self.name),
                qualname: intern(self.name),
                module: intern(self.module),
                bases: vec![base],
                dict,
                own_slots: (!self.slots.is_empty())
                    .then(|| self.slots.iter().map(|s| intern(s)).collect()),
                flags,
                layout: Some(layout),
            })
            .unwrap_or_else(|e| panic!("native class {} cannot be created: {}", self.name, e.0))
        })
    }

    /// A new instance carrying `state`.
    pub fn instance<T: Any + Send + Sync>(&'static self, state: T) -> Value {
        Value::Instance(Arc::new(Instance::new(
            self.class().clone(),
            Payload::Native(Box::new(state)),
        )))
    }

    /// A new instance of `class` (this class or a Python subclass of it)
    /// carrying `state` (what a `__new__` returns).
    pub fn instance_of<T: Any + Send + Sync>(class: &Arc<Type>, state: T) -> Value {
        Value::Instance(Arc::new(Instance::new(
            class.clone(),
            Payload::Native(Box::new(state)),
        )))
    }
}

/// What a native module's `init` adds attributes through.
pub struct ModuleInit<'a> {
    /// The module's namespace.
    pub dict: &'a Dict,
}

impl ModuleInit<'_> {
    /// Adds attribute `name`.
    pub fn add(&self, name: &str, v: Value) {
        self.dict.set_str(intern(name), v);
    }
}

/// A module written in Rust.
pub struct NativeModule {
    /// The dotted module name.
    pub name: &'static str,
    /// Its functions.
    pub functions: &'static [NativeSpec],
    /// Its classes.
    pub classes: &'static [&'static NativeClass],
    /// Adds the remaining attributes (constants, exception classes, ...).
    pub init: Option<fn(&mut ThreadCtx, &ModuleInit<'_>) -> PyResult<()>>,
}

/// A module written in Python, embedded in the interpreter.
#[derive(Clone, Copy)]
pub struct EmbeddedModule {
    /// The dotted module name.
    pub name: &'static str,
    /// The source.
    pub source: &'static str,
    /// Whether it is a package (other modules live under its name).
    pub package: bool,
    /// Lines whose traceback number is CPython's (see `ShownLine`).
    pub shown_lines: &'static [ShownLine],
}

/// A line of an embedded module that tracebacks show with CPython's own
/// line number (`SourceLines::shown`): the `occurrence`-th line (in source
/// order, from 0) reading `text` (stripped) in the function `qualname`.
#[derive(Debug, Clone, Copy)]
pub struct ShownLine {
    /// The function's `__qualname__` (`Thread._bootstrap_inner`).
    pub qualname: &'static str,
    /// The line's text, without indentation.
    pub text: &'static str,
    /// Which of the function's lines with that text (0: the first).
    pub occurrence: usize,
    /// The number CPython 3.11 gives it.
    pub line: u32,
}

/// Methods of a built-in type, installed into its namespace at start-up.
pub struct TypeMethods {
    /// The type.
    pub class: fn() -> &'static Arc<Type>,
    /// The methods.
    pub methods: &'static [NativeSpec],
}

/// Everything native the interpreter offers: the one dispatch table
/// (built in `src/registry.rs`, above both `builtins/` and `modules/`).
pub struct Registry {
    /// Native modules (`builtins` among them).
    pub modules: &'static [&'static NativeModule],
    /// Methods of the built-in types.
    pub types: &'static [TypeMethods],
    /// Finds an embedded Python module by dotted name.
    pub embedded: fn(&str) -> Option<EmbeddedModule>,
}

impl Registry {
    /// Installs the built-in types' methods (once per process; built-in
    /// namespaces never change afterwards).
    pub fn install(&'static self) {
        static INSTALLED: std::sync::Once = std::sync::Once::new();
        INSTALLED.call_once(|| {
            for t in self.types {
                let class: &'static Arc<Type> = (t.class)();
                let owner: &'static str = class.name.as_str();
                for m in t.methods {
                    class.dict.set_str(intern(m.name), m.to_value(owner));
                }
                class.modified();
            }
        });
    }

    /// The native module called `name`.
    pub fn native_module(&self, name: &str) -> Option<&'static NativeModule> {
        self.modules.iter().copied().find(|m| m.name == name)
    }

    /// The embedded module called `name`.
    pub fn embedded_module(&self, name: &str) -> Option<EmbeddedModule> {
        (self.embedded)(name)
    }
}

/// Creates the attributes of a native module into `dict`.
pub fn fill_native_module(
    vm: &mut ThreadCtx,
    m: &'static NativeModule,
    dict: &Dict,
) -> PyResult<()> {
    for f in m.functions {
        dict.set_str(intern(f.name), f.to_value(m.name));
    }
    for c in m.classes {
        dict.set_str(intern(c.name), Value::Type(c.class().clone()));
    }
    if let Some(init) = m.init {
        init(vm, &ModuleInit { dict })?;
    }
    Ok(())
}

/// `TypeError` for a call of a native that got the wrong receiver type.
pub fn wrong_self(method: &str, owner: &str, got: &Value) -> PyErr {
    PyErr::type_error(format!(
        "descriptor '{method}' for '{owner}' objects doesn't apply to a '{}' object",
        got.type_name()
    ))
}

/// Shorthand for a `PyCell` in native state.
pub type State<T> = PyCell<T>;

/// `NotImplementedError` naming a construct outside MiniPy.
pub fn outside_minipy(what: &str) -> PyErr {
    PyErr::new(
        ExcKind::NotImplementedError,
        format!("{what} is outside MiniPy"),
    )
}
