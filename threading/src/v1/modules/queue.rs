//! `queue.Queue`: a FIFO with an optional bound and task accounting.
//!
//! ```text
//!   put(x)   waits while full (maxsize > 0), appends, unfinished += 1
//!   get()    waits while empty, pops the oldest     → queue.Empty on timeout
//!   task_done()  unfinished -= 1 (ValueError below 0)
//!   join()   waits until unfinished == 0
//! ```
//!
//! The items live in the hub (one mutex with every other primitive), so a
//! consumer blocked on an empty queue is visible to the deadlock detector.
//!
//! Python equivalent: `Lib/queue.py` (`Queue`, with its `not_empty`,
//! `not_full` and `all_tasks_done` conditions).

use super::hub::{Prim, PrimHandle, WaitKind};
use super::seconds;
use super::threading::wait;
use crate::v1::builtins::{arity, take_kw};
use crate::v1::vm::exception::{ExcKind, PyErr, PyResult};
use crate::v1::vm::value::Value;
use crate::v1::vm::ThreadCtx;
use std::sync::Arc;

fn block_timeout(block: Option<Value>, timeout: Option<Value>) -> PyResult<(bool, Option<f64>)> {
    let block = block.is_none_or(|b| b.truthy());
    let timeout = match timeout {
        None | Some(Value::None) => None,
        Some(t) => {
            let t = seconds(&t, "a float")?;
            if t < 0.0 {
                return Err(PyErr::value_error(
                    "'timeout' must be a non-negative number",
                ));
            }
            Some(t)
        }
    };
    Ok((block, timeout))
}

/// Queue methods.
pub fn call(
    ctx: &mut ThreadCtx,
    h: &PrimHandle,
    name: &str,
    args: Vec<Value>,
    mut kwargs: Vec<(Arc<String>, Value)>,
) -> PyResult {
    let mut arg = |i: usize, kw: &str| args.get(i).cloned().or_else(|| take_kw(&mut kwargs, kw));
    match name {
        "put" | "put_nowait" => {
            let item = arg(0, "item").ok_or_else(|| {
                PyErr::type_error("put() missing 1 required positional argument: 'item'")
            })?;
            let (block, timeout) = if name == "put" {
                block_timeout(arg(1, "block"), arg(2, "timeout"))?
            } else {
                (false, None)
            };
            let ok = if block {
                wait(ctx, h, WaitKind::QueuePut, timeout, "Queue.put()".into())?.0
            } else {
                h.hub.try_now(h, WaitKind::QueuePut).0
            };
            if !ok {
                return Err(PyErr::from_args(ExcKind::QueueFull, Vec::new()));
            }
            if let Some(Prim::Queue(items, _, unfinished)) = h.hub.state().prim(h.id) {
                items.push_back(item);
                *unfinished += 1;
            }
            h.hub.notify(h);
            Ok(Value::None)
        }
        "get" | "get_nowait" => {
            let (block, timeout) = if name == "get" {
                block_timeout(arg(0, "block"), arg(1, "timeout"))?
            } else {
                (false, None)
            };
            let (ok, got) = if block {
                wait(ctx, h, WaitKind::QueueGet, timeout, "Queue.get()".into())?
            } else {
                h.hub.try_now(h, WaitKind::QueueGet)
            };
            match (ok, got) {
                (true, Some(v)) => {
                    h.hub.notify(h);
                    Ok(v)
                }
                _ => Err(PyErr::from_args(ExcKind::QueueEmpty, Vec::new())),
            }
        }
        "task_done" => {
            arity("task_done", &args, 0, 0)?;
            let mut st = h.hub.state();
            if let Some(Prim::Queue(_, _, unfinished)) = st.prim(h.id) {
                if *unfinished == 0 {
                    return Err(PyErr::value_error("task_done() called too many times"));
                }
                *unfinished -= 1;
            }
            drop(st);
            h.hub.notify(h);
            Ok(Value::None)
        }
        "join" => {
            wait(ctx, h, WaitKind::QueueJoin, None, "Queue.join()".into())?;
            Ok(Value::None)
        }
        "qsize" | "empty" | "full" => {
            let mut st = h.hub.state();
            let (len, max) = match st.prim(h.id) {
                Some(Prim::Queue(items, max, _)) => (items.len(), *max),
                _ => (0, 0),
            };
            Ok(match name {
                "qsize" => Value::Int(len as i64),
                "empty" => Value::Bool(len == 0),
                _ => Value::Bool(max > 0 && len >= max),
            })
        }
        _ => Err(PyErr::new(
            ExcKind::AttributeError,
            format!("'Queue' object has no attribute '{name}'"),
        )),
    }
}
