//! The CPython column: the same workload instance through Python's own
//! `threading`, `multiprocessing` and `asyncio`, measured in the same run.
//!
//! Each cell runs `python/cpython_models.py MODEL SPEC_JSON` (committed in
//! this repository) as a fresh interpreter, which prints one
//! [`Report`](crate::cell::Report). When `python3` is absent every cell says
//! so and the table goes on: CPython is a peer, not a requirement.

use crate::cell::{self, Outcome, Report, Skipped};
use crate::models::CPU_WORKERS;
use crate::reference;
use common::workload::{Entry, Workload};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Python's models, in the seed's order of simplicity after the baseline.
pub const MODELS: [&str; 4] = ["sequential", "threading", "multiprocessing", "asyncio"];

/// The path of the committed peer script.
fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python/cpython_models.py")
}

/// The spec the script takes, plus how many tasks run concurrently, or why
/// this model does not run this workload.
fn spec(entry: &Entry, model: &str, echo: Option<SocketAddr>) -> Result<(Value, usize), String> {
    match entry.workload {
        Workload::Cpu(task) => {
            let calls: Vec<String> = task
                .split(CPU_WORKERS)
                .iter()
                .map(|t| t.minipy_call())
                .collect();
            Ok((
                json!({"kind": "cpu", "source": task.minipy_source(), "calls": calls,
                       "workers": CPU_WORKERS}),
                CPU_WORKERS,
            ))
        }
        Workload::Sleep(spec) => {
            if model == "multiprocessing" && spec.tasks > 100 {
                return Err(format!("{} processes is not sensible", spec.tasks));
            }
            Ok((
                json!({"kind": "sleep", "tasks": spec.tasks,
                       "latency_s": spec.latency.as_secs_f64()}),
                spec.tasks,
            ))
        }
        Workload::Echo { spec, .. } => {
            let addr = echo.ok_or("no echo server")?;
            Ok((
                json!({"kind": "echo", "host": addr.ip().to_string(), "port": addr.port(),
                       "connections": spec.connections, "requests": spec.requests,
                       "payload": spec.payload}),
                spec.connections,
            ))
        }
    }
}

/// Runs `entry` through one Python model, returning its report (checked
/// against the reference) and how many tasks ran at once.
fn measure(
    entry: &Entry,
    model: &'static str,
    echo: Option<SocketAddr>,
) -> Result<(Report, bool, usize), Skipped> {
    let skip = |reason: String| Skipped { model, reason };
    let (entry, factor) = if model == "sequential" {
        reference::sequential_sample(entry)
    } else {
        (entry.clone(), 1.0)
    };
    let (spec, tasks) = spec(&entry, model, echo).map_err(skip)?;
    let out = common::measure::python::run_script(&script(), &[model, &spec.to_string()])
        .ok_or_else(|| skip("python3 absent".into()))?;
    let mut report = cell::parse(model, &out)?;
    let ok = cell::result_ok(&entry, &report.result);
    report.wall_s *= factor;
    Ok((report, ok, tasks))
}

/// The whole CPython column for one row; `tick` is called before each model.
pub fn column(entry: &Entry, echo: Option<SocketAddr>, mut tick: impl FnMut(&str)) -> Vec<Outcome> {
    let mut sequential_s = f64::NAN;
    MODELS
        .iter()
        .map(|&model| {
            tick(model);
            match measure(entry, model, echo) {
                Ok((report, ok, tasks)) => {
                    if model == "sequential" {
                        sequential_s = report.wall_s;
                    }
                    Outcome::Measured(cell::measured(model, &report, tasks, sequential_s, ok))
                }
                Err(skipped) => Outcome::Skipped(skipped),
            }
        })
        .collect()
}
