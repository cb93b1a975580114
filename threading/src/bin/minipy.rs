//! `minipy`: run a MiniPy program like `python3 FILE.py`, with the GIL of a
//! chosen CPython era.
//!
//! ```text
//! cargo run --release -p threading -- [-u] FILE.py [ARGS...] [--as 2.7|3.9|3.12|3.13t]
//!     [--gil new|old|none] [--switch-interval MS]
//!     [--check every-instruction|calls-and-backward-jumps]
//!     [--stats] [--timeline FILE.svg] [--trace FILE.trace.json] [--dis]
//! ```
//!
//! `--trace` writes the GIL timeline as a Chrome trace-event file, one
//! track per thread, for Perfetto or `chrome://tracing`.
//!
//! Arguments after `FILE.py` that are not options of `minipy` (and
//! everything after `--`) are the program's `sys.argv[1:]`.
//!
//! `-u` (or `PYTHONUNBUFFERED` set in the environment) makes stdout and
//! stderr unbuffered, as `python3 -u`: every piece a `print` writes is one
//! `write(2)` that releases the GIL. Otherwise stdout is line-buffered on a
//! terminal and block-buffered when redirected, stderr line-buffered.
//!
//! As under `python3 FILE.py`, `sys.argv[0]` is `FILE.py` as typed, while
//! tracebacks, warnings and `__file__` name it made absolute against the
//! current directory (CPython 3.9 and later).
//!
//! Program output goes to stdout exactly as CPython's would; tracebacks,
//! `--stats` and errors go to stderr. The exit code is the program's.

use std::process::ExitCode;
use std::time::Duration;
use threading::gil::{CheckPolicy, GilConfig, GilMode};
use threading::{Buffering, Config, Interpreter};

/// Small blocks from per-thread free lists, as CPython's `pymalloc`
/// (`threading/src/small_alloc/`); only this binary installs it.
#[global_allocator]
static ALLOC: threading::small_alloc::SmallAlloc = threading::small_alloc::SmallAlloc;

const USAGE: &str =
    "usage: minipy [-u] FILE.py [ARGS...] [--as 2.7|3.9|3.12|3.13t] [--gil new|old|none] [--switch-interval MS] \
[--check every-instruction|calls-and-backward-jumps] [--stats] [--timeline FILE.svg] \
[--trace FILE.trace.json] [--dis]";

/// Parsed command line.
struct Cli {
    /// The program to run.
    file: String,
    /// Preset plus overrides.
    gil: GilConfig,
    /// `--stats`: print the GIL counters to stderr.
    stats: bool,
    /// `--timeline FILE`: write the SVG there.
    timeline: Option<String>,
    /// `--trace FILE`: write the Chrome trace-event JSON there.
    trace: Option<String>,
    /// `--dis`: print the bytecode instead of running.
    dis: bool,
    /// `-u`: unbuffered stdout and stderr.
    unbuffered: bool,
    /// The program's arguments (`sys.argv[1:]`).
    program_args: Vec<String>,
}

fn parse(args: &[String]) -> Result<Cli, String> {
    // The preset goes first so explicit flags override it whatever their order.
    let mut gil = GilConfig::default();
    if let Some(i) = args.iter().position(|a| a == "--as") {
        let v = args.get(i + 1).ok_or("--as needs a version")?;
        gil = GilConfig::preset(v)
            .ok_or_else(|| format!("unknown --as {v:?} (use {})", GilConfig::PRESETS.join(", ")))?;
    }
    let mut file = None;
    let (mut stats, mut timeline, mut trace, mut dis) = (false, None, None, false);
    let mut unbuffered = false;
    let mut program_args = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{a} needs a value"))
        };
        match a.as_str() {
            "--as" => {
                value()?;
            }
            "--gil" => {
                let v = value()?;
                gil.mode = GilMode::parse(&v)
                    .ok_or_else(|| format!("unknown --gil {v:?} (new, old, none)"))?;
            }
            "--switch-interval" => {
                let v = value()?;
                let ms: f64 = v
                    .parse()
                    .map_err(|_| format!("bad --switch-interval {v:?} (milliseconds)"))?;
                if !(ms > 0.0 && ms < 1e9) {
                    return Err(format!("--switch-interval must be positive, got {v}"));
                }
                gil.switch_interval = Duration::from_secs_f64(ms / 1000.0);
            }
            "--check" => {
                let v = value()?;
                gil.policy = CheckPolicy::parse(&v).ok_or_else(|| {
                    format!("unknown --check {v:?} (every-instruction, calls-and-backward-jumps)")
                })?;
            }
            "--stats" => stats = true,
            "--timeline" => timeline = Some(value()?),
            "--trace" => trace = Some(value()?),
            "--dis" => dis = true,
            "-u" => unbuffered = true,
            // Everything after `--` belongs to the program, options too.
            "--" => {
                program_args.extend(it.by_ref().cloned());
                break;
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => {
                // The first plain argument is the program; the rest are
                // its sys.argv[1:].
                if file.is_none() {
                    file = Some(s.to_string());
                } else {
                    program_args.push(s.to_string());
                }
            }
        }
    }
    gil.record_timeline = timeline.is_some() || trace.is_some();
    Ok(Cli {
        file: file.ok_or("no FILE.py given")?,
        gil,
        stats,
        timeline,
        trace,
        dis,
        unbuffered,
        program_args,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cli = match parse(&args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("minipy: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let bytes = match std::fs::read(&cli.file) {
        Ok(b) => b,
        Err(e) => {
            // CPython's words: the absolute path and `[Errno N] text`.
            let why = match e.raw_os_error() {
                Some(n) => threading::modules::errno::os_error_text(n),
                None => e.to_string(),
            };
            let file = threading::interp::script_path(&cli.file);
            eprintln!("minipy: can't open file '{file}': {why}");
            return ExitCode::from(2);
        }
    };
    if cli.dis {
        return match threading::interp::disassemble(&cli.file, &bytes) {
            Ok(listing) => {
                print!("{listing}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
        };
    }
    // One program per process: objects need only the synchronisation this
    // run needs (`object/cell_mode.rs`).
    threading::interp::claim_process_for_one_run();
    let mut interp = Interpreter::new(Config {
        gil: cli.gil,
        capture: false,
    })
    .with_args(cli.program_args);
    if cli.unbuffered {
        interp = interp.with_stdout(Buffering::Unbuffered);
    }
    // `sys.argv[0]` as typed, the code's file name absolute (CPython).
    let outcome = interp.run_script(&cli.file, &bytes);
    if cli.stats {
        eprint!("{}", outcome.stats);
    }
    if let Some(path) = &cli.timeline {
        let svg = outcome.timeline.to_svg(&format!("minipy {}", cli.file));
        if let Err(e) = std::fs::write(path, svg) {
            eprintln!("minipy: cannot write timeline {path}: {e}");
            return ExitCode::from(2);
        }
    }
    if let Some(path) = &cli.trace {
        let json = outcome
            .timeline
            .to_trace_json(&format!("minipy {}", cli.file));
        if let Err(e) = std::fs::write(path, json) {
            eprintln!("minipy: cannot write trace {path}: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::from(outcome.exit_code.clamp(0, 255) as u8)
}
