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
//!              "peak_rss_bytes",            workers' peak RSS, summed
//!              "baseline_rss_bytes",
//!              "workers_peak_rss_bytes",
//!              "result"} ─────────────────
//! ```
//!
//! A cell is usually run several times (see [`crate::passes`]); the
//! [`Cell`] keeps the median of each figure and the range of wall times,
//! which the verdict rule ([`crate::verdict`]) reads as the cell's spread.
//!
//! ## Memory, honestly
//! A process's peak RSS counts only that process. A multiprocessing cell
//! also costs its workers, so it reports `workers_peak_rss_bytes`: each
//! worker's own peak (`VmHWM` of `/proc/PID/status`, read while it is still
//! alive), summed. Memory per task is then the parent's growth *plus* every
//! worker's peak, over the tasks. A forked worker's RSS includes the pages
//! it still shares with its parent (as `ps` and `top` count them), so the
//! sum is an upper bound on the machine's extra memory; the proportional
//! share (`Pss` in `smaps_rollup`) would be lower. We count RSS because
//! that is what each process holds on to, and what the seed's "processes
//! are heavier" is about.
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
    /// The worker processes' peak resident memory, summed over workers (0
    /// for models without worker processes; absent in a report means 0).
    #[serde(default)]
    pub workers_peak_rss_bytes: u64,
    /// The workload's result, compared with the sequential reference.
    pub result: serde_json::Value,
}

/// One measured cell: the median of its runs, and their range.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The model's name, e.g. `threading` or `asyncio (async-std)`.
    pub model: &'static str,
    /// How many times the cell ran (each in a fresh process).
    pub runs: usize,
    /// Median wall time of the runs, in seconds.
    pub wall_s: f64,
    /// The fastest run's wall time, in seconds.
    pub wall_min_s: f64,
    /// The slowest run's wall time, in seconds.
    pub wall_max_s: f64,
    /// The same engine's sequential run, in seconds (speed-ups divide by it).
    pub sequential_s: f64,
    /// User + system CPU seconds (children included) over wall seconds
    /// (median of the runs).
    pub cpu_utilisation: f64,
    /// Peak resident memory of the cell's parent process, in bytes (median).
    pub peak_rss_bytes: u64,
    /// The worker processes' peak resident memory, summed (median; 0 for
    /// models without workers).
    pub workers_peak_rss_bytes: u64,
    /// The parent's peak RSS growth plus the workers' peak RSS, per
    /// concurrent task (median).
    pub bytes_per_task: f64,
    /// The workers' share of `bytes_per_task`.
    pub workers_bytes_per_task: f64,
    /// Whether every run's result matched the Rust sequential reference.
    pub result_ok: bool,
}

impl Cell {
    /// Sequential time over this model's time: above 1 the model gained.
    pub fn speedup(&self) -> f64 {
        self.sequential_s / self.wall_s.max(1e-9)
    }

    /// Half the range of the runs' wall times: the `±` of the table.
    pub fn spread_s(&self) -> f64 {
        (self.wall_max_s - self.wall_min_s) / 2.0
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

/// The median of `values` (the lower middle one for an even count); 0 for
/// none. The median, not the mean, because one run disturbed by another
/// process on a shared machine must not move the figure.
pub fn median(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut sorted: Vec<f64> = values.into_iter().collect();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n => sorted[(n - 1) / 2],
    }
}

/// Builds the cell from its runs' reports: `tasks` concurrent tasks, a
/// sequential baseline, and whether every run's result was right. `runs`
/// must not be empty.
pub fn measured(
    model: &'static str,
    runs: &[Report],
    tasks: usize,
    sequential_s: f64,
    result_ok: bool,
) -> Cell {
    let tasks = tasks.max(1) as f64;
    let walls = || runs.iter().map(|r| r.wall_s);
    let growth = |r: &Report| r.peak_rss_bytes.saturating_sub(r.baseline_rss_bytes);
    Cell {
        model,
        runs: runs.len(),
        wall_s: median(walls()),
        wall_min_s: walls().fold(f64::INFINITY, f64::min),
        wall_max_s: walls().fold(0.0, f64::max),
        sequential_s,
        cpu_utilisation: median(runs.iter().map(|r| {
            if r.wall_s > 0.0 {
                r.cpu_s / r.wall_s
            } else {
                0.0
            }
        })),
        peak_rss_bytes: median(runs.iter().map(|r| r.peak_rss_bytes as f64)) as u64,
        workers_peak_rss_bytes: median(runs.iter().map(|r| r.workers_peak_rss_bytes as f64)) as u64,
        bytes_per_task: median(
            runs.iter()
                .map(|r| (growth(r) + r.workers_peak_rss_bytes) as f64 / tasks),
        ),
        workers_bytes_per_task: median(
            runs.iter().map(|r| r.workers_peak_rss_bytes as f64 / tasks),
        ),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn report(wall_s: f64, peak: u64, workers: u64) -> Report {
        Report {
            wall_s,
            cpu_s: wall_s,
            peak_rss_bytes: peak,
            baseline_rss_bytes: 1_000,
            workers_peak_rss_bytes: workers,
            result: serde_json::Value::Null,
        }
    }

    #[test]
    fn a_cell_keeps_the_median_and_the_range_of_its_runs() {
        let runs = [
            report(0.060, 3_000, 0),
            report(0.050, 2_000, 0),
            report(0.052, 9_000, 0),
        ];
        let cell = measured("threading", &runs, 2, 1.0, true);
        assert_eq!(cell.runs, 3);
        assert_eq!(cell.wall_s, 0.052);
        assert_eq!((cell.wall_min_s, cell.wall_max_s), (0.050, 0.060));
        assert!((cell.spread_s() - 0.005).abs() < 1e-12);
        // Growth 2000 B over 2 tasks, the median of 1000, 500 and 4000.
        assert_eq!(cell.bytes_per_task, 1_000.0);
    }

    #[test]
    fn workers_memory_counts_in_memory_per_task() {
        let runs = [report(1.0, 1_000, 8_000)];
        let cell = measured("multiprocessing", &runs, 4, 1.0, true);
        assert_eq!(cell.workers_peak_rss_bytes, 8_000);
        assert_eq!(cell.bytes_per_task, 2_000.0);
        assert_eq!(cell.workers_bytes_per_task, 2_000.0);
    }

    #[test]
    fn a_report_without_workers_parses_as_zero_workers() {
        let json = r#"{"wall_s": 1.0, "cpu_s": 0.5, "peak_rss_bytes": 10,
                       "baseline_rss_bytes": 5, "result": 3}"#;
        let report: Report = serde_json::from_str(json).expect("a report");
        assert_eq!(report.workers_peak_rss_bytes, 0);
    }
}
