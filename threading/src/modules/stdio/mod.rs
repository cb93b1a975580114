//! # `print` and `sys.stdout` as CPython buffers them
//!
//! CPython's `sys.stdout` is three objects deep — a `TextIOWrapper` over a
//! `BufferedWriter` over a raw `FileIO` — and *when* a `print` becomes a
//! `write(2)` system call follows from how start-up wires them
//! (`create_stdio` in `Python/pylifecycle.c`):
//!
//! | mode | when | text layer | below it | a `print('Worker')` |
//! |---|---|---|---|---|
//! | unbuffered | `PYTHONUNBUFFERED` set (non-zero) or `-u` | `write_through` | the raw fd | 2 writes: `Worker`, `\n` |
//! | line-buffered | stdout is a terminal; stderr always (when not unbuffered) | `line_buffering` | `BufferedWriter` | 1 write per line |
//! | block-buffered | stdout redirected to a pipe or file | — | `BufferedWriter` | nothing until ~8 KiB or exit |
//!
//! `print(a, b)` calls `file.write` once per piece — `a`, the separator,
//! `b`, then `end` — and `file.flush()` after if `flush=True`
//! ([`print_pieces`]). Unbuffered, every piece is a system call that
//! releases the GIL, which is why five threads printing `'Worker'`
//! interleave as `WorkerWorker\n\n…` under CPython on these machines; the
//! buffered modes keep whole lines and release the GIL only when a flush
//! writes.
//!
//! ## Files
//! | file | CPython | mechanism |
//! |---|---|---|
//! | `text.rs` | `TextIOWrapper` | pending bytes and the three flush triggers; pure state |
//! | `buffered.rs` | `BufferedWriter`, `FileIO` | the byte buffer and its flush points; the [`RawWrite`] trait |
//! | `mod.rs` | `create_stdio`, `print` | choosing the mode; [`StdStream`], the two layers together |
//!
//! Every rule was checked against `strace -e trace=write` of python3.11
//! in each mode (the test `stdio_leaf.rs` does so whenever strace is
//! installed).
//!
//! ## How the interpreter uses it
//! The interpreter supplies a [`RawWrite`] whose `write_raw` does one
//! `write(2)` on fd 1 or 2 with the GIL released (a Blocked span on the
//! timeline) — so a write happens exactly where CPython's would, and
//! nowhere else. One `write(2)`, std only: `Write::write` on a `File`
//! made once from `std::io::stdout().as_fd().try_clone_to_owned()` (a dup
//! of fd 1); not on `std::io::stdout()` itself, whose own line buffer
//! would move the system calls. Two ways to hold the state:
//!
//! - simple: one `Mutex<StdStream>` per stream, taken with `try_lock`
//!   under the GIL, or, if busy, inside the release-the-GIL helper (never
//!   wait for it holding the GIL: the thread inside needs the GIL back);
//! - faithful: the [`TextLayer`] as ordinary GIL-protected object state
//!   and only the [`BufferedLayer`] behind that `Mutex` — CPython's exact
//!   shape (its `TextIOWrapper` has no lock, its `BufferedWriter` has one),
//!   so a thread that only appends to the pending text never waits for
//!   another thread's `write(2)`.
//!
//! At exit the interpreter flushes stdout, then stderr, as CPython's
//! `flush_std_files`.
//!
//! Needs std only; no sibling file.

pub mod buffered;
pub mod text;

pub use buffered::{write_unbuffered, BufferedLayer, RawWrite, DEFAULT_BUFFER_SIZE};
pub use text::{Handoff, TextLayer, TextPolicy, TEXT_CHUNK_SIZE};

use std::io;
use std::os::fd::BorrowedFd;
use std::os::unix::fs::MetadataExt;

/// Which standard stream (stderr is line-buffered even when redirected).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StdStreamKind {
    /// `sys.stdout`, fd 1.
    Stdout,
    /// `sys.stderr`, fd 2.
    Stderr,
}

/// The three modes of the table in this file's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Buffering {
    /// Every `write` is a system call (`PYTHONUNBUFFERED`, `-u`).
    Unbuffered,
    /// Whole lines: a write containing `'\n'` or `'\r'` flushes.
    LineBuffered,
    /// A block at a time: writes when the buffers fill, on `flush`, at exit.
    BlockBuffered,
}

impl Buffering {
    /// The text layer's switches in this mode.
    pub fn text_policy(self) -> TextPolicy {
        TextPolicy {
            line_buffering: self == Buffering::LineBuffered,
            write_through: self == Buffering::Unbuffered,
        }
    }
}

/// Whether CPython would run unbuffered: `-u`, or `PYTHONUNBUFFERED` set
/// to a non-empty value that is not a decimal zero. CPython parses the
/// variable as C's `strtol` would (leading blanks and a sign allowed, the
/// whole rest must be digits): `"0"`, `" 0"`, `"-0"`, `"00"` mean
/// buffered; `"1"`, `"yes"`, `"0 "`, `"-3"` mean unbuffered; empty means
/// unset (`_Py_GetEnv`, `_Py_get_env_flag`).
pub fn unbuffered_requested(dash_u: bool, pythonunbuffered: Option<&str>) -> bool {
    if dash_u {
        return true;
    }
    match pythonunbuffered {
        None | Some("") => false,
        Some(value) => parse_c_int(value) != Some(0),
    }
}

/// `_Py_str_to_int`: `strtol(text, 10)` that must consume the whole text
/// and fit an `int`; `None` when it does not (CPython then means "1").
fn parse_c_int(text: &str) -> Option<i32> {
    // C's isspace: space, \t, \n, \v, \f, \r.
    let trimmed = text.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    trimmed.parse::<i32>().ok()
}

/// The mode CPython picks for `kind` (`create_stdio`).
pub fn buffering_for(kind: StdStreamKind, unbuffered: bool, is_terminal: bool) -> Buffering {
    if unbuffered {
        Buffering::Unbuffered
    } else if is_terminal || kind == StdStreamKind::Stderr {
        Buffering::LineBuffered
    } else {
        Buffering::BlockBuffered
    }
}

/// `FileIO._blksize`, the `BufferedWriter`'s size for `fd`: its
/// `st_blksize` if above 1 (4096 for a pipe or regular file, 1024 for a
/// terminal), else [`DEFAULT_BUFFER_SIZE`]. Duplicates the descriptor for
/// a moment to ask std for the metadata.
pub fn raw_block_size(fd: BorrowedFd<'_>) -> usize {
    let size = fd
        .try_clone_to_owned()
        .map(std::fs::File::from)
        .and_then(|file| file.metadata())
        .map(|meta| meta.blksize())
        .unwrap_or(0);
    if size > 1 {
        size as usize
    } else {
        DEFAULT_BUFFER_SIZE
    }
}

/// The pieces `print(*args, sep=sep, end=end)` writes, in order: each
/// argument's `str()` (the caller's), separated by `sep`, then `end`.
/// CPython's defaults are `sep=" "`, `end="\n"`; `flush=True` is one
/// `flush` after the pieces.
pub fn print_pieces<'a>(args: &'a [String], sep: &'a str, end: &'a str) -> Vec<&'a str> {
    let mut pieces = Vec::with_capacity(args.len() * 2 + 1);
    for (index, arg) in args.iter().enumerate() {
        if index > 0 {
            pieces.push(sep);
        }
        pieces.push(arg.as_str());
    }
    pieces.push(end);
    pieces
}

/// What sits below the text layer.
#[derive(Clone, Debug)]
enum Below {
    /// Unbuffered: the raw fd.
    Raw,
    /// Buffered: a `BufferedWriter`.
    Buffered(BufferedLayer),
}

/// One standard stream, both layers together: the simple way to hold the
/// state (see the file header for the faithful split).
#[derive(Clone, Debug)]
pub struct StdStream {
    /// The mode, fixed at creation.
    buffering: Buffering,
    /// `TextIOWrapper`'s pending bytes.
    text: TextLayer,
    /// The raw fd or the `BufferedWriter`.
    below: Below,
}

impl StdStream {
    /// A stream in `buffering` mode; `buffer_size` is used only when
    /// buffered ([`raw_block_size`] gives CPython's).
    pub fn new(buffering: Buffering, buffer_size: usize) -> StdStream {
        let below = match buffering {
            Buffering::Unbuffered => Below::Raw,
            _ => Below::Buffered(BufferedLayer::new(buffer_size)),
        };
        StdStream {
            buffering,
            text: TextLayer::new(buffering.text_policy()),
            below,
        }
    }

    /// The mode.
    pub fn buffering(&self) -> Buffering {
        self.buffering
    }

    /// Bytes written by the program but not yet by the OS.
    pub fn unwritten_len(&self) -> usize {
        let held = match &self.below {
            Below::Raw => 0,
            Below::Buffered(buffer) => buffer.held_len(),
        };
        self.text.pending_len() + held
    }

    /// `sys.stdout.write(text)`; `raw` performs whatever system calls
    /// CPython would make at this point (often none).
    pub fn write(&mut self, text: &str, raw: &mut impl RawWrite) -> io::Result<()> {
        let handoff = self.text.write(text);
        self.apply(handoff, raw)
    }

    /// `sys.stdout.flush()` (and `print(..., flush=True)`'s last step).
    pub fn flush(&mut self, raw: &mut impl RawWrite) -> io::Result<()> {
        let handoff = self.text.flush();
        self.apply(handoff, raw)
    }

    /// Carries a text-layer handoff out on the layer below.
    fn apply(&mut self, handoff: Handoff, raw: &mut impl RawWrite) -> io::Result<()> {
        match &mut self.below {
            Below::Raw => {
                // FileIO: each handoff is one write; FileIO.flush does nothing.
                for bytes in &handoff.writes {
                    write_unbuffered(raw, bytes)?;
                }
            }
            Below::Buffered(buffer) => {
                for bytes in &handoff.writes {
                    buffer.write(bytes, raw)?;
                }
                if handoff.flush_below {
                    buffer.flush(raw)?;
                }
            }
        }
        Ok(())
    }
}
