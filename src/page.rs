//! `index.html`: the report page a reader opens first.
//!
//! One self-contained file beside its pictures: no network fetch, no
//! framework, styles and the small sorting script inline. It shows, top to
//! bottom:
//!
//! 1. the run: which command, the machine, the date, the load average (a
//!    busy machine is the first thing to know about a surprising verdict);
//! 2. the verdict table — each row's seed answer *with the seed's sentence*
//!    next to the verdicts the two columns' numbers give;
//! 3. the cell table — every cell's median wall time `± half the range` of
//!    its runs, speed-up, CPU, memory (workers included);
//! 4. the charts and timelines at their own size, each with a short "what
//!    this shows", and links to the timelines' trace files.
//!
//! Both tables sort by any column (click its header): numbers by value (a
//! `data-sort` attribute carries the raw number), text alphabetically.
//! Each picture marks itself `data-loaded="yes"` once the browser has
//! decoded it (`"failed"` if it could not): the headless-browser test in
//! `tests/main_job.rs` reads those marks from the rendered DOM.

use crate::cell::Outcome;
use crate::pictures::{Run, TIMELINES};
use crate::reference::Row;
use crate::report::{verdict_text, wall_text};
use crate::svg::{escape, fmt_value};
use crate::verdict::TIE_FRACTION;
use std::fmt::Write;

/// The page's styles: readable tables, numbers aligned right.
const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:1320px;margin:1.5em auto;\
padding:0 1em;color:#222;line-height:1.45}\
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.92em}\
th,td{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}\
th{background:#f3f3f3;cursor:pointer;user-select:none;position:sticky;top:0}\
th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}\
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
.agrees{color:#1a7f37}.disagrees{color:#b42318;font-weight:bold}\
.seed{color:#555;font-size:.9em}.wrong{color:#b42318;font-weight:bold}\
figure{margin:1em 0 2em}figure img{max-width:100%;height:auto;border:1px solid #eee}\
figcaption{max-width:75em}code{background:#f3f3f3;padding:0 .2em}.machine{color:#444}";

/// Sorts a table by the clicked column; marks pictures as loaded.
const SCRIPT: &str = r#"
for (const table of document.querySelectorAll('table.sortable')) {
  table.querySelectorAll('th').forEach((th, column) => th.addEventListener('click', () => {
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(h => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const key = td => td ? (td.dataset.sort ?? td.textContent.trim()) : '';
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const x = key(a.cells[column]), y = key(b.cells[column]);
      const nx = parseFloat(x), ny = parseFloat(y);
      const order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(r => body.appendChild(r));
  }));
}
for (const img of document.images) {
  const mark = ok => { img.dataset.loaded = ok ? 'yes' : 'failed'; };
  if (img.complete) { mark(img.naturalWidth > 0); }
  else { img.addEventListener('load', () => mark(true)); img.addEventListener('error', () => mark(false)); }
}
"#;

/// A table cell holding a number: shown as `text`, sorted by `value`.
fn num(value: f64, text: &str) -> String {
    if value.is_finite() {
        format!(
            "<td class=\"num\" data-sort=\"{value}\">{}</td>",
            escape(text)
        )
    } else {
        format!("<td class=\"num\" data-sort=\"-1\">{}</td>", escape(text))
    }
}

/// A verdict cell: the model, and whether it agrees with the seed.
fn verdict_cell(verdict: Option<&str>, seed: &str) -> String {
    let class = match verdict {
        Some(v) if v == seed => "agrees",
        Some(_) => "disagrees",
        None => "",
    };
    format!(
        "<td class=\"{class}\">{}</td>",
        escape(&verdict_text(verdict, seed))
    )
}

/// The verdict table.
fn verdict_table(rows: &[Row]) -> String {
    let mut html = String::from(
        "<table class=\"sortable\" id=\"verdicts\"><thead><tr><th>workload</th><th>class</th>\
         <th>size</th><th>sequential</th><th>the seed says</th><th>verdict (Rust models)</th>\
         <th>verdict (CPython)</th></tr></thead><tbody>\n",
    );
    for row in rows {
        let sequential = match &row.check {
            Ok(_) => num(row.wall_s, &format!("{:.3} s", row.wall_s)),
            Err(why) => format!("<td class=\"wrong\">FAILED: {}</td>", escape(why)),
        };
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td>{sequential}<td><strong>{}</strong><br>\
             <span class=\"seed\">{}</span></td>{}{}</tr>",
            escape(&row.workload),
            row.class,
            escape(&row.size),
            row.seed_verdict,
            escape(row.seed_reason),
            verdict_cell(row.verdict, row.seed_verdict),
            verdict_cell(row.cpython_verdict, row.seed_verdict),
        );
    }
    html.push_str("</tbody></table>\n");
    html
}

/// The cell table: every cell of both columns.
fn cell_table(rows: &[Row]) -> String {
    let mut html = String::from(
        "<table class=\"sortable\" id=\"cells\"><thead><tr><th>workload</th><th>engine</th>\
         <th>model</th><th>wall (median ± half range)</th><th>runs</th><th>speed-up</th>\
         <th>CPU</th><th>peak RSS</th><th>workers' peak RSS</th><th>memory per task</th>\
         <th>result</th></tr></thead><tbody>\n",
    );
    for row in rows {
        for (engine, cells) in [("Rust", &row.rust), ("CPython", &row.cpython)] {
            for outcome in cells.iter() {
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td>{engine}</td><td>{}</td>",
                    escape(&row.workload),
                    escape(outcome.model())
                );
                match outcome {
                    Outcome::Measured(c) => {
                        let speedup = if c.sequential_s.is_finite() {
                            num(c.speedup(), &format!("{:.2}×", c.speedup()))
                        } else {
                            num(f64::NAN, "—")
                        };
                        let workers = c.workers_peak_rss_bytes as f64;
                        let _ = writeln!(
                            html,
                            "{}{}{speedup}{}{}{}{}{}</tr>",
                            num(c.wall_s, &wall_text(c)),
                            num(c.runs as f64, &c.runs.to_string()),
                            num(
                                c.cpu_utilisation,
                                &format!("{:.0} %", c.cpu_utilisation * 100.0)
                            ),
                            num(
                                c.peak_rss_bytes as f64,
                                &format!("{} B", fmt_value(c.peak_rss_bytes as f64))
                            ),
                            if workers > 0.0 {
                                num(workers, &format!("{} B", fmt_value(workers)))
                            } else {
                                num(0.0, "—")
                            },
                            num(
                                c.bytes_per_task,
                                &format!("{} B", fmt_value(c.bytes_per_task))
                            ),
                            if c.result_ok {
                                "<td>ok</td>"
                            } else {
                                "<td class=\"wrong\">WRONG</td>"
                            },
                        );
                    }
                    Outcome::Skipped(s) => {
                        let _ = writeln!(
                            html,
                            "<td colspan=\"8\">skipped: {}</td></tr>",
                            escape(&s.reason)
                        );
                    }
                }
            }
        }
    }
    html.push_str("</tbody></table>\n");
    html
}

/// A picture with its caption.
fn figure(src: &str, alt: &str, caption: &str) -> String {
    format!(
        "<figure><img src=\"{src}\" alt=\"{}\"><figcaption>{caption}</figcaption></figure>\n",
        escape(alt)
    )
}

/// What each timeline shows (HTML).
fn timeline_caption(model: &str) -> &'static str {
    match model {
        "threading" => {
            "<strong>What this shows:</strong> one lane per MiniPy thread — green while it \
             holds the GIL and runs bytecode, red while it waits for the GIL, grey while it is \
             blocked in <code>time.sleep</code> with the GIL released. No two lanes are ever \
             green at once: the computing halves take turns, a waiting thread gets the GIL \
             within the 5 ms switch interval, and only the sleeps overlap."
        }
        "multiprocessing" => {
            "<strong>What this shows:</strong> one lane per worker process of a \
             <code>Pool(2)</code>, each task's computing and waiting phases. Both workers \
             compute at the same instant: two interpreters, two GILs, real parallelism — \
             bought with a process, and its memory, per worker."
        }
        _ => {
            "<strong>What this shows:</strong> one lane per task on the event loop, one bar \
             per poll. The bars never overlap — one thread runs everything — so a task that \
             computes stops every other; only the waits overlap, which is all asyncio \
             promises."
        }
    }
}

/// The whole page.
pub fn index_html(run: &Run) -> String {
    let rows = run.rows;
    let agree = rows
        .iter()
        .filter(|r| r.verdict == Some(r.seed_verdict))
        .count();
    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>How to choose, measured — concurrency-models</title><style>{STYLE}</style></head>\n\
         <body>\n<h1>How to choose, measured</h1>\n\
         <p class=\"machine\" id=\"machine\">{} run of <code>cargo run --release{}</code> on {}.</p>\n",
        if run.quick { "A quick" } else { "A full" },
        if run.quick { " -- --quick" } else { "" },
        escape(&run.machine.summary()),
    );
    let _ = write!(
        html,
        "<h2>Verdicts</h2>\n<p>Each row is one workload. The seed's answer, and its reason, stand \
         beside the verdicts the numbers give — the Rust models' and CPython's own. The rule, \
         fixed before measuring: a model that another clearly beats (its fastest run slower than \
         the other's slowest by more than {:.0} % of the row's ideal time) is out; at high volume \
         the least memory per task then wins, unless within a factor of 2; otherwise the \
         simplest model (threading, then multiprocessing, then asyncio). The Rust models' \
         verdict agrees with the seed on {agree} of {} rows.</p>\n{}",
        TIE_FRACTION * 100.0,
        rows.len(),
        verdict_table(rows)
    );
    let _ = write!(
        html,
        "<h2>Every cell</h2>\n<p>Each cell ran in a fresh process, several times in alternating \
         order; wall is the median and ± half the range of its runs. Speed-ups divide the same \
         engine's sequential time (MiniPy by MiniPy, native by native, CPython by CPython). \
         Memory per task is the parent process's peak growth plus, for multiprocessing, every \
         worker's peak RSS, over the concurrent tasks. Click a header to sort.</p>\n{}",
        cell_table(rows)
    );
    html.push_str("<h2>Speed-up and memory</h2>\n");
    html.push_str(&figure(
        "compare.svg",
        "speed-up and memory per task, per row and model",
        "<strong>What this shows:</strong> top, each model's speed-up over its own engine's \
         sequential run; above the dashed 1× line a model gained from concurrency — \
         multiprocessing on the CPU rows, everyone on the I/O rows, asyncio by far at high \
         volume. Bottom, memory per concurrent task, what decides at high volume: a task on \
         the event loop costs hundreds of bytes, a thread kilobytes, and a multiprocessing cell \
         its worker processes too (hatched: each worker's peak RSS, shared pages included).",
    ));
    html.push_str(
        "<h2>The same small workload in each model</h2>\n<p>Four tasks; each computes about \
         20 ms, waits 20 ms, then computes about 20 ms more. Each timeline is also a trace file \
         to open in <a href=\"https://ui.perfetto.dev\">Perfetto</a> or \
         <code>chrome://tracing</code>: ",
    );
    let links: Vec<String> = TIMELINES
        .iter()
        .map(|(stem, _)| format!("<a href=\"{stem}.trace.json\">{stem}.trace.json</a>"))
        .collect();
    let _ = writeln!(html, "{}.</p>", links.join(", "));
    for (stem, model) in TIMELINES {
        let _ = writeln!(html, "<h3>{model}</h3>");
        html.push_str(&figure(
            &format!("{stem}.svg"),
            &format!("{model} timeline"),
            timeline_caption(model),
        ));
    }
    let _ = write!(
        html,
        "<p class=\"machine\">Measured on {}. The same tables as text: \
         <a href=\"table.txt\">table.txt</a>.</p>\n<script>{SCRIPT}</script>\n</body></html>\n",
        escape(&run.machine.summary())
    );
    html
}
