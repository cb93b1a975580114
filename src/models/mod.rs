//! The Rust column: every workload through the three model crates.
//!
//! | model | CPU-bound | I/O, low and high volume |
//! |---|---|---|
//! | `sequential (MiniPy)` | the kernel's MiniPy source, one thread: the interpreted baseline | — |
//! | `sequential (native)` | the native kernel, one thread: the native baseline | — |
//! | `threading` | MiniPy threads under the new GIL (3.12) | MiniPy threads in `time.sleep`; for sockets, MiniPy threads running `python/echo_threads.py` |
//! | `threading (free-threaded)` | MiniPy threads with no GIL (3.13t), for contrast | — |
//! | `multiprocessing` | `Pool(2)` workers, each running the MiniPy source in its own interpreter | a `Process` per sleeper (few only); `Pool(2)` of echo clients (not at C10K) |
//! | `multiprocessing (native)` | `Pool(2)` running the native kernel | — |
//! | `asyncio` | the native kernel inside tasks on one thread | the hand-rolled loop |
//! | `asyncio (async-std)` | — | the async-std twin |
//!
//! Speed-ups compare like with like: a MiniPy cell against MiniPy's
//! sequential run, a native cell against the native sequential run, an I/O
//! cell against the sequential I/O reference. Each cell runs in a fresh
//! process (this binary, re-executed with `--cell`; see [`crate::cell`]),
//! as many times as [`crate::passes`] asks.

mod asyncio_cells;
mod gate;
mod multiprocessing_cells;
mod threading_cells;

use crate::cell::{self, Report, Skipped};
use common::measure::rss;
use common::workload::{Entry, Workload};
use common::EchoStart;
use std::net::SocketAddr;
use std::process::Command;
use std::time::Instant;

/// How many workers or threads a CPU-bound task is split across.
pub const CPU_WORKERS: usize = 2;

/// A Rust model, as the `--cell` flag names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Model {
    /// MiniPy, one thread: the interpreted baseline.
    MinipySequential,
    /// The native kernel, one thread: the native baseline.
    NativeSequential,
    /// MiniPy threads under the new GIL (CPython 3.12's protocol).
    Threading,
    /// MiniPy threads with no GIL (CPython 3.13t).
    ThreadingFree,
    /// Pool workers, each running MiniPy in its own interpreter.
    Multiprocessing,
    /// Pool workers running the native kernel.
    MultiprocessingNative,
    /// The hand-rolled event loop.
    Asyncio,
    /// The async-std twin.
    AsyncStd,
}

impl Model {
    /// The name in the table and the JSON.
    pub fn label(self) -> &'static str {
        match self {
            Model::MinipySequential => "sequential (MiniPy)",
            Model::NativeSequential => "sequential (native)",
            Model::Threading => "threading",
            Model::ThreadingFree => "threading (free-threaded)",
            Model::Multiprocessing => "multiprocessing",
            Model::MultiprocessingNative => "multiprocessing (native)",
            Model::Asyncio => "asyncio",
            Model::AsyncStd => "asyncio (async-std)",
        }
    }

    /// The `--cell` value.
    fn flag(self) -> &'static str {
        match self {
            Model::MinipySequential => "minipy-sequential",
            Model::NativeSequential => "native-sequential",
            Model::Threading => "threading",
            Model::ThreadingFree => "threading-free",
            Model::Multiprocessing => "multiprocessing",
            Model::MultiprocessingNative => "multiprocessing-native",
            Model::Asyncio => "asyncio",
            Model::AsyncStd => "async-std",
        }
    }

    /// Whether this cell runs interpreted MiniPy on `workload` (so its
    /// baseline is MiniPy's sequential run, not the native one). Only
    /// CPU-bound work is interpreted; I/O cells all wait the same waits.
    pub fn interpreted(self, workload: &Workload) -> bool {
        matches!(workload, Workload::Cpu(_))
            && matches!(
                self,
                Model::MinipySequential
                    | Model::Threading
                    | Model::ThreadingFree
                    | Model::Multiprocessing
            )
    }
}

/// The models that run a workload, in table order.
pub fn models_for(workload: &Workload) -> Vec<Model> {
    match workload {
        Workload::Cpu(_) => vec![
            Model::MinipySequential,
            Model::NativeSequential,
            Model::Threading,
            Model::ThreadingFree,
            Model::Multiprocessing,
            Model::MultiprocessingNative,
            Model::Asyncio,
        ],
        Workload::Sleep(_) | Workload::Echo { .. } => vec![
            Model::Threading,
            Model::Multiprocessing,
            Model::Asyncio,
            Model::AsyncStd,
        ],
    }
}

/// How many tasks run at once in this workload (for memory per task).
pub fn concurrent_tasks(workload: &Workload) -> usize {
    match workload {
        Workload::Cpu(_) => CPU_WORKERS,
        Workload::Sleep(spec) => spec.tasks,
        Workload::Echo { spec, .. } => spec.connections,
    }
}

/// More processes than this, one per task, is "not sensible": the seed's
/// point about processes being heavy, taken as given rather than measured
/// by forking thousands.
pub const MOST_PROCESSES: usize = 100;

/// Why a process-per-task model does not run a workload, if it does not
/// (shared with the CPython column).
pub fn processes_not_sensible(workload: &Workload) -> Option<String> {
    match workload {
        Workload::Sleep(spec) if spec.tasks > MOST_PROCESSES => {
            Some(format!("{} processes is not sensible", spec.tasks))
        }
        // Holding N connections open at once with processes takes a process
        // per connection; a pool of two would hold two.
        Workload::Echo {
            spec,
            start: EchoStart::AllConnected,
            ..
        } if spec.connections > MOST_PROCESSES => Some(format!(
            "{} processes (one per open connection) is not sensible",
            spec.connections
        )),
        _ => None,
    }
}

/// Why a model does not run a workload, if it does not.
pub fn not_sensible(model: Model, workload: &Workload) -> Option<String> {
    match model {
        Model::Multiprocessing => processes_not_sensible(workload),
        _ => None,
    }
}

/// What a measured workload hands back: its result and, for models with
/// worker processes, their summed peak RSS.
pub struct Measured {
    /// The workload's result, in the shape [`cell::result_ok`] checks.
    pub result: serde_json::Value,
    /// The worker processes' peak RSS, summed (0 without workers).
    pub workers_peak_rss_bytes: u64,
}

impl From<serde_json::Value> for Measured {
    fn from(result: serde_json::Value) -> Measured {
        Measured {
            result,
            workers_peak_rss_bytes: 0,
        }
    }
}

/// Runs `f` as this process's one measured workload and returns its report.
pub fn measure_here<M: Into<Measured>>(f: impl FnOnce() -> M) -> Report {
    let baseline = rss::current_bytes().unwrap_or(0);
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let measured = f().into();
    let wall_s = start.elapsed().as_secs_f64();
    Report {
        wall_s,
        cpu_s: cpu_seconds() - cpu_start,
        peak_rss_bytes: rss::peak_bytes().unwrap_or(0),
        baseline_rss_bytes: baseline,
        workers_peak_rss_bytes: measured.workers_peak_rss_bytes,
        result: measured.result,
    }
}

/// User + system CPU seconds of this process and its reaped children, from
/// `/proc/self/stat` (fields 14–17, in USER_HZ ticks, which Linux fixes at
/// 100 per second for this interface).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The command name (field 2) may hold spaces; fields after it are plain.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11) // fields 3..=13
        .take(4) // utime, stime, cutime, cstime
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    ticks as f64 / 100.0
}

/// The child side of `--cell`: runs one model on one entry, here.
pub fn run_cell(model: Model, entry: &Entry, echo: Option<SocketAddr>) -> Report {
    match entry.workload {
        Workload::Cpu(task) => match model {
            Model::MinipySequential | Model::Threading | Model::ThreadingFree => {
                threading_cells::cpu(model, task)
            }
            Model::NativeSequential => measure_here(|| serde_json::Value::from(task.run())),
            Model::Multiprocessing | Model::MultiprocessingNative => {
                multiprocessing_cells::cpu(model, task)
            }
            Model::Asyncio | Model::AsyncStd => asyncio_cells::cpu(task),
        },
        Workload::Sleep(spec) => match model {
            Model::Multiprocessing | Model::MultiprocessingNative => {
                multiprocessing_cells::sleep(spec)
            }
            Model::Asyncio => asyncio_cells::sleep(spec, false),
            Model::AsyncStd => asyncio_cells::sleep(spec, true),
            _ => threading_cells::sleep(spec),
        },
        Workload::Echo { spec, start, .. } => {
            let addr = echo.expect("the parent passes --echo-addr for echo cells");
            match model {
                Model::Multiprocessing | Model::MultiprocessingNative => {
                    multiprocessing_cells::echo(spec, addr)
                }
                Model::Asyncio => asyncio_cells::echo(spec, addr, start),
                Model::AsyncStd => asyncio_cells::echo_async_std(spec, addr, start),
                _ => threading_cells::echo(spec, addr, start),
            }
        }
    }
}

/// Runs `model` on `entry` in a fresh process of this binary.
pub fn spawn_cell(
    model: Model,
    entry: &Entry,
    quick: bool,
    echo: Option<SocketAddr>,
) -> Result<Report, Skipped> {
    let label = model.label();
    let exe = std::env::current_exe().map_err(|e| Skipped {
        model: label,
        reason: format!("cannot find this binary: {e}"),
    })?;
    let mut cmd = Command::new(exe);
    cmd.args(["--cell", model.flag(), "--entry", &entry.name]);
    if quick {
        cmd.arg("--quick");
    }
    if let Some(addr) = echo {
        cmd.args(["--echo-addr", &addr.to_string()]);
    }
    let out = cmd.output().map_err(|e| Skipped {
        model: label,
        reason: format!("cannot start: {e}"),
    })?;
    cell::parse(label, &out)
}
