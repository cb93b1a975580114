//! Measurement helpers for the benchmarks: memory, timing, and the CPython
//! peer.
//!
//! - [`rss`]: current and peak resident set size from `/proc/self/status`
//!   (`VmRSS`, `VmHWM`) — what "memory per task" is computed from.
//! - [`median_of`]: median-of-N wall time after warm-up runs, because one
//!   run on a shared 2-core machine is noise; the median ignores outliers
//!   that a mean would not.
//! - [`python`]: finding `python3` and running a script with it. When it is
//!   absent the helpers return `None` and say so once on stderr: a missing
//!   peer is a stated gap, never an error.
//!
//! Python equivalent: `resource.getrusage`, `timeit.repeat`.

use std::time::{Duration, Instant};

/// Resident memory of this process, from `/proc/self/status`.
pub mod rss {
    /// Reads one `kB` field of `/proc/self/status` as bytes.
    fn status_field(name: &str) -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        status.lines().find_map(|line| {
            let rest = line.strip_prefix(name)?.strip_prefix(':')?;
            let kb: u64 = rest.trim().strip_suffix("kB")?.trim().parse().ok()?;
            Some(kb * 1024)
        })
    }

    /// Current resident set size in bytes (`VmRSS`), `None` off Linux.
    pub fn current_bytes() -> Option<u64> {
        status_field("VmRSS")
    }

    /// Peak resident set size in bytes (`VmHWM`), `None` off Linux.
    pub fn peak_bytes() -> Option<u64> {
        status_field("VmHWM")
    }
}

/// Median, minimum and maximum of a set of timed runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// The median run (the figure benchmarks report).
    pub median: Duration,
    /// The fastest run.
    pub min: Duration,
    /// The slowest run.
    pub max: Duration,
}

/// Runs `f` `warmup` times untimed, then `runs` times timed (at least once),
/// and returns the median, min and max.
pub fn median_of<F: FnMut()>(runs: usize, warmup: usize, mut f: F) -> Timing {
    for _ in 0..warmup {
        f();
    }
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    Timing {
        median: times[times.len() / 2],
        min: times[0],
        max: times[times.len() - 1],
    }
}

/// Finding and running CPython, the oracle and the peer.
pub mod python {
    use std::io::Write;
    use std::path::PathBuf;
    use std::process::{Command, Output, Stdio};
    use std::sync::OnceLock;

    /// The interpreter to use: `$PYTHON` if set, else `python3` on `PATH`,
    /// checked once by running `--version`, then resolved to the binary
    /// itself (its `sys.executable`). `None` (with a note on stderr,
    /// printed once) when there is none.
    ///
    /// Why resolve: `python3` on `PATH` may be a launcher, not CPython.
    /// pyenv's shim is a bash script that runs `pyenv exec`, ~0.1 s per
    /// start on this machine (`python3 -c pass`: 0.14 s through the shim,
    /// 0.04 s direct); every CPython peer timed as a whole process would
    /// carry it and look that much slower than it is.
    pub fn python3() -> Option<PathBuf> {
        static FOUND: OnceLock<Option<PathBuf>> = OnceLock::new();
        FOUND
            .get_or_init(|| {
                let candidate =
                    PathBuf::from(std::env::var_os("PYTHON").unwrap_or_else(|| "python3".into()));
                let works = Command::new(&candidate)
                    .arg("--version")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success());
                if works {
                    Some(resolve(&candidate).unwrap_or(candidate))
                } else {
                    eprintln!(
                        "note: {} not found; CPython peers are skipped (reported as null)",
                        candidate.display()
                    );
                    None
                }
            })
            .clone()
    }

    /// The real executable behind `launcher` (`sys.executable`), when it
    /// names an existing file.
    fn resolve(launcher: &PathBuf) -> Option<PathBuf> {
        let out = Command::new(launcher)
            .args(["-c", "import sys; print(sys.executable)"])
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        let path = PathBuf::from(text.trim());
        (out.status.success() && path.is_file()).then_some(path)
    }

    /// Runs `source` with `python3 -c`-like semantics (fed on stdin, so no
    /// temporary file is needed) plus `args`, and returns its output.
    /// `None` when python3 is absent or could not be started.
    pub fn run_source(source: &str, args: &[&str]) -> Option<Output> {
        let python = python3()?;
        let mut child = Command::new(python)
            .arg("-")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .ok()?;
        // Write from another thread: a script that prints a lot before
        // reading all its stdin would otherwise deadlock against us.
        let mut stdin = child.stdin.take()?;
        let source = source.to_owned();
        let writer = std::thread::spawn(move || stdin.write_all(source.as_bytes()));
        let output = child.wait_with_output().ok()?;
        let _ = writer.join();
        Some(output)
    }

    /// Runs a script file with python3 plus `args`. `None` when python3 is
    /// absent or could not be started.
    pub fn run_script(path: &std::path::Path, args: &[&str]) -> Option<Output> {
        let python = python3()?;
        Command::new(python).arg(path).args(args).output().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_is_read_on_linux() {
        let current = rss::current_bytes().expect("VmRSS on Linux");
        let peak = rss::peak_bytes().expect("VmHWM on Linux");
        // Not `peak >= current`: the kernel updates the high-water mark
        // lazily (proc(5): these counters are inaccurate "because of a
        // kernel-internal scalability optimization"), so VmRSS can read
        // above VmHWM for a moment; a CI run caught exactly that.
        assert!(current > 0 && peak > 0);
    }

    #[test]
    fn median_of_runs_the_closure_warmup_plus_runs_times() {
        let mut calls = 0;
        let t = median_of(5, 2, || calls += 1);
        assert_eq!(calls, 7);
        assert!(t.min <= t.median && t.median <= t.max);
    }
}

#[cfg(test)]
mod python_tests {
    use super::python;

    #[test]
    fn python3_resolves_to_the_binary_not_a_launcher() {
        // A launcher (pyenv's shim is a bash script) would be text starting
        // with `#!`; the resolved interpreter is the executable itself.
        if let Some(p) = python::python3() {
            let head = std::fs::read(&p).expect("read the interpreter");
            assert!(p.is_file(), "{}", p.display());
            assert!(
                !head.starts_with(b"#!"),
                "{} is a script launcher",
                p.display()
            );
        }
    }
}
