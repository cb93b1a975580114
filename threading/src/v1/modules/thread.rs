//! `threading.Thread`: a real OS thread running a MiniPy function.
//!
//! ```text
//!   Thread(target=f, args=(1,))   state New      (a slot in the hub)
//!   .start()                      state Running, live += 1, OS thread spawned:
//!       register with the GIL → take → f(1) → report an uncaught exception
//!       → state Done, live -= 1 (wakes joiners, re-runs the deadlock check)
//!       → drop the GIL → unregister (its counters join GilStats)
//!   .join([timeout])              waits for Done with the GIL released
//! ```
//!
//! Default names follow CPython 3.10+: `Thread-N (target)`, where N counts
//! only the threads created without a `name=`.
//!
//! Python equivalent: `Lib/threading.py` (`Thread`, `_bootstrap_inner`,
//! `excepthook`) over `Modules/_threadmodule.c`.

use super::hub::{Prim, PrimHandle, ThreadRun, WaitKind};
use super::Object;
use crate::v1::vm::exception::{ExcKind, PyErr, PyResult};
use crate::v1::vm::value::{lock, Value};
use crate::v1::vm::{Runtime, ThreadCtx};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Arc, Mutex};

/// Native stack for interpreter threads. Python calls do not recurse in
/// Rust (see `vm::frame`); this covers deep `repr`s and drops of deeply
/// nested containers. Only touched pages are ever committed.
pub const THREAD_STACK: usize = 64 << 20;

/// A `Thread` object.
#[derive(Debug)]
pub struct ThreadObj {
    /// Lifecycle state in the hub.
    pub handle: PrimHandle,
    /// `t.name`.
    pub name: String,
    /// `target=`.
    pub target: Value,
    /// `args=`.
    pub args: Vec<Value>,
    /// `kwargs=`.
    pub kwargs: Vec<(Arc<String>, Value)>,
    /// Set at `start()`.
    pub ident: Mutex<Option<u64>>,
}

impl ThreadObj {
    /// The lifecycle state.
    pub fn run_state(&self) -> ThreadRun {
        match self.handle.hub.state().prim(self.handle.id) {
            Some(Prim::Thread(r)) => *r,
            _ => ThreadRun::Done,
        }
    }

    /// `repr(t)`.
    pub fn repr(&self) -> String {
        let state = match self.run_state() {
            ThreadRun::New => "initial".to_string(),
            ThreadRun::Starting | ThreadRun::Running => {
                format!("started {}", lock(&self.ident).unwrap_or(0))
            }
            ThreadRun::Done => format!("stopped {}", lock(&self.ident).unwrap_or(0)),
        };
        format!("<Thread({}, {state})>", self.name)
    }
}

/// Creates the `MainThread` object (already running).
pub fn main_thread_object(rt: &Runtime) -> Value {
    let handle = rt.hub.alloc(Prim::Thread(ThreadRun::Running));
    Value::Object(Arc::new(Object::Thread(ThreadObj {
        handle,
        name: "MainThread".into(),
        target: Value::None,
        args: Vec::new(),
        kwargs: Vec::new(),
        ident: Mutex::new(Some(0)),
    })))
}

/// `Thread(target=..., args=..., kwargs=..., name=...)`.
pub fn new_thread(
    ctx: &mut ThreadCtx,
    target: Value,
    args: Vec<Value>,
    kwargs: Vec<(Arc<String>, Value)>,
    name: Option<String>,
) -> Value {
    let name = name.unwrap_or_else(|| {
        let mut st = ctx.rt.hub.state();
        st.thread_counter += 1;
        let n = st.thread_counter;
        match &target {
            Value::Function(f) => format!("Thread-{n} ({})", f.code.name),
            Value::Builtin(b) => format!("Thread-{n} ({})", b.name()),
            _ => format!("Thread-{n}"),
        }
    });
    let handle = ctx.rt.hub.alloc(Prim::Thread(ThreadRun::New));
    Value::Object(Arc::new(Object::Thread(ThreadObj {
        handle,
        name,
        target,
        args,
        kwargs,
        ident: Mutex::new(None),
    })))
}

/// `t.start()`.
pub fn start(ctx: &mut ThreadCtx, this: &Value, t: &ThreadObj) -> PyResult {
    {
        let mut st = t.handle.hub.state();
        match st.prim(t.handle.id) {
            Some(p @ Prim::Thread(ThreadRun::New)) => *p = Prim::Thread(ThreadRun::Starting),
            _ => {
                return Err(PyErr::new(
                    ExcKind::RuntimeError,
                    "threads can only be started once",
                ))
            }
        }
        st.live += 1;
    }
    let rt = ctx.rt.clone();
    let ident = rt.next_ident.fetch_add(1, Relaxed);
    *lock(&t.ident) = Some(ident);
    let obj = this.clone();
    let spawned = std::thread::Builder::new()
        .name(t.name.clone())
        .stack_size(THREAD_STACK)
        .spawn({
            let rt = rt.clone();
            move || thread_main(rt, obj, ident)
        });
    match spawned {
        Ok(h) => {
            lock(&rt.os_threads).push(h);
            // Like CPython's `self._started.wait()`: return once the new
            // thread runs (with the GIL released meanwhile, so it can).
            super::threading::wait(
                ctx,
                &t.handle,
                WaitKind::ThreadStarted,
                None,
                format!("Thread.start() of '{}'", t.name),
            )?;
            Ok(Value::None)
        }
        Err(_) => {
            rt.hub.thread_finished(&t.handle, &rt.shutdown);
            Err(PyErr::new(ExcKind::RuntimeError, "can't start new thread"))
        }
    }
}

/// The body of every interpreter thread but the main one.
fn thread_main(rt: Arc<Runtime>, obj: Value, ident: u64) {
    let Value::Object(o) = &obj else { return };
    let Object::Thread(t) = &**o else { return };
    let mut ctx = ThreadCtx::new(rt.clone(), &t.name, ident);
    ctx.current = Some(obj.clone());
    rt.gil.take(&mut ctx.ts);
    rt.hub.thread_running(&t.handle);
    let result = ctx.call_value(&t.target, t.args.clone(), t.kwargs.clone());
    if let Err(PyErr::Exc(e)) = result {
        // CPython's threading.excepthook report; the two `threading.py`
        // frames are the ones CPython shows above the target's frames.
        let mut report = format!(
            "Exception in thread {}:\nTraceback (most recent call last):\n",
            t.name
        );
        report.push_str(
            "  File \"<stdlib>/threading.py\", line 1045, in _bootstrap_inner\n    self.run()\n",
        );
        report.push_str("  File \"<stdlib>/threading.py\", line 982, in run\n    self._target(*self._args, **self._kwargs)\n");
        report.push_str(&crate::v1::vm::traceback::format_exception(&e, &rt, false));
        rt.err.write(&report);
    }
    rt.hub.thread_finished(&t.handle, &rt.shutdown);
    rt.gil.drop_gil(&mut ctx.ts);
    rt.gil.unregister(ctx.ts);
}

/// `t.join([timeout])`.
pub fn join(ctx: &mut ThreadCtx, this: &Value, t: &ThreadObj, timeout: Option<f64>) -> PyResult {
    match t.run_state() {
        ThreadRun::New => {
            return Err(PyErr::new(
                ExcKind::RuntimeError,
                "cannot join thread before it is started",
            ))
        }
        ThreadRun::Done => return Ok(Value::None),
        ThreadRun::Starting | ThreadRun::Running => {}
    }
    if ctx.current.as_ref().is_some_and(|c| c.is(this)) {
        return Err(PyErr::new(
            ExcKind::RuntimeError,
            "cannot join current thread",
        ));
    }
    let what = format!("Thread.join() of '{}'", t.name);
    super::threading::wait(
        ctx,
        &t.handle,
        super::hub::WaitKind::ThreadDone,
        timeout,
        what,
    )?;
    Ok(Value::None)
}
