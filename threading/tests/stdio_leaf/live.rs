//! The live half of `stdio_leaf.rs`: each scenario as a Python program,
//! run by python3.11 under `strace -e trace=write`, in each buffering
//! mode; its writes on fds 1 and 2 must equal the leaf's, call for call.
//!
//! Skipped, with a note on stderr, when python3 is missing or not 3.11,
//! when strace is missing or cannot trace here (no ptrace in some
//! containers), or — for the terminal mode — when `script` is missing.

use super::stdio::Buffering;
use super::{model_calls, print, print_full, write, Call, Op, Stream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Where Python's stdout goes, which decides its mode.
#[derive(Clone, Copy, Debug)]
enum Mode {
    /// `PYTHONUNBUFFERED=1`, stdout a pipe.
    Unbuffered,
    /// No `PYTHONUNBUFFERED`, stdout and stderr pipes.
    Pipe,
    /// No `PYTHONUNBUFFERED`, stdout and stderr a terminal (`script`).
    Terminal,
}

fn eprint(args: &[&str]) -> Op {
    match print(args) {
        Op::Print {
            args,
            sep,
            end,
            flush,
            ..
        } => Op::Print {
            args,
            sep,
            end,
            flush,
            stream: Stream::Err,
        },
        other => other,
    }
}

fn scenarios() -> Vec<(&'static str, Vec<Op>)> {
    let x99 = "x".repeat(99);
    let mut big = vec![
        write(&"a".repeat(10)),
        write(&"b".repeat(20000)),
        write(&"c".repeat(10)),
        write(&"d".repeat(5000)),
        write(&"e".repeat(5000)),
    ];
    big.extend(vec![print(&[&x99]); 100]);
    for (letter, size) in [
        ("f", 4096),
        ("g", 4096),
        ("h", 8192),
        ("i", 8193),
        ("j", 1),
        ("k", 1023),
        ("l", 1025),
    ] {
        big.push(write(&letter.repeat(size)));
    }
    vec![
        ("five workers", super::five_workers()),
        (
            "print keywords",
            vec![
                print(&["a", "b"]),
                print_full(&["x"], None, Some(""), false),
                print_full(&["y"], Some(""), Some("\n"), false),
                print(&[]),
                print_full(&["1", "2.5", "None"], Some("-"), None, false),
                print_full(&["tab", "bed"], Some("\t"), Some("\r\n"), false),
            ],
        ),
        (
            "flushes",
            vec![
                print_full(&["a"], None, None, true),
                print(&["b"]),
                print_full(&["c"], None, None, true),
                write("partial"),
                Op::Flush(Stream::Out),
                write("\rline\r"),
                write("no newline"),
                Op::Flush(Stream::Out),
                Op::Flush(Stream::Out),
            ],
        ),
        ("big writes", big),
        (
            "newlines inside text",
            vec![
                write("one\ntwo"),
                write(" three"),
                write(""),
                print_full(&[""], None, Some(""), false),
                write("\n"),
                write(&"é✓ ünïcödé\n".repeat(800)),
                write(&"ü".repeat(5000)),
            ],
        ),
        (
            "stderr and stdout",
            vec![
                Op::Write(Stream::Err, "e1".to_string()),
                Op::Write(Stream::Err, "e2\n".to_string()),
                print(&["out"]),
                Op::Write(Stream::Err, "e3".to_string()),
                eprint(&["err", "line"]),
                Op::Write(Stream::Err, "z".repeat(5000)),
                Op::Flush(Stream::Err),
                print(&["last"]),
            ],
        ),
    ]
}

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The scenario as a Python program (strings travel as hex, so any text
/// survives the trip).
fn python_program(ops: &[Op]) -> String {
    let mut program = String::from(
        "import os, sys\n\
         open(os.environ['BLK'], 'w').write(f'{os.fstat(1).st_blksize} {os.fstat(2).st_blksize}')\n\
         def s(h): return bytes.fromhex(h).decode()\n",
    );
    let file = |stream: &Stream| match stream {
        Stream::Out => "sys.stdout",
        Stream::Err => "sys.stderr",
    };
    for op in ops {
        let line = match op {
            Op::Print {
                args,
                sep,
                end,
                flush,
                stream,
            } => {
                let mut parts: Vec<String> =
                    args.iter().map(|a| format!("s('{}')", hex(a))).collect();
                if let Some(sep) = sep {
                    parts.push(format!("sep=s('{}')", hex(sep)));
                }
                if let Some(end) = end {
                    parts.push(format!("end=s('{}')", hex(end)));
                }
                if *flush {
                    parts.push("flush=True".to_string());
                }
                parts.push(format!("file={}", file(stream)));
                format!("print({})", parts.join(", "))
            }
            Op::Write(stream, text) => format!("{}.write(s('{}'))", file(stream), hex(text)),
            Op::Flush(stream) => format!("{}.flush()", file(stream)),
        };
        program.push_str(&line);
        program.push('\n');
    }
    program
}

/// The tools, or None with a note.
struct Tools {
    /// The real python3.11 executable (not a pyenv shim, whose shell
    /// script would write to stdout too).
    python: PathBuf,
    /// Whether `script` can give Python a terminal.
    script: bool,
}

fn tools() -> Option<Tools> {
    let probe = Command::new("python3")
        .args([
            "-c",
            "import sys; print(sys.executable); print(sys.version_info[:2] == (3, 11))",
        ])
        .output();
    let Ok(probe) = probe else {
        eprintln!("note: python3 not found; strace comparison skipped");
        return None;
    };
    let text = String::from_utf8_lossy(&probe.stdout).to_string();
    let mut lines = text.lines();
    let python = PathBuf::from(lines.next().unwrap_or_default());
    if lines.next() != Some("True") {
        eprintln!("note: python3 is not 3.11 (the modelled version); strace comparison skipped");
        return None;
    }
    let traced = Command::new("strace")
        .args(["-qq", "-e", "trace=write", "-o", "/dev/null", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !matches!(traced, Ok(status) if status.success()) {
        eprintln!("note: strace missing or not permitted here; strace comparison skipped");
        return None;
    }
    let script = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    Some(Tools { python, script })
}

/// Parses `write(1, "\x61\x62", 2) = 2` lines (strace -xx) for fds 1 and 2.
fn parse_strace(log: &str) -> Vec<Call> {
    let mut calls = Vec::new();
    for line in log.lines() {
        let Some(rest) = line.strip_prefix("write(") else {
            continue;
        };
        let (fd, rest) = rest.split_once(", \"").expect("write(fd, \"...");
        let fd: i32 = fd.parse().expect("fd");
        let (escaped, tail) = rest.split_once('"').expect("closing quote");
        assert!(
            tail.starts_with(", "),
            "truncated string in strace output: {line}"
        );
        let bytes: Vec<u8> = escaped
            .split("\\x")
            .skip(1)
            .map(|h| u8::from_str_radix(h, 16).expect("hex byte"))
            .collect();
        if fd == 1 || fd == 2 {
            calls.push((fd, bytes));
        }
    }
    calls
}

/// Runs `ops` under python3.11 + strace in `mode`: the writes, and the
/// `st_blksize` of Python's stdout and stderr.
fn cpython_calls(tools: &Tools, ops: &[Op], mode: Mode) -> (Vec<Call>, usize, usize) {
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "stdio-leaf-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let (program, log, blk) = (dir.join("prog.py"), dir.join("strace.log"), dir.join("blk"));
    std::fs::write(&program, python_program(ops)).unwrap();
    let path = |p: &Path| {
        let text = p.to_str().expect("utf-8 temp path").to_string();
        assert!(!text.contains('\''), "no quotes in temp paths");
        text
    };
    let strace = format!(
        "strace -qq -xx -s 100000000 -e trace=write -e signal=none -o '{}' '{}' '{}'",
        path(&log),
        path(&tools.python),
        path(&program)
    );
    let mut command = match mode {
        Mode::Terminal => {
            let mut c = Command::new("script");
            c.args(["-qec", &strace, "/dev/null"]);
            c
        }
        Mode::Unbuffered | Mode::Pipe => {
            let mut c = Command::new("sh");
            c.args(["-c", &strace]);
            c
        }
    };
    command
        .env("BLK", &blk)
        .env("PYTHONUTF8", "1")
        .env_remove("PYTHONIOENCODING")
        .env_remove("PYTHONUNBUFFERED")
        .stdin(Stdio::null());
    if let Mode::Unbuffered = mode {
        command.env("PYTHONUNBUFFERED", "1");
    }
    let output = command.output().expect("run strace");
    assert!(
        output.status.success(),
        "{mode:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let calls = parse_strace(&std::fs::read_to_string(&log).expect("strace log"));
    let sizes = std::fs::read_to_string(&blk).expect("block sizes");
    let (out_size, err_size) = sizes.split_once(' ').expect("two sizes");
    let result = (calls, out_size.parse().unwrap(), err_size.parse().unwrap());
    std::fs::remove_dir_all(&dir).ok();
    result
}

/// Every scenario in `mode`: the leaf's calls equal CPython's.
fn compare_all(tools: &Tools, mode: Mode) {
    let (out_mode, err_mode) = match mode {
        Mode::Unbuffered => (Buffering::Unbuffered, Buffering::Unbuffered),
        Mode::Pipe => (Buffering::BlockBuffered, Buffering::LineBuffered),
        Mode::Terminal => (Buffering::LineBuffered, Buffering::LineBuffered),
    };
    for (name, ops) in scenarios() {
        let (cpython, out_size, err_size) = cpython_calls(tools, &ops, mode);
        assert!(
            !cpython.is_empty(),
            "{name}, {mode:?}: strace saw no writes"
        );
        let ours = model_calls(&ops, out_mode, err_mode, out_size, err_size);
        let shape = |calls: &[Call]| -> Vec<(i32, usize)> {
            calls.iter().map(|(fd, b)| (*fd, b.len())).collect()
        };
        assert_eq!(
            shape(&ours),
            shape(&cpython),
            "{name}, {mode:?}: (fd, length) of each write"
        );
        assert!(
            ours == cpython,
            "{name}, {mode:?}: same lengths, different bytes"
        );
    }
}

#[test]
fn unbuffered_writes_match_cpython_under_strace() {
    if let Some(tools) = tools() {
        compare_all(&tools, Mode::Unbuffered);
    }
}

#[test]
fn block_buffered_writes_match_cpython_under_strace() {
    if let Some(tools) = tools() {
        compare_all(&tools, Mode::Pipe);
    }
}

#[test]
fn line_buffered_writes_match_cpython_on_a_terminal() {
    let Some(tools) = tools() else { return };
    if !tools.script {
        eprintln!("note: `script` not found; the terminal comparison was skipped");
        return;
    }
    compare_all(&tools, Mode::Terminal);
}
