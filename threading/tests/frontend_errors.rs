//! Syntax errors a program can hit end with CPython 3.11's report, byte for
//! byte: message, caret or `^^^` range, the offending line, exit code 1,
//! and nothing printed before it (the whole file is compiled first).
//!
//! `tests/frontend/errors.txt` holds the sources and CPython's stderr,
//! written by `regen.py`; when `python3` is present each case is also run
//! live under CPython and the two must agree.

#[path = "frontend/cases.rs"]
mod cases;

use common::measure::python;
use std::process::Command;
use threading::{Config, Interpreter};

/// A section's text as the bytes it stood for (the case format drops the
/// newline before the next `--- `).
fn stderr_of(case: &cases::Case) -> String {
    let text = case.section("stderr");
    if text.is_empty() {
        text
    } else {
        text + "\n"
    }
}

fn run(name: &str, src: &str) -> threading::RunOutcome {
    Interpreter::new(Config {
        capture: true,
        ..Config::default()
    })
    .run_source(&format!("{name}.py"), src)
}

#[test]
fn syntax_errors_match_cpython_byte_for_byte() {
    let cases = cases::read("errors.txt");
    assert!(cases.len() >= 60, "errors.txt has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let out = run(&case.name, &case.source);
        let want_err = stderr_of(case);
        let want_status: i32 = case.section("status").trim().parse().expect("status");
        if out.stderr != want_err || out.exit_code != want_status {
            failures.push(format!(
                "{} (exit {} want {want_status}):\n--- CPython\n{want_err}--- MiniPy\n{}",
                case.name, out.exit_code, out.stderr
            ));
        }
        if want_status != 0 && !out.stdout.is_empty() {
            failures.push(format!(
                "{}: printed {:?} before failing",
                case.name, out.stdout
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn committed_errors_are_cpythons_own() {
    let Some(py) = python::python3() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("minipy-frontend-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for case in cases::read("errors.txt") {
        let file = format!("{}.py", case.name);
        std::fs::write(dir.join(&file), &case.source).expect("write case");
        let out = Command::new(&py)
            .arg(&file)
            .current_dir(&dir)
            .output()
            .expect("run python3");
        let prefix = format!("{}/", dir.display());
        let stderr = String::from_utf8_lossy(&out.stderr).replace(&prefix, "");
        assert_eq!(stderr, stderr_of(&case), "{}", case.name);
        assert_eq!(
            out.status.code(),
            case.section("status").trim().parse().ok(),
            "{}",
            case.name
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
