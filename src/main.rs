//! `cargo run --release`: the main job.
//!
//! This first version runs every workload of [`common::workload::catalogue`]
//! through its *sequential reference*, checks each result against an
//! independent oracle, and prints a table (or, with `--json`, one JSON
//! object). The model columns — threading, multiprocessing, asyncio and
//! CPython side by side, with computed verdicts — arrive with the compare
//! work; the rows and classes here are the ones that table will use.
//!
//! ```text
//! cargo run --release               # full sizes
//! cargo run --release -- --quick    # small sizes, a few seconds
//! cargo run --release -- --json     # the same as one JSON object
//! ```

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

mod oracle;
mod reference;
mod report;

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
}

fn main() {
    let args = Args::parse();
    let entries = common::workload::catalogue(args.quick);

    let bar = ProgressBar::new(entries.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .expect("a valid progress template"),
    );
    let mut rows = Vec::with_capacity(entries.len());
    for entry in &entries {
        bar.set_message(entry.name.clone());
        rows.push(reference::measure(entry));
        bar.inc(1);
    }
    bar.finish_and_clear();

    let all_ok = rows.iter().all(|row| row.check.is_ok());
    if args.json {
        println!("{}", report::json(&rows, args.quick));
    } else {
        print!("{}", report::table(&rows));
    }
    if !all_ok {
        eprintln!("error: at least one reference result failed its check");
        std::process::exit(1);
    }
}
