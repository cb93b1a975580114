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
//! ```

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

mod cell;
mod cpython;
mod models;
mod pictures;
mod reference;
mod report;
mod svg;
mod timelines;
mod verdict;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use std::net::SocketAddr;

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

fn main() {
    let args = Args::parse();
    let entries = common::workload::catalogue(args.quick);

    if let Some(model) = args.cell {
        let name = args.entry.unwrap_or_default();
        let Some(entry) = entries.iter().find(|e| e.name == name) else {
            eprintln!("error: no workload named {name:?}");
            std::process::exit(2);
        };
        let report = models::run_cell(model, entry, args.echo_addr);
        println!(
            "{}",
            serde_json::to_string(&report).expect("a report serialises")
        );
        return;
    }

    // First, while this process has no other threads: the timelines fork.
    let timelines = timelines::draw();

    let cells_per_entry: usize = entries
        .iter()
        .map(|e| {
            1 + models::models_for(&e.workload).len()
                + if args.no_cpython {
                    0
                } else {
                    cpython::MODELS.len()
                }
        })
        .sum();
    let bar = ProgressBar::new(cells_per_entry as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {msg}")
            .expect("a valid progress template"),
    );
    let mut rows = Vec::with_capacity(entries.len());
    for entry in &entries {
        bar.set_message(format!("{} (reference)", entry.name));
        let mut row = reference::measure(entry);
        bar.inc(1);
        // One echo server serves every cell of this row.
        let server = match entry.workload {
            common::Workload::Echo { server_latency, .. } => {
                common::EchoServer::with_latency(server_latency).ok()
            }
            _ => None,
        };
        let echo = server.as_ref().map(common::EchoServer::addr);
        row.rust = models::column(entry, args.quick, row.wall_s, echo, |model| {
            bar.set_message(format!("{} ({model})", entry.name));
            bar.inc(1);
        });
        row.verdict = verdict::of_cells(entry.class, &row.rust);
        if !args.no_cpython {
            row.cpython = cpython::column(entry, echo, |model| {
                bar.set_message(format!("{} (CPython {model})", entry.name));
                bar.inc(1);
            });
            row.cpython_verdict = verdict::of_cells(entry.class, &row.cpython);
        }
        rows.push(row);
    }
    bar.finish_and_clear();

    let all_ok = rows.iter().all(|row| {
        row.check.is_ok()
            && row.rust.iter().all(cell::Outcome::result_ok)
            && row.cpython.iter().all(cell::Outcome::result_ok)
    });
    let text = report::tables(&rows);
    if args.json {
        println!("{}", report::json(&rows, args.quick));
    } else {
        print!("{text}");
        if args.no_cpython || common::measure::python::python3().is_none() {
            println!("\n(no CPython column: --no-cpython was given or python3 is absent)");
        }
    }
    match pictures::write(&args.out, &rows, &text, &timelines, args.quick) {
        Ok(()) => eprintln!(
            "wrote compare.svg, three timelines and index.html to {}",
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
