//! Exceptions: the built-in classes and their hierarchy, exception objects
//! with the traceback they collect while unwinding, and [`PyErr`], what a
//! failing VM operation returns.
//!
//! ```text
//!   Exception ─┬─ ArithmeticError ─┬─ ZeroDivisionError
//!              │                   └─ OverflowError
//!              ├─ LookupError ─────┬─ KeyError
//!              │                   └─ IndexError
//!              ├─ RuntimeError ────┬─ RecursionError
//!              │                   └─ NotImplementedError
//!              ├─ NameError ──────── UnboundLocalError
//!              └─ ValueError, TypeError, AttributeError, AssertionError,
//!                 ImportError, queue.Empty
//! ```
//!
//! Python equivalent: `Objects/exceptions.c` and `Python/traceback.c`.

use super::value::{lock, Value};
use crate::v1::bytecode::Code;
use std::sync::{Arc, Mutex};

/// A built-in exception class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum ExcKind {
    BaseException,
    Exception,
    ArithmeticError,
    ZeroDivisionError,
    OverflowError,
    LookupError,
    KeyError,
    IndexError,
    RuntimeError,
    RecursionError,
    NotImplementedError,
    NameError,
    UnboundLocalError,
    ValueError,
    TypeError,
    AttributeError,
    AssertionError,
    ImportError,
    ModuleNotFoundError,
    /// `queue.Empty`
    QueueEmpty,
    /// `queue.Full`
    QueueFull,
    /// `StopIteration`
    StopIteration,
}

/// Every class, for the builtins table.
pub const ALL_KINDS: &[ExcKind] = &[
    ExcKind::BaseException,
    ExcKind::Exception,
    ExcKind::ArithmeticError,
    ExcKind::ZeroDivisionError,
    ExcKind::OverflowError,
    ExcKind::LookupError,
    ExcKind::KeyError,
    ExcKind::IndexError,
    ExcKind::RuntimeError,
    ExcKind::RecursionError,
    ExcKind::NotImplementedError,
    ExcKind::NameError,
    ExcKind::UnboundLocalError,
    ExcKind::ValueError,
    ExcKind::TypeError,
    ExcKind::AttributeError,
    ExcKind::AssertionError,
    ExcKind::ImportError,
    ExcKind::ModuleNotFoundError,
    ExcKind::StopIteration,
];

impl ExcKind {
    /// The class name (`queue.Empty` prints as `_queue.Empty` in CPython's
    /// traceback; its `__name__` is `Empty`).
    pub fn name(self) -> &'static str {
        match self {
            ExcKind::QueueEmpty => "Empty",
            ExcKind::QueueFull => "Full",
            other => BUILTIN_NAMES[other as usize],
        }
    }

    /// The name printed on a traceback's last line.
    pub fn qualified_name(self) -> &'static str {
        match self {
            ExcKind::QueueEmpty => "_queue.Empty",
            ExcKind::QueueFull => "queue.Full",
            other => other.name(),
        }
    }

    /// The direct base class.
    pub fn parent(self) -> Option<ExcKind> {
        use ExcKind::*;
        Some(match self {
            BaseException => return None,
            Exception => BaseException,
            ZeroDivisionError | OverflowError => ArithmeticError,
            KeyError | IndexError => LookupError,
            RecursionError | NotImplementedError => RuntimeError,
            UnboundLocalError => NameError,
            ModuleNotFoundError => ImportError,
            _ => Exception,
        })
    }

    /// `issubclass(self, other)`.
    pub fn is_subclass_of(self, other: ExcKind) -> bool {
        let mut k = Some(self);
        while let Some(c) = k {
            if c == other {
                return true;
            }
            k = c.parent();
        }
        false
    }
}

const BUILTIN_NAMES: &[&str] = &[
    "BaseException",
    "Exception",
    "ArithmeticError",
    "ZeroDivisionError",
    "OverflowError",
    "LookupError",
    "KeyError",
    "IndexError",
    "RuntimeError",
    "RecursionError",
    "NotImplementedError",
    "NameError",
    "UnboundLocalError",
    "ValueError",
    "TypeError",
    "AttributeError",
    "AssertionError",
    "ImportError",
    "ModuleNotFoundError",
    "Empty",
    "Full",
    "StopIteration",
];

/// One traceback line: which code, which line.
#[derive(Clone, Debug)]
pub struct TbEntry {
    /// The code object (file and function name).
    pub code: Arc<Code>,
    /// The line executing when the exception passed through.
    pub line: u32,
    /// The span of the instruction's expression (for the `^~~` markers).
    pub span: crate::v1::bytecode::Span,
}

/// An exception instance.
#[derive(Debug)]
pub struct ExcObj {
    /// Its class.
    pub kind: ExcKind,
    /// Constructor arguments (`e.args`).
    pub args: Vec<Value>,
    /// Frames it unwound through, innermost first (printed reversed).
    pub traceback: Mutex<Vec<TbEntry>>,
    /// The exception being handled when this one was raised
    /// (`__context__`: "During handling of the above exception ...").
    pub context: Mutex<Option<Arc<ExcObj>>>,
}

impl ExcObj {
    /// `str(e)`.
    pub fn message(&self) -> String {
        match self.args.len() {
            0 => String::new(),
            1 if self.kind == ExcKind::KeyError => self.args[0].repr(),
            1 => self.args[0].to_str(),
            _ => Value::tuple(self.args.clone()).repr(),
        }
    }

    /// `repr(e)`: `ValueError('msg')`.
    pub fn repr(&self) -> String {
        let args: Vec<String> = self.args.iter().map(|a| a.repr()).collect();
        format!("{}({})", self.kind.name(), args.join(", "))
    }

    /// The traceback's last line: `ValueError: msg` (or just the class).
    pub fn last_line(&self) -> String {
        let msg = self.message();
        if msg.is_empty() {
            self.kind.qualified_name().to_string()
        } else {
            format!("{}: {}", self.kind.qualified_name(), msg)
        }
    }

    /// Records that the exception passed through instruction `at` of `code`.
    pub fn add_frame(&self, code: &Arc<Code>, at: usize) {
        let line = code.lines.get(at).copied().unwrap_or(code.first_line);
        let span = code.spans.get(at).copied().unwrap_or((0, 0, 0));
        lock(&self.traceback).push(TbEntry {
            code: code.clone(),
            line,
            span,
        });
    }
}

/// Why a VM operation did not produce a value.
#[derive(Clone, Debug)]
pub enum PyErr {
    /// A Python exception is propagating.
    Exc(Arc<ExcObj>),
    /// The deadlock detector stopped this thread: unwind without running
    /// handlers (the report is printed once, by the detector).
    Deadlock,
}

impl PyErr {
    /// A new exception of `kind` with a string message.
    pub fn new(kind: ExcKind, msg: impl Into<String>) -> PyErr {
        PyErr::from_args(kind, vec![Value::string(msg.into())])
    }

    /// A new exception with arbitrary args.
    pub fn from_args(kind: ExcKind, args: Vec<Value>) -> PyErr {
        PyErr::Exc(Arc::new(ExcObj {
            kind,
            args,
            traceback: Mutex::new(Vec::new()),
            context: Mutex::new(None),
        }))
    }

    /// `TypeError(msg)`.
    pub fn type_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::TypeError, msg)
    }

    /// `ValueError(msg)`.
    pub fn value_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ValueError, msg)
    }

    /// `OverflowError` for a 64-bit int result (MiniPy's documented limit).
    pub fn overflow() -> PyErr {
        PyErr::new(
            ExcKind::OverflowError,
            "integer overflow: MiniPy ints are 64-bit",
        )
    }
}

/// Shorthand for VM results.
pub type PyResult<T = Value> = Result<T, PyErr>;
