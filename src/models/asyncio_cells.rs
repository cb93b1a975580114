//! Asyncio cells: the hand-rolled loop and its async-std twin, on one
//! thread.
//!
//! CPU-bound: the native kernel's parts inside tasks — they run one after
//! another, because a task that never awaits never lets another run (the
//! row shows asyncio gains nothing here). I/O: the crate's sleepers and echo
//! clients, hand-rolled or on async-std; for C10K
//! ([`EchoStart::AllConnected`]) clients written here on the crates'
//! public APIs, which wait at a [gate](super::gate) until every connection
//! is open.

use super::gate::{AsyncStdGate, LoopGate};
use super::{measure_here, CPU_WORKERS};
use crate::cell::Report;
use common::{CpuTask, EchoSpec, EchoStart, SleepSpec};
use std::net::SocketAddr;
use std::rc::Rc;
use std::sync::Arc;

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

/// Echo on the hand-rolled loop: `connections` concurrent clients; the
/// round trips completed.
pub fn echo(spec: EchoSpec, addr: SocketAddr, start: EchoStart) -> Report {
    measure_here(|| {
        let done = match start {
            EchoStart::OnConnect => asyncio::run(asyncio::programs::echo::echo_load(
                addr,
                spec.connections,
                spec.requests,
                spec.payload,
            ))
            .ok()
            .and_then(Result::ok),
            EchoStart::AllConnected => asyncio::run(gated_load(spec, addr)).ok(),
        };
        serde_json::json!(done)
    })
}

/// Echo on async-std: the twin's load, or gated clients for C10K.
pub fn echo_async_std(spec: EchoSpec, addr: SocketAddr, start: EchoStart) -> Report {
    measure_here(|| {
        let done = match start {
            EchoStart::OnConnect => async_std::task::block_on(asyncio::twin::echo::echo_load(
                addr,
                spec.connections,
                spec.requests,
                spec.payload,
            ))
            .ok(),
            EchoStart::AllConnected => {
                Some(async_std::task::block_on(gated_load_async_std(spec, addr)))
            }
        };
        serde_json::json!(done)
    })
}

/// Reads exactly `buf.len()` bytes with plain `read`s.
///
/// Why not the stream's `read_exact`: it reads ahead into a 16 KiB buffer
/// that each stream keeps from its first use, which at ten thousand
/// connections is 160 MiB of buffers for 1 KiB replies. A C10K client reads
/// into the reply's own buffer, as the threaded client's blocking
/// `read_exact` does.
async fn read_reply(stream: &asyncio::net::TcpStream, buf: &mut [u8]) -> std::io::Result<()> {
    let mut filled = 0;
    while filled < buf.len() {
        match stream.read(&mut buf[filled..]).await? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => filled += n,
        }
    }
    Ok(())
}

/// C10K on the hand-rolled loop: every client connects, waits at the gate,
/// then makes its round trips; returns the round trips whose reply matched.
async fn gated_load(spec: EchoSpec, addr: SocketAddr) -> usize {
    let gate = Rc::new(LoopGate::new(spec.connections));
    let clients: Vec<_> = (0..spec.connections)
        .map(|conn| {
            let gate = Rc::clone(&gate);
            asyncio::spawn(async move {
                let stream = asyncio::net::open_connection(addr).await;
                gate.arrive_and_wait().await;
                let Ok(stream) = stream else { return 0 };
                let mut ok = 0;
                for req in 0..spec.requests {
                    let message = spec.payload_for(conn, req);
                    let mut reply = vec![0u8; spec.payload];
                    if stream.write_all(&message).await.is_ok()
                        && read_reply(&stream, &mut reply).await.is_ok()
                        && reply == message
                    {
                        ok += 1;
                    }
                }
                ok
            })
        })
        .collect();
    let mut done = 0;
    for client in clients {
        done += client.await.unwrap_or(0);
    }
    done
}

/// C10K on async-std: the same clients, on its multi-threaded executor
/// (so the gate is thread-safe and the futures `Send`).
async fn gated_load_async_std(spec: EchoSpec, addr: SocketAddr) -> usize {
    use async_std::io::{ReadExt, WriteExt};
    let gate = Arc::new(AsyncStdGate::new(spec.connections));
    let clients: Vec<_> = (0..spec.connections)
        .map(|conn| {
            let gate = Arc::clone(&gate);
            async_std::task::spawn(async move {
                let stream = async_std::net::TcpStream::connect(addr).await;
                gate.arrive_and_wait().await;
                let Ok(mut stream) = stream else { return 0 };
                let _ = stream.set_nodelay(true);
                let mut ok = 0;
                for req in 0..spec.requests {
                    let message = spec.payload_for(conn, req);
                    let mut reply = vec![0u8; spec.payload];
                    if stream.write_all(&message).await.is_ok()
                        && stream.read_exact(&mut reply).await.is_ok()
                        && reply == message
                    {
                        ok += 1;
                    }
                }
                ok
            })
        })
        .collect();
    let mut done = 0;
    for client in clients {
        done += client.await;
    }
    done
}
