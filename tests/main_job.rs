//! The main job end to end: the real binary, run as a user runs it.
//!
//! One `--quick --json` run is shared by the tests that read its output
//! (it takes the better part of half a minute on two cores): the JSON,
//! the C10K row, the workers' memory, the trace files, and the report page
//! rendered in headless Chromium ([`chromium`]). The other tests run the
//! binary for a moment each: bad flags, and the open-file limit.

mod chromium;

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The shared quick run: its report directory and its JSON.
struct QuickRun {
    /// Where `--out` wrote the pictures and the page.
    dir: PathBuf,
    /// stdout, parsed.
    json: Value,
}

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_concurrency-models"))
}

fn quick_run() -> &'static QuickRun {
    static RUN: OnceLock<QuickRun> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("cm-report-{}", std::process::id()));
        let out = binary()
            .args(["--quick", "--json", "--out"])
            .arg(&dir)
            .output()
            .expect("run the main binary");
        assert!(
            out.status.success(),
            "exit {:?}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let json = serde_json::from_slice(&out.stdout).expect("stdout is one JSON object");
        QuickRun { dir, json }
    })
}

fn rows() -> &'static [Value] {
    quick_run().json["rows"].as_array().expect("a rows array")
}

fn row(name: &str) -> &'static Value {
    rows()
        .iter()
        .find(|r| r["workload"] == name)
        .unwrap_or_else(|| panic!("no {name} row"))
}

fn cell<'a>(row: &'a Value, column: &str, model: &str) -> &'a Value {
    row[column]
        .as_array()
        .expect("a column")
        .iter()
        .find(|c| c["model"] == model)
        .unwrap_or_else(|| panic!("no {column} {model} cell in {}", row["workload"]))
}

fn python() -> bool {
    common::measure::python::python3().is_some()
}

#[test]
fn quick_json_run_checks_every_row_of_every_class() {
    let rows = rows();
    assert_eq!(rows.len(), common::workload::catalogue(true).len());
    for row in rows {
        assert_eq!(row["check"], "ok", "{row}");
        // Every Rust cell ran and agreed with the reference, or says why not.
        let rust = row["rust"].as_array().expect("a rust array");
        assert!(rust.len() >= 4, "{row}");
        for cell in rust {
            match cell.get("result_ok") {
                Some(ok) => assert_eq!(ok, true, "{cell}"),
                None => assert!(
                    cell["reason"]
                        .as_str()
                        .unwrap_or("")
                        .contains("not sensible"),
                    "only a stated not-sensible skip is allowed: {cell}"
                ),
            }
        }
        assert!(
            ["threading", "multiprocessing", "asyncio"]
                .contains(&row["verdict"].as_str().unwrap_or("")),
            "every row gets a verdict: {row}"
        );
        let cells = row["cpython"].as_array().expect("a cpython array");
        assert_eq!(cells.len(), 4, "{row}");
        for cell in cells {
            match cell.get("result_ok") {
                Some(ok) => assert_eq!(ok, true, "{cell}"),
                None => assert!(cell["reason"].is_string(), "{cell}"),
            }
        }
        if python() && row["class"] == "cpu" {
            assert!(cells.iter().all(|c| c["result_ok"] == true), "{row}");
        }
        assert!(row["seed_reason"].as_str().is_some_and(|s| !s.is_empty()));
    }
    for (class, seed) in [
        ("cpu", "multiprocessing"),
        ("io_low", "threading"),
        ("io_high", "asyncio"),
    ] {
        let row = rows
            .iter()
            .find(|r| r["class"] == class)
            .unwrap_or_else(|| panic!("no {class} row"));
        assert_eq!(row["seed_verdict"], seed);
    }
    let machine = &quick_run().json["machine"];
    assert!(machine["cores"].as_u64().is_some_and(|c| c >= 1));
    assert!(machine["loadavg_start"].as_f64().is_some());
}

#[test]
fn every_measured_cell_carries_its_runs_and_their_range() {
    for row in rows() {
        for column in ["rust", "cpython"] {
            for cell in row[column].as_array().expect("a column") {
                let Some(runs) = cell["runs"].as_u64() else {
                    continue; // a skipped cell
                };
                assert!(runs >= 1, "{cell}");
                let (lo, mid, hi) = (
                    cell["wall_min_s"].as_f64().expect("min"),
                    cell["wall_s"].as_f64().expect("median"),
                    cell["wall_max_s"].as_f64().expect("max"),
                );
                assert!(lo <= mid && mid <= hi, "{cell}");
                if runs == 1 {
                    assert_eq!(lo, hi, "{cell}");
                }
            }
        }
    }
    // Short cells run three times: 50 ms sleeps in MiniPy threads (unless
    // a machine so loaded that one run took over a second stopped them, as
    // the passes' rule says).
    let sleepers = cell(row("sleep_few"), "rust", "threading");
    let slowest = sleepers["wall_max_s"].as_f64().unwrap_or(0.0);
    assert!(
        sleepers["runs"].as_u64() >= Some(3) || slowest > 1.0,
        "{sleepers}"
    );
}

#[test]
fn multiprocessing_cells_report_their_workers_memory() {
    for row in rows() {
        for (column, needs_python) in [("rust", false), ("cpython", true)] {
            if needs_python && !python() {
                continue;
            }
            let cells = row[column].as_array().expect("a column");
            for cell in cells.iter().filter(|c| {
                c["model"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("multiprocessing"))
                    && c.get("runs").is_some()
            }) {
                let workers = cell["workers_peak_rss_bytes"].as_u64().unwrap_or(0);
                assert!(workers > 0, "no worker memory: {cell}");
                let per_task = cell["bytes_per_task"].as_f64().unwrap_or(0.0);
                let workers_per_task = cell["workers_bytes_per_task"].as_f64().unwrap_or(0.0);
                assert!(
                    workers_per_task > 0.0 && per_task >= workers_per_task,
                    "{cell}"
                );
            }
        }
    }
    // Threads and tasks have no workers.
    let asyncio = cell(row("echo_few"), "rust", "asyncio");
    assert_eq!(asyncio["workers_peak_rss_bytes"], 0);
}

#[test]
fn the_c10k_row_echoes_every_round_trip_and_reports_memory_per_connection() {
    let row = row("echo_c10k");
    assert_eq!(row["class"], "io_high");
    assert!(
        row["size"]
            .as_str()
            .unwrap_or("")
            .contains("all open at once"),
        "{row}"
    );
    for model in ["threading", "asyncio", "asyncio (async-std)"] {
        let cell = cell(row, "rust", model);
        assert_eq!(cell["result_ok"], true, "every echo verified: {cell}");
        assert!(
            cell["bytes_per_task"].as_f64().is_some_and(|b| b > 0.0),
            "memory per connection: {cell}"
        );
    }
    let processes = cell(row, "rust", "multiprocessing");
    assert!(
        processes["reason"]
            .as_str()
            .unwrap_or("")
            .contains("not sensible"),
        "{processes}"
    );
    if python() {
        for model in ["threading", "asyncio"] {
            let cell = cell(row, "cpython", model);
            assert_eq!(cell["result_ok"], true, "{cell}");
        }
    }
}

/// The `(pid, tid)` tracks and the span names of a trace-event file.
fn trace_tracks(name: &str) -> (Vec<String>, Vec<String>) {
    let path = quick_run().dir.join(name);
    let text = std::fs::read_to_string(&path).expect("a trace file");
    let doc: Value = serde_json::from_str(&text).expect("the trace parses as JSON");
    let events = doc["traceEvents"].as_array().expect("a traceEvents array");
    let tracks = events
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .map(|e| e["args"]["name"].as_str().unwrap_or("").to_owned())
        .collect();
    let spans = events
        .iter()
        .filter(|e| e["ph"] == "X")
        .map(|e| {
            assert!(e["ts"].as_f64().is_some() && e["dur"].as_f64().is_some_and(|d| d >= 0.0));
            e["name"].as_str().unwrap_or("").to_owned()
        })
        .collect();
    (tracks, spans)
}

#[test]
fn the_timelines_are_also_trace_files_with_a_track_per_thread_worker_and_task() {
    let (threads, spans) = trace_tracks("timeline-threading.trace.json");
    for name in ["MainThread", "task-0", "task-3"] {
        assert!(threads.iter().any(|t| t == name), "{name}: {threads:?}");
    }
    for state in ["running", "waiting for the GIL", "blocked"] {
        assert!(
            spans.iter().any(|s| s.starts_with(state)),
            "{state}: no span"
        );
    }
    let (workers, spans) = trace_tracks("timeline-multiprocessing.trace.json");
    assert_eq!(workers.len(), 2, "one track per worker of a Pool(2)");
    assert!(spans.iter().any(|s| s == "computing"));
    let (tasks, spans) = trace_tracks("timeline-asyncio.trace.json");
    for name in ["main", "task-0", "task-3"] {
        assert!(tasks.iter().any(|t| t == name), "{name}: {tasks:?}");
    }
    assert_eq!(tasks.len(), 5, "the main task and four tasks: {tasks:?}");
    assert!(spans.iter().all(|s| s.starts_with("polled")) && !spans.is_empty());
    for stem in ["threading", "multiprocessing", "asyncio"] {
        let svg = std::fs::read_to_string(quick_run().dir.join(format!("timeline-{stem}.svg")))
            .expect("a timeline SVG");
        assert!(svg.starts_with("<svg") && svg.contains("task"), "{stem}");
    }
}

#[test]
fn the_report_page_renders_in_headless_chromium() {
    let dir = &quick_run().dir;
    let html = std::fs::read_to_string(dir.join("index.html")).expect("index.html");
    assert!(html.contains("<table class=\"sortable\" id=\"verdicts\">"));
    let Some(browser) = chromium::find() else {
        return chromium::skip_loudly("the_report_page_renders_in_headless_chromium");
    };
    let page = chromium::render(&browser, &dir.join("index.html"));
    let dom = &page.dom;
    // The tables are real HTML tables: a header and one row per workload,
    // and one row per cell.
    let verdicts = chromium::table_rows(dom, "verdicts");
    assert_eq!(verdicts, rows().len() + 1, "verdict table rows");
    let cells: usize = rows()
        .iter()
        .map(|r| {
            r["rust"].as_array().map_or(0, Vec::len) + r["cpython"].as_array().map_or(0, Vec::len)
        })
        .sum();
    assert_eq!(
        chromium::table_rows(dom, "cells"),
        cells + 1,
        "cell table rows"
    );
    // Every picture loaded (compare.svg and three timelines)...
    let pictures = dom.matches("<img ").count();
    assert_eq!(pictures, 4, "pictures on the page");
    assert_eq!(
        dom.matches("data-loaded=\"yes\"").count(),
        pictures,
        "a picture did not load: {}",
        chromium::images(dom).join("\n")
    );
    // ...nothing was logged to the console...
    assert!(
        page.console.is_empty(),
        "console messages: {:#?}",
        page.console
    );
    // ...and the screenshot is a real picture of the page.
    assert_eq!(&page.screenshot[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    assert!(page.screenshot.len() > 20_000, "a page, not a blank");
}

#[test]
fn a_bad_flag_is_a_clear_error_not_a_panic() {
    for args in [&["--no-such-flag"][..], &["--only", "no_such_workload"]] {
        let out = binary().args(args).output().expect("run the main binary");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(args[args.len() - 1]), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// Runs the binary with its open-file limit lowered to `limit` (soft and
/// hard, so it cannot be raised back).
fn with_open_files(limit: u32, args: &[&str]) -> Output {
    let mut command = format!("ulimit -n {limit} && exec \"$0\"");
    for i in 1..=args.len() {
        command.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh")
        .arg("-c")
        .arg(command)
        .arg(env!("CARGO_BIN_EXE_concurrency-models"))
        .args(args)
        .output()
        .expect("run the main binary under sh")
}

#[test]
fn too_few_open_files_is_a_clear_message_not_a_crash() {
    // A C10K cell on its own: it refuses, saying what it needs.
    let out = with_open_files(
        64,
        &[
            "--cell",
            "threading",
            "--entry",
            "echo_c10k",
            "--quick",
            "--echo-addr",
            "127.0.0.1:9",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("needs 1256 open files")
            && stderr.contains("hard limit (ulimit -Hn) is 64"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    // The whole row: every cell skipped with the same message, exit 0.
    let dir = std::env::temp_dir().join(format!("cm-fd-{}", std::process::id()));
    let out = with_open_files(
        300,
        &[
            "--quick",
            "--json",
            "--no-cpython",
            "--only",
            "echo_c10k",
            "--out",
            dir.to_str().expect("a UTF-8 temp dir"),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let row = &json["rows"][0];
    assert_eq!(row["workload"], "echo_c10k");
    for cell in row["rust"].as_array().expect("cells") {
        let reason = cell["reason"].as_str().unwrap_or("");
        assert!(
            reason.contains("open files") || reason.contains("not sensible"),
            "{cell}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
