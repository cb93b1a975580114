//! Asyncio cells: the hand-rolled loop and its async-std twin, on one
//! thread.
//!
//! CPU-bound: the native kernel's parts inside tasks — they run one after
//! another, because a task that never awaits never lets another run (the
//! row shows asyncio gains nothing here). I/O: the crate's sleepers and echo
//! clients, hand-rolled or on async-std.

use super::{measure_here, CPU_WORKERS};
use crate::cell::Report;
use common::{CpuTask, EchoSpec, SleepSpec};
use std::net::SocketAddr;

/// CPU-bound: `gather` of one task per part.
pub fn cpu(task: CpuTask) -> Report {
    measure_here(|| {
        let total = asyncio::run(async move {
            let tasks: Vec<_> = task
                .split(CPU_WORKERS)
                .into_iter()
                .map(|part| asyncio::spawn(async move { part.run() }))
                .collect();
            let mut total = 0u64;
            for t in tasks {
                total += t.await.ok()?;
            }
            Some(total)
        });
        match total {
            Ok(Some(total)) => total.into(),
            _ => serde_json::Value::Null,
        }
    })
}

/// Sleepers: `gather` of `tasks` sleeps.
pub fn sleep(spec: SleepSpec, async_std: bool) -> Report {
    measure_here(|| {
        let ids = if async_std {
            Some(asyncio::twin::sleepers::run_sleepers(
                spec.tasks,
                spec.latency,
            ))
        } else {
            asyncio::run(asyncio::programs::sleepers::sleepers(
                spec.tasks,
                spec.latency,
            ))
            .ok()
            .and_then(Result::ok)
        };
        serde_json::json!(ids)
    })
}

/// Echo: `connections` concurrent clients; the round trips completed.
pub fn echo(spec: EchoSpec, addr: SocketAddr, async_std: bool) -> Report {
    measure_here(|| {
        let done = if async_std {
            async_std_echo(spec, addr)
        } else {
            asyncio::run(asyncio::programs::echo::echo_load(
                addr,
                spec.connections,
                spec.requests,
                spec.payload,
            ))
            .ok()
            .and_then(Result::ok)
        };
        serde_json::json!(done)
    })
}

/// The async-std twin's echo load, on async-std's executor (whose spawned
/// tasks run on its own thread pool: the twin is not single-threaded).
fn async_std_echo(spec: EchoSpec, addr: SocketAddr) -> Option<usize> {
    async_std::task::block_on(asyncio::twin::echo::echo_load(
        addr,
        spec.connections,
        spec.requests,
        spec.payload,
    ))
    .ok()
}
