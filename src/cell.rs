//! One cell of the table: a workload run through one model, in a process of
//! its own.
//!
//! Both columns use the same protocol. A cell runs as a fresh process — a
//! `python3` for the CPython column, this binary re-executed with `--cell`
//! for the Rust column — that prints one JSON [`Report`]:
//!
//! ```text
//!  parent (the table)                       child (one cell)
//!  ──────────────────                       ────────────────
//!  spawn  ── MODEL + workload ──────────▶   baseline RSS, start clock
//!                                           run the workload
//!  parse  ◀── {"wall_s", "cpu_s",           peak RSS (VmHWM), stop clock
//!              "peak_rss_bytes",
//!              "baseline_rss_bytes",
//!              "result"} ─────────────────
//! ```
//!
//! Why a process per cell: peak memory (`VmHWM`) only ever grows, so two
//! cells in one process would share a high-water mark; a crash or a hang in
//! one cell must not take the table with it; and a multiprocessing pool
//! forks most safely from a process that has no other threads yet.

use common::workload::{Entry, Workload};
use serde::{Deserialize, Serialize};
use std::process::Output;

/// What a cell's process prints on stdout.
#[derive(Debug, Serialize, Deserialize)]
pub struct Report {
    /// Wall time of the workload alone, in seconds.
    pub wall_s: f64,
    /// User + system CPU seconds, children included.
    pub cpu_s: f64,
    /// Peak resident memory of the cell's (parent) process, in bytes.
    pub peak_rss_bytes: u64,
    /// Resident memory just before the workload started, in bytes.
    pub baseline_rss_bytes: u64,
    /// The workload's result, compared with the sequential reference.
    pub result: serde_json::Value,
}

/// One measured cell.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The model's name, e.g. `threading` or `asyncio (async-std)`.
    pub model: &'static str,
    /// Wall time in seconds.
    pub wall_s: f64,
    /// The same engine's sequential run, in seconds (speed-ups divide by it).
    pub sequential_s: f64,
    /// User + system CPU seconds (children included) over wall seconds.
    pub cpu_utilisation: f64,
    /// Peak resident memory of the cell's parent process, in bytes.
    pub peak_rss_bytes: u64,
    /// Peak RSS growth over the start of the run, per concurrent task.
    pub bytes_per_task: f64,
    /// Whether the result matched the Rust sequential reference.
    pub result_ok: bool,
}

impl Cell {
    /// Sequential time over this model's time: above 1 the model gained.
    pub fn speedup(&self) -> f64 {
        self.sequential_s / self.wall_s.max(1e-9)
    }
}

/// Why a cell has no numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    /// The model's name.
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

    /// False only for a measured cell whose result was wrong.
    pub fn result_ok(&self) -> bool {
        match self {
            Outcome::Measured(c) => c.result_ok,
            Outcome::Skipped(_) => true,
        }
    }

    /// The measured cell, if any.
    pub fn measured(&self) -> Option<&Cell> {
        match self {
            Outcome::Measured(c) => Some(c),
            Outcome::Skipped(_) => None,
        }
    }
}

/// Turns a finished cell process into a [`Report`], or a skip reason.
pub fn parse(model: &'static str, out: &Output) -> Result<Report, Skipped> {
    let skip = |reason: String| Skipped { model, reason };
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or("no output");
        return Err(skip(format!("failed ({}): {last}", out.status)));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| skip(format!("unreadable report: {e}")))
}

/// Builds the cell from a report: `tasks` concurrent tasks, a sequential
/// baseline, and whether the result was right.
pub fn measured(
    model: &'static str,
    report: &Report,
    tasks: usize,
    sequential_s: f64,
    result_ok: bool,
) -> Cell {
    let growth = report
        .peak_rss_bytes
        .saturating_sub(report.baseline_rss_bytes);
    Cell {
        model,
        wall_s: report.wall_s,
        sequential_s,
        cpu_utilisation: if report.wall_s > 0.0 {
            report.cpu_s / report.wall_s
        } else {
            0.0
        },
        peak_rss_bytes: report.peak_rss_bytes,
        bytes_per_task: growth as f64 / tasks.max(1) as f64,
        result_ok,
    }
}

/// Whether a cell's `result` equals the sequential reference's: the kernel's
/// value, every sleeper's id in task order, or every echo round trip.
/// Both columns report their results in these shapes.
pub fn result_ok(entry: &Entry, result: &serde_json::Value) -> bool {
    match entry.workload {
        Workload::Cpu(task) => result.as_u64() == Some(task.run()),
        Workload::Sleep(spec) => {
            let want: Vec<serde_json::Value> =
                spec.expected().into_iter().map(Into::into).collect();
            result.as_array() == Some(&want)
        }
        Workload::Echo { spec, .. } => {
            result.as_u64() == Some((spec.connections * spec.requests) as u64)
        }
    }
}
