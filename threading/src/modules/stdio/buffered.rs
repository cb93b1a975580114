//! # The byte layers: `io.BufferedWriter` and the raw `FileIO`
//!
//! Below `sys.stdout`'s text layer sits, when Python buffers its output,
//! an `io.BufferedWriter` over the raw file descriptor; under
//! `PYTHONUNBUFFERED=1` / `-u` there is no buffer and the text layer hands
//! its bytes straight to the raw `FileIO`. This file has both, and the
//! [`RawWrite`] trait through which they make their system calls.
//!
//! ## `BufferedWriter.write(data)` (CPython 3.11, `Modules/_io/bufferedio.c`)
//!
//! ```text
//!   buffer: [ held bytes ......... | free ]      capacity = st_blksize of the fd
//!                                                 (4096 for a pipe or file,
//!                                                  1024 for a terminal)
//!   data fits in the free space?     copy it in; no system call (even if
//!                                    that fills the buffer exactly)
//!   otherwise:
//!     1. flush: write the held bytes (one write per partial write) until empty
//!     2. while more than `capacity` bytes remain:
//!            ONE write of everything that remains (the kernel may take less)
//!     3. copy the rest (at most `capacity` bytes) into the empty buffer
//!
//!   flush(): write the held bytes until empty
//! ```
//!
//! So a 20000-byte write after 10 held bytes is two system calls (10,
//! then 20000), and a 5000-byte write into an empty 4096 buffer is one —
//! exactly what `strace python3 …` shows. The buffer is kept across
//! failures: bytes a failed write did not take stay held, nothing is lost.
//!
//! ## The raw layer
//! [`write_unbuffered`] is `FileIO.write` as the unbuffered text layer
//! uses it: one system call per handoff, even an empty one. Deliberate
//! difference: CPython ignores a short count there (the text layer drops
//! the tail of a partial write); this loop writes the rest, because
//! losing output is worse than one extra system call a blocking fd makes
//! only when a signal interrupts it.
//!
//! ## Locking (for the interpreter)
//! CPython's `BufferedWriter` has its own lock, held across its raw writes
//! while the GIL is released. A thread that finds it taken waits for it
//! *with the GIL released* (`_enter_buffered_busy`): waiting while holding
//! the GIL would deadlock against the writer, which needs the GIL back to
//! finish. The interpreter keeps a `BufferedLayer` in a `Mutex`,
//! `try_lock`s it with the GIL held and, only if that fails, locks it
//! inside its release-the-GIL helper; its `RawWrite` releases the GIL
//! around each `write(2)`. The raw layer has no lock: two unbuffered
//! threads may be in `write(2)` at once, as in CPython.
//!
//! Needs std only.

use std::io;

/// `io.DEFAULT_BUFFER_SIZE`: the buffer size when the fd reports no usable
/// `st_blksize`.
pub const DEFAULT_BUFFER_SIZE: usize = 8192;

/// One `write(2)` on the stream's file descriptor, supplied by the caller.
///
/// The interpreter's implementation releases the GIL around the call and
/// records a Blocked span on the timeline; a test's records the bytes.
pub trait RawWrite {
    /// Writes some prefix of `bytes` with ONE system call and says how
    /// many bytes it took (all of them, for a blocking descriptor not
    /// interrupted by a signal). `bytes` may be empty: CPython makes that
    /// call too.
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<usize>;
}

/// One raw write, retried after `EINTR` as CPython's `_Py_write` and
/// `_bufferedwriter_raw_write` do. A non-empty write that takes nothing
/// is an error, not a loop.
fn write_once(raw: &mut impl RawWrite, bytes: &[u8]) -> io::Result<usize> {
    loop {
        match raw.write_raw(bytes) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Ok(0) if !bytes.is_empty() => {
                return Err(io::Error::new(
                    io::ErrorKind::WriteZero,
                    "the raw stream took no bytes",
                ))
            }
            result => return result,
        }
    }
}

/// The unbuffered path: `FileIO.write(bytes)`, one system call, plus (our
/// addition, see the file header) more calls only if the kernel took less.
pub fn write_unbuffered(raw: &mut impl RawWrite, bytes: &[u8]) -> io::Result<()> {
    let mut written = write_once(raw, bytes)?;
    while written < bytes.len() {
        written += write_once(raw, &bytes[written..])?;
    }
    Ok(())
}

/// `io.BufferedWriter`'s write side.
#[derive(Clone, Debug)]
pub struct BufferedLayer {
    /// The held bytes, oldest first; never longer than `capacity`.
    held: Vec<u8>,
    /// The buffer size (`buffer_size`).
    capacity: usize,
}

impl BufferedLayer {
    /// A buffer of `capacity` bytes (`st_blksize` of the fd, see
    /// `raw_block_size` in `mod.rs`).
    pub fn new(capacity: usize) -> BufferedLayer {
        let capacity = capacity.max(1);
        BufferedLayer {
            held: Vec::with_capacity(capacity),
            capacity,
        }
    }

    /// The buffer size.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Bytes held, not yet written.
    pub fn held_len(&self) -> usize {
        self.held.len()
    }

    /// `write(data)`: see the file header.
    pub fn write(&mut self, data: &[u8], raw: &mut impl RawWrite) -> io::Result<()> {
        // Fast path: it fits.
        if data.len() <= self.capacity - self.held.len() {
            self.held.extend_from_slice(data);
            return Ok(());
        }
        self.flush(raw)?;
        let mut rest = data;
        while rest.len() > self.capacity {
            let taken = write_once(raw, rest)?;
            rest = &rest[taken..];
        }
        self.held.extend_from_slice(rest);
        Ok(())
    }

    /// `flush()`: writes the held bytes until none are left.
    pub fn flush(&mut self, raw: &mut impl RawWrite) -> io::Result<()> {
        while !self.held.is_empty() {
            let taken = write_once(raw, &self.held)?;
            self.held.drain(..taken);
        }
        Ok(())
    }
}
