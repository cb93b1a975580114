//! Printing the rows: a fixed-width text table, or one JSON object.

use crate::cpython;
use crate::reference::Row;
use std::fmt::Write;

/// The rows as an aligned text table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    let header = [
        "workload",
        "class",
        "size",
        "sequential",
        "check",
        "seed says",
        "CPython speed-up over its sequential run",
        "CPython verdict",
    ];
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            [
                r.workload.clone(),
                r.class.to_owned(),
                r.size.clone(),
                format!("{:.3} s", r.wall_s),
                match &r.check {
                    Ok(_) => "ok".to_owned(),
                    Err(why) => format!("FAILED: {why}"),
                },
                r.seed_verdict.to_owned(),
                cpython_speedups(r),
                match r.cpython_verdict {
                    Some(v) if v == r.seed_verdict => format!("{v} (agrees)"),
                    Some(v) => format!("{v} (DISAGREES with the seed)"),
                    None => "—".to_owned(),
                },
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, row: &[String]| {
        for (cell, w) in row.iter().zip(widths) {
            let pad = w - cell.chars().count();
            let _ = write!(out, "{cell}{}  ", " ".repeat(pad));
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
    };
    line(&mut out, &header.map(str::to_owned));
    line(&mut out, &widths.map(|w| "-".repeat(w)));
    for row in &cells {
        line(&mut out, row);
    }
    out
}

/// `threading 0.98×  multiprocessing 1.87×  …` for the row's CPython cells.
fn cpython_speedups(row: &Row) -> String {
    let sequential = row
        .cpython
        .iter()
        .find(|c| c.model() == "sequential")
        .and_then(|c| c.wall_s());
    let Some(sequential) = sequential else {
        return match row.cpython.first() {
            Some(cpython::Outcome::Skipped(s)) => format!("skipped: {}", s.reason),
            _ => "skipped".to_owned(),
        };
    };
    row.cpython
        .iter()
        .filter(|c| c.model() != "sequential")
        .map(|c| match c {
            cpython::Outcome::Measured(m) if !m.result_ok => format!("{} WRONG", m.model),
            cpython::Outcome::Measured(m) => {
                format!("{} {:.2}×", m.model, sequential / m.wall_s.max(1e-9))
            }
            cpython::Outcome::Skipped(s) => format!("{} —", s.model),
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// The rows as one JSON object: `{"quick": bool, "rows": [...]}`.
pub fn json(rows: &[Row], quick: bool) -> String {
    serde_json::json!({ "quick": quick, "rows": rows }).to_string()
}
