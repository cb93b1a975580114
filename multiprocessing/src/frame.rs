//! Message framing exactly like CPython's `multiprocessing/connection.py`,
//! and the buffer that parses frames out of a byte stream.
//!
//! ```text
//!   small frame (len <= 0x7fffffff):   [ len: i32 big-endian ][ payload ... ]
//!   large frame:                       [ -1: i32 ][ len: u64 big-endian ][ payload ... ]
//! ```
//!
//! A pipe or stream socket delivers bytes, not messages; the length prefix
//! puts the message boundaries back. [`FrameBuf`] reads whatever the kernel
//! has (many frames per `read` when a peer pipelines) and hands out complete
//! frames one by one, so the pool pays one system call per *batch* of tasks,
//! not per task.
//!
//! Invariants:
//! 1. The announced length is checked against the limit *before* the buffer
//!    grows to hold the payload: a hostile 4 GiB header allocates nothing.
//! 2. A negative length other than the -1 marker is rejected (CPython
//!    would fail on it too).
//! 3. `buf[start..end]` holds received but unconsumed bytes.
//!
//! Python equivalent: `Connection._send_bytes` / `_recv_bytes`.

use crate::error::{Error, Result};
use crate::sys;
use std::os::fd::RawFd;

/// The marker CPython writes instead of a length when the payload is larger
/// than `i32::MAX`; the real length follows as a `u64`.
const LARGE_MARKER: i32 = -1;

/// Payloads up to this length use the 4-byte header.
const SMALL_MAX: usize = 0x7fff_ffff;

/// Bytes read per `read(2)` when the buffer has to grow for more input.
const READ_CHUNK: usize = 64 * 1024;

/// The longest header: the marker plus an 8-byte length.
pub(crate) const MAX_HEADER: usize = 12;

/// Appends the header for a `len`-byte payload to `out`.
pub(crate) fn push_header(out: &mut Vec<u8>, len: usize) {
    if len <= SMALL_MAX {
        out.extend_from_slice(&(len as i32).to_be_bytes());
    } else {
        out.extend_from_slice(&LARGE_MARKER.to_be_bytes());
        out.extend_from_slice(&(len as u64).to_be_bytes());
    }
}

/// Reserves a 4-byte header in `out` for a payload written afterwards;
/// returns the position to pass to [`finish_small_frame`]. Used where the
/// payload length is not known in advance (the pool's task and result frames,
/// which are always far below `SMALL_MAX`).
pub(crate) fn begin_small_frame(out: &mut Vec<u8>) -> usize {
    let at = out.len();
    out.extend_from_slice(&[0; 4]);
    at
}

/// Fills in the header reserved by [`begin_small_frame`].
///
/// Panics if the payload outgrew a small frame: a broken invariant of the
/// pool (its frames are bounded by the connection limit, far below 2 GiB).
pub(crate) fn finish_small_frame(out: &mut [u8], at: usize) {
    let len = out.len() - at - 4;
    assert!(len <= SMALL_MAX, "pool frame exceeds the small-frame size");
    out[at..at + 4].copy_from_slice(&(len as i32).to_be_bytes());
}

/// Where a complete frame sits in the buffer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FrameSpan {
    /// Offset of the payload inside `FrameBuf`'s buffer.
    pub start: usize,
    /// Payload length.
    pub len: usize,
}

/// A receive buffer that turns a byte stream back into frames.
#[derive(Debug)]
pub(crate) struct FrameBuf {
    /// Storage; `buf[start..end]` are the unconsumed bytes (invariant 3).
    buf: Vec<u8>,
    /// First unconsumed byte.
    start: usize,
    /// One past the last received byte.
    end: usize,
}

impl Default for FrameBuf {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameBuf {
    /// An empty buffer (allocates its first read chunk lazily).
    pub(crate) fn new() -> Self {
        FrameBuf {
            buf: Vec::new(),
            start: 0,
            end: 0,
        }
    }

    /// Bytes received but not yet consumed.
    pub(crate) fn buffered(&self) -> usize {
        self.end - self.start
    }

    /// The bytes of a span returned by [`Self::next_frame`].
    pub(crate) fn get(&self, span: FrameSpan) -> &[u8] {
        &self.buf[span.start..span.start + span.len]
    }

    /// The next complete frame, consumed; `Ok(None)` if the buffer holds only
    /// part of one. A header announcing more than `limit` bytes is an error
    /// (invariant 1) and leaves the buffer as it was.
    pub(crate) fn next_frame(&mut self, limit: usize) -> Result<Option<FrameSpan>> {
        let have = &self.buf[self.start..self.end];
        if have.len() < 4 {
            return Ok(None);
        }
        let small = i32::from_be_bytes([have[0], have[1], have[2], have[3]]);
        let (header, announced) = if small == LARGE_MARKER {
            if have.len() < MAX_HEADER {
                return Ok(None);
            }
            let mut long = [0u8; 8];
            long.copy_from_slice(&have[4..12]);
            (MAX_HEADER, u64::from_be_bytes(long))
        } else if small < 0 {
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("negative frame length {small}"),
            )));
        } else {
            (4, small as u64)
        };
        if announced > limit as u64 {
            return Err(Error::TooLarge { announced, limit });
        }
        let len = announced as usize;
        if have.len() - header < len {
            return Ok(None);
        }
        let span = FrameSpan {
            start: self.start + header,
            len,
        };
        self.start += header + len;
        Ok(Some(span))
    }

    /// How many more bytes the frame at the front needs (at least 1), so a
    /// read can be sized to finish it. Call after `next_frame` returned `None`.
    fn wanted(&self) -> usize {
        let have = &self.buf[self.start..self.end];
        if have.len() >= 4 {
            let small = i32::from_be_bytes([have[0], have[1], have[2], have[3]]);
            if small >= 0 {
                return (4 + small as usize).saturating_sub(have.len()).max(1);
            }
            if have.len() >= MAX_HEADER {
                let mut long = [0u8; 8];
                long.copy_from_slice(&have[4..12]);
                let total = (MAX_HEADER as u64).saturating_add(u64::from_be_bytes(long));
                return (total.saturating_sub(have.len() as u64) as usize).max(1);
            }
        }
        1
    }

    /// One `read(2)` from `fd` into the buffer. Returns the bytes read (`0`
    /// at end of file; `WouldBlock` on an empty non-blocking fd). Grows the
    /// buffer only as far as the frame at the front needs, and that frame's
    /// header was checked against the limit by `next_frame` already.
    pub(crate) fn fill_from(&mut self, fd: RawFd) -> std::io::Result<usize> {
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
            // After one huge message, give the memory back.
            if self.buf.len() > 16 * READ_CHUNK {
                self.buf = Vec::new();
            }
        }
        // Keep a useful amount of room for the next read: move the
        // unconsumed tail to the front when room runs low or growth looms.
        let need = self.wanted();
        let room = self.buf.len() - self.end;
        if self.start > 0 && (room < READ_CHUNK / 2 || room < need) {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        // Grow to exactly what the front frame needs (checked against the
        // limit already), or one read chunk: never more (invariant 1).
        let min_len = (self.end + need).max(READ_CHUNK);
        if self.buf.len() < min_len {
            self.buf.reserve_exact(min_len - self.buf.len());
            self.buf.resize(min_len, 0);
        }
        let n = sys::read_some(fd, &mut self.buf[self.end..])?;
        self.end += n;
        Ok(n)
    }
}

impl FrameBuf {
    /// Appends bytes that arrived by other means (an ipc-channel message).
    pub(crate) fn extend(&mut self, bytes: &[u8]) {
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
        self.buf.truncate(self.end);
        self.buf.extend_from_slice(bytes);
        self.end = self.buf.len();
    }
}
