//! `cargo run --release`: the main job.
//!
//! For every workload of [`common::workload::catalogue`] it runs the
//! sequential reference (checked against an independent oracle), then the
//! Rust column — the `threading`, `multiprocessing` and `asyncio` crates —
//! and the CPython column — Python's own three modules — each cell in a
//! fresh process. It prints a verdict per row computed by the rule in
//! [`verdict`], beside the seed's own answer, and writes the pictures.
//!
//! ```text
//! cargo run --release                  # full sizes (under two minutes)
//! cargo run --release -- --quick       # small sizes (under thirty seconds)
//! cargo run --release -- --json        # one JSON object instead of tables
//! cargo run --release -- --no-cpython  # without the CPython column
//! cargo run --release -- --out DIR     # where the pictures go (report/)
//! cargo run --release -- --only echo_c10k   # one row (repeatable)
//! ```
//!
//! Each cell runs several times, in alternating order ([`passes`]); the
//! verdict reads the spread of its runs ([`verdict`]).

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

mod cell;
mod cpython;
mod limits;
mod machine;
mod models;
mod page;
mod passes;
mod pictures;
mod reference;
mod report;
mod svg;
mod timelines;
mod trace;
mod verdict;

use clap::Parser;
use common::workload::{Entry, Workload};
use indicatif::{ProgressBar, ProgressStyle};
use std::net::SocketAddr;
use std::time::Instant;

/// Measures Python's three concurrency models, rebuilt in Rust.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Shrink every workload so the run takes seconds.
    #[arg(long)]
    quick: bool,
    /// Print one JSON object instead of tables.
    #[arg(long)]
    json: bool,
    /// Skip the CPython column (it is also skipped, with a note, when
    /// `python3` is absent).
    #[arg(long)]
    no_cpython: bool,
    /// Measure only these workloads (by catalogue name; repeatable).
    #[arg(long, value_name = "WORKLOAD")]
    only: Vec<String>,
    /// Where to write the pictures and the HTML page.
    #[arg(long, default_value = "report")]
    out: std::path::PathBuf,
    /// Internal: run one Rust cell in this process and print its report.
    #[arg(long, hide = true, value_enum, requires = "entry")]
    cell: Option<models::Model>,
    /// Internal: the catalogue entry a `--cell` runs.
    #[arg(long, hide = true)]
    entry: Option<String>,
    /// Internal: the echo server a `--cell` talks to.
    #[arg(long, hide = true)]
    echo_addr: Option<SocketAddr>,
}

/// Open files a row needs: one per connection it holds open at once, plus
/// spares (see [`limits`]).
fn files_needed(entry: &Entry) -> Option<u64> {
    match entry.workload {
        Workload::Echo { spec, .. } => Some(spec.connections as u64 + limits::SPARE_FILES),
        _ => None,
    }
}

/// The row's verdict from one column: the rule of [`verdict`] with the
/// row's ideal time relative to the column's sequential baseline.
fn column_verdict(entry: &Entry, cells: &[cell::Outcome], cores: usize) -> Option<&'static str> {
    let sequential_s = cells
        .iter()
        .filter_map(cell::Outcome::measured)
        .map(|c| c.sequential_s)
        .find(|s| s.is_finite())?;
    let ideal = verdict::ideal(&entry.workload, sequential_s, cores, models::CPU_WORKERS);
    verdict::of_cells(entry.class, ideal, cells)
}

/// Every cell of the row skipped for one reason (e.g. too few open files).
fn all_skipped(entry: &Entry, python: bool, reason: &str) -> passes::Columns {
    let skip = |model: &'static str| {
        cell::Outcome::Skipped(cell::Skipped {
            model,
            reason: reason.to_owned(),
        })
    };
    passes::Columns {
        rust: models::models_for(&entry.workload)
            .into_iter()
            .map(|m| skip(m.label()))
            .collect(),
        cpython: if python {
            cpython::MODELS.iter().map(|m| skip(m)).collect()
        } else {
            Vec::new()
        },
    }
}

fn main() {
    let args = Args::parse();
    let started = Instant::now();
    let mut entries = common::workload::catalogue(args.quick);
    if let Some(unknown) = args
        .only
        .iter()
        .find(|name| !entries.iter().any(|e| &e.name == *name))
    {
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        eprintln!(
            "error: no workload named {unknown:?} (one of: {})",
            names.join(", ")
        );
        std::process::exit(2);
    }
    if !args.only.is_empty() {
        entries.retain(|e| args.only.contains(&e.name));
    }

    if let Some(model) = args.cell {
        let name = args.entry.unwrap_or_default();
        let Some(entry) = entries.iter().find(|e| e.name == name) else {
            eprintln!("error: no workload named {name:?}");
            std::process::exit(2);
        };
        if let Some(Err(e)) = files_needed(entry).map(limits::ensure_open_files) {
            eprintln!("error: {}: {e}", entry.name);
            std::process::exit(2);
        }
        let report = models::run_cell(model, entry, args.echo_addr);
        println!(
            "{}",
            serde_json::to_string(&report).expect("a report serialises")
        );
        return;
    }

    let mut machine = machine::Machine::now();
    // First, while this process has no other threads: the timelines fork.
    let timelines = timelines::draw();

    let python = !args.no_cpython;
    let planned: u64 = entries
        .iter()
        .map(|e| 1 + passes::planned_runs(e, python))
        .sum();
    let bar = ProgressBar::new(planned);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {msg}")
            .expect("a valid progress template"),
    );
    let mut rows = Vec::with_capacity(entries.len());
    for entry in &entries {
        bar.set_message(format!("{} (reference)", entry.name));
        let mut row = reference::measure(entry);
        bar.inc(1);
        let columns = match files_needed(entry).map(limits::ensure_open_files) {
            Some(Err(e)) => {
                bar.inc(passes::planned_runs(entry, python));
                all_skipped(entry, python, &e.to_string())
            }
            _ => passes::measure(entry, args.quick, python, row.wall_s, &bar),
        };
        row.verdict = column_verdict(entry, &columns.rust, machine.cores);
        row.cpython_verdict = column_verdict(entry, &columns.cpython, machine.cores);
        row.rust = columns.rust;
        row.cpython = columns.cpython;
        rows.push(row);
    }
    bar.finish_and_clear();
    machine.finish(started.elapsed().as_secs_f64());

    let all_ok = rows.iter().all(|row| {
        row.check.is_ok()
            && row.rust.iter().all(cell::Outcome::result_ok)
            && row.cpython.iter().all(cell::Outcome::result_ok)
    });
    let text = report::tables(&rows);
    if args.json {
        println!("{}", report::json(&rows, args.quick, &machine));
    } else {
        print!("{text}");
        println!("\n{}", machine.summary());
        if args.no_cpython || common::measure::python::python3().is_none() {
            println!("(no CPython column: --no-cpython was given or python3 is absent)");
        }
    }
    let run = pictures::Run {
        rows: &rows,
        text: &text,
        quick: args.quick,
        machine: &machine,
    };
    match pictures::write(&args.out, &run, &timelines) {
        Ok(()) => eprintln!(
            "wrote compare.svg, three timelines (SVG and trace JSON) and index.html to {}",
            args.out.display()
        ),
        Err(e) => {
            eprintln!(
                "error: cannot write the report to {}: {e}",
                args.out.display()
            );
            std::process::exit(1);
        }
    }
    if !all_ok {
        eprintln!("error: at least one result failed its check");
        std::process::exit(1);
    }
}
