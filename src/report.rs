//! Printing the rows: a fixed-width text table, or one JSON object.

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
    ];
    let cells: Vec<[String; 6]> = rows
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

/// The rows as one JSON object: `{"quick": bool, "rows": [...]}`.
pub fn json(rows: &[Row], quick: bool) -> String {
    serde_json::json!({ "quick": quick, "rows": rows }).to_string()
}
