//! The library API: configure an interpreter, run a source, get back its
//! output, exit code, GIL counters and timeline. The `minipy` binary and the
//! project's compare tool are thin layers over this.
//!
//! ```text
//!   Interpreter::new(Config { gil: GilConfig::preset("3.9"), capture: true, .. })
//!       .run_source("race.py", SRC)  ─▶  RunOutcome { exit_code, stdout, stderr,
//!                                                     stats, timeline, max_holders }
//! ```
//!
//! A run: decode (UTF-8) → parse → compile (any error: CPython's report on
//! stderr, exit 1) → a `MainThread` OS thread registers with the GIL, runs
//! the module as `__main__`, prints an uncaught exception's traceback (or
//! takes `SystemExit`'s code), calls `threading._shutdown()` if the program
//! imported `threading` (joining the non-daemon threads, as CPython does),
//! stops the daemon threads → every thread has unregistered, so `GilStats`
//! and the `Timeline` are complete (`vm/lifecycle.rs`).
//!
//! Python equivalent: `Py_RunMain` (`Modules/main.c`).

use crate::bytecode::Code;
use crate::compiler::Compiled;
use crate::error::SourceError;
use crate::gil::{Gil, GilConfig, GilMode, GilStats};
use crate::lexer::decode_source;
use crate::modules::stdio::{unbuffered_requested, Buffering, StdStreamKind};
use crate::object::cell_mode::{RunKind, RunTicket};
use crate::object::refcount::Arc;
use crate::object::value::Flag;
use crate::object::Value;
use crate::timeline::Timeline;
use crate::vm::lifecycle::ExitStatus;
use crate::vm::{ProgramDir, Runtime, SiblingNames, StdStream, ThreadCtx};

/// Native stack of the main interpreter thread: the parser and compiler
/// recurse on nesting (bounded by the parser), plus deep `repr`s.
const MAIN_STACK: usize = 256 << 20;

/// How to run programs.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// GIL mode, switch interval, check policy, timeline recording.
    pub gil: GilConfig,
    /// Collect stdout and stderr into the outcome instead of writing them
    /// to the process's streams.
    pub capture: bool,
}

/// What a run produced.
#[derive(Debug)]
pub struct RunOutcome {
    /// The exit code CPython would give (0, or 1 after an uncaught
    /// exception, a compile error or a deadlock).
    pub exit_code: i32,
    /// Program stdout (captured runs only).
    pub stdout: String,
    /// The size of each write(2) CPython would have made to stdout, in
    /// order (captured runs only): `print('a')` unbuffered is `[1, 1]`.
    pub stdout_writes: Vec<usize>,
    /// Tracebacks and reports (captured runs only).
    pub stderr: String,
    /// GIL counters (complete: every thread has unregistered).
    pub stats: GilStats,
    /// Timeline lanes (empty unless `gil.record_timeline`).
    pub timeline: Timeline,
    /// Most threads ever inside the GIL at once (1 with a GIL).
    pub max_holders: usize,
}

/// A configured interpreter; each run gets a fresh runtime.
#[derive(Clone, Debug, Default)]
pub struct Interpreter {
    /// The configuration every run uses.
    pub config: Config,
    /// stdout's buffering mode; `None` is CPython's choice (see
    /// [`Interpreter::with_stdout`]).
    pub stdout_mode: Option<Buffering>,
    /// The program's arguments: `sys.argv[1:]` (`sys.argv[0]` is the
    /// program's name).
    pub args: Vec<String>,
}

/// Decodes, parses and compiles a source file.
pub fn compile(name: &str, bytes: &[u8]) -> Result<Arc<Code>, SourceError> {
    compile_warned(name, bytes).map(|c| c.code)
}

/// [`compile`], keeping the compile-time `SyntaxWarning`s to show.
fn compile_warned(name: &str, bytes: &[u8]) -> Result<Compiled, SourceError> {
    let src = decode_source(bytes, name).map_err(|mut e| {
        e.filename = name.to_string();
        e
    })?;
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    crate::compiler::compile_source_warned(name, src)
}

/// How `--dis` shows a constant (no interpreter needed: constants are
/// numbers, strings, bytes, tuples and frozensets of those).
fn const_repr(v: &Value) -> String {
    use crate::vm::repr::{default_repr, float_repr, str_repr};
    match v {
        Value::None => "None".into(),
        Value::Bool(Flag(b)) => if *b { "True" } else { "False" }.into(),
        Value::Ellipsis => "Ellipsis".into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Str(s) => str_repr(s.as_str()),
        Value::Tuple(t) => {
            let items: Vec<String> = t.items.iter().map(const_repr).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        other => default_repr(other),
    }
}

/// `minipy --dis`: the listing of every code object.
pub fn disassemble(name: &str, bytes: &[u8]) -> Result<String, SourceError> {
    let bytes = bytes.to_vec();
    let name = name.to_string();
    on_big_stack(move || compile(&name, &bytes).map(|c| c.disassemble(&const_repr)))
}

/// Runs `f` on a thread with [`MAIN_STACK`] of native stack.
fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    match std::thread::Builder::new()
        .name("MainThread".into())
        .stack_size(MAIN_STACK)
        .spawn(f)
    {
        Ok(h) => match h.join() {
            Ok(v) => v,
            Err(p) => std::panic::resume_unwind(p),
        },
        Err(e) => panic!("cannot spawn the interpreter's main thread: {e}"),
    }
}

impl Interpreter {
    /// An interpreter with `config`.
    pub fn new(config: Config) -> Interpreter {
        Interpreter {
            config,
            stdout_mode: None,
            args: Vec::new(),
        }
    }

    /// The same interpreter passing `args` to programs as `sys.argv[1:]`.
    pub fn with_args(mut self, args: Vec<String>) -> Interpreter {
        self.args = args;
        self
    }

    /// The same interpreter with stdout in `mode` (stderr follows to
    /// unbuffered, otherwise stays line-buffered). Without it, stdout is
    /// buffered as CPython buffers it:
    ///
    /// | run | stdout |
    /// |---|---|
    /// | `capture: true` | block-buffered (4096 bytes), as CPython writing into a pipe with no `PYTHONUNBUFFERED` |
    /// | `capture: false` | CPython's rule for the process: unbuffered if `PYTHONUNBUFFERED` is set, line-buffered on a terminal, block-buffered otherwise |
    ///
    /// Captured runs ignore the environment on purpose: a library (and
    /// its tests) should not release the GIL at other points because the
    /// hosting process has `PYTHONUNBUFFERED=1`. `RunOutcome::stdout_writes`
    /// lists the writes a captured run made.
    pub fn with_stdout(mut self, mode: Buffering) -> Interpreter {
        self.stdout_mode = Some(mode);
        self
    }

    /// Runs a UTF-8 source.
    pub fn run_source(&self, name: &str, src: &str) -> RunOutcome {
        self.run_bytes(name, src.as_bytes())
    }

    /// Runs source bytes (checked for UTF-8 like CPython does).
    pub fn run_bytes(&self, name: &str, bytes: &[u8]) -> RunOutcome {
        let dir = std::path::Path::new(name).parent().map(|p| ProgramDir {
            path: p.to_path_buf(),
            names: SiblingNames::Bare,
        });
        self.run_program(name, bytes, dir)
    }

    /// Runs a script file as `python3 PATH` does: `sys.argv[0]` is `given`,
    /// the path as typed, while the code's file name (tracebacks, warnings,
    /// `__file__`) is [`script_path`]`(given)`, made absolute against the
    /// current directory as CPython (since 3.9) makes `__main__`'s. Sibling
    /// modules are found in its directory with links and `..` resolved, as
    /// CPython's `sys.path[0]` (`realpath` of the script, then its parent).
    pub fn run_script(&self, given: &str, bytes: &[u8]) -> RunOutcome {
        let file = script_path(given);
        let dir = std::fs::canonicalize(&file)
            .ok()
            .and_then(|real| real.parent().map(|p| p.to_path_buf()))
            .or_else(|| {
                std::path::Path::new(&file)
                    .parent()
                    .map(|p| p.to_path_buf())
            })
            .map(|path| ProgramDir {
                path,
                names: SiblingNames::Full,
            });
        self.run_program_as(given, &file, bytes, dir)
    }

    /// Runs source bytes called `name` whose sibling modules (`import
    /// helper` finds `helper.py`) live in `dir` (tests run programs by
    /// bare name from elsewhere).
    pub fn run_bytes_in(&self, dir: &std::path::Path, name: &str, bytes: &[u8]) -> RunOutcome {
        let dir = ProgramDir {
            path: dir.to_path_buf(),
            names: SiblingNames::Bare,
        };
        self.run_program(name, bytes, Some(dir))
    }

    fn run_program(&self, name: &str, bytes: &[u8], dir: Option<ProgramDir>) -> RunOutcome {
        self.run_program_as(name, name, bytes, dir)
    }

    /// Runs `bytes` compiled as file `file`, with `argv0` as `sys.argv[0]`.
    fn run_program_as(
        &self,
        argv0: &str,
        file: &str,
        bytes: &[u8],
        dir: Option<ProgramDir>,
    ) -> RunOutcome {
        let config = self.config.clone();
        let stdout_mode = self.stdout_mode;
        let file = file.to_string();
        let argv: Vec<String> = std::iter::once(argv0.to_string())
            .chain(self.args.iter().cloned())
            .collect();
        let bytes = bytes.to_vec();
        // Held until every thread of the run is joined (`run_main` returns
        // after that): a claimed process sees one run at a time.
        let _ticket = RunTicket::start(match config.gil.mode {
            GilMode::None => RunKind::FreeThreaded,
            GilMode::New | GilMode::Old => RunKind::WithGil,
        });
        on_big_stack(move || run_main(config, stdout_mode, &file, argv, &bytes, dir))
    }
}

/// `path` as CPython names a script it runs: an absolute path stays as it
/// is; a relative one is joined to the current directory *without*
/// resolving `.`, `..` or links (`python3 ./a/../t.py` in `/tmp` reports
/// `/tmp/./a/../t.py`, as CPython's `_Py_abspath` does). If the current
/// directory cannot be read, the path stays as given.
pub fn script_path(path: &str) -> String {
    let p = std::path::Path::new(path);
    if p.is_absolute() {
        return path.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => cwd.join(p).to_string_lossy().into_owned(),
        Err(_) => path.to_string(),
    }
}

/// For a program like the `minipy` CLI that runs one program per process:
/// lets objects use only the synchronisation that run needs (under a GIL
/// no per-object lock and plain reference counts; free-threaded, plain
/// counts until a second thread starts: `object/cell_mode.rs`). Call it
/// before the first run; two runs at once then panic. Returns whether the
/// claim took (it does not once a run has started).
pub fn claim_process_for_one_run() -> bool {
    crate::object::cell_mode::claim_one_run_at_a_time().is_ok()
}

/// The program's stdout and stderr (see [`Interpreter::with_stdout`]).
fn streams(capture: bool, stdout_mode: Option<Buffering>) -> (StdStream, StdStream) {
    if capture {
        (
            StdStream::captured(StdStreamKind::Stdout, stdout_mode),
            StdStream::captured(StdStreamKind::Stderr, stdout_mode),
        )
    } else {
        let env = std::env::var("PYTHONUNBUFFERED").ok();
        let unbuffered = unbuffered_requested(false, env.as_deref())
            || stdout_mode == Some(Buffering::Unbuffered);
        (
            StdStream::process(StdStreamKind::Stdout, unbuffered, stdout_mode),
            StdStream::process(StdStreamKind::Stderr, unbuffered, None),
        )
    }
}

/// One run, on the `MainThread` OS thread.
fn run_main(
    config: Config,
    stdout_mode: Option<Buffering>,
    name: &str,
    argv: Vec<String>,
    bytes: &[u8],
    program_dir: Option<ProgramDir>,
) -> RunOutcome {
    let gil = Gil::new(config.gil.clone());
    let (out, err) = streams(config.capture, stdout_mode);
    let code = match compile_warned(name, bytes) {
        Ok(c) => {
            // CPython's compiler shows its warnings before anything runs.
            if !c.warnings.is_empty() {
                err.write(&c.warnings);
            }
            c.code
        }
        Err(e) => {
            err.write(&format!("{e}\n"));
            err.flush();
            return RunOutcome {
                exit_code: 1,
                stdout_writes: out.raw_writes(),
                stdout: out.take(),
                stderr: err.take(),
                stats: gil.stats(),
                timeline: gil.timeline(),
                max_holders: gil.max_holders_seen(),
            };
        }
    };
    let rt = Runtime::new(
        gil,
        out,
        err,
        &crate::registry::REGISTRY,
        program_dir,
        argv.clone(),
    );
    let status = match ThreadCtx::start_main(rt.clone(), MAIN_STACK) {
        Ok(mut vm) => {
            let status = vm.run_main(code);
            vm.finish_main(status)
        }
        Err(_) => ExitStatus::Code(1),
    };
    let exit_code = match status {
        ExitStatus::Code(c) => c,
        ExitStatus::Deadlock => {
            if let Some(report) = rt.threads.deadlock_report() {
                rt.err.write(&report);
            }
            1
        }
    };
    rt.out.flush();
    rt.err.flush();
    RunOutcome {
        exit_code,
        stdout_writes: rt.out.raw_writes(),
        stdout: rt.out.take(),
        stderr: rt.err.take(),
        stats: rt.gil.stats(),
        timeline: rt.gil.timeline(),
        max_holders: rt.gil.max_holders_seen(),
    }
}
