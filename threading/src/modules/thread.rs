//! # `_thread`: locks, reentrant locks, starting threads, idents
//!
//! The native floor of `threading.py` (embedded, `modules/py/`): every
//! blocking primitive there (Condition, Event, Semaphore, Barrier, Queue,
//! Thread.join, Future.result) ends in [`lock`]`.acquire` here, so the
//! deadlock detector in `hub.rs` sees every wait.
//!
//! ```text
//!   lock.acquire(blocking=True, timeout=-1)
//!     1. try without letting go of the GIL (the uncontended case costs
//!        no GIL switch, as in CPython)
//!     2. else: release the GIL, wait in the hub (registered as a waiter
//!        when there is no timeout: the deadlock detector's input), retake
//!        the GIL
//!   _thread.start_new_thread(f, args) ─▶ vm/lifecycle.rs: start_thread
//! ```
//!
//! Deadlock reports name the thread, the call the USER's program made
//! (`Lock.acquire()`, or the library call it is inside: `Event.wait()`,
//! `Thread.join() of 'Thread-1 (waiter)'`) and its line; see
//! `ThreadCtx::user_position`.
//!
//! Python equivalent: `Modules/_threadmodule.c`.

use super::hub::{LockHandle, LockKind, ReleaseError, WaitError, WaitInfo};
use crate::object::builtin_types::types;
use crate::object::str::intern;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::{index_arg, seconds_arg};
use crate::vm::lifecycle::start_thread;
use crate::vm::native::{Args, ModuleInit, NativeClass, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;
use std::time::Duration;

/// `_thread.TIMEOUT_MAX` (CPython's value on Linux).
const TIMEOUT_MAX: f64 = 9223372036.0;

/// A lock's native state: its slot in the hub.
pub struct LockObj {
    /// The hub slot.
    handle: LockHandle,
    /// `"Lock"` or `"RLock"`, for deadlock reports.
    kind: &'static str,
}

/// `_thread.lock` (what `threading.Lock()` returns).
pub static LOCK: NativeClass = NativeClass::new(
    "lock",
    "_thread",
    &[
        NativeSpec::method("acquire", lock_acquire),
        NativeSpec::method("acquire_lock", lock_acquire),
        NativeSpec::method("__enter__", lock_acquire),
        NativeSpec::method("release", lock_release),
        NativeSpec::method("release_lock", lock_release),
        NativeSpec::method("__exit__", lock_exit),
        NativeSpec::method("locked", lock_locked),
        NativeSpec::method("locked_lock", lock_locked),
        NativeSpec::method("__repr__", lock_repr),
    ],
);

/// `_thread.RLock`.
pub static RLOCK: NativeClass = NativeClass::new(
    "RLock",
    "_thread",
    &[
        NativeSpec::staticmethod("__new__", rlock_new),
        NativeSpec::method("acquire", lock_acquire),
        NativeSpec::method("__enter__", lock_acquire),
        NativeSpec::method("release", lock_release),
        NativeSpec::method("__exit__", lock_exit),
        NativeSpec::method("_is_owned", rlock_is_owned),
        NativeSpec::method("_release_save", rlock_release_save),
        NativeSpec::method("_acquire_restore", rlock_acquire_restore),
        NativeSpec::method("__repr__", lock_repr),
    ],
)
.subclassable();

/// A new lock value of `kind`.
fn new_lock(vm: &ThreadCtx, kind: LockKind) -> Value {
    let handle = vm.rt.threads.alloc(kind);
    match kind {
        LockKind::Plain => LOCK.instance(LockObj {
            handle,
            kind: "Lock",
        }),
        LockKind::Reentrant => RLOCK.instance(LockObj {
            handle,
            kind: "RLock",
        }),
    }
}

/// The receiver's lock state.
fn me<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a LockObj> {
    if let Some(Value::Instance(i)) = args.positional().first() {
        if let Some(l) = i.native::<LockObj>() {
            return Ok(l);
        }
    }
    args.native_self::<LockObj>(&LOCK, method)
}

/// `allocate_lock()`.
fn allocate_lock(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("allocate_lock", 0, 0)?;
    Ok(new_lock(vm, LockKind::Plain))
}

/// `RLock()`.
fn rlock_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let handle = vm.rt.threads.alloc(LockKind::Reentrant);
    let state = LockObj {
        handle,
        kind: "RLock",
    };
    match args.positional().first() {
        Some(Value::Type(cls)) => Ok(NativeClass::instance_of(cls, state)),
        _ => Ok(RLOCK.instance(state)),
    }
}

/// The `(blocking, timeout)` arguments of `acquire`: `None` timeout means
/// wait forever. CPython 3.11's `lock_acquire_parse_args`: `blocking` is
/// an int (`"i"`), the timeout goes through `_PyTime_FromSecondsObject`
/// (`vm/args.rs`), and -1 seconds means "no timeout".
fn acquire_args(vm: &mut ThreadCtx, args: &Args) -> PyResult<(bool, Option<Duration>)> {
    /// `timeout=-1`, in nanoseconds: wait forever.
    const UNSET: i64 = -1_000_000_000;
    let (_, rest) = args.split_self();
    let [blocking, timeout] = rest.bind("acquire", ["blocking", "timeout"], 0)?;
    let blocking = match blocking {
        Some(b) => c_int_arg(vm, b)? != 0,
        None => true,
    };
    let timeout = match timeout {
        Some(t) => seconds_arg(vm, t)?,
        None => UNSET,
    };
    if !blocking && timeout != UNSET {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0 && timeout != UNSET {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "timeout value must be positive",
        ));
    }
    // CPython's "timeout value is too large" (over TIMEOUT_MAX) cannot
    // happen here: TIMEOUT_MAX seconds is all an i64 of nanoseconds holds,
    // and larger values already failed to convert.
    let timeout = (timeout >= 0).then(|| Duration::from_nanos(timeout as u64));
    Ok((blocking, timeout))
}

/// An argument C parses with `"i"`: an int in C `int` range.
fn c_int_arg(vm: &mut ThreadCtx, v: &Value) -> PyResult<i64> {
    let i = match index_arg(vm, v) {
        Err(e) if e.is(ExcKind::OverflowError) => {
            return Err(PyErr::new(
                ExcKind::OverflowError,
                "Python int too large to convert to C long",
            ))
        }
        other => other?,
    };
    if i > i32::MAX as i64 {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "signed integer is greater than maximum",
        ));
    }
    if i < i32::MIN as i64 {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "signed integer is less than minimum",
        ));
    }
    Ok(i)
}

/// Waits for `lock` with the GIL released; the errors of a stopped wait.
fn wait_for(vm: &mut ThreadCtx, lock: &LockObj, timeout: Option<Duration>) -> PyResult<bool> {
    let me = vm.ident;
    let who = if timeout.is_none() {
        let (what, line) = vm.user_position(&format!("{}.acquire()", lock.kind));
        Some(WaitInfo {
            thread: vm.name.clone(),
            what,
            line,
        })
    } else {
        None
    };
    let handle = &lock.handle;
    let r = vm.blocking(|| {
        handle.acquire(me, timeout, || {
            who.unwrap_or(WaitInfo {
                thread: String::new(),
                what: String::new(),
                line: 0,
            })
        })
    });
    match r {
        Ok(got) => Ok(got),
        Err(WaitError::Deadlocked) => Err(PyErr::Deadlock),
        Err(WaitError::Finalizing) => Err(PyErr::Finalizing),
    }
}

/// `lock.acquire(blocking=True, timeout=-1)` (also `RLock.acquire`,
/// `__enter__`).
fn lock_acquire(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let lock = me(&args, "acquire")?;
    let (blocking, timeout) = acquire_args(vm, &args)?;
    if lock.handle.try_acquire(vm.ident) {
        return Ok(Value::Bool(Flag(true)));
    }
    if !blocking {
        return Ok(Value::Bool(Flag(false)));
    }
    Ok(Value::Bool(Flag(wait_for(vm, lock, timeout)?)))
}

/// The `RuntimeError` of a bad release.
fn release_error(e: ReleaseError) -> PyErr {
    match e {
        ReleaseError::NotHeld => PyErr::new(ExcKind::RuntimeError, "release unlocked lock"),
        ReleaseError::NotOwner => {
            PyErr::new(ExcKind::RuntimeError, "cannot release un-acquired lock")
        }
    }
}

/// `lock.release()`.
fn lock_release(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let lock = me(&args, "release")?;
    args.arity("release", 1, 1)?;
    lock.handle.release(vm.ident).map_err(release_error)?;
    Ok(Value::None)
}

/// `lock.__exit__(*exc)`.
fn lock_exit(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let lock = me(&args, "__exit__")?;
    lock.handle.release(vm.ident).map_err(release_error)?;
    Ok(Value::None)
}

/// `lock.locked()`.
fn lock_locked(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let lock = me(&args, "locked")?;
    Ok(Value::Bool(Flag(match lock.handle.state() {
        Some(super::hub::LockState::Plain { held }) => held,
        Some(super::hub::LockState::Reentrant { count, .. }) => count > 0,
        None => false,
    })))
}

/// `repr(lock)`: `<unlocked _thread.lock object at 0x...>`,
/// `<locked _thread.RLock object owner=N count=M at 0x...>`.
fn lock_repr(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let lock = me(&args, "__repr__")?;
    let id = args.positional()[0].id();
    let class = args.positional()[0].class();
    let name = format!("{}.{}", class.module.as_str(), class.qualname.as_str());
    Ok(Value::string(match lock.handle.state() {
        Some(super::hub::LockState::Reentrant { owner, count }) => format!(
            "<{} {name} object owner={owner} count={count} at {id:#x}>",
            if count > 0 { "locked" } else { "unlocked" }
        ),
        Some(super::hub::LockState::Plain { held }) => format!(
            "<{} {name} object at {id:#x}>",
            if held { "locked" } else { "unlocked" }
        ),
        None => format!("<{name} object at {id:#x}>"),
    }))
}

/// `RLock._is_owned()`.
fn rlock_is_owned(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let lock = me(&args, "_is_owned")?;
    Ok(Value::Bool(Flag(matches!(
        lock.handle.state(),
        Some(super::hub::LockState::Reentrant { owner, count }) if owner == vm.ident && count > 0
    ))))
}

/// `RLock._release_save()`: releases completely; returns `(count, owner)`.
fn rlock_release_save(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let lock = me(&args, "_release_save")?;
    let owner = vm.ident;
    let count = lock
        .handle
        .release_all(owner)
        .map_err(|_| PyErr::new(ExcKind::RuntimeError, "cannot release un-acquired lock"))?;
    Ok(Value::tuple(vec![
        Value::Int(count as i64),
        Value::Int(owner as i64),
    ]))
}

/// `RLock._acquire_restore((count, owner))`.
fn rlock_acquire_restore(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let lock = me(&args, "_acquire_restore")?;
    args.arity("_acquire_restore", 2, 2)?;
    let count = match args.positional()[1].as_tuple() {
        Some([Value::Int(c), _]) => *c as u32,
        _ => {
            return Err(PyErr::type_error(
                "_acquire_restore() argument must be a (count, owner) tuple",
            ))
        }
    };
    if !lock.handle.try_acquire(vm.ident) {
        wait_for(vm, lock, None)?;
    }
    lock.handle.set_count(count);
    Ok(Value::None)
}

/// `start_new_thread(function, args, kwargs=None)`.
fn start_new_thread(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.no_kwargs("start_new_thread")?;
    args.arity("start_new_thread", 2, 3)?;
    let p = args.positional();
    if !crate::vm::invoke::is_callable(&p[0]) {
        return Err(PyErr::type_error("first arg must be callable"));
    }
    let Some(items) = p[1].as_tuple() else {
        return Err(PyErr::type_error("2nd arg must be a tuple"));
    };
    let kwargs = match p.get(2) {
        None => None,
        Some(Value::Dict(_)) => Some(p[2].clone()),
        Some(_) => return Err(PyErr::type_error("optional 3rd arg must be a dictionary")),
    };
    let name = thread_name(vm, &p[0]);
    let ident = start_thread(vm, name, p[0].clone(), items.to_vec(), kwargs)?;
    Ok(Value::Int(ident as i64))
}

/// The name the new thread gets in reports and on the timeline: the
/// `Thread` object's name when `f` is one of its bound methods
/// (`Thread._bootstrap`), else `Dummy-N`.
fn thread_name(vm: &mut ThreadCtx, f: &Value) -> String {
    if let Value::Method(m) = f {
        if let Value::Instance(i) = &m.self_ {
            if let Some(Value::Str(s)) = i.dict_get(&intern("_name")) {
                return s.as_str().to_string();
            }
        }
    }
    format!(
        "Dummy-{}",
        vm.rt.next_ident.load(std::sync::atomic::Ordering::Relaxed)
    )
}

/// `get_ident()`.
fn get_ident(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("get_ident", 0, 0)?;
    Ok(Value::Int(vm.ident as i64))
}

/// `get_native_id()`: the interpreter's thread number (std offers no
/// kernel thread id; programs only print or compare it).
fn get_native_id(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("get_native_id", 0, 0)?;
    Ok(Value::Int(
        std::process::id() as i64 * 1000 + vm.ident as i64,
    ))
}

/// `_count()`: threads alive besides the main one.
fn count(vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("_count", 0, 0)?;
    Ok(Value::Int(vm.rt.threads.live().saturating_sub(1) as i64))
}

/// Constants and aliases.
fn init(_vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    m.add("TIMEOUT_MAX", Value::Float(TIMEOUT_MAX));
    m.add(
        "error",
        Value::Type(types().exc(ExcKind::RuntimeError).clone()),
    );
    m.add("LockType", Value::Type(LOCK.class().clone()));
    Ok(())
}

/// The `_thread` module.
pub static MODULE: NativeModule = NativeModule {
    name: "_thread",
    functions: &[
        NativeSpec::function("allocate_lock", allocate_lock),
        NativeSpec::function("allocate", allocate_lock),
        NativeSpec::function("start_new_thread", start_new_thread),
        NativeSpec::function("start_new", start_new_thread),
        NativeSpec::function("get_ident", get_ident),
        NativeSpec::function("get_native_id", get_native_id),
        NativeSpec::function("_count", count),
    ],
    classes: &[&LOCK, &RLOCK],
    init: Some(init),
};
