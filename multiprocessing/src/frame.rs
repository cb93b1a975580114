//! Message framing exactly like CPython's `multiprocessing/connection.py`,
//! the one place where frame headers are written and checked, and the buffer
//! that parses frames out of a byte stream.
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
//! not per task. [`read_frame`] is the unbuffered reader for fds that several
//! processes read from (a queue's pipe), where read-ahead would steal another
//! reader's bytes.
//!
//! ## The bytes are hostile input
//! Every reader in the crate — `Connection`, the pool's handler reading its
//! workers, a worker reading its tasks, queues, the spawn handshake — goes
//! through [`parse_header`], so the checks live here once:
//! 1. A negative length other than the -1 marker is an error (CPython's
//!    `struct.unpack("!i")` would hand it to `_recv` and fail there).
//! 2. An announced length over the reader's limit is [`Error::TooLarge`],
//!    decided from the header alone: a hostile 4 GiB header allocates nothing.
//! 3. Memory follows the bytes *received*, not the bytes *announced*: the
//!    buffer grows at most geometrically (double, or one read chunk) towards
//!    the announced length, so a header that promises 60 MiB within a 64 MiB
//!    limit and then sends nothing costs one read chunk, not 60 MiB of zeros.
//! 4. Once the front header has been refused the buffer stays refused: it
//!    never reads or grows again (a caller that keeps reading after an error
//!    gets the same error back, not an allocation).
//! 5. `buf[start..end]` holds received but unconsumed bytes.
//!
//! Needs: `sys.rs`, `error.rs` (`tests/closed_set.rs` compiles this file,
//! `connection/` and those two alone).
//!
//! Python equivalent: `Connection._send_bytes` / `_recv_bytes`.

use crate::error::{Error, Result};
use crate::sys;
use std::os::fd::RawFd;

/// The marker CPython writes instead of a length when the payload is larger
/// than `i32::MAX`; the real length follows as a `u64`.
const LARGE_MARKER: i32 = -1;

/// Payloads up to this length use the 4-byte header.
pub(crate) const SMALL_MAX: usize = 0x7fff_ffff;

/// Bytes read per `read(2)` when the buffer has to grow for more input.
const READ_CHUNK: usize = 64 * 1024;

/// The short header: an `i32` length.
pub(crate) const SMALL_HEADER: usize = 4;

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
/// returns the position to pass to [`finish_frame`]. Used where the payload
/// length is not known in advance (pool task and result frames, `send`).
pub(crate) fn begin_frame(out: &mut Vec<u8>) -> usize {
    let at = out.len();
    out.extend_from_slice(&[0; SMALL_HEADER]);
    at
}

/// Fills in the header reserved by [`begin_frame`] for the payload that
/// follows it. A payload over [`SMALL_MAX`] gets the large header instead
/// (the payload moves 8 bytes to the right: rare, and only past 2 GiB).
pub(crate) fn finish_frame(out: &mut Vec<u8>, at: usize) {
    let len = out.len() - at - SMALL_HEADER;
    if len <= SMALL_MAX {
        out[at..at + SMALL_HEADER].copy_from_slice(&(len as i32).to_be_bytes());
    } else {
        let mut header = Vec::with_capacity(MAX_HEADER);
        push_header(&mut header, len);
        out.splice(at..at + SMALL_HEADER, header);
    }
}

/// A checked frame header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    /// Bytes of the header itself (4 or 12).
    pub header_len: usize,
    /// Payload bytes that follow it (already checked against the limit).
    pub payload_len: usize,
}

/// Parses the header at the front of `bytes`, checked against `limit`
/// (invariants 1 and 2). `Ok(None)` when `bytes` is too short to tell.
pub(crate) fn parse_header(bytes: &[u8], limit: usize) -> Result<Option<Header>> {
    let Some(small) = bytes.first_chunk::<SMALL_HEADER>() else {
        return Ok(None);
    };
    let small = i32::from_be_bytes(*small);
    let (header_len, announced) = if small == LARGE_MARKER {
        let Some(long) = bytes.get(SMALL_HEADER..MAX_HEADER) else {
            return Ok(None);
        };
        let long: [u8; 8] = long.try_into().expect("8 bytes by the range above");
        (MAX_HEADER, u64::from_be_bytes(long))
    } else if small < 0 {
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("negative frame length {small}"),
        )));
    } else {
        (SMALL_HEADER, small as u64)
    };
    if announced > limit as u64 {
        return Err(Error::TooLarge { announced, limit });
    }
    Ok(Some(Header {
        header_len,
        payload_len: announced as usize,
    }))
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
    /// Storage; `buf[start..end]` are the unconsumed bytes (invariant 5).
    buf: Vec<u8>,
    /// First unconsumed byte.
    start: usize,
    /// One past the last received byte.
    end: usize,
    /// The largest payload accepted (invariant 2).
    limit: usize,
    /// The error the front header got, once refused (invariant 4).
    refused: Option<Error>,
}

impl FrameBuf {
    /// An empty buffer accepting payloads up to `limit` bytes (allocates its
    /// first read chunk lazily).
    pub(crate) fn new(limit: usize) -> Self {
        FrameBuf {
            buf: Vec::new(),
            start: 0,
            end: 0,
            limit,
            refused: None,
        }
    }

    /// Changes the limit for frames not yet parsed.
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    /// Bytes received but not yet consumed.
    pub(crate) fn buffered(&self) -> usize {
        self.end - self.start
    }

    /// The bytes of a span returned by [`Self::next_frame`].
    pub(crate) fn get(&self, span: FrameSpan) -> &[u8] {
        &self.buf[span.start..span.start + span.len]
    }

    /// The checked header of the front frame; `Ok(None)` if not all there.
    fn front_header(&mut self) -> Result<Option<Header>> {
        if let Some(err) = &self.refused {
            return Err(err.clone());
        }
        parse_header(&self.buf[self.start..self.end], self.limit).inspect_err(|err| {
            self.refused = Some(err.clone());
        })
    }

    /// The next complete frame, consumed; `Ok(None)` if the buffer holds only
    /// part of one. A refused header is an error, now and on every later call
    /// (invariant 4).
    pub(crate) fn next_frame(&mut self) -> Result<Option<FrameSpan>> {
        let Some(header) = self.front_header()? else {
            return Ok(None);
        };
        let total = header.header_len + header.payload_len;
        if self.buffered() < total {
            return Ok(None);
        }
        let span = FrameSpan {
            start: self.start + header.header_len,
            len: header.payload_len,
        };
        self.start += total;
        Ok(Some(span))
    }

    /// The first `n` payload bytes of the front frame, once its header has
    /// been checked and at least `n` payload bytes (or the whole, shorter
    /// payload) have arrived; `Ok(None)` until then. Lets a reader that knows
    /// what a frame must start with (the pool: job and chunk ids) refuse it
    /// before waiting for — and buffering — the rest.
    pub(crate) fn peek_payload(&mut self, n: usize) -> Result<Option<&[u8]>> {
        let Some(header) = self.front_header()? else {
            return Ok(None);
        };
        let want = n.min(header.payload_len);
        let from = self.start + header.header_len;
        if self.end < from + want {
            return Ok(None);
        }
        Ok(Some(&self.buf[from..from + want]))
    }

    /// One `read(2)` from `fd` into the buffer. Returns the bytes read (`0`
    /// at end of file; `Io(WouldBlock)` on an empty non-blocking fd). Checks
    /// the front header first and grows only towards what it announced,
    /// at most geometrically (invariants 2–4).
    pub(crate) fn fill_from(&mut self, fd: RawFd) -> Result<usize> {
        let need = self.wanted()?;
        self.make_room(need);
        let n = sys::read_some(fd, &mut self.buf[self.end..])?;
        self.end += n;
        Ok(n)
    }

    /// Appends bytes that arrived by other means (an ipc-channel message),
    /// under the same checks as [`Self::fill_from`].
    pub(crate) fn extend(&mut self, bytes: &[u8]) -> Result<()> {
        self.wanted()?;
        self.make_room(bytes.len());
        // These bytes have arrived already: room for all of them.
        if self.buf.len() < self.end + bytes.len() {
            self.buf.resize(self.end + bytes.len(), 0);
        }
        self.buf[self.end..self.end + bytes.len()].copy_from_slice(bytes);
        self.end += bytes.len();
        Ok(())
    }

    /// Lets `fill` copy up to `available` bytes straight into the buffer's
    /// free space (a shared-memory ring does this), under the same checks
    /// and growth rules as [`Self::fill_from`]; `fill` returns how many it
    /// wrote. Returns that count.
    pub(crate) fn fill_with(
        &mut self,
        available: usize,
        fill: impl FnOnce(&mut [u8]) -> usize,
    ) -> Result<usize> {
        let need = self.wanted()?;
        self.make_room(need.min(available));
        let room = (self.buf.len() - self.end).min(available);
        let n = fill(&mut self.buf[self.end..self.end + room]);
        debug_assert!(n <= room);
        self.end += n.min(room);
        Ok(n.min(room))
    }

    /// How many more bytes the frame at the front needs (at least 1), from
    /// its checked header. An error if the header is refused.
    fn wanted(&mut self) -> Result<usize> {
        let have = self.buffered();
        Ok(match self.front_header()? {
            Some(h) => (h.header_len + h.payload_len).saturating_sub(have).max(1),
            None => MAX_HEADER - have.min(MAX_HEADER - 1),
        })
    }

    /// Makes room for a read: reclaims consumed space, then, if less than
    /// `need` (capped at one read chunk) is free, grows to twice the current
    /// size (at least one read chunk). The announced length decides *whether*
    /// to grow, never *how much*: memory stays within twice what was received
    /// (invariant 3).
    fn make_room(&mut self, need: usize) {
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
            // After a huge message, give the memory back.
            if self.buf.len() > 64 * READ_CHUNK {
                self.buf = Vec::new();
            }
        }
        let want = need.clamp(1, READ_CHUNK);
        if self.start > 0 && self.buf.len() - self.end < want.max(READ_CHUNK / 2) {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.buf.len() - self.end < want {
            // A reader with a small limit (a handshake's 256 bytes) never
            // needs more than one frame's worth to start with.
            let first = READ_CHUNK.min(self.limit.saturating_add(MAX_HEADER));
            let new_len = (2 * self.buf.len()).max(first).max(self.end + want);
            self.buf.resize(new_len, 0);
        }
    }
}

/// Reads exactly one frame from `fd` without reading past it (header, then
/// payload), checked before the payload is allocated. For fds shared by
/// several readers, and handshakes that hand the fd on afterwards.
/// `Err(Closed)` at end of file before the first byte.
pub(crate) fn read_frame(fd: RawFd, limit: usize) -> Result<Vec<u8>> {
    let mut header = [0u8; MAX_HEADER];
    read_exact(fd, &mut header[..SMALL_HEADER], true)?;
    let parsed = match parse_header(&header[..SMALL_HEADER], limit)? {
        Some(h) => h,
        None => {
            read_exact(fd, &mut header[SMALL_HEADER..], false)?;
            parse_header(&header, limit)?.expect("a whole large header")
        }
    };
    let mut payload = vec![0u8; parsed.payload_len];
    read_exact(fd, &mut payload, false)?;
    Ok(payload)
}

/// Reads exactly `buf.len()` bytes. End of file is `Closed` if nothing at all
/// was read and `at_boundary`, else `Io(UnexpectedEof)` (a torn frame).
fn read_exact(fd: RawFd, buf: &mut [u8], at_boundary: bool) -> Result<()> {
    let mut got = 0;
    while got < buf.len() {
        match sys::read_some(fd, &mut buf[got..])? {
            0 if got == 0 && at_boundary => return Err(Error::Closed),
            0 => {
                return Err(Error::Io(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "peer closed in the middle of a frame",
                )))
            }
            n => got += n,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_is_refused_before_its_payload_arrives() {
        let mut buf = FrameBuf::new(1 << 20);
        buf.extend(&0x7fff_ffffi32.to_be_bytes()).unwrap();
        assert!(matches!(buf.next_frame(), Err(Error::TooLarge { .. })));
        // Refused for good: no read, no growth.
        assert!(buf.extend(b"more").is_err());
        assert!(buf.buf.len() < 2 * READ_CHUNK);
    }

    #[test]
    fn negative_lengths_other_than_the_marker_are_refused() {
        let mut buf = FrameBuf::new(1 << 20);
        let _ = buf.extend(&(-2i32).to_be_bytes());
        assert!(matches!(buf.next_frame(), Err(Error::Io(_))));
    }

    #[test]
    fn memory_follows_received_bytes_not_announced_ones() {
        let mut buf = FrameBuf::new(64 << 20);
        buf.extend(&(60i32 << 20).to_be_bytes()).unwrap();
        buf.extend(&[1, 2, 3]).unwrap();
        assert!(buf.next_frame().unwrap().is_none());
        assert!(buf.buf.len() <= 2 * READ_CHUNK, "{}", buf.buf.len());
    }

    #[test]
    fn large_headers_round_trip_through_finish_frame() {
        let mut out = Vec::new();
        let at = begin_frame(&mut out);
        out.extend_from_slice(b"abc");
        finish_frame(&mut out, at);
        assert_eq!(out, b"\x00\x00\x00\x03abc");
        let mut buf = FrameBuf::new(16);
        buf.extend(&out).unwrap();
        let span = buf.next_frame().unwrap().unwrap();
        assert_eq!(buf.get(span), b"abc");
    }
}
