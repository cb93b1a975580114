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

use std::sync::mpsc;
use std::thread;
use std::time::Duration;
use threading::gil::GilConfig;
use threading::{Config, Interpreter};

/// A program that has not finished after this long hangs (a broken fast
/// path can deadlock on two cells, or loop): the test fails instead of
/// hanging. The programs here take milliseconds.
const WATCHDOG: Duration = Duration::from_secs(60);

/// The presets every fast-path test runs under.
pub const PRESETS: [&str; 3] = ["3.9", "3.12", "3.13t"];

/// Runs `src` as the file `name` under `preset`: (exit code, stdout,
/// stderr). The name is what tracebacks show.
/// Runs on its own thread, under [`WATCHDOG`].
pub fn run(name: &str, preset: &str, src: &str) -> (i32, String, String) {
    let gil = GilConfig::preset(preset).expect("preset");
    let (file, text) = (name.to_owned(), src.to_owned());
    let (done_tx, done_rx) = mpsc::channel();
    let worker = thread::spawn(move || {
        let out = Interpreter::new(Config { gil, capture: true }).run_source(&file, &text);
        let _ = done_tx.send((out.exit_code, out.stdout, out.stderr));
    });
    match done_rx.recv_timeout(WATCHDOG) {
        Ok(result) => {
            worker.join().expect("the run's thread ended after sending");
            result
        }
        // The run panicked: its panic, with its message.
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the run's thread ended without a result or a panic"),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{name} under {preset}: not finished within {WATCHDOG:?} (a hang)")
        }
    }
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
