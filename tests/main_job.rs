//! The main job end to end: the real binary, run as a user runs it.

use std::process::Command;

#[test]
fn quick_json_run_checks_every_row_of_every_class() {
    let dir = std::env::temp_dir().join(format!("cm-report-{}", std::process::id()));
    let out = Command::new(env!("CARGO_BIN_EXE_concurrency-models"))
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
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON object");
    let rows = report["rows"].as_array().expect("a rows array");
    assert_eq!(rows.len(), common::workload::catalogue(true).len());
    let python = common::measure::python::python3().is_some();
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
            // Measured cells must have CPython agreeing with the Rust
            // reference; without python3 every cell is a stated skip.
            match cell.get("result_ok") {
                Some(ok) => assert_eq!(ok, true, "{cell}"),
                None => assert!(cell["reason"].is_string(), "{cell}"),
            }
        }
        if python && row["class"] == "cpu" {
            assert!(cells.iter().all(|c| c["result_ok"] == true), "{row}");
        }
    }
    let svg = std::fs::read_to_string(dir.join("compare.svg")).expect("compare.svg");
    assert!(
        svg.contains("count_primes (cpu)"),
        "the chart labels its rows"
    );
    let html = std::fs::read_to_string(dir.join("index.html")).expect("index.html");
    assert!(html.contains("count_primes") && html.contains("src=\"compare.svg\""));
    let _ = std::fs::remove_dir_all(&dir);
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
}

#[test]
fn a_bad_flag_is_a_clear_error_not_a_panic() {
    let out = Command::new(env!("CARGO_BIN_EXE_concurrency-models"))
        .arg("--no-such-flag")
        .output()
        .expect("run the main binary");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--no-such-flag"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
