//! The differential corpus: every `tests/programs/NAME.py` runs through the
//! library API and must print exactly the committed CPython 3.11 stdout
//! (`NAME.stdout`) and exit with `NAME.status`; where CPython wrote to
//! stderr (`NAME.stderr`: tracebacks, thread reports, compile errors) MiniPy
//! must write the same bytes. When `python3` is on
//! the PATH the same program also runs live under CPython and MiniPy must
//! agree with it.
//!
//! The out-of-scope corpus (`tests/unsupported/*.py`) must be refused:
//! non-zero exit, no panic, stderr naming the construct and its line.

use common::measure::python;
use std::path::{Path, PathBuf};
use std::process::Command;
use threading::{Config, Interpreter};

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(sub)
}

fn programs(sub: &str, skip: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir(sub))
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .filter(|p| !skip.iter().any(|s| p.file_name().is_some_and(|n| n == *s)))
        .collect();
    v.sort();
    v
}

fn run(path: &Path) -> threading::RunOutcome {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_string();
    let bytes = std::fs::read(path).expect("read program");
    let interp = Interpreter::new(Config {
        capture: true,
        ..Config::default()
    });
    interp.run_bytes(&name, &bytes)
}

#[test]
fn corpus_matches_cpython() {
    let list = programs("programs", &["regen.py"]);
    assert!(
        list.len() >= 40,
        "the corpus has {} programs, the issue asks for at least 40",
        list.len()
    );
    let live = python::python3().is_some();
    let mut failures = Vec::new();
    for path in &list {
        let stem = path.with_extension("");
        let want_out = std::fs::read_to_string(stem.with_extension("stdout")).expect("NAME.stdout");
        let want_status: i32 = std::fs::read_to_string(stem.with_extension("status"))
            .expect("NAME.status")
            .trim()
            .parse()
            .expect("status is a number");
        let got = run(path);
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        if got.stdout != want_out {
            failures.push(format!(
                "{name}: stdout differs\n--- want\n{want_out}--- got\n{}",
                got.stdout
            ));
        }
        if got.exit_code != want_status {
            failures.push(format!(
                "{name}: exit {} (want {want_status})\n{}",
                got.exit_code, got.stderr
            ));
        }
        if let Ok(want_err) = std::fs::read_to_string(stem.with_extension("stderr")) {
            // Tracebacks, thread reports and compile errors, byte for byte
            // (markers included); `regen.py` normalised CPython's paths.
            if got.stderr != want_err {
                failures.push(format!(
                    "{name}: stderr differs\n--- want\n{want_err}--- got\n{}",
                    got.stderr
                ));
            }
        }
        if live {
            let out = Command::new(python::python3().unwrap_or_default())
                .arg(path.file_name().unwrap_or_default())
                .current_dir(dir("programs"))
                .output()
                .expect("run python3");
            if out.stdout != got.stdout.as_bytes() || out.status.code() != Some(got.exit_code) {
                failures.push(format!(
                    "{name}: differs from live python3 (exit {:?})\n{}",
                    out.status.code(),
                    String::from_utf8_lossy(&out.stdout)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} corpus failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn unsupported_constructs_are_refused_clearly() {
    let list = programs("unsupported", &["check.py"]);
    assert!(!list.is_empty());
    let mut failures = Vec::new();
    for path in &list {
        let text = std::fs::read_to_string(path).expect("read");
        let mut header = text.lines();
        let line: u32 = header
            .next()
            .and_then(|l| l.strip_prefix("# expect-line: "))
            .and_then(|n| n.trim().parse().ok())
            .expect("# expect-line: N");
        let construct = header
            .next()
            .and_then(|l| l.strip_prefix("# construct: "))
            .expect("# construct: NAME")
            .trim()
            .to_string();
        let got = run(path);
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let runtime_ok = construct == "%-formatting";
        if got.exit_code == 0 {
            failures.push(format!("{name}: accepted (exit 0)"));
        }
        if !runtime_ok && !got.stdout.is_empty() {
            failures.push(format!("{name}: printed before refusing: {:?}", got.stdout));
        }
        let kind_ok = got.stderr.contains("SyntaxError")
            || got.stderr.contains("NotImplementedError")
            || got.stderr.contains("TabError");
        if !kind_ok
            || !got.stderr.contains(&construct)
            || !got.stderr.contains(&format!("line {line}"))
        {
            failures.push(format!(
                "{name}: stderr must name {construct:?} and line {line}:\n{}",
                got.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
