//! Shared by the fast-path test files (`mod eras;`): run a program under
//! each GIL era's preset and compare what it prints with what `python3`
//! 3.11 printed for it.
//!
//! Every fast path must give the plain path's answers in all three eras:
//! 3.9 (the plain instruction stream, a check before every instruction),
//! 3.12 (quickened code, where the fast paths run) and 3.13t (quickened,
//! no GIL, per-object locks).

// Each test binary uses some of these, not all.
#![allow(dead_code)]

use threading::gil::GilConfig;
use threading::{Config, Interpreter};

/// The presets every fast-path test runs under.
pub const PRESETS: [&str; 3] = ["3.9", "3.12", "3.13t"];

/// Runs `src` as the file `name` under `preset`: (exit code, stdout,
/// stderr). The name is what tracebacks show.
pub fn run(name: &str, preset: &str, src: &str) -> (i32, String, String) {
    let gil = GilConfig::preset(preset).expect("preset");
    let out = Interpreter::new(Config { gil, capture: true }).run_source(name, src);
    (out.exit_code, out.stdout, out.stderr)
}

/// Asserts that `src`, run as `name`, prints `want` and exits 0 under
/// every preset (stderr is shown when it does not).
pub fn assert_prints(name: &str, src: &str, want: &str) {
    for preset in PRESETS {
        let (code, out, err) = run(name, preset, src);
        assert_eq!((code, out.as_str()), (0, want), "{preset}: {err}");
    }
}

/// Asserts that `src`, run as `name`, exits with `code` printing `stdout`
/// and `stderr` (a traceback) under every preset.
pub fn assert_fails(name: &str, src: &str, code: i32, stdout: &str, stderr: &str) {
    for preset in PRESETS {
        let (got, out, err) = run(name, preset, src);
        assert_eq!(
            (got, out.as_str(), err.as_str()),
            (code, stdout, stderr),
            "{preset}"
        );
    }
}
