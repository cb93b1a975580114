//! The native `time` module's calendar against CPython: `program.py` in
//! `tests/time_module/` runs under three `TZ` settings (POSIX rules, so no
//! tz database is needed) through the `minipy` binary, and must print
//! exactly what python3.11 printed (`NAME.stdout`, written by `regen.py`).
//! When python3 is on the PATH the program also runs live under it.
//!
//! A subprocess per zone, because the C library reads `TZ` once per
//! process: setting it inside this test process would not reach
//! `localtime_r`, and would race the other tests.

use common::measure::python;
use std::path::PathBuf;
use std::process::Command;

/// (expectation file stem, `TZ`): the table of `regen.py`.
const ZONES: &[(&str, &str)] = &[
    ("utc", "UTC0"),
    ("new_york", "EST5EDT,M3.2.0,M11.1.0"),
    ("sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3"),
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/time_module")
}

/// stdout of `program` run under `TZ=tz`, without `PYTHON*` variables.
fn run(program: &std::path::Path, tz: &str) -> String {
    let mut cmd = Command::new(program);
    cmd.arg(dir().join("program.py")).env("TZ", tz);
    for (key, _) in std::env::vars() {
        if key.starts_with("PYTHON") {
            cmd.env_remove(key);
        }
    }
    let out = cmd.output().expect("run the program");
    assert!(
        out.status.success(),
        "{} under TZ={tz}: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn calendar_functions_match_cpython_in_three_time_zones() {
    let python3 = python::python3();
    for (stem, tz) in ZONES {
        let want = std::fs::read_to_string(dir().join(format!("{stem}.stdout")))
            .expect("expected output (run regen.py)");
        let got = run(std::path::Path::new(env!("CARGO_BIN_EXE_minipy")), tz);
        assert_eq!(got, want, "TZ={tz}");
        if let Some(python3) = &python3 {
            assert_eq!(got, run(python3, tz), "TZ={tz}, live python3");
        }
    }
}
