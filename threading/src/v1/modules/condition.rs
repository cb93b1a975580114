//! `Condition.wait` and the `with` protocol of the lock-like objects.
//!
//! ```text
//!   cond.wait():  check we hold the lock → take a ticket → release the lock
//!                 fully (an RLock's count is saved) → wait for notify(ticket)
//!                 → re-acquire → restore the count
//!   with lock:    BEFORE_WITH → acquire (blocking)   EXIT_WITH → release
//! ```
//!
//! The ticket makes `notify(n)` wake exactly the `n` oldest waiters, as
//! CPython's `Condition` does with its deque of waiter locks.
//!
//! Python equivalent: `threading.Condition.wait` / `notify`,
//! `Lock.__enter__` / `__exit__`.

use super::hub::{Prim, PrimHandle, WaitKind};
use super::threading::{acquire, release, wait as wait_for};
use super::Object;
use crate::v1::vm::exception::{ExcKind, PyErr, PyResult};
use crate::v1::vm::value::Value;
use crate::v1::vm::ThreadCtx;

/// Whether the current thread may use a Condition's lock (holds it).
pub(super) fn owns(ctx: &ThreadCtx, lock: &Value) -> bool {
    let Value::Object(l) = lock else { return false };
    match &**l {
        Object::Lock(h) => matches!(h.hub.state().prim(h.id), Some(Prim::Lock(true))),
        Object::RLock(h) => {
            matches!(h.hub.state().prim(h.id), Some(Prim::RLock(o, _)) if *o == ctx.ident)
        }
        _ => false,
    }
}

/// `Condition.wait([timeout])`: release the lock fully, wait for a notify,
/// re-acquire (restoring an RLock's recursion count).
pub(super) fn wait(
    ctx: &mut ThreadCtx,
    h: &PrimHandle,
    lock: &Value,
    timeout: Option<f64>,
) -> PyResult<bool> {
    if !owns(ctx, lock) {
        return Err(PyErr::new(
            ExcKind::RuntimeError,
            "cannot wait on un-acquired lock",
        ));
    }
    let Value::Object(l) = lock else {
        return Ok(false);
    };
    let (ticket, saved) = {
        let mut st = h.hub.state();
        let ticket = st.ticket();
        if let Some(Prim::Condition(waiting, _)) = st.prim(h.id) {
            waiting.push_back(ticket);
        }
        let saved = match &**l {
            Object::RLock(lh) => match st.prim(lh.id) {
                Some(Prim::RLock(owner, count)) => {
                    let c = *count;
                    *owner = 0;
                    *count = 0;
                    c
                }
                _ => 0,
            },
            Object::Lock(lh) => {
                if let Some(Prim::Lock(held)) = st.prim(lh.id) {
                    *held = false;
                }
                1
            }
            _ => 0,
        };
        (ticket, saved)
    };
    if let Object::Lock(lh) | Object::RLock(lh) = &**l {
        lh.hub.notify(lh);
    }
    let (notified, _) = wait_for(
        ctx,
        h,
        WaitKind::Notified(ticket),
        timeout,
        "Condition.wait()".into(),
    )?;
    if !notified {
        if let Some(Prim::Condition(waiting, _)) = h.hub.state().prim(h.id) {
            waiting.retain(|t| *t != ticket);
        }
    }
    acquire(ctx, l, true, None)?;
    if let Object::RLock(lh) = &**l {
        if let Some(Prim::RLock(_, count)) = lh.hub.state().prim(lh.id) {
            *count = saved.max(1);
        }
    }
    Ok(notified)
}

impl ThreadCtx {
    /// `with obj:` entry (`BEFORE_WITH`): acquire; returns `__enter__`'s value.
    pub fn enter_context(&mut self, v: &Value) -> PyResult {
        match v {
            Value::Object(o)
                if matches!(
                    **o,
                    Object::Lock(_)
                        | Object::RLock(_)
                        | Object::Semaphore(..)
                        | Object::Condition(..)
                ) =>
            {
                Ok(Value::Bool(acquire(self, o, true, None)?))
            }
            other => Err(PyErr::type_error(format!(
                "'{}' object does not support the context manager protocol",
                other.type_name()
            ))),
        }
    }

    /// `with obj:` exit: release.
    pub fn exit_context(&mut self, v: &Value) -> PyResult<()> {
        match v {
            Value::Object(o) => release(self, o, 1),
            _ => Ok(()),
        }
    }
}
