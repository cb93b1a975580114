//! # Lifecycle: interpreter start-up, thread start, interpreter exit
//!
//! ```text
//!   Runtime::new ─▶ ThreadCtx::start_main   registers "MainThread", takes the
//!                                            GIL, fills `builtins`
//!                ─▶ run_main(code)           `__main__` runs; an uncaught
//!                                            exception prints its traceback;
//!                                            SystemExit sets the exit code
//!                ─▶ finish_main()            1. threading._shutdown() if
//!                                               `threading` was imported (joins
//!                                               the non-daemon threads)
//!                                            2. finalize: every other thread
//!                                               stops at its next check point
//!                                               or wait (daemon threads)
//!                                            3. release the GIL, join the OS
//!                                               threads: every thread has
//!                                               unregistered, stats complete
//!   start_thread(f, args) ─▶ OS thread: register, take the GIL, f(*args),
//!                             report an uncaught exception, unregister
//! ```
//!
//! Stopping daemon threads: CPython stops them at exit by never giving
//! them the GIL again. A library cannot leave OS threads behind, so here
//! the stop bit of the GIL's eval breaker (`gil/breaker.rs`, set by
//! `Runtime::finalize`) makes every other thread unwind with
//! [`PyErr::Finalizing`] (no handlers run, nothing printed) at its next
//! `RESUME` or backward jump, lock wait or sleep, and a socket call it is
//! blocked in is interrupted (`interrupts.rs`).
//!
//! Python equivalent: `Py_RunMain` / `Py_FinalizeEx` (`Python/pylifecycle.c`,
//! `wait_for_thread_shutdown`), `thread_run` in `Modules/_threadmodule.c`.

use super::native::{fill_native_module, Registry};
use super::{ProgramDir, Runtime, StdStream, ThreadCtx, DEFAULT_RECURSION_LIMIT, THREAD_STACK};
use crate::bytecode::Code;
use crate::gil::Gil;
use crate::object::builtin_types::types;
use crate::object::frame::Frame;
use crate::object::module::{Globals, Module, ModuleOrigin};
use crate::object::refcount::Arc;
use crate::object::str::intern;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::atomic::{AtomicU64, AtomicUsize};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// The process exit code CPython would give.
    Code(i32),
    /// The deadlock detector stopped the program (its report is in the
    /// hub; exit code 1).
    Deadlock,
}

/// Where the runtime's sleepers wait, so that finalization can wake them.
#[derive(Default)]
pub struct Sleepers {
    /// Set once the interpreter finishes.
    stop: Mutex<bool>,
    /// Woken when `stop` is set.
    cond: Condvar,
}

impl Runtime {
    /// A runtime for one run: fresh modules, a fresh `builtins` module
    /// (filled by [`ThreadCtx::start_main`]), no threads yet.
    pub fn new(
        gil: Gil,
        out: StdStream,
        err: StdStream,
        registry: &'static Registry,
        program_dir: Option<ProgramDir>,
        argv: Vec<String>,
    ) -> std::sync::Arc<Runtime> {
        registry.install();
        let name = intern("builtins");
        let globals = Arc::new(Globals::new(
            name.clone(),
            std::sync::Arc::from(Vec::new()),
            |_| None,
        ));
        let builtins = Arc::new(Module {
            name,
            globals,
            origin: ModuleOrigin::Native,
        });
        std::sync::Arc::new(Runtime {
            gil,
            out,
            err,
            registry,
            modules: Arc::new(crate::object::dict::Dict::new()),
            builtins,
            program_dir,
            argv,
            recursion_limit: AtomicUsize::new(DEFAULT_RECURSION_LIMIT),
            int_max_str_digits: AtomicUsize::new(crate::object::bigint::DEFAULT_MAX_STR_DIGITS),
            next_ident: AtomicU64::new(1),
            threads: crate::modules::hub::Hub::new(),
            os_threads: Mutex::new(Vec::new()),
            sleepers: Sleepers::default(),
            interrupts: Default::default(),
        })
    }

    /// Whether the interpreter is finishing (other threads must stop).
    #[inline(always)]
    pub fn is_finalizing(&self) -> bool {
        self.gil.stop_requested()
    }

    /// Sleeps for `d` (call with the GIL released); `false` if the
    /// interpreter started finishing meanwhile.
    pub fn sleep(&self, d: Duration) -> bool {
        let deadline = Instant::now() + d.min(Duration::from_secs(86_400 * 365 * 100));
        let mut stop = self.sleepers.stop.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if *stop {
                return false;
            }
            let now = Instant::now();
            if now >= deadline {
                return true;
            }
            stop = self
                .sleepers
                .cond
                .wait_timeout(stop, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Starts finishing: other threads stop at their next check point,
    /// wait or sleep.
    fn finalize(&self) {
        // The stop is a bit of the GIL's eval breaker, which every check
        // point reads anyway (`gil/breaker.rs`).
        self.gil.request_stop();
        *self.sleepers.stop.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.sleepers.cond.notify_all();
        self.threads.finalize();
        self.interrupts.interrupt_all();
    }
}

impl ThreadCtx {
    /// The main thread: registers as `MainThread`, takes the GIL and
    /// creates the `builtins` module.
    pub fn start_main(rt: std::sync::Arc<Runtime>, stack_size: usize) -> PyResult<ThreadCtx> {
        let ident = rt.next_ident.fetch_add(1, Relaxed);
        let mut vm = ThreadCtx::new(rt.clone(), "MainThread", ident, stack_size);
        rt.gil.take(&mut vm.ts);
        let spec = rt.registry.native_module("builtins").ok_or_else(|| {
            PyErr::new(ExcKind::SystemError, "the registry has no builtins module")
        })?;
        fill_native_module(&mut vm, spec, &rt.builtins.globals.extra)?;
        rt.builtins
            .globals
            .set(intern("__name__"), Value::str("builtins"));
        rt.modules
            .set_str(intern("builtins"), Value::Module(rt.builtins.clone()));
        Ok(vm)
    }

    /// Runs the program's code as `__main__`; prints an uncaught
    /// exception's traceback.
    pub fn run_main(&mut self, code: Arc<Code>) -> ExitStatus {
        let globals = self.new_globals("__main__", &code);
        let file = code.filename.to_string();
        globals.set(intern("__file__"), Value::str(&file));
        let module = Arc::new(Module {
            name: intern("__main__"),
            globals: globals.clone(),
            origin: ModuleOrigin::File(file),
        });
        self.rt
            .modules
            .set_str(intern("__main__"), Value::Module(module));
        let frame = Frame::new(code, globals, &[]);
        match self.run_frame(frame) {
            Ok(_) => ExitStatus::Code(0),
            Err(e) => self.uncaught(e),
        }
    }

    /// What an exception that reached the top of the main thread does:
    /// `SystemExit` gives the exit code, anything else prints its
    /// traceback (exit 1).
    pub fn uncaught(&mut self, err: PyErr) -> ExitStatus {
        let exc = match err {
            PyErr::Exc(e) => e,
            PyErr::Deadlock => return ExitStatus::Deadlock,
            PyErr::Finalizing => return ExitStatus::Code(0),
        };
        // No stdout flush first: CPython prints the traceback while a
        // block-buffered stdout still holds its bytes (they follow at exit).
        if exc.class.is_subtype(types().exc(ExcKind::SystemExit)) {
            return ExitStatus::Code(self.system_exit_code(&exc));
        }
        let text = self.format_exception(&exc, true);
        let rt = self.rt.clone();
        let _ = rt.err.write_gil(self, &text);
        ExitStatus::Code(1)
    }

    /// `SystemExit(code)`: `None` is 0, an int is itself, anything else
    /// is printed to stderr and gives 1 (CPython's `handle_system_exit`).
    fn system_exit_code(&mut self, exc: &Arc<crate::object::instance::Instance>) -> i32 {
        let args = exc
            .exc()
            .map(|st| st.lock().args.clone())
            .unwrap_or(Value::None);
        let code = match args.as_tuple() {
            Some([]) => Value::None,
            Some([one]) => one.clone(),
            _ => args.clone(),
        };
        match code {
            Value::None => 0,
            Value::Bool(Flag(b)) => b as i32,
            Value::Int(i) => i as i32,
            other => {
                let text = self.str(&other).unwrap_or_default();
                let rt = self.rt.clone();
                let _ = rt.err.write_gil(self, &format!("{text}\n"));
                1
            }
        }
    }

    /// Ends the run from the main thread: `threading._shutdown()`, then
    /// stops the remaining threads and waits for every OS thread.
    pub fn finish_main(mut self, status: ExitStatus) -> ExitStatus {
        let mut status = status;
        if status != ExitStatus::Deadlock {
            if let Some(threading) = self.rt.modules.get_str(&intern("threading")) {
                let shutdown = self.get_attr_str(&threading, "_shutdown");
                let r = shutdown.and_then(|f| self.call(&f, &[]));
                match r {
                    Ok(_) => {}
                    Err(PyErr::Deadlock) => status = ExitStatus::Deadlock,
                    Err(e) => {
                        let _ = self.uncaught(e);
                    }
                }
            }
        }
        let rt = self.rt.clone();
        let _ = rt.out.flush_gil(&mut self);
        rt.finalize();
        // The rest of this thread's values go after every other thread is
        // joined (the join orders them), but nothing it holds may change
        // count meanwhile: drop them under the GIL as `thread_main` does.
        self.drop_values();
        rt.gil.drop_gil(&mut self.ts);
        rt.gil.unregister(self.ts);
        loop {
            let handles: Vec<_> =
                std::mem::take(&mut *rt.os_threads.lock().unwrap_or_else(|e| e.into_inner()));
            if handles.is_empty() {
                break;
            }
            for h in handles {
                let _ = h.join();
            }
        }
        if rt.threads.deadlock_report().is_some() {
            status = ExitStatus::Deadlock;
        }
        // CPython's flush_std_files: stdout, then stderr.
        rt.out.flush();
        rt.err.flush();
        status
    }

    /// `RESUME` and backward jumps: a thread other than the one finishing
    /// the interpreter stops here once finalization began.
    #[inline(always)]
    pub(super) fn stop_requested(&self) -> bool {
        self.rt.gil.stop_requested()
    }
}

/// `_thread.start_new_thread(f, args, kwargs)`: runs `f(*args, **kwargs)`
/// on a new interpreter thread called `name`; returns its ident. The
/// thread counts as live (for the deadlock detector) from this call on.
pub fn start_thread(
    vm: &mut ThreadCtx,
    name: String,
    f: Value,
    args: Vec<Value>,
    kwargs: Option<Value>,
) -> PyResult<u64> {
    let rt = vm.rt.clone();
    if rt.is_finalizing() {
        return Err(PyErr::new(
            ExcKind::RuntimeError,
            "can't create new thread at interpreter shutdown",
        ));
    }
    let ident = rt.next_ident.fetch_add(1, Relaxed);
    rt.threads.thread_started();
    let body_rt = rt.clone();
    // A claimed free-threaded run counts references plainly while it has
    // one thread; from the second on they must be atomic, switched before
    // the thread exists (`object/cell_mode.rs`).
    crate::object::cell_mode::thread_starting();
    let spawned = std::thread::Builder::new()
        .name(name.clone())
        .stack_size(THREAD_STACK)
        .spawn(move || thread_main(body_rt, name, ident, f, args, kwargs));
    match spawned {
        Ok(h) => {
            rt.os_threads
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(h);
            Ok(ident)
        }
        Err(_) => {
            rt.threads.thread_finished();
            Err(PyErr::new(ExcKind::RuntimeError, "can't start new thread"))
        }
    }
}

/// Every thread but the main one: its body, then its allocator lists
/// handed to the pool (`small_alloc/`; a no-op cost outside the `minipy`
/// binary), once everything the body held is dropped.
fn thread_main(
    rt: std::sync::Arc<Runtime>,
    name: String,
    ident: u64,
    f: Value,
    args: Vec<Value>,
    kwargs: Option<Value>,
) {
    thread_body(rt, name, ident, f, args, kwargs);
    crate::small_alloc::release_thread_cache();
}

/// The body of every thread but the main one.
fn thread_body(
    rt: std::sync::Arc<Runtime>,
    name: String,
    ident: u64,
    f: Value,
    args: Vec<Value>,
    kwargs: Option<Value>,
) {
    let mut vm = ThreadCtx::new(rt.clone(), &name, ident, THREAD_STACK);
    rt.gil.take(&mut vm.ts);
    let r = match &kwargs {
        Some(kw) => vm.mapping_items(kw).and_then(|items| {
            let (names, values): (Vec<Value>, Vec<Value>) = items.into_iter().unzip();
            vm.call_kw(&f, &args, &names, &values)
        }),
        None => vm.call(&f, &args),
    };
    if let Err(PyErr::Exc(exc)) = &r {
        if !exc.class.is_subtype(types().exc(ExcKind::SystemExit)) {
            // CPython's `thread_run`: PyErr_WriteUnraisable.
            let who = vm.repr(&f).unwrap_or_else(|_| "?".into());
            let tb = vm.format_exception(exc, true);
            let report = format!("Exception ignored in thread started by: {who}\n{tb}");
            let _ = rt.err.write_gil(&mut vm, &report);
        }
    }
    // Every value this thread holds goes while it still holds the GIL: in
    // a claimed process reference counts are plain and the GIL is their
    // only guard (`object/refcount.rs`).
    drop((r, f, args, kwargs));
    vm.drop_values();
    rt.threads.thread_finished();
    rt.gil.drop_gil(&mut vm.ts);
    rt.gil.unregister(vm.ts);
}
