//! The report directory (`--out DIR`, default `report/`): `compare.svg`,
//! three timelines as SVG and as trace JSON, and the `index.html` that ties
//! them to the tables ([`crate::page`]).
//!
//! `compare.svg` stacks two grouped bar charts, one group per table row and
//! one bar per measured model: speed-up over the same engine's sequential
//! run (the dashed line is 1×, no gain), and memory per concurrent task —
//! for a multiprocessing cell the parent process's growth (solid) with its
//! workers' peak memory on top (hatched). Both on log scales: speed-ups run
//! from 0.5× to hundreds, memory from a few hundred bytes (a task on the
//! loop) to megabytes (a worker process).

use crate::cell::Outcome;
use crate::machine::Machine;
use crate::page;
use crate::reference::Row;
use crate::svg::{self, Axes, Bar, Group, CHART_HEIGHT};
use crate::timelines::Timelines;
use std::path::Path;

/// What one run produced, for the pictures and the page.
pub struct Run<'a> {
    /// The measured rows.
    pub rows: &'a [Row],
    /// The text tables, as printed.
    pub text: &'a str,
    /// Whether this was a `--quick` run.
    pub quick: bool,
    /// The machine, the date and the load.
    pub machine: &'a Machine,
}

/// The timeline files, in page order: `(stem, title)`.
pub const TIMELINES: [(&str, &str); 3] = [
    ("timeline-threading", "threading"),
    ("timeline-multiprocessing", "multiprocessing"),
    ("timeline-asyncio", "asyncio"),
];

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
                lower: None,
            });
            memory.push(Bar {
                series,
                value: cell.bytes_per_task,
                lower: (cell.workers_bytes_per_task > 0.0)
                    .then_some(cell.bytes_per_task - cell.workers_bytes_per_task),
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
        &Axes {
            title: "Speed-up over the same engine's sequential run (higher is better; dashed: 1×)",
            unit: "speed-up (×, log scale)",
            groups: "workload (class)",
            reference: Some(1.0),
            hatched: None,
        },
        &speed_groups,
        &series,
    );
    let memory = svg::bar_chart(
        &Axes {
            title: "Memory per concurrent task (lower is better)",
            unit: "bytes per task (log scale)",
            groups: "workload (class)",
            reference: None,
            hatched: Some("hatched: the worker processes"),
        },
        &memory_groups,
        &series,
    );
    let width = speed
        .split('"')
        .nth(3)
        .and_then(|w| w.parse::<f64>().ok())
        .unwrap_or(900.0);
    let height = CHART_HEIGHT * 2.0;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">\n{}{}</svg>\n",
        speed.replacen("<svg ", "<svg y=\"0\" ", 1),
        memory.replacen("<svg ", &format!("<svg y=\"{CHART_HEIGHT:.0}\" "), 1),
    )
}

/// Writes `compare.svg`, the timelines (`.svg` and `.trace.json`),
/// `table.txt` and `index.html` into `dir`, creating it.
pub fn write(dir: &Path, run: &Run, timelines: &Timelines) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("compare.svg"), compare_svg(run.rows))?;
    let pictures = [
        &timelines.threading,
        &timelines.multiprocessing,
        &timelines.asyncio,
    ];
    for ((stem, _), timeline) in TIMELINES.iter().zip(pictures) {
        std::fs::write(dir.join(format!("{stem}.svg")), &timeline.svg)?;
        std::fs::write(dir.join(format!("{stem}.trace.json")), &timeline.trace)?;
    }
    std::fs::write(dir.join("table.txt"), run.text)?;
    std::fs::write(dir.join("index.html"), page::index_html(run))?;
    Ok(())
}
