//! The four importable modules — `threading`, `time`, `queue`, `sys` — and
//! the objects they create.
//!
//! ```text
//!   import time          → Value::Module("time")
//!   time.sleep(0.1)      → Builtin::Sleep: GIL released around the sleep
//!   threading.Lock()     → Value::Object(Object::Lock(slot in the hub))
//! ```
//!
//! `time` and `sys` are small enough to live here; `threading` and `queue`
//! objects are in `threading.rs` (calls) and `hub.rs` (their state).
//!
//! Python equivalent: `Modules/timemodule.c`, `Python/sysmodule.c`,
//! `Lib/threading.py`, `Lib/queue.py`.

mod condition;
pub mod hub;
mod queue;
pub mod thread;
pub mod threading;

use crate::v1::builtins::{arity, no_kwargs, Builtin};
use crate::v1::vm::exception::{ExcKind, PyErr, PyResult};
use crate::v1::vm::value::{Module, Value};
use crate::v1::vm::ThreadCtx;
use hub::PrimHandle;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The modules MiniPy can import.
pub const MODULES: &[&str] = &["threading", "time", "queue", "sys"];

/// A threading or queue object.
#[derive(Debug)]
pub enum Object {
    /// `threading.Thread`.
    Thread(thread::ThreadObj),
    /// `threading.Lock`.
    Lock(PrimHandle),
    /// `threading.RLock`.
    RLock(PrimHandle),
    /// `threading.Semaphore` / `BoundedSemaphore` (flag: bounded).
    Semaphore(PrimHandle, bool),
    /// `threading.Event`.
    Event(PrimHandle),
    /// `threading.Condition`: its own slot and the lock object it uses.
    Condition(PrimHandle, Value),
    /// `queue.Queue`.
    Queue(PrimHandle),
}

impl Object {
    /// Python's type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Object::Thread(_) => "Thread",
            Object::Lock(_) => "lock",
            Object::RLock(_) => "RLock",
            Object::Semaphore(_, false) => "Semaphore",
            Object::Semaphore(_, true) => "BoundedSemaphore",
            Object::Event(_) => "Event",
            Object::Condition(..) => "Condition",
            Object::Queue(_) => "Queue",
        }
    }

    /// `repr(obj)`.
    pub fn repr(&self, addr: usize) -> String {
        match self {
            Object::Thread(t) => t.repr(),
            Object::Lock(h) => {
                let held = matches!(h.hub.state().prim(h.id), Some(hub::Prim::Lock(true)));
                format!(
                    "<{} _thread.lock object at {addr:#x}>",
                    if held { "locked" } else { "unlocked" }
                )
            }
            Object::Queue(_) => format!("<queue.Queue object at {addr:#x}>"),
            other => format!("<threading.{} object at {addr:#x}>", other.type_name()),
        }
    }
}

/// `import name`.
pub fn import(name: &str) -> PyResult {
    MODULES
        .iter()
        .find(|m| **m == name)
        .map(|m| Value::Module(Arc::new(Module { name: m })))
        .ok_or_else(|| {
            PyErr::new(
                ExcKind::ModuleNotFoundError,
                format!("No module named '{name}'"),
            )
        })
}

/// `module.attr`.
pub fn module_attr(module: &str, attr: &str) -> Option<Value> {
    let b = |x: Builtin| Some(Value::Builtin(x));
    match (module, attr) {
        ("threading", "Thread") => b(Builtin::Thread),
        ("threading", "Lock") => b(Builtin::Lock),
        ("threading", "RLock") => b(Builtin::RLock),
        ("threading", "Event") => b(Builtin::Event),
        ("threading", "Semaphore") => b(Builtin::Semaphore),
        ("threading", "BoundedSemaphore") => b(Builtin::BoundedSemaphore),
        ("threading", "Condition") => b(Builtin::Condition),
        ("threading", "current_thread") => b(Builtin::CurrentThread),
        ("threading", "main_thread") => b(Builtin::MainThread),
        ("threading", "active_count") => b(Builtin::ActiveCount),
        ("threading", "get_ident") => b(Builtin::GetIdent),
        ("time", "sleep") => b(Builtin::Sleep),
        ("time", "time") => b(Builtin::Time),
        ("time", "perf_counter") => b(Builtin::PerfCounter),
        ("time", "monotonic") => b(Builtin::Monotonic),
        ("queue", "Queue") => b(Builtin::Queue),
        ("queue", "Empty") => Some(Value::ExcType(ExcKind::QueueEmpty)),
        ("queue", "Full") => Some(Value::ExcType(ExcKind::QueueFull)),
        ("sys", "setswitchinterval") => b(Builtin::SetSwitchInterval),
        ("sys", "getswitchinterval") => b(Builtin::GetSwitchInterval),
        ("sys", "exit") => b(Builtin::Exit),
        _ => None,
    }
}

/// Seconds as a float argument (`time.sleep`, timeouts).
pub fn seconds(v: &Value, what: &str) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Float(f) if f.is_nan() => {
            Err(PyErr::value_error("Invalid value NaN (not a number)"))
        }
        Value::Float(f) => Ok(*f),
        other => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as {what}",
            other.type_name()
        ))),
    }
}

/// A process-wide origin for `perf_counter` / `monotonic`.
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

/// `time.*` and `sys.*` functions.
pub fn call_time_sys(
    ctx: &mut ThreadCtx,
    b: Builtin,
    args: Vec<Value>,
    kwargs: Vec<(Arc<String>, Value)>,
) -> PyResult {
    no_kwargs(b.name(), &kwargs)?;
    match b {
        Builtin::Sleep => {
            arity("sleep", &args, 1, 1)?;
            let s = seconds(&args[0], "an integer")?;
            if s < 0.0 {
                return Err(PyErr::value_error("sleep length must be non-negative"));
            }
            let d = Duration::try_from_secs_f64(s)
                .map_err(|_| PyErr::new(ExcKind::OverflowError, "sleep length is too large"))?;
            ctx.blocking(|| std::thread::sleep(d));
            Ok(Value::None)
        }
        Builtin::Time => Ok(Value::Float(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs_f64())
                .unwrap_or(0.0),
        )),
        Builtin::PerfCounter | Builtin::Monotonic => {
            Ok(Value::Float(origin().elapsed().as_secs_f64()))
        }
        Builtin::SetSwitchInterval => {
            arity("setswitchinterval", &args, 1, 1)?;
            let s = seconds(&args[0], "a float")?;
            if s <= 0.0 {
                return Err(PyErr::value_error(
                    "switch interval must be strictly positive",
                ));
            }
            // CPython keeps whole microseconds (truncating) and reports
            // `micros * 1e-6`, so 0.0001 reads back as 9.999999999999999e-05.
            let micros = (s * 1e6).min(u64::MAX as f64) as u64;
            ctx.rt
                .gil
                .set_switch_interval(Duration::from_micros(micros));
            Ok(Value::None)
        }
        Builtin::GetSwitchInterval => Ok(Value::Float(
            ctx.rt.gil.switch_interval().as_micros() as f64 * 1e-6,
        )),
        Builtin::Exit => Err(PyErr::new(
            ExcKind::NotImplementedError,
            "sys.exit() is outside MiniPy (return from the main code instead)",
        )),
        _ => Err(PyErr::type_error("not a time/sys function")),
    }
}

/// A mutex-protected optional value (thread idents, join handles).
pub type Slot<T> = Mutex<Option<T>>;
