//! Asyncio cells: the hand-rolled loop and its async-std twin, on one
//! thread.
//!
//! CPU-bound: the native kernel's parts inside tasks — they run one after
//! another, because a task that never awaits never lets another run (the
//! row shows asyncio gains nothing here). I/O: the crate's sleepers,
//! hand-rolled or on async-std, and echo clients written here on the two
//! runtimes' public APIs — the same client every model runs (connect,
//! for C10K wait at a [gate](super::gate) until every connection is open,
//! then each round trip of [`EchoSpec::payload_for`], checked).

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

/// How many clients the gate waits for: all of them for C10K, none
/// otherwise (every client goes as soon as it has connected).
fn gate_parties(spec: EchoSpec, start: EchoStart) -> usize {
    match start {
        EchoStart::OnConnect => 0,
        EchoStart::AllConnected => spec.connections,
    }
}

/// Echo on the hand-rolled loop: `connections` concurrent clients; the
/// round trips whose reply matched.
///
/// Why not the crate's own `programs::echo::echo_load`: it sends one fixed
/// message and reads with `read_exact`, whose 16 KiB read-ahead buffer per
/// stream would be charged to memory per connection; every model's cell
/// runs the same client instead.
pub fn echo(spec: EchoSpec, addr: SocketAddr, start: EchoStart) -> Report {
    measure_here(|| {
        let done = asyncio::run(gated_load(spec, addr, gate_parties(spec, start))).ok();
        serde_json::json!(done)
    })
}

/// Echo on async-std: the same clients on its executor.
pub fn echo_async_std(spec: EchoSpec, addr: SocketAddr, start: EchoStart) -> Report {
    measure_here(|| {
        let parties = gate_parties(spec, start);
        let done = async_std::task::block_on(gated_load_async_std(spec, addr, parties));
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

/// The clients on the hand-rolled loop: each connects, waits at the gate
/// (of `parties`; 0 opens at once), then makes its round trips; returns
/// the round trips whose reply matched.
async fn gated_load(spec: EchoSpec, addr: SocketAddr, parties: usize) -> usize {
    let gate = Rc::new(LoopGate::new(parties));
    let clients: Vec<_> = (0..spec.connections)
        .map(|conn| {
            let gate = Rc::clone(&gate);
            asyncio::spawn(async move {
                let stream = asyncio::net::open_connection(addr).await;
                gate.arrive_and_wait().await;
                let Ok(stream) = stream else { return 0 };
                let mut ok = 0;
                let mut reply = vec![0u8; spec.payload];
                for req in 0..spec.requests {
                    let message = spec.payload_for(conn, req);
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

/// The same clients on async-std's multi-threaded executor (so the gate is
/// thread-safe and the futures `Send`).
async fn gated_load_async_std(spec: EchoSpec, addr: SocketAddr, parties: usize) -> usize {
    use async_std::io::{ReadExt, WriteExt};
    let gate = Arc::new(AsyncStdGate::new(parties));
    let clients: Vec<_> = (0..spec.connections)
        .map(|conn| {
            let gate = Arc::clone(&gate);
            async_std::task::spawn(async move {
                let stream = async_std::net::TcpStream::connect(addr).await;
                gate.arrive_and_wait().await;
                let Ok(mut stream) = stream else { return 0 };
                let _ = stream.set_nodelay(true);
                let mut ok = 0;
                let mut reply = vec![0u8; spec.payload];
                for req in 0..spec.requests {
                    let message = spec.payload_for(conn, req);
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
