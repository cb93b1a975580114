//! The virtual machine: what every interpreter thread shares ([`Runtime`])
//! and what each one owns ([`ThreadCtx`]).
//!
//! ```text
//!   Runtime (Arc, shared)                 ThreadCtx (one per OS thread)
//!   ├─ gil: Gil                           ├─ ts: gil::ThreadState
//!   ├─ globals: [Mutex<Option<Value>>]    ├─ stack: Vec<Value>  (value stack)
//!   ├─ builtins by global slot            └─ frames live in `frame::run`'s
//!   ├─ stdout / stderr sinks                 Vec<Frame> (no Rust recursion)
//!   └─ hub: threads, locks, deadlock detector
//! ```
//!
//! Globals are one slot per program-wide global name (the compiler numbered
//! them), each behind its own mutex: under a GIL the mutex is uncontended;
//! without one (mode `none`) it keeps a racing `STORE_GLOBAL` memory-safe,
//! while `LOAD_GLOBAL; BINARY_OP; STORE_GLOBAL` is still three steps another
//! thread can interleave with — the lost update 3.13t shows.
//!
//! Python equivalent: `PyInterpreterState` (shared) and `PyThreadState`
//! (per thread).

mod build;
mod check_points;
pub mod dict;
pub mod eval;
pub mod exception;
mod fast;
pub mod frame;
pub mod iter;
pub mod ops;
pub mod repr;
pub mod subscript;
pub mod traceback;
pub mod value;

use crate::gil::{Gil, ThreadState};
use crate::v1::builtins;
use crate::v1::modules::hub::{Hub, Prim, PrimHandle};
use exception::{ExcKind, PyErr, PyResult};
use std::io::{IsTerminal, Write};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, OnceLock};
use value::{lock, Value};

/// Where program output goes.
#[derive(Debug)]
pub enum Sink {
    /// Collected into a string (library API, tests).
    Captured(Mutex<String>),
    /// Written to the process's stdout (flushed per write on a terminal,
    /// buffered otherwise, as CPython does).
    Stdout(Mutex<std::io::BufWriter<std::io::Stdout>>, bool),
    /// Written to the process's stderr, unbuffered.
    Stderr,
}

impl Sink {
    /// A sink for real stdout.
    pub fn stdout() -> Sink {
        let tty = std::io::stdout().is_terminal();
        Sink::Stdout(Mutex::new(std::io::BufWriter::new(std::io::stdout())), tty)
    }

    /// Writes text.
    pub fn write(&self, s: &str) {
        match self {
            Sink::Captured(buf) => lock(buf).push_str(s),
            Sink::Stdout(w, tty) => {
                let mut w = lock(w);
                let _ = w.write_all(s.as_bytes());
                if *tty {
                    let _ = w.flush();
                }
            }
            Sink::Stderr => {
                let _ = std::io::stderr().write_all(s.as_bytes());
            }
        }
    }

    /// Flushes buffered output.
    pub fn flush(&self) {
        if let Sink::Stdout(w, _) = self {
            let _ = lock(w).flush();
        }
    }

    /// The captured text (empty for real streams).
    pub fn take(&self) -> String {
        match self {
            Sink::Captured(buf) => std::mem::take(&mut *lock(buf)),
            _ => String::new(),
        }
    }
}

/// Everything the interpreter's threads share.
pub struct Runtime {
    /// The GIL (its mode decides whether threads run one at a time).
    pub gil: Gil,
    /// Global variable slots, numbered by the compiler.
    pub globals: Box<[Mutex<Option<Value>>]>,
    /// Global names, by slot (for `NameError` messages).
    pub global_names: Arc<Vec<String>>,
    /// The builtin each global slot falls back to, if its name is one.
    pub builtins: Box<[Option<Value>]>,
    /// Program stdout.
    pub out: Sink,
    /// Program stderr (tracebacks, thread exception reports).
    pub err: Sink,
    /// Threads, synchronisation primitives and the deadlock detector.
    pub hub: Arc<Hub>,
    /// The source, for the lines tracebacks quote.
    pub source_lines: Vec<String>,
    /// Woken whenever a thread finishes (the main thread's shutdown wait).
    pub shutdown: PrimHandle,
    /// The `MainThread` object (`threading.main_thread()`).
    pub main_thread: OnceLock<Value>,
    /// OS handles of started threads, joined before the run ends.
    pub os_threads: Mutex<Vec<std::thread::JoinHandle<()>>>,
    /// Source of thread idents (`get_ident()`, RLock ownership); 0 is "none".
    pub next_ident: AtomicU64,
}

impl Runtime {
    /// A runtime for a program whose global names are `global_names`.
    pub fn new(
        gil: Gil,
        global_names: Arc<Vec<String>>,
        out: Sink,
        err: Sink,
        source: &str,
    ) -> Runtime {
        let globals = global_names.iter().map(|_| Mutex::new(None)).collect();
        let builtins = global_names.iter().map(|n| builtins::lookup(n)).collect();
        let hub = Arc::new(Hub::new());
        let shutdown = hub.alloc(Prim::Event(false));
        Runtime {
            gil,
            globals,
            global_names,
            builtins,
            out,
            err,
            hub,
            source_lines: source.lines().map(str::to_string).collect(),
            shutdown,
            main_thread: OnceLock::new(),
            os_threads: Mutex::new(Vec::new()),
            next_ident: AtomicU64::new(1),
        }
    }

    /// `LOAD_GLOBAL slot`.
    #[inline]
    pub fn load_global(&self, slot: u32) -> PyResult {
        let i = slot as usize;
        if let Some(cell) = self.globals.get(i) {
            if let Some(v) = &*lock(cell) {
                return Ok(v.clone());
            }
        }
        if let Some(Some(b)) = self.builtins.get(i) {
            return Ok(b.clone());
        }
        let name = self.global_names.get(i).map(String::as_str).unwrap_or("?");
        Err(PyErr::new(
            ExcKind::NameError,
            format!("name '{name}' is not defined"),
        ))
    }

    /// `STORE_GLOBAL slot`.
    #[inline]
    pub fn store_global(&self, slot: u32, v: Value) {
        if let Some(cell) = self.globals.get(slot as usize) {
            // Drop the old value after unlocking (its drop may be long).
            let old = lock(cell).replace(v);
            drop(old);
        }
    }
}

/// One interpreter thread's private state.
pub struct ThreadCtx {
    /// The shared runtime.
    pub rt: Arc<Runtime>,
    /// This thread's GIL state (counters, timeline buffer).
    pub ts: ThreadState,
    /// The thread's name (`MainThread`, `Thread-1 (worker)`, ...).
    pub name: String,
    /// The thread's identity in the hub.
    pub ident: u64,
    /// The value stack shared by this thread's frames.
    pub stack: Vec<Value>,
    /// The line being executed (for deadlock reports).
    pub line: u32,
    /// Whether the GIL is checked at every instruction (≤ 3.9).
    pub check_every: bool,
    /// This thread's `Thread` object (`current_thread()`).
    pub current: Option<Value>,
}

impl ThreadCtx {
    /// A context for a thread registered with the GIL as `name`.
    pub fn new(rt: Arc<Runtime>, name: &str, ident: u64) -> ThreadCtx {
        let ts = rt.gil.register(name);
        let check_every = rt.gil.config().policy == crate::gil::CheckPolicy::EveryInstruction;
        ThreadCtx {
            rt,
            ts,
            name: name.to_string(),
            ident,
            stack: Vec::with_capacity(256),
            line: 0,
            check_every,
            current: None,
        }
    }

    /// Runs `f` with the GIL released (a blocking builtin).
    pub fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        let rt = self.rt.clone();
        rt.gil.blocking(&mut self.ts, f)
    }
}
