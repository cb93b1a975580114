//! `threading` and `queue` objects: constructors, methods, attributes and
//! the `with` protocol.
//!
//! ```text
//!   lock.acquire()  ─ try without releasing the GIL (the common,
//!                     uncontended case costs no GIL switch)
//!                   ─ else: gil.blocking(|| hub.wait_for(lock is free))
//! ```
//!
//! Every blocking method goes through [`wait`]: first a non-blocking try
//! with the GIL held, then — only if it must wait — the GIL is released
//! around the hub wait, exactly like CPython's `acquire_timed` does with
//! `Py_BEGIN_ALLOW_THREADS`.
//!
//! Python equivalent: `Modules/_threadmodule.c` (`lock`, `RLock`),
//! `Lib/threading.py` (`Event`, `Condition`, `Semaphore`), `Lib/queue.py`.

use super::hub::{Prim, PrimHandle, WaitInfo, WaitKind};
use super::thread;
use super::{seconds, Object};
use crate::v1::builtins::attrs::bind_object_method;
use crate::v1::builtins::{arity, no_kwargs, take_kw, Builtin};
use crate::v1::vm::exception::{ExcKind, PyErr, PyResult};
use crate::v1::vm::value::Value;
use crate::v1::vm::ThreadCtx;
use std::collections::VecDeque;
use std::sync::Arc;

type Kwargs = Vec<(Arc<String>, Value)>;

const THREAD_METHODS: &[&str] = &["start", "join", "is_alive", "run", "getName"];
const LOCK_METHODS: &[&str] = &["acquire", "release", "locked"];
const EVENT_METHODS: &[&str] = &["set", "clear", "is_set", "wait"];
const COND_METHODS: &[&str] = &["acquire", "release", "wait", "notify", "notify_all"];
const QUEUE_METHODS: &[&str] = &[
    "put",
    "get",
    "task_done",
    "join",
    "qsize",
    "empty",
    "full",
    "put_nowait",
    "get_nowait",
];

/// Blocks (GIL released) until `kind` can proceed on `h`, or `timeout`
/// seconds pass. Returns whether it proceeded.
pub fn wait(
    ctx: &mut ThreadCtx,
    h: &PrimHandle,
    kind: WaitKind,
    timeout: Option<f64>,
    what: String,
) -> PyResult<(bool, Option<Value>)> {
    let (ok, got) = h.hub.try_now(h, kind);
    if ok {
        return Ok((true, got));
    }
    let timeout = match timeout {
        Some(t) if t <= 0.0 => return Ok((false, None)),
        Some(t) => {
            Some(std::time::Duration::try_from_secs_f64(t).unwrap_or(std::time::Duration::MAX))
        }
        None => None,
    };
    let hub = h.hub.clone();
    let name = ctx.name.clone();
    let line = ctx.line;
    let r = ctx.blocking(|| {
        hub.wait_for(
            h,
            kind,
            timeout,
            WaitInfo {
                thread: &name,
                what,
                line,
            },
        )
    });
    r.map_err(|_| PyErr::Deadlock)
}

fn timeout_arg(v: Option<&Value>) -> PyResult<Option<f64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(seconds(v, "a float")?)),
    }
}

/// Constructors and module functions of `threading` and `queue`.
pub fn call(ctx: &mut ThreadCtx, b: Builtin, args: Vec<Value>, mut kwargs: Kwargs) -> PyResult {
    let hub = ctx.rt.hub.clone();
    let obj = |o: Object| Ok(Value::Object(Arc::new(o)));
    match b {
        Builtin::Thread => {
            if take_kw(&mut kwargs, "daemon").is_some_and(|d| d.truthy()) {
                return Err(PyErr::new(
                    ExcKind::NotImplementedError,
                    "daemon threads are outside MiniPy",
                ));
            }
            if !args.is_empty() {
                return Err(PyErr::new(
                    ExcKind::NotImplementedError,
                    "Thread() takes keyword arguments only in MiniPy",
                ));
            }
            let target = take_kw(&mut kwargs, "target").unwrap_or(Value::None);
            let targs = match take_kw(&mut kwargs, "args") {
                None => Vec::new(),
                Some(v) => crate::v1::vm::iter::collect(&v)?,
            };
            let tkw = match take_kw(&mut kwargs, "kwargs") {
                Some(Value::Dict(d)) => crate::v1::vm::value::lock(&d)
                    .entries()
                    .into_iter()
                    .map(|(k, v)| (Arc::new(k.to_str()), v))
                    .collect(),
                _ => Vec::new(),
            };
            let name = take_kw(&mut kwargs, "name")
                .filter(|n| !matches!(n, Value::None))
                .map(|n| n.to_str());
            no_kwargs("Thread", &kwargs)?;
            Ok(thread::new_thread(ctx, target, targs, tkw, name))
        }
        Builtin::Lock => {
            arity("Lock", &args, 0, 0)?;
            obj(Object::Lock(hub.alloc(Prim::Lock(false))))
        }
        Builtin::RLock => {
            arity("RLock", &args, 0, 0)?;
            obj(Object::RLock(hub.alloc(Prim::RLock(0, 0))))
        }
        Builtin::Event => {
            arity("Event", &args, 0, 0)?;
            obj(Object::Event(hub.alloc(Prim::Event(false))))
        }
        Builtin::Semaphore | Builtin::BoundedSemaphore => {
            let value = match args.first().or(take_kw(&mut kwargs, "value").as_ref()) {
                None => 1,
                Some(Value::Int(v)) => *v,
                Some(o) => {
                    return Err(PyErr::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        o.type_name()
                    )))
                }
            };
            no_kwargs(b.name(), &kwargs)?;
            if value < 0 {
                return Err(PyErr::value_error("semaphore initial value must be >= 0"));
            }
            let bounded = b == Builtin::BoundedSemaphore;
            obj(Object::Semaphore(
                hub.alloc(Prim::Semaphore(value, bounded.then_some(value))),
                bounded,
            ))
        }
        Builtin::Condition => {
            let lock = match args.into_iter().next().or(take_kw(&mut kwargs, "lock")) {
                Some(Value::None) | None => {
                    Value::Object(Arc::new(Object::RLock(hub.alloc(Prim::RLock(0, 0)))))
                }
                Some(l @ Value::Object(_)) => l,
                Some(o) => {
                    return Err(PyErr::type_error(format!(
                        "Condition() needs a lock, not {}",
                        o.type_name()
                    )))
                }
            };
            obj(Object::Condition(
                hub.alloc(Prim::Condition(VecDeque::new(), Vec::new())),
                lock,
            ))
        }
        Builtin::Queue => {
            let max = match args.first().or(take_kw(&mut kwargs, "maxsize").as_ref()) {
                None => 0,
                Some(Value::Int(v)) => (*v).max(0) as usize,
                Some(o) => {
                    return Err(PyErr::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        o.type_name()
                    )))
                }
            };
            obj(Object::Queue(hub.alloc(Prim::Queue(
                VecDeque::new(),
                max,
                0,
            ))))
        }
        Builtin::CurrentThread => Ok(ctx.current.clone().unwrap_or(Value::None)),
        Builtin::MainThread => Ok(ctx.rt.main_thread.get().cloned().unwrap_or(Value::None)),
        Builtin::ActiveCount => Ok(Value::Int(hub.state().live as i64)),
        Builtin::GetIdent => Ok(Value::Int(ctx.ident as i64)),
        _ => Err(PyErr::type_error("not a threading function")),
    }
}

/// The method names of a threading object.
pub fn method_table(o: &Object) -> &'static [&'static str] {
    match o {
        Object::Thread(_) => THREAD_METHODS,
        Object::Lock(_) | Object::RLock(_) | Object::Semaphore(..) => LOCK_METHODS,
        Object::Event(_) => EVENT_METHODS,
        Object::Condition(..) => COND_METHODS,
        Object::Queue(_) => QUEUE_METHODS,
    }
}

/// `obj.attr` for threading objects.
pub fn object_attr(v: &Value, o: &Object, name: &str) -> PyResult {
    let table: &[&'static str] = match o {
        Object::Thread(t) => match name {
            "name" => return Ok(Value::str(&t.name)),
            "ident" => {
                return Ok(crate::v1::vm::value::lock(&t.ident)
                    .map_or(Value::None, |i| Value::Int(i as i64)))
            }
            "daemon" => return Ok(Value::Bool(false)),
            _ => THREAD_METHODS,
        },
        Object::Lock(_) | Object::RLock(_) | Object::Semaphore(..) => LOCK_METHODS,
        Object::Event(_) => EVENT_METHODS,
        Object::Condition(..) => COND_METHODS,
        Object::Queue(_) => QUEUE_METHODS,
    };
    bind_object_method(v, table, name).ok_or_else(|| {
        PyErr::new(
            ExcKind::AttributeError,
            format!("'{}' object has no attribute '{name}'", o.type_name()),
        )
    })
}

/// Acquire for Lock / RLock / Semaphore (`blocking`, `timeout` as Python).
pub(super) fn acquire(
    ctx: &mut ThreadCtx,
    o: &Object,
    blocking: bool,
    timeout: Option<f64>,
) -> PyResult<bool> {
    let (h, kind, what) = match o {
        Object::Lock(h) => (h, WaitKind::Lock, "Lock.acquire()"),
        Object::RLock(h) => (h, WaitKind::RLock(ctx.ident), "RLock.acquire()"),
        Object::Semaphore(h, _) => (h, WaitKind::Semaphore, "Semaphore.acquire()"),
        Object::Condition(_, lock) => match lock {
            Value::Object(l) => return acquire(ctx, l, blocking, timeout),
            _ => return Err(PyErr::type_error("Condition without a lock")),
        },
        _ => return Err(PyErr::type_error("not a lock")),
    };
    if !blocking {
        if timeout.is_some() {
            return Err(PyErr::value_error(
                "can't specify a timeout for a non-blocking call",
            ));
        }
        return Ok(h.hub.try_now(h, kind).0);
    }
    Ok(wait(ctx, h, kind, timeout, what.to_string())?.0)
}

/// Release for Lock / RLock / Semaphore.
pub(super) fn release(ctx: &ThreadCtx, o: &Object, n: i64) -> PyResult<()> {
    match o {
        Object::Condition(_, Value::Object(l)) => release(ctx, l, n),
        Object::Lock(h) | Object::RLock(h) | Object::Semaphore(h, _) => {
            {
                let mut st = h.hub.state();
                match st.prim(h.id) {
                    Some(Prim::Lock(held)) => {
                        if !*held {
                            return Err(PyErr::new(ExcKind::RuntimeError, "release unlocked lock"));
                        }
                        *held = false;
                    }
                    Some(Prim::RLock(owner, count)) => {
                        if *owner != ctx.ident || *count == 0 {
                            return Err(PyErr::new(
                                ExcKind::RuntimeError,
                                "cannot release un-acquired lock",
                            ));
                        }
                        *count -= 1;
                        if *count == 0 {
                            *owner = 0;
                        }
                    }
                    Some(Prim::Semaphore(v, bound)) => {
                        if bound.is_some_and(|b| *v + n > b) {
                            return Err(PyErr::value_error("Semaphore released too many times"));
                        }
                        *v += n;
                    }
                    _ => {}
                }
            }
            h.hub.notify(h);
            Ok(())
        }
        _ => Err(PyErr::type_error("not a lock")),
    }
}

/// Methods of threading and queue objects.
pub fn call_method(
    ctx: &mut ThreadCtx,
    recv: &Value,
    name: &'static str,
    args: Vec<Value>,
    mut kwargs: Kwargs,
) -> PyResult {
    let Value::Object(o) = recv else {
        return Err(PyErr::type_error("not an object"));
    };
    if let Object::Queue(h) = &**o {
        return super::queue::call(ctx, h, name, args, kwargs);
    }
    let mut arg = |i: usize, kw: &str| args.get(i).cloned().or_else(|| take_kw(&mut kwargs, kw));
    match (&**o, name) {
        (Object::Thread(t), "start") => thread::start(ctx, recv, t),
        (Object::Thread(t), "join") => {
            let timeout = timeout_arg(arg(0, "timeout").as_ref())?;
            thread::join(ctx, recv, t, timeout)
        }
        (Object::Thread(t), "is_alive") => Ok(Value::Bool(matches!(
            t.run_state(),
            super::hub::ThreadRun::Starting | super::hub::ThreadRun::Running
        ))),
        (Object::Thread(t), "getName") => Ok(Value::str(&t.name)),
        (Object::Thread(t), "run") => ctx
            .call_value(&t.target.clone(), t.args.clone(), t.kwargs.clone())
            .map(|_| Value::None),
        (_, "acquire") => {
            let blocking = arg(0, "blocking").is_none_or(|v| v.truthy());
            let timeout = match timeout_arg(arg(1, "timeout").as_ref())? {
                Some(t) if t < 0.0 => None,
                other => other,
            };
            Ok(Value::Bool(acquire(ctx, o, blocking, timeout)?))
        }
        (_, "release") => {
            let n = match arg(0, "n") {
                Some(Value::Int(n)) => n,
                _ => 1,
            };
            release(ctx, o, n)?;
            Ok(Value::None)
        }
        (Object::Lock(h), "locked") => Ok(Value::Bool(matches!(
            h.hub.state().prim(h.id),
            Some(Prim::Lock(true))
        ))),
        (Object::Event(h), "set" | "clear") => {
            if let Some(Prim::Event(set)) = h.hub.state().prim(h.id) {
                *set = name == "set";
            }
            h.hub.notify(h);
            Ok(Value::None)
        }
        (Object::Event(h), "is_set") => Ok(Value::Bool(matches!(
            h.hub.state().prim(h.id),
            Some(Prim::Event(true))
        ))),
        (Object::Event(h), "wait") => {
            let timeout = timeout_arg(arg(0, "timeout").as_ref())?;
            Ok(Value::Bool(
                wait(ctx, h, WaitKind::Event, timeout, "Event.wait()".into())?.0,
            ))
        }
        (Object::Condition(h, lock), "wait") => {
            let timeout = timeout_arg(arg(0, "timeout").as_ref())?;
            Ok(Value::Bool(super::condition::wait(ctx, h, lock, timeout)?))
        }
        (Object::Condition(h, lock), "notify" | "notify_all") => {
            if !super::condition::owns(ctx, lock) {
                return Err(PyErr::new(
                    ExcKind::RuntimeError,
                    "cannot notify on un-acquired lock",
                ));
            }
            let n = match (name, arg(0, "n")) {
                ("notify_all", _) => usize::MAX,
                (_, Some(Value::Int(n))) => n.max(0) as usize,
                _ => 1,
            };
            if let Some(Prim::Condition(waiting, notified)) = h.hub.state().prim(h.id) {
                for _ in 0..n.min(waiting.len()) {
                    if let Some(t) = waiting.pop_front() {
                        notified.push(t);
                    }
                }
            }
            h.hub.notify(h);
            Ok(Value::None)
        }
        (other, _) => Err(PyErr::new(
            ExcKind::AttributeError,
            format!("'{}' object has no attribute '{name}'", other.type_name()),
        )),
    }
}
