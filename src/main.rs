//! `cargo run --release`: the main job.
//!
//! It runs every workload of [`common::workload::catalogue`] through its
//! *sequential reference*, checks each result against an independent
//! oracle, then runs the same instance through CPython's `threading`,
//! `multiprocessing` and `asyncio` (the CPython column), and prints a table
//! (or, with `--json`, one JSON object). The Rust model columns, with
//! computed verdicts and pictures, arrive with the compare work; the rows and
//! classes here are the ones that table will use.
//!
//! ```text
//! cargo run --release               # full sizes
//! cargo run --release -- --quick    # small sizes, a few seconds
//! cargo run --release -- --json     # the same as one JSON object
//! cargo run --release -- --no-cpython  # without the CPython column
//! ```

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

mod cpython;
mod oracle;
mod pictures;
mod reference;
mod report;
mod svg;
mod verdict;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

/// Measures Python's three concurrency models, rebuilt in Rust.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Shrink every workload so the run takes seconds.
    #[arg(long)]
    quick: bool,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Skip the CPython column (it is also skipped, with a note, when
    /// `python3` is absent).
    #[arg(long)]
    no_cpython: bool,
    /// Where to write the pictures and the HTML page.
    #[arg(long, default_value = "report")]
    out: std::path::PathBuf,
}

fn main() {
    let args = Args::parse();
    let entries = common::workload::catalogue(args.quick);

    let cells_per_entry = if args.no_cpython {
        1
    } else {
        1 + cpython::MODELS.len()
    };
    let bar = ProgressBar::new((entries.len() * cells_per_entry) as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .expect("a valid progress template"),
    );
    let mut rows = Vec::with_capacity(entries.len());
    for entry in &entries {
        bar.set_message(format!("{} (reference)", entry.name));
        let mut row = reference::measure(entry);
        bar.inc(1);
        if !args.no_cpython {
            // One echo server serves every CPython cell of this row.
            let server = match entry.workload {
                common::Workload::Echo { server_latency, .. } => {
                    common::EchoServer::with_latency(server_latency).ok()
                }
                _ => None,
            };
            for model in cpython::MODELS {
                bar.set_message(format!("{} (CPython {model})", entry.name));
                row.cpython.push(cpython::run(
                    entry,
                    model,
                    server.as_ref().map(|s| s.addr()),
                ));
                bar.inc(1);
            }
            row.cpython_verdict = cpython::verdict(entry.class, &row.cpython);
        }
        rows.push(row);
    }
    bar.finish_and_clear();

    let all_ok = rows
        .iter()
        .all(|row| row.check.is_ok() && row.cpython.iter().all(cpython::Outcome::result_ok));
    let table = report::table(&rows);
    if args.json {
        println!("{}", report::json(&rows, args.quick));
    } else {
        print!("{table}");
    }
    match pictures::write(&args.out, &rows, &table, args.quick) {
        Ok(()) => eprintln!("wrote {}/compare.svg and index.html", args.out.display()),
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
