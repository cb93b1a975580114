//! Exceptions: the built-in classes and their hierarchy, the state every
//! exception instance carries, and [`PyErr`], what a failing operation
//! returns.
//!
//! ```text
//!   BaseException ─┬─ SystemExit, KeyboardInterrupt, GeneratorExit
//!                  └─ Exception ─┬─ ArithmeticError ── ZeroDivisionError, OverflowError, ...
//!                                ├─ LookupError ────── KeyError, IndexError
//!                                ├─ OSError ────────── ConnectionError ── ..., TimeoutError, ...
//!                                ├─ RuntimeError ───── RecursionError, NotImplementedError
//!                                └─ StopIteration, TypeError, ValueError, AttributeError, ...
//! ```
//!
//! Exceptions are ordinary instances (`class MyError(Exception)` works like
//! any class); their [`ExcState`] payload holds `args`, the traceback they
//! collect while unwinding, and the two chain links that make CPython's
//! "During handling of the above exception, another exception occurred"
//! (`__context__`) and "The above exception was the direct cause of the
//! following exception" (`__cause__`).
//!
//! Python equivalent: `Objects/exceptions.c`.

use super::builtin_types::types;
use super::instance::{Instance, Payload};
use super::module::Globals;
use super::str::PyStr;
use super::value::Value;
use crate::bytecode::{Code, Span};
use crate::object::refcount::Arc;

/// Declares the built-in exception classes: `Kind => "name", parent`.
macro_rules! exc_kinds {
    ($($kind:ident => $parent:ident),* $(,)?) => {
        /// A built-in exception class.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum ExcKind { BaseException, $($kind),* }

        /// Every built-in exception class with its base, bases first.
        pub const EXC_KINDS: &[(ExcKind, Option<ExcKind>)] = &[
            (ExcKind::BaseException, None),
            $((ExcKind::$kind, Some(ExcKind::$parent))),*
        ];

        impl ExcKind {
            /// The class name.
            pub fn name(self) -> &'static str {
                match self {
                    ExcKind::BaseException => "BaseException",
                    $(ExcKind::$kind => stringify!($kind)),*
                }
            }
        }
    };
}

exc_kinds! {
    SystemExit => BaseException,
    KeyboardInterrupt => BaseException,
    GeneratorExit => BaseException,
    Exception => BaseException,
    StopIteration => Exception,
    StopAsyncIteration => Exception,
    ArithmeticError => Exception,
    FloatingPointError => ArithmeticError,
    OverflowError => ArithmeticError,
    ZeroDivisionError => ArithmeticError,
    AssertionError => Exception,
    AttributeError => Exception,
    BufferError => Exception,
    EOFError => Exception,
    ImportError => Exception,
    ModuleNotFoundError => ImportError,
    LookupError => Exception,
    IndexError => LookupError,
    KeyError => LookupError,
    MemoryError => Exception,
    NameError => Exception,
    UnboundLocalError => NameError,
    OSError => Exception,
    BlockingIOError => OSError,
    ChildProcessError => OSError,
    ConnectionError => OSError,
    BrokenPipeError => ConnectionError,
    ConnectionAbortedError => ConnectionError,
    ConnectionRefusedError => ConnectionError,
    ConnectionResetError => ConnectionError,
    FileExistsError => OSError,
    FileNotFoundError => OSError,
    InterruptedError => OSError,
    IsADirectoryError => OSError,
    NotADirectoryError => OSError,
    PermissionError => OSError,
    ProcessLookupError => OSError,
    TimeoutError => OSError,
    ReferenceError => Exception,
    RuntimeError => Exception,
    NotImplementedError => RuntimeError,
    RecursionError => RuntimeError,
    SyntaxError => Exception,
    IndentationError => SyntaxError,
    TabError => IndentationError,
    SystemError => Exception,
    TypeError => Exception,
    ValueError => Exception,
    UnicodeError => ValueError,
    UnicodeDecodeError => UnicodeError,
    UnicodeEncodeError => UnicodeError,
    Warning => Exception,
    DeprecationWarning => Warning,
    RuntimeWarning => Warning,
    UserWarning => Warning,
}

/// One traceback entry: which code, which line, which expression.
#[derive(Clone)]
pub struct TbEntry {
    /// The code object (file and function name, source lines).
    pub code: Arc<Code>,
    /// The line executing when the exception passed through.
    pub line: u32,
    /// The span of the failing instruction's expression (the markers).
    pub span: Span,
}

/// What every exception instance carries.
pub struct ExcState {
    /// `e.args` (a tuple).
    pub args: Value,
    /// Frames it unwound through, innermost first (printed reversed).
    pub traceback: Vec<TbEntry>,
    /// `__context__`: the exception being handled when this one was
    /// raised.
    pub context: Option<Value>,
    /// `__cause__`: set by `raise ... from cause`.
    pub cause: Option<Value>,
    /// `__suppress_context__`: set by `raise ... from ...` (also `from
    /// None`), so the context is not printed.
    pub suppress_context: bool,
    /// What a failed lookup was looking for (`NameError.name`,
    /// `AttributeError.name` / `.obj`): set by the VM where the lookup
    /// failed, read when the traceback offers "Did you mean: ...?".
    pub lookup: Option<FailedLookup>,
}

/// The lookup an `AttributeError` or `NameError` reports, kept so the
/// traceback can suggest a near name (CPython 3.11's `name`/`obj` fields,
/// which `Python/suggestions.c` reads).
#[derive(Clone)]
pub enum FailedLookup {
    /// A global (or builtin) `name` was not found; `globals` is the
    /// namespace of the frame that looked (CPython reads the innermost
    /// frame's `f_globals` when it prints the traceback).
    Name {
        /// The name that was not defined.
        name: Arc<PyStr>,
        /// The module namespace searched.
        globals: Arc<Globals>,
    },
    /// `obj.name` was not found (set where `getattr` failed, as CPython
    /// 3.11's `PyObject_GetAttr` sets `name` and `obj`).
    Attribute {
        /// The attribute name.
        name: Arc<PyStr>,
        /// The object that lacked it.
        obj: Value,
    },
}

impl ExcState {
    /// Fresh state with these args.
    pub fn new(args: Value) -> ExcState {
        ExcState {
            args,
            traceback: Vec::new(),
            context: None,
            cause: None,
            suppress_context: false,
            lookup: None,
        }
    }
}

/// Why an operation did not produce a value.
#[derive(Clone)]
pub enum PyErr {
    /// A Python exception (an instance of a `BaseException` subclass).
    Exc(Arc<Instance>),
    /// The deadlock detector stopped this thread: unwind without running
    /// handlers (the report is printed once, by the detector).
    Deadlock,
    /// The interpreter is finishing and this (daemon) thread is stopped:
    /// unwind without running handlers, print nothing (CPython stops
    /// daemon threads at exit the same silent way).
    Finalizing,
}

/// Shorthand for fallible operations.
pub type PyResult<T = Value> = Result<T, PyErr>;

impl PyErr {
    /// A new exception of a built-in class with a string message.
    pub fn new(kind: ExcKind, msg: impl Into<String>) -> PyErr {
        PyErr::from_args(kind, vec![Value::str(&msg.into())])
    }

    /// A new exception of a built-in class with these args.
    pub fn from_args(kind: ExcKind, args: Vec<Value>) -> PyErr {
        let class = types().exc(kind).clone();
        PyErr::Exc(Arc::new(Instance::new(
            class,
            Payload::Exception(Box::new(super::cell::PyCell::new(ExcState::new(
                Value::tuple(args),
            )))),
        )))
    }

    /// `TypeError(msg)`.
    pub fn type_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::TypeError, msg)
    }

    /// `ValueError(msg)`.
    pub fn value_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ValueError, msg)
    }

    /// `AttributeError(msg)`.
    pub fn attribute_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::AttributeError, msg)
    }

    /// `IndexError(msg)`.
    pub fn index_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::IndexError, msg)
    }

    /// `KeyError(key)`.
    pub fn key_error(key: Value) -> PyErr {
        PyErr::from_args(ExcKind::KeyError, vec![key])
    }

    /// `OverflowError(msg)`.
    pub fn overflow(msg: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::OverflowError, msg)
    }

    /// `ZeroDivisionError(msg)`.
    pub fn zero_division(msg: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ZeroDivisionError, msg)
    }

    /// `StopIteration()` (or `StopIteration(value)` when a generator
    /// returned something).
    pub fn stop_iteration(value: Option<Value>) -> PyErr {
        PyErr::from_args(ExcKind::StopIteration, value.into_iter().collect())
    }

    /// Whether this is an exception of (a subclass of) built-in `kind`.
    pub fn is(&self, kind: ExcKind) -> bool {
        match self {
            PyErr::Exc(e) => e.class.is_subtype(types().exc(kind)),
            PyErr::Deadlock | PyErr::Finalizing => false,
        }
    }

    /// Records the failed lookup this exception reports (see
    /// [`FailedLookup`]); a no-op for the non-exception unwinds.
    pub fn with_lookup(self, lookup: FailedLookup) -> PyErr {
        if let PyErr::Exc(e) = &self {
            if let Some(st) = e.exc() {
                let old = st.lock().lookup.replace(lookup);
                drop(old);
            }
        }
        self
    }

    /// The exception instance as a value (`None` for a deadlock unwind).
    pub fn value(&self) -> Option<Value> {
        match self {
            PyErr::Exc(e) => Some(Value::Instance(e.clone())),
            PyErr::Deadlock | PyErr::Finalizing => None,
        }
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PyErr::Exc(e) => write!(f, "PyErr({})", e.class.name.as_str()),
            PyErr::Deadlock => f.write_str("PyErr(deadlock)"),
            PyErr::Finalizing => f.write_str("PyErr(finalizing)"),
        }
    }
}
