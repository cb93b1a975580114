//! `Value`: every MiniPy object, in 16 bytes.
//!
//! ```text
//!   Value ─┬─ None | Bool | Int(i64) | Float(f64)     inline, no refcount
//!          ├─ Str(Arc<String>) | Tuple(Arc<Vec>)       immutable: no lock
//!          ├─ List(Arc<Mutex<Vec>>) | Dict(Arc<Mutex>) mutable: a per-object
//!          │                                           lock (free-threading)
//!          └─ Function | Builtin | Method | Module | Exception | Iter | Object
//! ```
//!
//! Ints, floats, bools and None live inline, so the count loop never touches
//! a reference count (CPython boxes every int; this is the main reason the
//! VM can beat it). Heap objects are `Arc`s: threads share them freely, and
//! every mutable one carries its own `Mutex`, which is what keeps GIL mode
//! `none` memory-safe (PEP 703 uses per-object locks the same way). Under a
//! GIL the mutexes are uncontended: one atomic swap each way.
//!
//! Simplification: cycles (`xs.append(xs)`) leak, as they would in CPython
//! without its cycle collector.
//!
//! Python equivalent: `PyObject` and the concrete object types.

use super::dict::PyDict;
use super::exception::ExcObj;
use super::iter::IterState;
use crate::v1::builtins::Builtin;
use crate::v1::bytecode::Code;
use crate::v1::modules::Object;
use std::sync::{Arc, Mutex, MutexGuard};

/// A MiniPy value.
#[derive(Clone, Debug)]
pub enum Value {
    /// `None`
    None,
    /// `True` / `False`
    Bool(bool),
    /// `int` (64-bit; overflow raises `OverflowError`).
    Int(i64),
    /// `float`
    Float(f64),
    /// `str`
    Str(Arc<String>),
    /// `list`
    List(Arc<Mutex<Items>>),
    /// `tuple`
    Tuple(Arc<Items>),
    /// `dict`
    Dict(Arc<Mutex<PyDict>>),
    /// `range(start, stop, step)`
    Range(Arc<[i64; 3]>),
    /// A slice object `[lo, hi, step]` (`None` parts as `Value::None`).
    Slice(Arc<[Value; 3]>),
    /// A user function.
    Function(Arc<Function>),
    /// A built-in function (or type used as a constructor).
    Builtin(Builtin),
    /// A method bound to its receiver.
    Method(Arc<BoundMethod>),
    /// An imported module.
    Module(Arc<Module>),
    /// An exception class.
    ExcType(super::exception::ExcKind),
    /// An exception instance.
    Exception(Arc<ExcObj>),
    /// An iterator (for loops, `enumerate`, `zip`, `dict.items()`).
    Iter(Arc<Mutex<IterState>>),
    /// `iter(range(...))`: the hot `for i in range(n)` iterator, lock-free.
    RangeIter(Arc<super::iter::RangeIter>),
    /// A threading / queue object.
    Object(Arc<Object>),
}

/// The items of a list or tuple. Dropping it frees nested containers with
/// an explicit work list instead of recursion, so `x = [x]` repeated a
/// million times cannot overflow the native stack when `x` dies.
#[derive(Clone, Debug, Default)]
pub struct Items(pub Vec<Value>);

impl std::ops::Deref for Items {
    type Target = Vec<Value>;
    fn deref(&self) -> &Vec<Value> {
        &self.0
    }
}

impl std::ops::DerefMut for Items {
    fn deref_mut(&mut self) -> &mut Vec<Value> {
        &mut self.0
    }
}

impl Drop for Items {
    fn drop(&mut self) {
        if !self
            .0
            .iter()
            .any(|v| matches!(v, Value::List(_) | Value::Tuple(_) | Value::Dict(_)))
        {
            return; // flat: the ordinary drop is already iterative
        }
        let mut work = std::mem::take(&mut self.0);
        while let Some(v) = work.pop() {
            match v {
                // Only the last owner frees; its children join the work list
                // and the emptied container drops without recursing.
                Value::List(l) => {
                    if let Ok(m) = Arc::try_unwrap(l) {
                        let mut inner = m.into_inner().unwrap_or_else(|e| e.into_inner());
                        work.append(&mut inner.0);
                    }
                }
                Value::Tuple(t) => {
                    if let Ok(mut inner) = Arc::try_unwrap(t) {
                        work.append(&mut inner.0);
                    }
                }
                Value::Dict(d) => {
                    if let Ok(m) = Arc::try_unwrap(d) {
                        let mut inner = m.into_inner().unwrap_or_else(|e| e.into_inner());
                        for (k, val) in inner.take_entries() {
                            work.push(k);
                            work.push(val);
                        }
                    }
                }
                other => drop(other),
            }
        }
    }
}

/// A user-defined function: code plus default values.
#[derive(Debug)]
pub struct Function {
    /// The compiled body.
    pub code: Arc<Code>,
    /// Defaults for the last parameters.
    pub defaults: Vec<Value>,
}

/// `obj.method`, ready to call.
#[derive(Debug)]
pub struct BoundMethod {
    /// The receiver (`self`).
    pub recv: Value,
    /// The method name (from the fixed method table).
    pub name: &'static str,
}

/// An imported module: `threading`, `time`, `queue` or `sys`.
#[derive(Debug)]
pub struct Module {
    /// Module name.
    pub name: &'static str,
}

/// Locks a per-object mutex, ignoring poisoning: a panic elsewhere never
/// makes a Python object unusable (and the VM does not panic on user input).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Value {
    /// A new `str`.
    pub fn str(s: &str) -> Value {
        Value::Str(Arc::new(s.to_string()))
    }

    /// A new `str` from an owned `String`.
    pub fn string(s: String) -> Value {
        Value::Str(Arc::new(s))
    }

    /// A new `list`.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(Mutex::new(Items(items))))
    }

    /// A new `tuple`.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Arc::new(Items(items)))
    }

    /// Python's type name, as error messages print it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Range(_) => "range",
            Value::Slice(_) => "slice",
            Value::Function(_) => "function",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::Method(_) => "method",
            Value::Module(_) => "module",
            Value::ExcType(_) => "type",
            Value::Exception(e) => e.kind.name(),
            Value::Iter(it) => lock(it).type_name(),
            Value::RangeIter(_) => "range_iterator",
            Value::Object(o) => o.type_name(),
        }
    }

    /// Python truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !lock(l).is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !lock(d).is_empty(),
            Value::Range(r) => super::iter::range_len(r) > 0,
            _ => true,
        }
    }

    /// Whether two constants are the same for the compiler's constant
    /// table (type and value; `1` and `1.0` and `True` stay distinct).
    pub fn same_constant(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Tuple(a), Value::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same_constant(y))
            }
            _ => false,
        }
    }

    /// Identity (`is`): same object for heap values, same value for the
    /// inline ones (CPython caches small ints, None, True and False).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Arc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::List(a), Value::List(b)) => Arc::ptr_eq(a, b),
            (Value::Tuple(a), Value::Tuple(b)) => {
                Arc::ptr_eq(a, b) || (a.is_empty() && b.is_empty())
            }
            (Value::Dict(a), Value::Dict(b)) => Arc::ptr_eq(a, b),
            (Value::Function(a), Value::Function(b)) => Arc::ptr_eq(a, b),
            (Value::Builtin(a), Value::Builtin(b)) => a == b,
            (Value::Module(a), Value::Module(b)) => a.name == b.name,
            (Value::ExcType(a), Value::ExcType(b)) => a == b,
            (Value::Exception(a), Value::Exception(b)) => Arc::ptr_eq(a, b),
            (Value::Object(a), Value::Object(b)) => Arc::ptr_eq(a, b),
            (Value::Iter(a), Value::Iter(b)) => Arc::ptr_eq(a, b),
            (Value::RangeIter(a), Value::RangeIter(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// The object's address, for `<function f at 0x...>`-style reprs.
    pub fn address(&self) -> usize {
        match self {
            Value::Function(f) => Arc::as_ptr(f) as usize,
            Value::Object(o) => Arc::as_ptr(o) as usize,
            Value::Iter(o) => Arc::as_ptr(o) as usize,
            Value::RangeIter(o) => Arc::as_ptr(o) as usize,
            Value::Method(o) => Arc::as_ptr(o) as usize,
            _ => 0,
        }
    }
}
