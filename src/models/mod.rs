//! The Rust column: every workload through the three model crates.
//!
//! | model | CPU-bound | I/O, low and high volume |
//! |---|---|---|
//! | `sequential (MiniPy)` | the kernel's MiniPy source, one thread: the interpreted baseline | — |
//! | `threading` | MiniPy threads under the new GIL (3.12) | MiniPy threads in `time.sleep`; Rust threads under the same GIL for sockets |
//! | `threading (free-threaded)` | MiniPy threads with no GIL (3.13t), for contrast | — |
//! | `multiprocessing` | `Pool(2)` workers, each running the MiniPy source in its own interpreter | a `Process` per sleeper (few only); `Pool(2)` of echo clients |
//! | `multiprocessing (native)` | `Pool(2)` running the native kernel | — |
//! | `asyncio` | the native kernel inside tasks on one thread | the hand-rolled loop |
//! | `asyncio (async-std)` | — | the async-std twin |
//!
//! Speed-ups compare like with like: a MiniPy cell against MiniPy's
//! sequential run, a native cell against the native reference, an I/O cell
//! against the sequential I/O reference. Each cell runs in a fresh process
//! (this binary, re-executed with `--cell`; see [`crate::cell`]).

mod asyncio_cells;
mod multiprocessing_cells;
mod threading_cells;

use crate::cell::{self, Outcome, Report, Skipped};
use common::measure::rss;
use common::workload::{Entry, Workload};
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
            Model::Threading => "threading",
            Model::ThreadingFree => "threading-free",
            Model::Multiprocessing => "multiprocessing",
            Model::MultiprocessingNative => "multiprocessing-native",
            Model::Asyncio => "asyncio",
            Model::AsyncStd => "async-std",
        }
    }

    /// Whether this cell runs interpreted MiniPy on `workload` (so its
    /// baseline is MiniPy's sequential run, not the native reference). Only
    /// CPU-bound work is interpreted; I/O cells all wait the same waits.
    fn interpreted(self, workload: &Workload) -> bool {
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
fn concurrent_tasks(workload: &Workload) -> usize {
    match workload {
        Workload::Cpu(_) => CPU_WORKERS,
        Workload::Sleep(spec) => spec.tasks,
        Workload::Echo { spec, .. } => spec.connections,
    }
}

/// Why a model does not run a workload, if it does not.
fn not_sensible(model: Model, workload: &Workload) -> Option<String> {
    match (model, workload) {
        (Model::Multiprocessing, Workload::Sleep(spec)) if spec.tasks > 100 => {
            Some(format!("{} processes is not sensible", spec.tasks))
        }
        _ => None,
    }
}

/// Runs `f` as this process's one measured workload and returns its report.
pub fn measure_here(f: impl FnOnce() -> serde_json::Value) -> Report {
    let baseline = rss::current_bytes().unwrap_or(0);
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let result = f();
    let wall_s = start.elapsed().as_secs_f64();
    Report {
        wall_s,
        cpu_s: cpu_seconds() - cpu_start,
        peak_rss_bytes: rss::peak_bytes().unwrap_or(0),
        baseline_rss_bytes: baseline,
        result,
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
        Workload::Echo { spec, .. } => {
            let addr = echo.expect("the parent passes --echo-addr for echo cells");
            match model {
                Model::Multiprocessing | Model::MultiprocessingNative => {
                    multiprocessing_cells::echo(spec, addr)
                }
                Model::Asyncio => asyncio_cells::echo(spec, addr, false),
                Model::AsyncStd => asyncio_cells::echo(spec, addr, true),
                _ => threading_cells::echo(spec, addr),
            }
        }
    }
}

/// Runs `model` on `entry` in a fresh process of this binary.
fn spawn_cell(
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

/// The whole Rust column for one row. `native_sequential_s` is the row's
/// in-process reference time; `tick` is called once per model, before it
/// runs, with the model's name.
pub fn column(
    entry: &Entry,
    quick: bool,
    native_sequential_s: f64,
    echo: Option<SocketAddr>,
    mut tick: impl FnMut(&str),
) -> Vec<Outcome> {
    let mut minipy_sequential_s = None;
    let mut outcomes = Vec::new();
    for model in models_for(&entry.workload) {
        tick(model.label());
        if let Some(reason) = not_sensible(model, &entry.workload) {
            outcomes.push(Outcome::Skipped(Skipped {
                model: model.label(),
                reason,
            }));
            continue;
        }
        let outcome = match spawn_cell(model, entry, quick, echo) {
            Ok(report) => {
                if model == Model::MinipySequential {
                    minipy_sequential_s = Some(report.wall_s);
                }
                let sequential_s = if model.interpreted(&entry.workload) {
                    minipy_sequential_s.unwrap_or(f64::NAN)
                } else {
                    native_sequential_s
                };
                Outcome::Measured(cell::measured(
                    model.label(),
                    &report,
                    concurrent_tasks(&entry.workload),
                    sequential_s,
                    cell::result_ok(entry, &report.result),
                ))
            }
            Err(skipped) => Outcome::Skipped(skipped),
        };
        outcomes.push(outcome);
    }
    outcomes
}
