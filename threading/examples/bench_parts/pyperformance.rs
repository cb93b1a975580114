//! The pyperformance part of the crate's bench: the 13 benchmark files of
//! MINIPY.md, run whole under MiniPy and under CPython, alternated.
//!
//! ```text
//!   bench/pyperformance_cut.py OUT      13 standalone NAME.py files (pyperf harness cut)
//!   for each NAME, 3 times:             minipy NAME.py   then   python3 NAME.py
//!                                       (wall time of the whole process each)
//!   row: minipy_s = median, cpython_s = median, ratio = cpython_s / minipy_s,
//!        same_output = every MiniPy run printed CPython's stdout and exit status
//! ```
//!
//! "Whole process" means start-up, compilation, the run and exit, for both
//! interpreters: what a user waits for. MiniPy runs as a child process too:
//! the bench binary re-executes itself with [`CHILD_FLAG`], which runs the
//! file through the same library entry the `minipy` CLI calls, on the same
//! allocator (the bench installs the CLI's; see `bench.rs`), so no
//! separate build of the CLI is needed. Alternating the two interpreters
//! run by run spreads the load of a shared machine over both alike.
//!
//! The benchmark files are pyperformance's, not ours: they are found
//! through an installed `pyperformance` package (`pip install
//! pyperformance`) or the `data-files/benchmarks` directory named by
//! `PYPERFORMANCE_BENCHMARKS`; without either the figures are `null`.
//!
//! `pyperformance_geomean` is the geometric mean of the ratios of the
//! files that ran with CPython's output (issue 10's target: ≥ 1.5).
//!
//! Start-up weighs differently on the two sides: MiniPy starts and exits
//! in ~2 ms, CPython 3.11 in ~11 ms bare (`python3 -S`) and ~40 ms on the
//! project's machine, whose `site` runs a sandbox's `.pth` that imports
//! `certifi` (`python3 -X importtime -c pass`); on files of 0.05-0.3 s
//! that is a large share of CPython's time. So the bench also times an
//! empty program under each ([`STARTUP_RUNS`], alternated, medians:
//! `minipy_startup_s`, `cpython_startup_s`) and reports each row's
//! `net_ratio`, the ratio of the times with each interpreter's start-up
//! taken off, and their geometric mean `pyperformance_net_geomean`: how
//! the two interpreters compare at running the code itself. The issue's
//! targets are on the whole-process ratios; the net ones are the honest
//! reading of the interpreter (see the crate README).
//!
//! `free_threaded_single_thread_overhead` ([`free_threaded_overhead`])
//! times nbody and richards under MiniPy alone, one thread, `--gil none`
//! (the 3.13t preset: per-object locks, no GIL) against `--gil new` (3.12),
//! alternated, whole processes: what the free-threaded mode costs a
//! program that never starts a thread (PEP 703 measured 5-10 % for
//! CPython's). The child takes the preset as an optional third argument.

use common::measure::python;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The hidden first argument that makes the bench binary run one MiniPy
/// program as `minipy FILE` would (see the module docs).
pub const CHILD_FLAG: &str = "--run-minipy-file";

/// Runs per interpreter and file (the median is reported).
const RUNS: usize = 3;

/// Runs per interpreter of the empty program (start-up and exit alone):
/// more than [`RUNS`], as a few milliseconds are easily disturbed.
const STARTUP_RUNS: usize = 5;

/// Runs per mode and file for `free_threaded_single_thread_overhead`: the
/// two modes differ by a few per cent on runs of ~0.15 s, which three
/// wall-clock runs on a shared 2-core machine do not resolve (the same
/// binary read 0.08 to 0.17 over three runs; CPU time and instruction
/// counts put the two modes within 1-3 % of each other).
pub const FREE_THREADED_RUNS: usize = 11;

/// A run slower than this is stopped and counted as failed, so a MiniPy
/// hang cannot hang the bench.
const TIMEOUT: Duration = Duration::from_secs(300);

/// One benchmark file, timed.
pub struct Row {
    /// The benchmark (`nbody`, ...).
    pub name: String,
    /// MiniPy's whole-process wall time, median of [`RUNS`] (`None`: no
    /// run finished in time).
    pub minipy_s: Option<f64>,
    /// CPython's whole-process wall time, median of [`RUNS`].
    pub cpython_s: Option<f64>,
    /// Every MiniPy run printed CPython's stdout and exit status.
    pub same_output: bool,
}

impl Row {
    /// CPython's time over MiniPy's: above 1 means MiniPy is faster.
    pub fn ratio(&self) -> Option<f64> {
        Some(self.cpython_s? / self.minipy_s?)
    }

    /// [`ratio`](Self::ratio) with each interpreter's start-up taken off
    /// its time; `None` when a time is missing or not above its start-up.
    pub fn net_ratio(&self, startup: &Startup) -> Option<f64> {
        let theirs = self.cpython_s? - startup.cpython_s?;
        let ours = self.minipy_s? - startup.minipy_s?;
        (theirs > 0.0 && ours > 0.0).then(|| theirs / ours)
    }
}

/// Each interpreter's start-up and exit: the median whole-process time of
/// an empty program (`None`: no run finished).
pub struct Startup {
    /// MiniPy's (the bench binary re-executed as the CLI).
    pub minipy_s: Option<f64>,
    /// CPython's.
    pub cpython_s: Option<f64>,
}

/// The 13 rows and the start-up they are read against.
pub struct Perf {
    /// One per benchmark file, by name.
    pub rows: Vec<Row>,
    /// The empty program's times.
    pub startup: Startup,
}

/// What one process printed and how long it took.
struct Run {
    /// Wall time from spawn to exit.
    seconds: f64,
    /// Its stdout.
    stdout: Vec<u8>,
    /// Its exit code (`None`: killed by a signal).
    code: Option<i32>,
}

/// Runs `cmd` (stdout captured, stderr discarded) to completion or
/// [`TIMEOUT`]; `None` if it could not start or timed out.
///
/// The clock stops when a blocking `wait` returns, so the time is the
/// process's own to within a wake-up. (Polling `try_wait` every 2 ms, the
/// first version, added 0-2 ms to every run, which shrank the ratios of
/// the short runs: hexiom's MiniPy run is ~20 ms.) A watchdog thread kills
/// the child if no exit is reported within the timeout.
fn run_timed(mut cmd: Command) -> Option<Run> {
    let t0 = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // Read stdout on a helper thread so a chatty child never blocks on a
    // full pipe while we wait for its exit.
    let mut pipe = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = std::io::Read::read_to_end(&mut pipe, &mut out);
        out
    });
    let pid = child.id().to_string();
    let (exited, exit_seen) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = exit_seen.recv_timeout(TIMEOUT) {
            // `Child::kill` needs the `Child`, which the waiting thread
            // holds. Nothing was sent, so that thread has not reaped the
            // child, or did so an instant ago: the pid is still its own.
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            return true;
        }
        false
    });
    let status = child.wait();
    let seconds = t0.elapsed().as_secs_f64();
    let _ = exited.send(());
    let timed_out = watchdog.join().unwrap_or(true);
    let stdout = reader.join().unwrap_or_default();
    match status {
        Ok(status) if !timed_out => Some(Run {
            seconds,
            stdout,
            code: status.code(),
        }),
        _ => None,
    }
}

/// Cuts the 13 files into a fresh temporary directory; `None` when
/// python3 or the pyperformance files are missing.
fn cut_files(py: &Path) -> Option<PathBuf> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("minipy-pyperf-{}", std::process::id()));
    let mut cut = Command::new(py);
    cut.arg(crate_dir.join("bench/pyperformance_cut.py"))
        .arg(&out);
    if let Some(dir) = std::env::var_os("PYPERFORMANCE_BENCHMARKS") {
        cut.arg("--benchmarks").arg(dir);
    }
    let done = cut.output().ok()?;
    if !done.status.success() {
        eprintln!(
            "bench: pyperformance files not found (pip install pyperformance, or set \
             PYPERFORMANCE_BENCHMARKS to its data-files/benchmarks directory)"
        );
        let _ = std::fs::remove_dir_all(&out);
        return None;
    }
    Some(out)
}

/// The 13 files under both interpreters, and an empty program under each
/// (see the module docs); `None` when python3 or pyperformance is missing.
pub fn measure() -> Option<Perf> {
    let py = python::python3()?;
    let me = std::env::current_exe().ok()?;
    let dir = cut_files(&py)?;
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".py")
                .map(String::from)
        })
        .collect();
    names.sort();
    let startup = startup(&me, &py, &dir);
    let mut rows = Vec::new();
    for name in names {
        let file = format!("{name}.py");
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        let mut want: Option<(Vec<u8>, Option<i32>)> = None;
        let mut got = Vec::new();
        for _ in 0..RUNS {
            let mut minipy = Command::new(&me);
            minipy.arg(CHILD_FLAG).arg(&file).current_dir(&dir);
            if let Some(r) = run_timed(minipy) {
                ours.push(r.seconds);
                got.push((r.stdout, r.code));
            }
            let mut cpython = Command::new(&py);
            cpython.arg(&file).current_dir(&dir);
            if let Some(r) = run_timed(cpython) {
                theirs.push(r.seconds);
                want.get_or_insert((r.stdout, r.code));
            }
        }
        let same_output = got.len() == RUNS
            && want
                .as_ref()
                .is_some_and(|w| !w.0.is_empty() && got.iter().all(|g| g == w));
        if !same_output {
            eprintln!("bench: pyperformance {name}: MiniPy's output differs from CPython's");
        }
        rows.push(Row {
            name,
            minipy_s: (!ours.is_empty()).then(|| super::median(ours)),
            cpython_s: (!theirs.is_empty()).then(|| super::median(theirs)),
            same_output,
        });
    }
    let _ = std::fs::remove_dir_all(&dir);
    Some(Perf { rows, startup })
}

/// An empty program under each interpreter, alternated, [`STARTUP_RUNS`]
/// each (written after the benchmark files were listed, so it is not one).
fn startup(me: &Path, py: &Path, dir: &Path) -> Startup {
    let file = "empty_program.py";
    if std::fs::write(dir.join(file), "pass\n").is_err() {
        return Startup {
            minipy_s: None,
            cpython_s: None,
        };
    }
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for round in 0..STARTUP_RUNS {
        let mut minipy = Command::new(me);
        minipy.arg(CHILD_FLAG).arg(file).current_dir(dir);
        let mut cpython = Command::new(py);
        cpython.arg(file).current_dir(dir);
        let mut order = [(minipy, &mut ours), (cpython, &mut theirs)];
        if round % 2 == 1 {
            order.reverse();
        }
        for (cmd, times) in order {
            if let Some(r) = run_timed(cmd).filter(|r| r.code == Some(0)) {
                times.push(r.seconds);
            }
        }
    }
    let median = |v: Vec<f64>| (!v.is_empty()).then(|| super::median(v));
    Startup {
        minipy_s: median(ours),
        cpython_s: median(theirs),
    }
}

/// The files `free_threaded_single_thread_overhead` runs (issue 10).
const FREE_THREADED_FILES: [&str; 2] = ["nbody", "richards"];

/// `free_threaded_single_thread_overhead`: for each of
/// [`FREE_THREADED_FILES`], the median time under the 3.13t preset over
/// the median under 3.12 ([`RUNS`] each, alternated); the geometric mean
/// of the two ratios, minus 1 (0.05: free-threaded is 5 % slower).
/// `None` when a file is missing or a run failed.
pub fn free_threaded_overhead() -> Option<f64> {
    let py = python::python3()?;
    let me = std::env::current_exe().ok()?;
    let dir = cut_files(&py)?;
    let mut logs = Vec::new();
    for name in FREE_THREADED_FILES {
        let file = format!("{name}.py");
        let (mut with_gil, mut free_threaded) = (Vec::new(), Vec::new());
        for round in 0..FREE_THREADED_RUNS {
            let mut order = [("3.12", &mut with_gil), ("3.13t", &mut free_threaded)];
            // Alternated: neither mode always runs second, on a warmer
            // (or busier) machine.
            if round % 2 == 1 {
                order.reverse();
            }
            for (preset, times) in order {
                let mut minipy = Command::new(&me);
                minipy
                    .arg(CHILD_FLAG)
                    .arg(&file)
                    .arg(preset)
                    .current_dir(&dir);
                if let Some(r) = run_timed(minipy).filter(|r| r.code == Some(0)) {
                    times.push(r.seconds);
                }
            }
        }
        if with_gil.len() == FREE_THREADED_RUNS && free_threaded.len() == FREE_THREADED_RUNS {
            logs.push((super::median(free_threaded) / super::median(with_gil)).ln());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    (logs.len() == FREE_THREADED_FILES.len())
        .then(|| (logs.iter().sum::<f64>() / logs.len() as f64).exp() - 1.0)
}

/// The geometric mean of the ratios of the files that ran with CPython's
/// output.
pub fn geomean(perf: &Perf) -> Option<f64> {
    geomean_of(perf, Row::ratio)
}

/// The same for the ratios net of start-up ([`Row::net_ratio`]).
pub fn net_geomean(perf: &Perf) -> Option<f64> {
    geomean_of(perf, |r| r.net_ratio(&perf.startup))
}

fn geomean_of(perf: &Perf, ratio: impl Fn(&Row) -> Option<f64>) -> Option<f64> {
    let logs: Vec<f64> = perf
        .rows
        .iter()
        .filter(|r| r.same_output)
        .filter_map(ratio)
        .map(f64::ln)
        .collect();
    (!logs.is_empty()).then(|| (logs.iter().sum::<f64>() / logs.len() as f64).exp())
}

/// `{"nbody": {"minipy_s": .., "cpython_s": .., "ratio": .., "net_ratio": ..,
/// "same_output": ..}, ...}` or `null`.
pub fn json(perf: Option<&Perf>) -> String {
    let Some(perf) = perf else {
        return "null".into();
    };
    let items: Vec<String> = perf
        .rows
        .iter()
        .map(|r| {
            format!(
                "    \"{}\": {{\"minipy_s\": {}, \"cpython_s\": {}, \"ratio\": {}, \"net_ratio\": {}, \"same_output\": {}}}",
                r.name,
                super::json_num(r.minipy_s),
                super::json_num(r.cpython_s),
                super::json_num(r.ratio()),
                super::json_num(r.net_ratio(&perf.startup)),
                r.same_output
            )
        })
        .collect();
    format!("{{\n{}\n  }}", items.join(",\n"))
}
