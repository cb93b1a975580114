//! Printing the rows: two aligned text tables (the verdicts, then every
//! cell), or one JSON object. `52.1 ms ±2.0` is a cell's median wall time
//! and half the range of its runs; `runs` says how many there were.

use crate::cell::{Cell, Outcome};
use crate::machine::Machine;
use crate::reference::Row;
use crate::svg::fmt_value;
use std::fmt::Write;

/// Lays out `rows` under `header` with columns padded to their widest cell.
fn aligned(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        let mut text = String::new();
        for (cell, w) in cells.iter().zip(&widths) {
            let _ = write!(text, "{cell}{}  ", " ".repeat(w - cell.chars().count()));
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>());
    line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>());
    for row in rows {
        line(row);
    }
    out
}

/// `52.1 ms ±2.0` or `1.23 s ±0.05`: the median and half the range.
pub fn wall_text(cell: &Cell) -> String {
    let (median, spread) = (cell.wall_s, cell.spread_s());
    if median < 1.0 {
        format!("{:.1} ms ±{:.1}", median * 1e3, spread * 1e3)
    } else {
        format!("{median:.2} s ±{spread:.2}")
    }
}

/// `multiprocessing (agrees)` / `threading (DISAGREES with the seed)` / `—`.
pub fn verdict_text(verdict: Option<&str>, seed: &str) -> String {
    match verdict {
        Some(v) if v == seed => format!("{v} (agrees)"),
        Some(v) => format!("{v} (DISAGREES with the seed)"),
        None => "—".to_owned(),
    }
}

/// One line per cell of a column.
fn cell_lines(row: &Row, engine: &str, cells: &[Outcome], out: &mut Vec<Vec<String>>) {
    for outcome in cells {
        let mut line = vec![
            row.workload.clone(),
            engine.to_owned(),
            outcome.model().to_owned(),
        ];
        match outcome {
            Outcome::Measured(c) => line.extend([
                wall_text(c),
                c.runs.to_string(),
                if c.sequential_s.is_finite() {
                    format!("{:.2}×", c.speedup())
                } else {
                    "—".to_owned()
                },
                format!("{:.0} %", c.cpu_utilisation * 100.0),
                format!("{} B", fmt_value(c.peak_rss_bytes as f64)),
                if c.workers_peak_rss_bytes > 0 {
                    format!("{} B", fmt_value(c.workers_peak_rss_bytes as f64))
                } else {
                    "—".to_owned()
                },
                format!("{} B", fmt_value(c.bytes_per_task)),
                if c.result_ok { "ok" } else { "WRONG" }.to_owned(),
            ]),
            Outcome::Skipped(s) => line.push(format!("skipped: {}", s.reason)),
        }
        out.push(line);
    }
}

/// The verdicts table, then the cells table.
pub fn tables(rows: &[Row]) -> String {
    let verdicts: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.workload.clone(),
                r.class.to_owned(),
                r.size.clone(),
                match &r.check {
                    Ok(_) => format!("{:.3} s", r.wall_s),
                    Err(why) => format!("FAILED: {why}"),
                },
                r.seed_verdict.to_owned(),
                verdict_text(r.verdict, r.seed_verdict),
                verdict_text(r.cpython_verdict, r.seed_verdict),
            ]
        })
        .collect();
    let mut cells = Vec::new();
    for row in rows {
        cell_lines(row, "Rust", &row.rust, &mut cells);
        cell_lines(row, "CPython", &row.cpython, &mut cells);
    }
    let mut out = aligned(
        &[
            "workload",
            "class",
            "size",
            "sequential",
            "seed says",
            "verdict (Rust models)",
            "verdict (CPython)",
        ],
        &verdicts,
    );
    out.push('\n');
    out.push_str(&aligned(
        &[
            "workload", "engine", "model", "wall", "runs", "speed-up", "CPU", "peak RSS",
            "workers", "per task", "result",
        ],
        &cells,
    ));
    out
}

/// The rows as one JSON object: `{"quick": bool, "machine": {...},
/// "rows": [...]}`.
pub fn json(rows: &[Row], quick: bool, machine: &Machine) -> String {
    serde_json::json!({ "quick": quick, "machine": machine, "rows": rows }).to_string()
}
