//! Built-in functions, and the dispatch of every native (non-Python) call.
//!
//! ```text
//!   CALL n ─┬─ Value::Function  → a new frame (vm::frame)
//!           ├─ Value::Builtin   → call_builtin (functions.rs, modules/)
//!           ├─ Value::Method    → methods.rs (str/list/dict) or modules/
//!           └─ Value::ExcType   → a new exception instance (exc.rs)
//! ```
//!
//! Builtins never call back into Python code (MiniPy has no `key=`
//! functions), so a native call never nests an eval loop.
//!
//! Python equivalent: `Python/bltinmodule.c`.

pub mod attrs;
pub mod exc;
pub mod format;
mod functions;
mod methods;

use crate::v1::vm::exception::{ExcKind, PyErr, PyResult, ALL_KINDS};
use crate::v1::vm::value::Value;
use crate::v1::vm::ThreadCtx;
use std::sync::Arc;

/// Every native function MiniPy knows, builtins and module functions alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Builtin {
    Print,
    Range,
    Len,
    Str,
    Int,
    Float,
    Bool,
    Abs,
    Min,
    Max,
    Sum,
    Sorted,
    Enumerate,
    Zip,
    List,
    Tuple,
    Dict,
    Repr,
    Isinstance,
    Round,
    // threading
    Thread,
    Lock,
    RLock,
    Event,
    Semaphore,
    BoundedSemaphore,
    Condition,
    CurrentThread,
    MainThread,
    ActiveCount,
    GetIdent,
    // time
    Sleep,
    Time,
    PerfCounter,
    Monotonic,
    // queue
    Queue,
    // sys
    SetSwitchInterval,
    GetSwitchInterval,
    Exit,
}

/// Names visible without an import.
const GLOBAL_BUILTINS: &[(&str, Builtin)] = &[
    ("print", Builtin::Print),
    ("range", Builtin::Range),
    ("len", Builtin::Len),
    ("str", Builtin::Str),
    ("int", Builtin::Int),
    ("float", Builtin::Float),
    ("bool", Builtin::Bool),
    ("abs", Builtin::Abs),
    ("min", Builtin::Min),
    ("max", Builtin::Max),
    ("sum", Builtin::Sum),
    ("sorted", Builtin::Sorted),
    ("enumerate", Builtin::Enumerate),
    ("zip", Builtin::Zip),
    ("list", Builtin::List),
    ("tuple", Builtin::Tuple),
    ("dict", Builtin::Dict),
    ("repr", Builtin::Repr),
    ("isinstance", Builtin::Isinstance),
    ("round", Builtin::Round),
];

impl Builtin {
    /// The function's Python name.
    pub fn name(self) -> &'static str {
        if let Some((n, _)) = GLOBAL_BUILTINS.iter().find(|(_, b)| *b == self) {
            return n;
        }
        match self {
            Builtin::Thread => "Thread",
            Builtin::Lock => "allocate_lock",
            Builtin::RLock => "RLock",
            Builtin::Event => "Event",
            Builtin::Semaphore => "Semaphore",
            Builtin::BoundedSemaphore => "BoundedSemaphore",
            Builtin::Condition => "Condition",
            Builtin::CurrentThread => "current_thread",
            Builtin::MainThread => "main_thread",
            Builtin::ActiveCount => "active_count",
            Builtin::GetIdent => "get_ident",
            Builtin::Sleep => "sleep",
            Builtin::Time => "time",
            Builtin::PerfCounter => "perf_counter",
            Builtin::Monotonic => "monotonic",
            Builtin::Queue => "Queue",
            Builtin::SetSwitchInterval => "setswitchinterval",
            Builtin::GetSwitchInterval => "getswitchinterval",
            Builtin::Exit => "exit",
            _ => "?",
        }
    }
}

/// The builtin (function or exception class) called `name`, if any.
pub fn lookup(name: &str) -> Option<Value> {
    if let Some((_, b)) = GLOBAL_BUILTINS.iter().find(|(n, _)| *n == name) {
        return Some(Value::Builtin(*b));
    }
    ALL_KINDS
        .iter()
        .find(|k| k.name() == name)
        .map(|k| Value::ExcType(*k))
}

/// Rejects keyword arguments for functions that take none.
pub(crate) fn no_kwargs(name: &str, kwargs: &[(Arc<String>, Value)]) -> PyResult<()> {
    match kwargs.first() {
        None => Ok(()),
        Some((k, _)) => Err(PyErr::type_error(format!(
            "{name}() got an unexpected keyword argument '{k}'"
        ))),
    }
}

/// Checks a positional argument count.
pub(crate) fn arity(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name}() takes exactly {min} arguments ({n} given)"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    };
    Err(PyErr::type_error(msg))
}

/// Takes keyword `name` out of `kwargs`.
pub(crate) fn take_kw(kwargs: &mut Vec<(Arc<String>, Value)>, name: &str) -> Option<Value> {
    let i = kwargs.iter().position(|(k, _)| k.as_str() == name)?;
    Some(kwargs.remove(i).1)
}

impl ThreadCtx {
    /// Calls a builtin, a bound method or an exception class.
    pub fn call_native(
        &mut self,
        callee: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Arc<String>, Value)>,
    ) -> PyResult {
        match callee {
            Value::Builtin(b) => self.call_builtin(*b, args, kwargs),
            Value::Method(m) => self.call_method(&m.recv, m.name, args, kwargs),
            Value::ExcType(k) => {
                no_kwargs(k.name(), &kwargs)?;
                Ok(exc::new_exception(*k, args))
            }
            Value::Function(_) => self.call_value(callee, args, kwargs),
            other => Err(PyErr::type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }

    fn call_builtin(
        &mut self,
        b: Builtin,
        args: Vec<Value>,
        kwargs: Vec<(Arc<String>, Value)>,
    ) -> PyResult {
        use Builtin::*;
        match b {
            Thread | Lock | RLock | Event | Semaphore | BoundedSemaphore | Condition
            | CurrentThread | MainThread | ActiveCount | GetIdent | Queue => {
                crate::v1::modules::threading::call(self, b, args, kwargs)
            }
            Sleep | Time | PerfCounter | Monotonic | SetSwitchInterval | GetSwitchInterval
            | Exit => crate::v1::modules::call_time_sys(self, b, args, kwargs),
            _ => functions::call(self, b, args, kwargs),
        }
    }

    /// Calls built-in method `name` of `recv`.
    pub(crate) fn call_method(
        &mut self,
        recv: &Value,
        name: &'static str,
        args: Vec<Value>,
        kwargs: Vec<(Arc<String>, Value)>,
    ) -> PyResult {
        match recv {
            Value::Object(_) => {
                crate::v1::modules::threading::call_method(self, recv, name, args, kwargs)
            }
            _ => methods::call(recv, name, args, kwargs),
        }
    }
}

/// `ExcKind` for `queue.Empty` etc. is re-exported for modules.
pub use crate::v1::vm::exception::ExcKind as Kind;

#[allow(dead_code)]
fn _kind_used(_: ExcKind) {}
