//! The CPython column: the same workload instance through Python's own
//! `threading`, `multiprocessing` and `asyncio`, measured in the same run.
//!
//! Each run of a cell is `python/cpython_models.py MODEL SPEC_JSON`
//! (committed in this repository) in a fresh interpreter, which prints one
//! [`Report`](crate::cell::Report). When `python3` is absent every cell says
//! so and the table goes on: CPython is a peer, not a requirement.

use crate::cell::{self, Report, Skipped};
use crate::models::{processes_not_sensible, CPU_WORKERS};
use crate::reference;
use common::workload::{Entry, Workload};
use common::EchoStart;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Python's models, in the seed's order of simplicity after the baseline.
pub const MODELS: [&str; 4] = ["sequential", "threading", "multiprocessing", "asyncio"];

/// The baseline's name in [`MODELS`].
pub const SEQUENTIAL: &str = "sequential";

/// The path of the committed peer script.
fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python/cpython_models.py")
}

/// Why a Python model does not run this workload, if it does not: the same
/// process-per-task limit as the Rust column's.
pub fn not_sensible(entry: &Entry, model: &str) -> Option<String> {
    (model == "multiprocessing")
        .then(|| processes_not_sensible(&entry.workload))
        .flatten()
}

/// How many tasks run at once in this workload (for memory per task).
pub fn concurrent_tasks(entry: &Entry) -> usize {
    match entry.workload {
        Workload::Cpu(_) => CPU_WORKERS,
        Workload::Sleep(spec) => spec.tasks,
        Workload::Echo { spec, .. } => spec.connections,
    }
}

/// The spec the script takes.
fn spec(entry: &Entry, echo: Option<SocketAddr>) -> Result<Value, String> {
    match entry.workload {
        Workload::Cpu(task) => {
            let calls: Vec<String> = task
                .split(CPU_WORKERS)
                .iter()
                .map(|t| t.minipy_call())
                .collect();
            Ok(
                json!({"kind": "cpu", "source": task.minipy_source(), "calls": calls,
                       "workers": CPU_WORKERS}),
            )
        }
        Workload::Sleep(spec) => Ok(json!({"kind": "sleep", "tasks": spec.tasks,
                   "latency_s": spec.latency.as_secs_f64()})),
        Workload::Echo { spec, start, .. } => {
            let addr = echo.ok_or("no echo server")?;
            Ok(
                json!({"kind": "echo", "host": addr.ip().to_string(), "port": addr.port(),
                       "connections": spec.connections, "requests": spec.requests,
                       "payload": spec.payload,
                       "all_connected": start == EchoStart::AllConnected}),
            )
        }
    }
}

/// Runs `entry` once through one Python model; returns its report (the
/// sequential baseline's wall time scaled up from its sample) and whether
/// its result matched the reference.
pub fn run(
    entry: &Entry,
    model: &'static str,
    echo: Option<SocketAddr>,
) -> Result<(Report, bool), Skipped> {
    let skip = |reason: String| Skipped { model, reason };
    let (entry, factor) = if model == SEQUENTIAL {
        reference::sequential_sample(entry)
    } else {
        (entry.clone(), 1.0)
    };
    let spec = spec(&entry, echo).map_err(skip)?;
    let out = common::measure::python::run_script(&script(), &[model, &spec.to_string()])
        .ok_or_else(|| skip("python3 absent".into()))?;
    let mut report = cell::parse(model, &out)?;
    let ok = cell::result_ok(&entry, &report.result);
    report.wall_s *= factor;
    Ok((report, ok))
}
