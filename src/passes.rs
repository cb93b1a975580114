//! Measuring one row: every cell run several times, in alternating order.
//!
//! One run of a cell on a shared 2-core machine is one draw of scheduling
//! noise, and a verdict read from single runs flips from run to run. So a
//! row is measured in *passes*: each pass runs every cell of both columns
//! once, each cell in a fresh process, and the passes alternate direction,
//! so a slow drift (another job starting, the CPU warming) lands on every
//! model alike instead of on whichever runs last:
//!
//! ```text
//!   pass 1:  seq  threading  multiprocessing  asyncio  │ CPython …   ──▶
//!   pass 2:  ◀── … CPython │ asyncio  multiprocessing  threading  seq
//!   pass 3:  seq  threading  multiprocessing  asyncio  │ CPython …   ──▶
//! ```
//!
//! A cell keeps the median of its runs and their range ([`crate::cell`]);
//! the verdict reads the range ([`crate::verdict`]).
//!
//! Not every cell runs [`RUNS`] times, to keep the default run under two
//! minutes: a run longer than [`LONG_RUN_S`] is not repeated (its own noise
//! is small against its length, and three of them would cost more than the
//! whole of the short cells), and the sequential baseline of an I/O row —
//! one wait after another, its time the sum of the waits — runs once, as
//! the in-process reference does. Each echo run gets a fresh echo server,
//! so no run inherits another's connections.

use crate::cell::{self, Outcome, Report, Skipped};
use crate::cpython;
use crate::models::{self, Model};
use crate::reference::EchoPeer;
use common::workload::{Entry, Workload};
use indicatif::ProgressBar;
use std::net::SocketAddr;

/// Runs per cell (the median of three resists one disturbed run).
pub const RUNS: usize = 3;

/// A run longer than this, in seconds, is not repeated: a second of work
/// is long against the scheduling noise the repeats are for (a few
/// milliseconds), and repeating the CPython CPU cells and the C10K cells
/// would break the two-minute budget of the default run.
pub const LONG_RUN_S: f64 = 1.0;

/// One cell of either column.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Job {
    /// A Rust model, run as this binary with `--cell`.
    Rust(Model),
    /// A Python model, run by `python/cpython_models.py`.
    CPython(&'static str),
}

impl Job {
    /// The name the progress bar shows.
    fn label(self) -> String {
        match self {
            Job::Rust(model) => model.label().to_owned(),
            Job::CPython(model) => format!("CPython {model}"),
        }
    }

    /// Whether one run is all this cell gets (see the module notes).
    fn runs_once(self, workload: &Workload) -> bool {
        let io = !matches!(workload, Workload::Cpu(_));
        io && self == Job::CPython(cpython::SEQUENTIAL)
    }
}

/// What a cell has gathered so far.
struct Tally {
    /// Which cell.
    job: Job,
    /// Its runs' reports, in the order they ran.
    runs: Vec<Report>,
    /// Whether every run's result matched the reference.
    all_ok: bool,
    /// Why it does not run (any more), if so.
    skipped: Option<Skipped>,
    /// No more runs: it has enough, or one was long, or it was skipped.
    done: bool,
}

/// Both columns of one row: the Rust cells and the CPython cells.
pub struct Columns {
    /// One outcome per Rust model, in table order.
    pub rust: Vec<Outcome>,
    /// One outcome per Python model (empty with `--no-cpython`).
    pub cpython: Vec<Outcome>,
}

/// How many runs the progress bar counts for `entry` (every cell × [`RUNS`];
/// cells that stop early count their missing runs as done).
pub fn planned_runs(entry: &Entry, python: bool) -> u64 {
    let cells =
        models::models_for(&entry.workload).len() + if python { cpython::MODELS.len() } else { 0 };
    (cells * RUNS) as u64
}

/// Measures every cell of `entry` in alternating passes. `reference_s` is
/// the in-process sequential reference's time (the I/O rows' baseline);
/// `bar` counts runs.
pub fn measure(
    entry: &Entry,
    quick: bool,
    python: bool,
    reference_s: f64,
    bar: &ProgressBar,
) -> Columns {
    let mut jobs: Vec<Job> = models::models_for(&entry.workload)
        .into_iter()
        .map(Job::Rust)
        .collect();
    if python {
        jobs.extend(cpython::MODELS.iter().map(|m| Job::CPython(m)));
    }
    let mut tallies: Vec<Tally> = jobs
        .iter()
        .map(|&job| Tally {
            job,
            runs: Vec::new(),
            all_ok: true,
            skipped: not_sensible(entry, job),
            done: false,
        })
        .collect();
    for tally in &tallies {
        if tally.skipped.is_some() {
            bar.inc(RUNS as u64);
        }
    }
    for pass in 0..RUNS {
        let order: Vec<usize> = if pass % 2 == 0 {
            (0..tallies.len()).collect()
        } else {
            (0..tallies.len()).rev().collect()
        };
        for i in order {
            let tally = &mut tallies[i];
            if tally.done || tally.skipped.is_some() {
                continue;
            }
            bar.set_message(format!("{} ({})", entry.name, tally.job.label()));
            match run_once(entry, quick, tally.job) {
                Ok((report, ok)) => {
                    tally.all_ok &= ok;
                    let long = report.wall_s > LONG_RUN_S;
                    tally.runs.push(report);
                    tally.done =
                        long || tally.job.runs_once(&entry.workload) || tally.runs.len() >= RUNS;
                }
                Err(skipped) => tally.skipped = Some(skipped),
            }
            bar.inc(1);
            if tally.done || tally.skipped.is_some() {
                bar.inc((RUNS - pass - 1) as u64);
            }
        }
    }
    assemble(entry, reference_s, &tallies)
}

/// Why `job` does not run `entry` at all, if it does not.
fn not_sensible(entry: &Entry, job: Job) -> Option<Skipped> {
    let (model, reason) = match job {
        Job::Rust(model) => (model.label(), models::not_sensible(model, &entry.workload)),
        Job::CPython(model) => (model, cpython::not_sensible(entry, model)),
    };
    reason.map(|reason| Skipped { model, reason })
}

/// One run of one cell, with a fresh echo server for echo rows.
fn run_once(entry: &Entry, quick: bool, job: Job) -> Result<(Report, bool), Skipped> {
    let server = match entry.workload {
        Workload::Echo {
            server_latency,
            start,
            ..
        } => match EchoPeer::start(server_latency, start) {
            Ok(server) => Some(server),
            Err(e) => {
                return Err(Skipped {
                    model: match job {
                        Job::Rust(model) => model.label(),
                        Job::CPython(model) => model,
                    },
                    reason: format!("no loopback echo server: {e}"),
                })
            }
        },
        _ => None,
    };
    let echo: Option<SocketAddr> = server.as_ref().map(EchoPeer::addr);
    match job {
        Job::Rust(model) => models::spawn_cell(model, entry, quick, echo).map(|report| {
            let ok = cell::result_ok(entry, &report.result);
            (report, ok)
        }),
        Job::CPython(model) => cpython::run(entry, model, echo),
    }
}

/// Turns the tallies into the two columns: baselines first (their medians
/// are what every speed-up divides by), then each cell.
fn assemble(entry: &Entry, reference_s: f64, tallies: &[Tally]) -> Columns {
    let median_of = |job: Job| {
        tallies
            .iter()
            .find(|t| t.job == job && !t.runs.is_empty())
            .map(|t| cell::median(t.runs.iter().map(|r| r.wall_s)))
    };
    let cpu = matches!(entry.workload, Workload::Cpu(_));
    let minipy_s = median_of(Job::Rust(Model::MinipySequential)).unwrap_or(f64::NAN);
    let native_s = if cpu {
        median_of(Job::Rust(Model::NativeSequential)).unwrap_or(f64::NAN)
    } else {
        reference_s
    };
    let python_s = median_of(Job::CPython(cpython::SEQUENTIAL)).unwrap_or(f64::NAN);
    let mut columns = Columns {
        rust: Vec::new(),
        cpython: Vec::new(),
    };
    for tally in tallies {
        let (label, tasks, sequential_s, column) = match tally.job {
            Job::Rust(model) => (
                model.label(),
                models::concurrent_tasks(&entry.workload),
                if model.interpreted(&entry.workload) {
                    minipy_s
                } else {
                    native_s
                },
                &mut columns.rust,
            ),
            Job::CPython(model) => (
                model,
                cpython::concurrent_tasks(entry),
                python_s,
                &mut columns.cpython,
            ),
        };
        let outcome = match (&tally.skipped, tally.runs.is_empty()) {
            (Some(skipped), _) if tally.runs.is_empty() => Outcome::Skipped(skipped.clone()),
            (None, true) => Outcome::Skipped(Skipped {
                model: label,
                reason: "never ran".to_owned(),
            }),
            // A cell that ran at least once keeps its runs; a later failure
            // shows as a wrong result, not a silent skip.
            (skipped, _) => Outcome::Measured(cell::measured(
                label,
                &tally.runs,
                tasks,
                sequential_s,
                tally.all_ok && skipped.is_none(),
            )),
        };
        column.push(outcome);
    }
    columns
}
