//! Callables: Python functions (code + globals + defaults + closure),
//! bound methods, closure cells, and native functions.
//!
//! ```text
//!   def outer():              Code(outer).cellvars = [x]
//!       x = 1                 Code(inner).freevars = [x], closure = [cell 0 of outer]
//!       def inner():          MAKE_FUNCTION: Function { code: inner,
//!           return x                                  closure: [outer's cell for x] }
//!       return inner
//!
//!   obj.method       ─▶ Method { func: <function C.method>, self_: obj }
//!   len              ─▶ Native(NativeFunction { name: "len", imp: <vm's spec> })
//! ```
//!
//! A closure cell is a [`Cell`]: one value slot in the one cell type,
//! shared by the defining frame and every function that closes over it,
//! so `nonlocal` writes are seen by all of them.
//!
//! ## Native functions and the layers
//! A native function's Rust code takes the interpreter (`vm::ThreadCtx`)
//! as its first argument, but this layer sits below the VM and must not
//! name it. So [`NativeFunction::imp`] holds the VM's description of the
//! function as `&'static dyn Any`; the VM downcasts it to its own
//! `vm::native::NativeSpec` when it calls (a type-id comparison). See
//! `vm/native.rs` for how to write one.
//!
//! Python equivalent: `Objects/funcobject.c`, `Objects/classobject.c`
//! (`PyMethod`), `Objects/cellobject.c`, `Objects/methodobject.c`.

use super::cell::PyCell;
use super::dict::Dict;
use super::module::Globals;
use super::str::PyStr;
use super::value::Value;
use crate::bytecode::{Code, CodeFlags};
use crate::object::refcount::Arc;
use std::any::Any;
use std::sync::OnceLock;

/// A closure cell: one variable shared by a frame and its inner functions
/// (`None`: the variable is unbound).
pub type Cell = PyCell<Option<Value>>;

/// The settable metadata of a function (`functools.wraps` rewrites it).
#[derive(Clone)]
pub struct FuncMeta {
    /// `__name__`.
    pub name: Arc<PyStr>,
    /// `__qualname__`.
    pub qualname: Arc<PyStr>,
    /// `__doc__`.
    pub doc: Value,
    /// `__module__`.
    pub module: Value,
}

/// What the call fast path asks of a function's code, copied into the
/// function when it is made: the path then reads the function's own
/// first cache line instead of fields spread over the large `Code` (perf:
/// the load of `code.kwonlyargcount` was a fifth of `call_stack`'s time in
/// richards). `Code` is immutable, so the copy never goes stale.
#[derive(Clone, Copy, Debug)]
pub struct CallShape {
    /// Positional parameters (`co_argcount`).
    pub argcount: u32,
    /// Local variable slots (`len(co_varnames)`).
    pub nlocals: u32,
    /// Only positional parameters: no keyword-only ones, no `*args`, no
    /// `**kwargs` (the shape `args::simple_positional` accepts).
    pub plain_positional: bool,
    /// A generator or coroutine function: a call makes a generator.
    pub makes_generator: bool,
    /// The frame needs cells (cell or free variables).
    pub has_cells: bool,
    /// A call with exactly `argcount` positional arguments binds by moving
    /// them into the first local slots and nothing else: plain positional
    /// parameters, not a generator, no cells (CPython's
    /// `CALL_PY_EXACT_ARGS` condition; `vm/inline_call.rs`).
    pub exact_args: bool,
}

impl CallShape {
    /// The shape of `code`.
    pub fn of(code: &Code) -> CallShape {
        let flags = code.flags.0;
        let plain_positional =
            code.kwonlyargcount == 0 && flags & (CodeFlags::VARARGS | CodeFlags::VARKEYWORDS) == 0;
        let makes_generator = flags & (CodeFlags::GENERATOR | CodeFlags::COROUTINE) != 0;
        let has_cells = code.ncells() != 0;
        CallShape {
            argcount: code.argcount,
            nlocals: code.varnames.len() as u32,
            plain_positional,
            makes_generator,
            has_cells,
            exact_args: plain_positional && !makes_generator && !has_cells,
        }
    }
}

/// A Python function. `repr(C)`: the fields a call reads (`call`, `code`,
/// `globals`, `defaults`) come first, in the allocation's first cache line
/// or two, in this order.
#[repr(C)]
pub struct Function {
    /// What a call needs of `code`, kept beside the pointer to it.
    pub call: CallShape,
    /// The compiled body.
    pub code: Arc<Code>,
    /// The module globals it reads and writes.
    pub globals: Arc<Globals>,
    /// Defaults of the last positional parameters (`__defaults__`).
    pub defaults: Box<[Value]>,
    /// Defaults of keyword-only parameters, by name (`__kwdefaults__`).
    pub kwdefaults: Box<[(Arc<PyStr>, Value)]>,
    /// The cells of its free variables, in `code.freevars` order.
    pub closure: Box<[Arc<Cell>]>,
    /// Name, qualname, doc, module (settable).
    pub meta: PyCell<FuncMeta>,
    /// `__dict__` (function attributes), created on first use.
    pub dict: OnceLock<Arc<Dict>>,
}

impl Function {
    /// The function's `__dict__`, creating it.
    pub fn dict(&self) -> &Arc<Dict> {
        self.dict.get_or_init(|| Arc::new(Dict::new()))
    }

    /// `__qualname__`.
    pub fn qualname(&self) -> Arc<PyStr> {
        self.meta.lock().qualname.clone()
    }

    /// `__name__`.
    pub fn name(&self) -> Arc<PyStr> {
        self.meta.lock().name.clone()
    }
}

/// A bound method: a callable and the object it is bound to.
pub struct Method {
    /// The function (a `Function` or a native method).
    pub func: Value,
    /// `__self__`: the receiver (or the class, for a classmethod).
    pub self_: Value,
}

/// How a native function binds when found on a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NativeKind {
    /// A module-level function: never binds.
    Function,
    /// An instance method (`list.append`): binds to the instance.
    Method,
    /// A class method (`dict.fromkeys`): binds to the class.
    ClassMethod,
    /// A static method: never binds.
    StaticMethod,
}

/// A function implemented in Rust.
pub struct NativeFunction {
    /// `__name__`.
    pub name: &'static str,
    /// The class or module it belongs to (for `__qualname__` and error
    /// messages: `list.append`); empty for builtins.
    pub owner: &'static str,
    /// How it binds.
    pub kind: NativeKind,
    /// The VM's description of the function (`vm::native::NativeSpec`),
    /// erased so this layer does not depend on the VM.
    pub imp: &'static (dyn Any + Send + Sync),
}

impl NativeFunction {
    /// `__qualname__`: `owner.name` for a method (`list.append`), just
    /// `name` for a module's function (`print`, `sleep`), as CPython's.
    pub fn qualname(&self) -> String {
        if self.owner.is_empty() || self.kind == NativeKind::Function {
            self.name.to_string()
        } else {
            format!("{}.{}", self.owner, self.name)
        }
    }

    /// `__module__`: the owning module of a module-level function, `None`
    /// for a method of a built-in class (as CPython's
    /// `builtin_function_or_method`).
    pub fn module(&self) -> Option<&'static str> {
        (self.kind == NativeKind::Function && !self.owner.is_empty()).then_some(self.owner)
    }
}
