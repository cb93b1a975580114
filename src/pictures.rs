//! The report directory (`--out DIR`, default `report/`): `compare.svg`
//! and an `index.html` that ties the pictures to the table.
//!
//! `compare.svg` stacks two grouped bar charts, one group per table row and
//! one bar per measured model: speed-up over the same engine's sequential
//! run (the dashed line is 1×, no gain), and memory per concurrent task.

use crate::cell::Outcome;
use crate::reference::Row;
use crate::svg::{self, escape, Bar, Group};
use std::fmt::Write;
use std::path::Path;

/// Height of one chart from [`svg::bar_chart`], for stacking.
const CHART_HEIGHT: f64 = 420.0;

/// Speed-up and bytes per task of every measured concurrent cell of a row,
/// labelled `Rust <model>` / `CPython <model>` (baselines left out).
fn bars(row: &Row) -> (Vec<Bar>, Vec<Bar>) {
    let mut speed = Vec::new();
    let mut memory = Vec::new();
    let columns = [("Rust", &row.rust), ("CPython", &row.cpython)];
    for (engine, cells) in columns {
        for cell in cells.iter().filter_map(Outcome::measured) {
            if cell.model.starts_with("sequential") || !cell.sequential_s.is_finite() {
                continue;
            }
            let series = format!("{engine} {}", cell.model);
            speed.push(Bar {
                series: series.clone(),
                value: cell.speedup(),
            });
            memory.push(Bar {
                series,
                value: cell.bytes_per_task,
            });
        }
    }
    (speed, memory)
}

/// Where a series goes in the legend within its engine.
fn series_rank(series: &str) -> usize {
    const ORDER: [&str; 6] = [
        "threading",
        "threading (free-threaded)",
        "multiprocessing",
        "multiprocessing (native)",
        "asyncio",
        "asyncio (async-std)",
    ];
    let model = series.split_once(' ').map_or(series, |(_, m)| m);
    ORDER
        .iter()
        .position(|m| *m == model)
        .unwrap_or(ORDER.len())
}

/// The two charts stacked into one SVG document.
pub fn compare_svg(rows: &[Row]) -> String {
    let mut series: Vec<String> = Vec::new();
    let mut speed_groups = Vec::new();
    let mut memory_groups = Vec::new();
    for row in rows {
        let (speed, memory) = bars(row);
        for bar in &speed {
            if !series.contains(&bar.series) {
                series.push(bar.series.clone());
            }
        }
        let label = format!("{} ({})", row.workload, row.class);
        speed_groups.push(Group {
            label: label.clone(),
            bars: speed,
        });
        memory_groups.push(Group {
            label,
            bars: memory,
        });
    }
    // A stable legend: Rust models before CPython, each in table order.
    series.sort_by_key(|s| (!s.starts_with("Rust"), series_rank(s)));
    let speed = svg::bar_chart(
        "Speed-up over the same engine's sequential run (log scale; higher is better; dashed: 1×)",
        "speed-up (×)",
        &speed_groups,
        &series,
        Some(1.0),
        svg::Scale::Log,
    );
    let memory = svg::bar_chart(
        "Memory per concurrent task (peak RSS growth / tasks; lower is better)",
        "bytes per task",
        &memory_groups,
        &series,
        None,
        svg::Scale::Linear,
    );
    let width = speed
        .split('"')
        .nth(3)
        .and_then(|w| w.parse::<f64>().ok())
        .unwrap_or(900.0);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{:.0}\">\n{}{}</svg>\n",
        CHART_HEIGHT * 2.0,
        speed.replacen("<svg ", "<svg y=\"0\" ", 1),
        memory.replacen("<svg ", &format!("<svg y=\"{CHART_HEIGHT:.0}\" "), 1),
    )
}

/// The HTML page: the table, the picture, and how to read it.
pub fn index_html(rows: &[Row], table_text: &str, quick: bool) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>concurrency-models report</title>\
         <style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto}}pre{{background:#f6f6f6;padding:1em;overflow-x:auto}}</style>\
         </head><body>\n<h1>How to choose, measured</h1>\n<p>{} run of <code>cargo run --release</code>. \
         Each row is one workload; the seed's answer is beside the verdict computed from the numbers \
         (rule in the README).</p>\n<pre>{}</pre>\n",
        if quick { "A quick (--quick)" } else { "A full" },
        escape(table_text)
    );
    html.push_str(
        "<h2>compare.svg</h2>\n<p>Top: each model's speed-up over its own engine's sequential run; \
         above the dashed line a model gained from concurrency. Bottom: peak memory growth per \
         concurrent task, which is what decides at high volume. For multiprocessing it counts \
         the parent process only: each worker is a separate process with its own memory.</p>\n\
         <img src=\"compare.svg\" alt=\"speed-up and memory per row and model\">\n",
    );
    let agree = rows
        .iter()
        .filter(|r| r.verdict == Some(r.seed_verdict))
        .count();
    let _ = write!(
        html,
        "<p>The Rust models' verdict agrees with the seed on {agree} of {} rows. The \
         timelines (threading, multiprocessing, asyncio) are not in this report yet.</p>\n</body></html>\n",
        rows.len()
    );
    html
}

/// Writes `compare.svg` and `index.html` into `dir`, creating it.
pub fn write(dir: &Path, rows: &[Row], table_text: &str, quick: bool) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("compare.svg"), compare_svg(rows))?;
    std::fs::write(dir.join("index.html"), index_html(rows, table_text, quick))?;
    Ok(())
}
