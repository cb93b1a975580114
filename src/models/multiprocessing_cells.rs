//! Multiprocessing cells: the `multiprocessing` crate's `Pool` and
//! `Process`, forked from this cell's single-threaded process.
//!
//! CPU-bound: each pool worker runs its part of the kernel's MiniPy source
//! in an interpreter of its own — one GIL per process, which is the whole
//! point — or, for contrast, the native kernel. I/O: one `Process` per
//! sleeper (only at low volume), and a `Pool(2)` of blocking echo clients.
//!
//! Every cell also reports its workers' memory: the peak RSS (`VmHWM`) of
//! each worker, read from `/proc/PID/status` while the worker is still
//! alive — for a pool after `map` returns and before the pool is dropped,
//! for a short-lived `Process` by the process itself, just before it
//! exits, into shared memory the parent reads. Summed over the workers.

use super::{measure_here, Measured, Model, CPU_WORKERS};
use crate::cell::Report;
use common::{CpuTask, EchoSpec, SleepSpec};
use multiprocessing::{Array, Pool, Process, StartMethod};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use threading::gil::GilConfig;
use threading::{Config, Interpreter};

/// A `Pool(n)` forked from this cell's process: its workers are this
/// process's children, so their CPU time is in the cell's `cpu_s` (the
/// crate's default forkserver would make them the server's children).
fn forked_pool(n: usize) -> multiprocessing::Result<Pool> {
    Pool::builder()
        .processes(n)
        .start_method(StartMethod::Fork)
        .build()
}

/// Pool task: run one part's MiniPy program in this worker's own
/// interpreter; `u64::MAX` when it failed (the parent's check then fails).
fn run_minipy_part(task: CpuTask) -> u64 {
    let config = Config {
        gil: GilConfig::preset("3.12").expect("a known preset"),
        capture: true,
    };
    let out = Interpreter::new(config).run_source("part.py", &task.minipy_program());
    out.stdout.trim().parse().unwrap_or(u64::MAX)
}

/// Pool task: the native kernel.
fn run_native_part(task: CpuTask) -> u64 {
    task.run()
}

/// The peak RSS of process `pid` (`VmHWM` in `/proc/PID/status`), in
/// bytes; 0 when it cannot be read (the process is gone).
fn peak_rss_of(pid: i32) -> u64 {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return 0;
    };
    status
        .lines()
        .find_map(|line| {
            let kb = line.strip_prefix("VmHWM:")?.trim().strip_suffix("kB")?;
            kb.trim().parse::<u64>().ok()
        })
        .map_or(0, |kb| kb * 1024)
}

/// The pool's workers' peak RSS, summed. Call it while the pool is alive.
fn workers_peak(pool: &Pool) -> u64 {
    pool.worker_pids().into_iter().map(peak_rss_of).sum()
}

/// Sums a map's results; `null` if any task failed.
fn sum_or_null(
    results: multiprocessing::Result<Vec<multiprocessing::Result<u64>>>,
) -> serde_json::Value {
    match results {
        Ok(parts) => parts
            .into_iter()
            .try_fold(0u64, |acc, r| r.ok().map(|v| acc.wrapping_add(v)))
            .map_or(serde_json::Value::Null, Into::into),
        Err(e) => {
            eprintln!("pool failed: {e}");
            serde_json::Value::Null
        }
    }
}

/// CPU-bound: `Pool(2).map` over the task's parts, one per chunk.
pub fn cpu(model: Model, task: CpuTask) -> Report {
    let f: fn(CpuTask) -> u64 = if model == Model::MultiprocessingNative {
        run_native_part
    } else {
        run_minipy_part
    };
    measure_here(|| {
        let parts = task.split(CPU_WORKERS);
        // The pool is dropped (its workers reaped) inside the measurement,
        // so their CPU time is counted; their memory is read just before.
        match forked_pool(CPU_WORKERS) {
            Ok(pool) => {
                let result = sum_or_null(pool.map(f, parts, Some(1)));
                Measured {
                    result,
                    workers_peak_rss_bytes: workers_peak(&pool),
                }
            }
            Err(e) => {
                eprintln!("no pool: {e}");
                serde_json::Value::Null.into()
            }
        }
    })
}

/// Sleepers: one process each; the ids of those that exited 0, in order.
/// Each process writes its own peak RSS into a shared array before it
/// exits (the parent cannot read it later: an exited process has none).
pub fn sleep(spec: SleepSpec) -> Report {
    measure_here(|| {
        let peaks = match Array::new(&vec![0u64; spec.tasks]) {
            Ok(peaks) => Some(peaks),
            Err(e) => {
                eprintln!("no shared memory for the workers' peaks: {e}");
                None
            }
        };
        let mut processes: Vec<Process> = (0..spec.tasks)
            .map(|id| {
                let peaks = peaks.clone();
                Process::new(move || {
                    std::thread::sleep(spec.latency);
                    if let Some(peaks) = peaks {
                        peaks.set(id, peak_rss_of(std::process::id() as i32));
                    }
                })
            })
            .collect();
        for p in &mut processes {
            let _ = p.start();
        }
        let ids: Vec<usize> = processes
            .iter_mut()
            .enumerate()
            .filter_map(|(id, p)| {
                let joined = p.join(None).is_ok();
                (joined && p.exitcode() == Some(0)).then_some(id)
            })
            .collect();
        Measured {
            result: serde_json::json!(ids),
            workers_peak_rss_bytes: peaks.map_or(0, |p| p.to_vec().iter().sum()),
        }
    })
}

/// Pool task: one blocking echo client; the round trips that matched.
fn echo_connection((spec, conn, addr): (EchoSpec, usize, String)) -> usize {
    let Ok(mut stream) = TcpStream::connect(addr.as_str()) else {
        return 0;
    };
    let _ = stream.set_nodelay(true);
    let mut reply = vec![0u8; spec.payload];
    (0..spec.requests)
        .filter(|&req| {
            let message = spec.payload_for(conn, req);
            stream.write_all(&message).is_ok()
                && stream.read_exact(&mut reply).is_ok()
                && reply == message
        })
        .count()
}

/// Echo: `Pool(2).map` over the connections.
pub fn echo(spec: EchoSpec, addr: SocketAddr) -> Report {
    measure_here(|| {
        let jobs: Vec<(EchoSpec, usize, String)> = (0..spec.connections)
            .map(|conn| (spec, conn, addr.to_string()))
            .collect();
        let pool = match forked_pool(CPU_WORKERS) {
            Ok(pool) => pool,
            Err(e) => {
                eprintln!("no pool: {e}");
                return serde_json::Value::Null.into();
            }
        };
        let result = match pool.map(echo_connection, jobs, Some(1)) {
            Ok(parts) => {
                serde_json::json!(parts.into_iter().map(|r| r.unwrap_or(0)).sum::<usize>())
            }
            Err(e) => {
                eprintln!("pool failed: {e}");
                serde_json::Value::Null
            }
        };
        Measured {
            result,
            workers_peak_rss_bytes: workers_peak(&pool),
        }
    })
}
