//! # `print` and `sys.stdout` in CPython's three buffering modes
//!
//! Facts about *where the system calls are*, not about timing:
//!
//! - Through the library API (capture models a pipe): the size of every
//!   write a one-thread program makes, in each mode — unbuffered is one
//!   write per piece (`print('Worker')` is `Worker`, then `\n`),
//!   line-buffered one per line, block-buffered one at exit or at a
//!   `flush` — and each of those writes is one Blocked span (GIL released)
//!   on the timeline, no more.
//! - Through the `minipy` binary with stdout a pipe: the `write(1, ...)`
//!   sizes strace sees are exactly python3's for the same program, with
//!   and without `PYTHONUNBUFFERED=1` (skipped, saying so, when strace or
//!   python3 is missing).

use std::path::Path;
use std::process::Command;
use threading::gil::GilConfig;
use threading::timeline::LaneState;
use threading::{Buffering, Config, Interpreter, RunOutcome};

/// One thread printing: pieces, separators, `end=''`, `sys.stdout.write`,
/// `flush=True`.
const PROGRAM: &str = "\
import sys
for i in range(3):
    print('Worker')
print('a', 'b', sep='-', end='!\\n')
print('x', end='')
sys.stdout.write('line\\n')
print('last', flush=True)
";

/// Everything PROGRAM prints.
const OUTPUT: &str = "Worker\nWorker\nWorker\na-b!\nxline\nlast\n";

fn run(mode: Option<Buffering>, src: &str) -> RunOutcome {
    let config = Config {
        gil: GilConfig {
            record_timeline: true,
            ..GilConfig::default()
        },
        capture: true,
    };
    let interp = Interpreter::new(config);
    let interp = match mode {
        Some(mode) => interp.with_stdout(mode),
        None => interp,
    };
    interp.run_source("print.py", src)
}

/// How many Blocked spans the main thread's lane has.
fn blocked_spans(out: &RunOutcome) -> usize {
    out.timeline
        .lanes
        .iter()
        .filter(|lane| lane.thread == "MainThread")
        .flat_map(|lane| &lane.spans)
        .filter(|span| span.state == LaneState::Blocked)
        .count()
}

#[test]
fn unbuffered_every_piece_is_a_write_that_releases_the_gil() {
    let out = run(Some(Buffering::Unbuffered), PROGRAM);
    assert_eq!(
        (out.exit_code, out.stdout.as_str()),
        (0, OUTPUT),
        "{}",
        out.stderr
    );
    // Worker, \n (x3); a, -, b, !\n; x, '' (end=''); line\n; last, \n.
    assert_eq!(
        out.stdout_writes,
        [6, 1, 6, 1, 6, 1, 1, 1, 1, 2, 1, 0, 5, 4, 1]
    );
    assert_eq!(blocked_spans(&out), out.stdout_writes.len());
}

#[test]
fn line_buffered_one_write_per_line() {
    let out = run(Some(Buffering::LineBuffered), PROGRAM);
    assert_eq!(
        (out.exit_code, out.stdout.as_str()),
        (0, OUTPUT),
        "{}",
        out.stderr
    );
    // 'x' with end='' waits for the next newline ('line\n').
    assert_eq!(out.stdout_writes, [7, 7, 7, 5, 6, 5]);
    assert_eq!(blocked_spans(&out), out.stdout_writes.len());
}

#[test]
fn block_buffered_writes_only_at_flush_and_exit() {
    // The default for captured runs: a pipe without PYTHONUNBUFFERED.
    let out = run(None, PROGRAM);
    assert_eq!(
        (out.exit_code, out.stdout.as_str()),
        (0, OUTPUT),
        "{}",
        out.stderr
    );
    // Everything up to flush=True in one write; nothing left at exit.
    assert_eq!(out.stdout_writes, [OUTPUT.len()]);
    assert_eq!(blocked_spans(&out), 1);

    let out = run(None, "for i in range(3):\n    print('Worker')\n");
    assert_eq!(out.stdout_writes, [21], "one write, at exit");
    assert_eq!(blocked_spans(&out), 1);
}

#[test]
fn block_buffered_large_output_writes_in_cpython_sized_pieces() {
    // 1000 lines of 20 bytes: the text layer hands its pending bytes down
    // before they would pass 8192 (409 lines, 8180 bytes: more than the
    // 4096-byte buffer, so written at once), the rest at exit — what
    // strace shows python3 doing.
    let out = run(None, "for i in range(1000):\n    print('%019d' % i)\n");
    assert_eq!(out.stdout.len(), 20_000);
    assert_eq!(out.stdout_writes, [8180, 8180, 3640]);
    assert_eq!(blocked_spans(&out), 3);
}

#[test]
fn stderr_is_line_buffered_and_separate() {
    let out = run(
        None,
        "import sys\nprint('out')\nsys.stderr.write('err')\nsys.stderr.write(' line\\n')\n",
    );
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str()),
        ("out\n", "err line\n")
    );
}

/// The sizes of the `write(1, ...)` calls strace saw.
fn stdout_writes_in(trace: &str) -> Vec<usize> {
    trace
        .lines()
        .filter_map(|line| {
            let call = line.split("write(1, ").nth(1)?;
            let result = call.rsplit("= ").next()?;
            result.trim().parse().ok()
        })
        .collect()
}

/// Runs `argv` under strace with stdout a pipe; the sizes of its writes
/// to fd 1. `None` when strace cannot run here.
fn traced_writes(argv: &[&str], dir: &Path, unbuffered: bool) -> Option<Vec<usize>> {
    let trace = dir.join(format!("trace-{}-{unbuffered}.txt", argv.len()));
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-qq", "-e", "trace=write", "-e", "signal=none", "-o"])
        .arg(&trace)
        .args(argv)
        .current_dir(dir);
    for (key, _) in std::env::vars() {
        if key.starts_with("PYTHON") {
            cmd.env_remove(key);
        }
    }
    if unbuffered {
        cmd.env("PYTHONUNBUFFERED", "1");
    }
    let out = cmd.output().ok()?;
    if !out.status.success() {
        eprintln!(
            "strace {argv:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    let text = std::fs::read_to_string(&trace).ok()?;
    Some(stdout_writes_in(&text))
}

/// python3's own executable (`sys.executable`), not a wrapper script
/// (pyenv's shim would add its own writes to the trace).
fn real_python3() -> Option<String> {
    let python3 = common::measure::python::python3()?;
    let out = Command::new(python3)
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .ok()?;
    let path = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !path.is_empty()).then_some(path)
}

#[test]
fn the_cli_writes_what_python3_writes_to_a_pipe() {
    let Some(python3) = real_python3() else {
        eprintln!("SKIPPED: no python3 to compare with");
        return;
    };
    let dir = std::env::temp_dir().join(format!("minipy-stdout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("print.py"), PROGRAM).expect("write program");
    let minipy = env!("CARGO_BIN_EXE_minipy");
    for unbuffered in [false, true] {
        let Some(theirs) = traced_writes(&[&python3, "print.py"], &dir, unbuffered) else {
            eprintln!("SKIPPED: strace is not usable here");
            return;
        };
        let ours = traced_writes(&[minipy, "print.py"], &dir, unbuffered).expect("strace minipy");
        assert_eq!(ours, theirs, "PYTHONUNBUFFERED={unbuffered}");
        assert!(!ours.is_empty());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
