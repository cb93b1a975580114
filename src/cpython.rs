//! The CPython column: the same workload instance through Python's own
//! `threading`, `multiprocessing` and `asyncio`, measured in the same run.
//!
//! Each cell runs `python/cpython_models.py MODEL SPEC_JSON` (committed in
//! this repository) as a fresh interpreter, so one cell's memory does not
//! leak into the next. The script prints one JSON object; this module turns
//! it into a [`Cell`]. When `python3` is absent every cell says so and the
//! table goes on: CPython is a peer, not a requirement.

use crate::verdict;
use common::workload::{Entry, Workload};
use serde::Serialize;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Python's models, in the seed's order of simplicity.
pub const MODELS: [&str; 4] = ["sequential", "threading", "multiprocessing", "asyncio"];

/// How many workers a CPU-bound task is split across (the machine's cores).
pub const CPU_WORKERS: usize = 2;

/// One measured cell of the CPython column.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// `sequential`, `threading`, `multiprocessing` or `asyncio`.
    pub model: &'static str,
    /// Wall time in seconds.
    pub wall_s: f64,
    /// User + system CPU seconds (children included) over wall seconds.
    pub cpu_utilisation: f64,
    /// Peak resident memory of the Python parent process, in bytes.
    pub peak_rss_bytes: u64,
    /// Peak RSS growth over the start of the run, per concurrent task.
    pub bytes_per_task: f64,
    /// Whether the result matched the Rust sequential reference.
    pub result_ok: bool,
}

/// Why a cell has no numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    /// `sequential`, `threading`, `multiprocessing` or `asyncio`.
    pub model: &'static str,
    /// A short reason, printed in the table.
    pub reason: String,
}

/// A cell's outcome: measured, or skipped with a reason.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    /// The model ran; its numbers.
    Measured(Cell),
    /// The model did not run this workload, and why.
    Skipped(Skipped),
}

impl Outcome {
    /// The model's name, measured or not.
    pub fn model(&self) -> &'static str {
        match self {
            Outcome::Measured(c) => c.model,
            Outcome::Skipped(s) => s.model,
        }
    }

    /// The wall time when measured.
    pub fn wall_s(&self) -> Option<f64> {
        match self {
            Outcome::Measured(c) => Some(c.wall_s),
            Outcome::Skipped(_) => None,
        }
    }

    /// False only for a measured cell whose result was wrong.
    pub fn result_ok(&self) -> bool {
        match self {
            Outcome::Measured(c) => c.result_ok,
            Outcome::Skipped(_) => true,
        }
    }
}

/// The verdict rule applied to the measured, correct, concurrent cells.
pub fn verdict(class: common::Class, cells: &[Outcome]) -> Option<&'static str> {
    let candidates: Vec<verdict::Candidate> = cells
        .iter()
        .filter_map(|c| match c {
            Outcome::Measured(m) if m.result_ok && m.model != "sequential" => {
                Some(verdict::Candidate {
                    model: m.model,
                    wall_s: m.wall_s,
                    bytes_per_task: m.bytes_per_task,
                })
            }
            _ => None,
        })
        .collect();
    verdict::decide(class, &candidates)
}

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
            let n = calls.len();
            Ok((
                json!({"kind": "cpu", "source": task.minipy_source(), "calls": calls,
                       "workers": CPU_WORKERS}),
                n,
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

/// Whether the script's `result` equals the Rust reference's.
fn result_ok(entry: &Entry, result: &Value) -> bool {
    match entry.workload {
        Workload::Cpu(task) => result.as_u64() == Some(task.run()),
        Workload::Sleep(spec) => {
            let want: Vec<Value> = spec.expected().into_iter().map(Value::from).collect();
            result.as_array() == Some(&want)
        }
        Workload::Echo { spec, .. } => {
            result.as_u64() == Some((spec.connections * spec.requests) as u64)
        }
    }
}

/// Runs `entry` through one Python model.
pub fn run(entry: &Entry, model: &'static str, echo: Option<SocketAddr>) -> Outcome {
    measure(entry, model, echo).unwrap_or_else(Outcome::Skipped)
}

/// [`run`], with a skip as the error.
fn measure(
    entry: &Entry,
    model: &'static str,
    echo: Option<SocketAddr>,
) -> Result<Outcome, Skipped> {
    let skip = |reason: String| Skipped { model, reason };
    let (spec, tasks) = spec(entry, model, echo).map_err(skip)?;
    let path = script();
    let out = common::measure::python::run_script(&path, &[model, &spec.to_string()])
        .ok_or_else(|| skip("python3 absent".into()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or("no output");
        return Err(skip(format!("python3 failed: {last}")));
    }
    let v: Value =
        serde_json::from_slice(&out.stdout).map_err(|e| skip(format!("unreadable output: {e}")))?;
    let num = |k: &str| v[k].as_f64().unwrap_or(0.0);
    let wall_s = num("wall_s");
    let growth = (num("peak_rss_bytes") - num("baseline_rss_bytes")).max(0.0);
    Ok(Outcome::Measured(Cell {
        model,
        wall_s,
        cpu_utilisation: if wall_s > 0.0 {
            num("cpu_s") / wall_s
        } else {
            0.0
        },
        peak_rss_bytes: num("peak_rss_bytes") as u64,
        bytes_per_task: growth / tasks.max(1) as f64,
        result_ok: result_ok(entry, &v["result"]),
    }))
}
