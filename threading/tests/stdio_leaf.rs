//! The stdio leaf (`src/modules/stdio/`): the write(2) calls of print and
//! sys.stdout, in each buffering mode, against CPython's.
//!
//! A scenario is a list of operations (`print` with its keywords,
//! `sys.stdout.write`, `sys.stderr.write`, `flush`). The leaf runs it with
//! a recording [`RawWrite`] — a stand-in for the file descriptor, which is
//! not what this leaf teaches — and yields the sequence of system calls:
//! (fd, bytes) in order, including the flushes at exit. When `strace` and
//! python3.11 are installed, the same scenario runs as a Python program
//! under `strace -e trace=write`, and the two sequences must be equal:
//! unbuffered (`PYTHONUNBUFFERED=1`), block-buffered (stdout a pipe), and
//! line-buffered (stdout a terminal, through `script` when installed).
//! Otherwise those comparisons are skipped with a note; the fixed facts
//! (sequences measured once with strace and written down) always run.

// The leaf's re-exports are its API for the interpreter; this test does
// not use all of them.
#[allow(dead_code, unused_imports)]
#[path = "../src/modules/stdio/mod.rs"]
mod stdio;

use std::io;
use stdio::{
    buffering_for, print_pieces, raw_block_size, unbuffered_requested, BufferedLayer, Buffering,
    RawWrite, StdStream, StdStreamKind,
};

/// One system call: the fd and the bytes it wrote.
type Call = (i32, Vec<u8>);

/// A recording file descriptor; `max_per_call` simulates short writes.
struct Recorder<'a> {
    fd: i32,
    calls: &'a mut Vec<Call>,
    max_per_call: usize,
}

impl RawWrite for Recorder<'_> {
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let taken = bytes.len().min(self.max_per_call);
        self.calls.push((self.fd, bytes[..taken].to_vec()));
        Ok(taken)
    }
}

/// Which stream an operation uses.
#[derive(Clone, Copy, PartialEq)]
enum Stream {
    Out,
    Err,
}

/// One operation of a scenario.
#[derive(Clone)]
enum Op {
    /// `print(*args, sep=sep, end=end, flush=flush, file=...)`.
    Print {
        args: Vec<String>,
        sep: Option<String>,
        end: Option<String>,
        flush: bool,
        stream: Stream,
    },
    /// `sys.stdout.write(text)` / `sys.stderr.write(text)`.
    Write(Stream, String),
    /// `sys.stdout.flush()` / `sys.stderr.flush()`.
    Flush(Stream),
}

fn print(args: &[&str]) -> Op {
    print_full(args, None, None, false)
}

fn print_full(args: &[&str], sep: Option<&str>, end: Option<&str>, flush: bool) -> Op {
    Op::Print {
        args: args.iter().map(|a| a.to_string()).collect(),
        sep: sep.map(str::to_string),
        end: end.map(str::to_string),
        flush,
        stream: Stream::Out,
    }
}

fn write(text: &str) -> Op {
    Op::Write(Stream::Out, text.to_string())
}

/// The leaf's system calls for `ops`, then the exit flushes (stdout, then
/// stderr).
fn model_calls(
    ops: &[Op],
    out_mode: Buffering,
    err_mode: Buffering,
    out_block_size: usize,
    err_block_size: usize,
) -> Vec<Call> {
    let mut calls = Vec::new();
    let mut out = StdStream::new(out_mode, out_block_size);
    let mut err = StdStream::new(err_mode, err_block_size);
    for op in ops {
        let (stream, fd) = match op {
            Op::Print { stream, .. } | Op::Write(stream, _) | Op::Flush(stream) => match stream {
                Stream::Out => (&mut out, 1),
                Stream::Err => (&mut err, 2),
            },
        };
        let mut raw = Recorder {
            fd,
            calls: &mut calls,
            max_per_call: usize::MAX,
        };
        match op {
            Op::Print {
                args,
                sep,
                end,
                flush,
                ..
            } => {
                let sep = sep.as_deref().unwrap_or(" ");
                let end = end.as_deref().unwrap_or("\n");
                for piece in print_pieces(args, sep, end) {
                    stream.write(piece, &mut raw).unwrap();
                }
                if *flush {
                    stream.flush(&mut raw).unwrap();
                }
            }
            Op::Write(_, text) => stream.write(text, &mut raw).unwrap(),
            Op::Flush(_) => stream.flush(&mut raw).unwrap(),
        }
    }
    out.flush(&mut Recorder {
        fd: 1,
        calls: &mut calls,
        max_per_call: usize::MAX,
    })
    .unwrap();
    err.flush(&mut Recorder {
        fd: 2,
        calls: &mut calls,
        max_per_call: usize::MAX,
    })
    .unwrap();
    calls
}

/// Byte lengths of the calls on fd 1, for compact expectations.
fn out_lengths(calls: &[Call]) -> Vec<usize> {
    calls
        .iter()
        .filter(|(fd, _)| *fd == 1)
        .map(|(_, b)| b.len())
        .collect()
}

fn five_workers() -> Vec<Op> {
    vec![print(&["Worker"]); 5]
}

#[test]
fn five_prints_are_ten_writes_unbuffered_and_one_block_buffered() {
    let calls = model_calls(
        &five_workers(),
        Buffering::Unbuffered,
        Buffering::Unbuffered,
        4096,
        4096,
    );
    let expected: Vec<Call> = (0..5)
        .flat_map(|_| [(1, b"Worker".to_vec()), (1, b"\n".to_vec())])
        .collect();
    assert_eq!(calls, expected);
    let line = model_calls(
        &five_workers(),
        Buffering::LineBuffered,
        Buffering::LineBuffered,
        1024,
        1024,
    );
    assert_eq!(line, vec![(1, b"Worker\n".to_vec()); 5]);
    let block = model_calls(
        &five_workers(),
        Buffering::BlockBuffered,
        Buffering::LineBuffered,
        4096,
        4096,
    );
    assert_eq!(
        block,
        vec![(1, b"Worker\n".repeat(5))],
        "one write, at exit"
    );
}

#[test]
fn block_buffering_flush_points_measured_with_strace() {
    // python3.11 -c "for _ in range(100): print('x'*99)" | cat  →  8100, 1900
    let line = "x".repeat(99);
    let ops = vec![print(&[&line]); 100];
    let calls = model_calls(
        &ops,
        Buffering::BlockBuffered,
        Buffering::LineBuffered,
        4096,
        4096,
    );
    assert_eq!(out_lengths(&calls), [8100, 1900]);
    // write('a'*10); write('b'*20000); write('c'*10)  →  10, 20000, 10
    let ops = [
        write(&"a".repeat(10)),
        write(&"b".repeat(20000)),
        write(&"c".repeat(10)),
    ];
    let calls = model_calls(
        &ops,
        Buffering::BlockBuffered,
        Buffering::LineBuffered,
        4096,
        4096,
    );
    assert_eq!(out_lengths(&calls), [10, 20000, 10]);
    // write('a'*5000); write('b'*5000); write('c'*10)  →  5000, 5010
    let ops = [
        write(&"a".repeat(5000)),
        write(&"b".repeat(5000)),
        write(&"c".repeat(10)),
    ];
    let calls = model_calls(
        &ops,
        Buffering::BlockBuffered,
        Buffering::LineBuffered,
        4096,
        4096,
    );
    assert_eq!(out_lengths(&calls), [5000, 5010]);
    // print('a', flush=True); print('b'); print('c', flush=True)  →  "a\n", "b\nc\n"
    let ops = [
        print_full(&["a"], None, None, true),
        print(&["b"]),
        print_full(&["c"], None, None, true),
    ];
    let calls = model_calls(
        &ops,
        Buffering::BlockBuffered,
        Buffering::LineBuffered,
        4096,
        4096,
    );
    assert_eq!(calls, [(1, b"a\n".to_vec()), (1, b"b\nc\n".to_vec())]);
}

#[test]
fn line_buffering_flushes_on_newline_or_carriage_return_measured_with_strace() {
    // Under a terminal (buffer 1024): print('a','b'); write('a'*3000);
    // write('b'*6000); write('x\ry'); print('z', end='')  →  "a b\n", 3000, 6003, then "z" at exit
    let ops = [
        print(&["a", "b"]),
        write(&"a".repeat(3000)),
        write(&"b".repeat(6000)),
        write("x\ry"),
        print_full(&["z"], None, Some(""), false),
    ];
    let calls = model_calls(
        &ops,
        Buffering::LineBuffered,
        Buffering::LineBuffered,
        1024,
        1024,
    );
    assert_eq!(out_lengths(&calls), [4, 3000, 6003, 1]);
    assert_eq!(calls[0].1, b"a b\n");
}

#[test]
fn an_empty_piece_is_an_empty_write_only_when_unbuffered() {
    let ops = [print_full(&["x"], None, Some(""), false)];
    let calls = model_calls(
        &ops,
        Buffering::Unbuffered,
        Buffering::Unbuffered,
        4096,
        4096,
    );
    assert_eq!(
        calls,
        [(1, b"x".to_vec()), (1, Vec::new())],
        "strace: write(1, \"\", 0)"
    );
    let calls = model_calls(
        &ops,
        Buffering::BlockBuffered,
        Buffering::LineBuffered,
        4096,
        4096,
    );
    assert_eq!(calls, [(1, b"x".to_vec())]);
}

#[test]
fn short_writes_lose_nothing_and_keep_order() {
    let mut calls = Vec::new();
    let mut buffer = BufferedLayer::new(4096);
    let mut raw = Recorder {
        fd: 1,
        calls: &mut calls,
        max_per_call: 1000,
    };
    let data: Vec<u8> = (0..30_000u32).map(|i| (i % 253) as u8).collect();
    buffer.write(&data[..3000], &mut raw).unwrap();
    buffer.write(&data[3000..], &mut raw).unwrap();
    buffer.flush(&mut raw).unwrap();
    let written: Vec<u8> = calls.iter().flat_map(|(_, b)| b.clone()).collect();
    assert_eq!(written, data);
    assert!(calls.iter().all(|(_, b)| b.len() <= 1000));
    assert_eq!(buffer.held_len(), 0);
}

#[test]
fn mode_selection_follows_create_stdio() {
    use StdStreamKind::{Stderr, Stdout};
    assert_eq!(
        buffering_for(Stdout, false, false),
        Buffering::BlockBuffered
    );
    assert_eq!(buffering_for(Stdout, false, true), Buffering::LineBuffered);
    assert_eq!(buffering_for(Stderr, false, false), Buffering::LineBuffered);
    assert_eq!(buffering_for(Stdout, true, true), Buffering::Unbuffered);
    assert_eq!(buffering_for(Stderr, true, false), Buffering::Unbuffered);
    // Measured: PYTHONUNBUFFERED=<value> python3.11 -c "print(sys.stdout.write_through)".
    let table = [
        ("", false),
        ("0", false),
        (" 0", false),
        ("+0", false),
        ("-0", false),
        ("00", false),
        ("0 ", true),
        ("x", true),
        ("-3", true),
        ("99999999999", true),
        ("1", true),
    ];
    for (value, unbuffered) in table {
        assert_eq!(
            unbuffered_requested(false, Some(value)),
            unbuffered,
            "{value:?}"
        );
    }
    assert!(!unbuffered_requested(false, None));
    assert!(unbuffered_requested(true, Some("0")), "-u wins");
    let (reader, _writer) = io::pipe().unwrap();
    assert!(raw_block_size(std::os::fd::AsFd::as_fd(&reader)) > 1);
}

// The comparison with python3 under strace.
#[path = "stdio_leaf/live.rs"]
mod live;
