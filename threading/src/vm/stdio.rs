//! # The interpreter's `sys.stdout` and `sys.stderr`, buffered as CPython's
//!
//! Every byte a program prints goes through a [`StdStream`]: the text
//! layer and the byte buffer of the std-only leaf `modules/stdio/`
//! (CPython's `TextIOWrapper` over a `BufferedWriter`, with the rules
//! measured by strace), and a raw target — the process's fd, or the
//! capture buffer of the library API. This file decides *where the GIL is
//! released*: around each real write, and nowhere else.
//!
//! ```text
//!   print('Worker')  ─▶ write_gil(vm, 'Worker'), write_gil(vm, '\n')
//!     text layer (GIL held, a short Mutex)        pending bytes; a Handoff when
//!        │                                        a flush point is reached
//!        ├─ unbuffered: each handed-down piece ─▶ vm.blocking(|| write(2))   Blocked span
//!        └─ buffered:   try_lock the buffer (GIL held)
//!                        fits, no flush needed ─▶ copy in; no system call, GIL kept
//!                        otherwise ─▶ vm.blocking(|| lock buffer; write(2)...; unlock)
//! ```
//!
//! ## The three modes, and the library API's capture
//! | run | stdout | stderr |
//! |---|---|---|
//! | `minipy` on a terminal | line-buffered | line-buffered |
//! | `minipy` redirected (pipe, file) | block-buffered (`st_blksize`) | line-buffered |
//! | `minipy -u`, or `PYTHONUNBUFFERED` set | unbuffered: one write per piece | unbuffered |
//! | library API, `Config { capture: true }` | block-buffered, 4096 (a pipe's) | line-buffered |
//!
//! Capture is modelled as CPython writing into a pipe *without*
//! `PYTHONUNBUFFERED`: the capture buffer is the pipe, and each of its
//! appends is one "write(2)", made with the GIL released exactly where
//! CPython's would be. So a captured run releases the GIL at the same
//! points as `python3 prog.py | cat` in a clean environment, whatever the
//! environment of the process hosting the library (deterministic tests);
//! [`crate::Interpreter::with_stdout`] chooses another mode, and the write
//! log ([`StdStream::raw_writes`]) shows the sequence.
//!
//! ## Locking, and why it cannot deadlock
//! The text layer is a Mutex held only for a few instructions, never
//! across a GIL release (under a GIL it is never contended; under 3.13t it
//! is the per-object lock). The buffer's Mutex is taken in two ways:
//! `try_lock` with the GIL held (the fast path: copy into the buffer), or
//! `lock` *inside* the GIL release, where it is also released before the
//! GIL is taken back. So no thread ever waits for the buffer while holding
//! the GIL, and no thread ever waits for the GIL while holding the buffer.
//! Simplification: a handoff that needs two system calls (flush the held
//! bytes, then write a big piece) makes both in one GIL release, where
//! CPython retakes the GIL in between.
//!
//! Two threads may be in the raw `write(2)` at once when unbuffered (no
//! lock there, as in CPython's `FileIO`): that is how five threads printing
//! `'Worker'` come out as `WorkerWorker\n\n…`.
//!
//! Python equivalent: `create_stdio` (`Python/pylifecycle.c`),
//! `Modules/_io/textio.c`, `bufferedio.c`, `fileio.c`.

use super::ThreadCtx;
use crate::modules::stdio::{
    buffering_for, raw_block_size, write_unbuffered, BufferedLayer, Buffering, Handoff, RawWrite,
    StdStreamKind, TextLayer,
};
use crate::object::str::intern;
use crate::object::{PyResult, Value};
use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::os::fd::{AsFd, AsRawFd, FromRawFd};
use std::sync::{Mutex, MutexGuard};

/// `sys.stdout` when a program has replaced it (`sys.stdout = buffer`,
/// `contextlib.redirect_stdout(buffer)`): `print()` without `file=` then
/// calls its `write`, because CPython's `print` looks `sys.stdout` up on
/// every call. `None` while it is still the interpreter's own stream —
/// `sys.stdout is sys.__stdout__`, and `print`'s fast path writes to the
/// run's [`StdStream`] directly — or when `sys` was never imported (then
/// nobody can have replaced it).
pub fn replaced_stdout(vm: &ThreadCtx) -> Option<Value> {
    let Some(Value::Module(sys)) = vm.rt.modules.get_str(&intern("sys")) else {
        return None;
    };
    let current = sys.globals.get("stdout")?;
    let own = sys.globals.get("__stdout__");
    match own {
        Some(own) if own.is(&current) => None,
        _ => Some(current),
    }
}

/// The buffer size of a pipe (`st_blksize`), which capture models.
const PIPE_BLOCK_SIZE: usize = 4096;

/// Where the bytes finally go: one `write` here is one "system call".
pub enum RawTarget {
    /// The process's fd 1 or 2 itself (`Write::write` on a `File` is
    /// exactly one `write(2)`; `std::io::stdout()` would add a line buffer
    /// of its own and move the system calls). Not a duplicate: CPython
    /// writes to fd 1, and so does this, as strace shows. `ManuallyDrop`:
    /// the stream never closes the process's fd.
    Fd(ManuallyDrop<File>),
    /// The library API's capture: the bytes, and the size of each write.
    Captured(Mutex<Captured>),
}

/// What a captured stream received.
#[derive(Default)]
pub struct Captured {
    /// Every byte, in order.
    bytes: Vec<u8>,
    /// The length of each write, in order (CPython's system calls).
    writes: Vec<usize>,
}

/// [`RawWrite`] over a [`RawTarget`]: what the leaf's layers call.
struct RawWriter<'a>(&'a RawTarget);

impl RawWrite for RawWriter<'_> {
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self.0 {
            RawTarget::Fd(file) => {
                let mut file: &File = file;
                file.write(bytes)
            }
            RawTarget::Captured(captured) => {
                let mut captured = lock(captured);
                captured.bytes.extend_from_slice(bytes);
                captured.writes.push(bytes.len());
                Ok(bytes.len())
            }
        }
    }
}

/// Locks a mutex, ignoring poisoning (a panicking writer leaves bytes,
/// not a broken invariant).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// One standard stream of a run: see the file header.
pub struct StdStream {
    /// The mode, fixed at start-up.
    buffering: Buffering,
    /// `TextIOWrapper`'s pending bytes (held only briefly, never across a
    /// GIL release).
    text: Mutex<TextLayer>,
    /// The `BufferedWriter`, or `None` when unbuffered. Never waited for
    /// with the GIL held (see the file header).
    buffer: Option<Mutex<BufferedLayer>>,
    /// The fd or the capture.
    raw: RawTarget,
    /// What `isatty()` answers.
    is_terminal: bool,
}

impl StdStream {
    /// A stream in `buffering` mode writing to `raw`.
    fn new(buffering: Buffering, buffer_size: usize, raw: RawTarget, is_terminal: bool) -> Self {
        let buffer = (buffering != Buffering::Unbuffered)
            .then(|| Mutex::new(BufferedLayer::new(buffer_size)));
        StdStream {
            buffering,
            text: Mutex::new(TextLayer::new(buffering.text_policy())),
            buffer,
            raw,
            is_terminal,
        }
    }

    /// A captured stream: stdout block-buffered like a pipe unless
    /// `stdout_mode` says otherwise; stderr line-buffered (or unbuffered
    /// when stdout is).
    pub fn captured(kind: StdStreamKind, stdout_mode: Option<Buffering>) -> StdStream {
        let buffering = match (kind, stdout_mode) {
            (_, Some(Buffering::Unbuffered)) => Buffering::Unbuffered,
            (StdStreamKind::Stdout, Some(mode)) => mode,
            (StdStreamKind::Stdout, None) => Buffering::BlockBuffered,
            (StdStreamKind::Stderr, _) => Buffering::LineBuffered,
        };
        let raw = RawTarget::Captured(Mutex::new(Captured::default()));
        StdStream::new(buffering, PIPE_BLOCK_SIZE, raw, false)
    }

    /// The process's stream `kind`, in the mode CPython would pick
    /// (`unbuffered`: `-u` or `PYTHONUNBUFFERED`); `stdout_mode` overrides
    /// it for stdout. Falls back to a captured stream (output discarded)
    /// if the fd is closed.
    pub fn process(kind: StdStreamKind, unbuffered: bool, stdout_mode: Option<Buffering>) -> Self {
        let (fd, is_terminal) = match kind {
            StdStreamKind::Stdout => (io::stdout().as_raw_fd(), io::stdout().is_terminal()),
            StdStreamKind::Stderr => (io::stderr().as_raw_fd(), io::stderr().is_terminal()),
        };
        // fd 1 and fd 2 are open for the life of the process (a closed one
        // fails the fstat below and is not wrapped); std's own Stdout writes
        // to the same fd without owning it either.
        // SAFETY: the File is never dropped (ManuallyDrop), so it never closes a descriptor it does not own.
        let file = ManuallyDrop::new(unsafe { File::from_raw_fd(fd) });
        if file.metadata().is_err() {
            return StdStream::captured(kind, stdout_mode);
        }
        let block_size = raw_block_size(file.as_fd());
        let mut buffering = buffering_for(kind, unbuffered, is_terminal);
        if let (StdStreamKind::Stdout, Some(mode)) = (kind, stdout_mode) {
            buffering = mode;
        }
        StdStream::new(buffering, block_size, RawTarget::Fd(file), is_terminal)
    }

    /// The mode.
    pub fn buffering(&self) -> Buffering {
        self.buffering
    }

    /// `isatty()`.
    pub fn is_terminal(&self) -> bool {
        self.is_terminal
    }

    /// `write(text)` from a thread holding the GIL: each real write
    /// releases it (a Blocked span on the timeline). `OSError` (e.g.
    /// `BrokenPipeError`) if the OS refuses the bytes.
    pub fn write_gil(&self, vm: &mut ThreadCtx, text: &str) -> PyResult<()> {
        let handoff = lock(&self.text).write(text);
        self.hand_down(vm, handoff)
    }

    /// `flush()` from a thread holding the GIL.
    pub fn flush_gil(&self, vm: &mut ThreadCtx) -> PyResult<()> {
        let handoff = lock(&self.text).flush();
        self.hand_down(vm, handoff)
    }

    /// Carries a text-layer handoff to the layer below, releasing the GIL
    /// only around system calls.
    fn hand_down(&self, vm: &mut ThreadCtx, handoff: Handoff) -> PyResult<()> {
        if handoff.writes.is_empty() && !handoff.flush_below {
            return Ok(());
        }
        let result = match &self.buffer {
            None => {
                // FileIO: every piece is one write(2), GIL released.
                let mut result = Ok(());
                for bytes in &handoff.writes {
                    result = vm.blocking(|| write_unbuffered(&mut RawWriter(&self.raw), bytes));
                    if result.is_err() {
                        break;
                    }
                }
                result
            }
            Some(buffer) => {
                // Fast path: the buffer is free and the bytes fit without a
                // flush: a copy, under the GIL, as CPython's.
                if let Ok(mut held) = buffer.try_lock() {
                    let incoming: usize = handoff.writes.iter().map(Vec::len).sum();
                    let fits = incoming <= held.capacity() - held.held_len();
                    // A flush of an empty buffer is no system call either.
                    let nothing_to_flush = held.held_len() + incoming == 0;
                    if fits && (!handoff.flush_below || nothing_to_flush) {
                        return apply(&mut held, &handoff, &self.raw).map_err(io_error);
                    }
                }
                // Plain path: wait for the buffer and write with the GIL
                // released; the buffer is unlocked before the GIL is retaken.
                vm.blocking(|| apply(&mut lock(buffer), &handoff, &self.raw))
            }
        };
        result.map_err(io_error)
    }

    /// `write(text)` without a running thread (start-up errors, the
    /// deadlock report after every thread ended, the exit flush). With the
    /// GIL held it is still safe — nobody waits for the GIL while holding
    /// the buffer — but it keeps the GIL during the system call. Errors
    /// are dropped, as CPython drops them when it has nowhere to report.
    pub fn write(&self, text: &str) {
        let handoff = lock(&self.text).write(text);
        self.hand_down_detached(&handoff);
    }

    /// `flush()` without a running thread (see [`StdStream::write`]).
    pub fn flush(&self) {
        let handoff = lock(&self.text).flush();
        self.hand_down_detached(&handoff);
    }

    /// [`StdStream::hand_down`] with the GIL (if held) kept.
    fn hand_down_detached(&self, handoff: &Handoff) {
        let _ = match &self.buffer {
            None => handoff
                .writes
                .iter()
                .try_for_each(|bytes| write_unbuffered(&mut RawWriter(&self.raw), bytes)),
            Some(buffer) => apply(&mut lock(buffer), handoff, &self.raw),
        };
    }

    /// Everything captured so far, and clears it (empty for a real fd).
    pub fn take(&self) -> String {
        match &self.raw {
            RawTarget::Captured(captured) => {
                let mut captured = lock(captured);
                captured.writes.clear();
                String::from_utf8_lossy(&std::mem::take(&mut captured.bytes)).into_owned()
            }
            RawTarget::Fd(_) => String::new(),
        }
    }

    /// The size of every write made to a captured stream, in order: the
    /// system calls CPython would have made (empty for a real fd).
    pub fn raw_writes(&self) -> Vec<usize> {
        match &self.raw {
            RawTarget::Captured(captured) => lock(captured).writes.clone(),
            RawTarget::Fd(_) => Vec::new(),
        }
    }
}

/// Applies a handoff to the buffered layer.
fn apply(buffer: &mut BufferedLayer, handoff: &Handoff, raw: &RawTarget) -> io::Result<()> {
    let mut writer = RawWriter(raw);
    for bytes in &handoff.writes {
        buffer.write(bytes, &mut writer)?;
    }
    if handoff.flush_below {
        buffer.flush(&mut writer)?;
    }
    Ok(())
}

/// An I/O error as the `OSError` subclass CPython raises for it.
fn io_error(e: io::Error) -> crate::object::PyErr {
    match e.raw_os_error() {
        Some(errno) => super::exceptions::os_error(errno),
        None => crate::object::PyErr::new(crate::object::ExcKind::OSError, e.to_string()),
    }
}
