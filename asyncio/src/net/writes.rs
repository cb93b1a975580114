//! The write side of [`TcpStream`]: Python's `StreamWriter`, whose
//! `write` never waits and whose `drain` is where a writer feels
//! backpressure.
//!
//! ```text
//!   write(data) ──▶ queue empty and socket writable? ──yes──▶ write(2) ──▶ all taken: done
//!                        │ no                                  │ some refused
//!                        ▼                                     ▼
//!                  outgoing.extend(data) ◀────────────── outgoing.extend(rest)
//!   drain()     ──▶ while outgoing not empty: wait writable, write(2), consume
//!   write_all(d) = write(d) + drain()
//! ```
//!
//! Fast path first in `write`: with nothing queued ahead, the bytes go
//! straight to the kernel and the queue is never touched — the common
//! case of a request/response server. The plain path, queueing, only
//! takes what the kernel refused, and `drain` sends it.
//!
//! Simplification: nothing sends the queue in the background (Python's
//! transport does, from a writer callback registered with the loop); the
//! bytes go out when the task calls `drain`, `write_all` or `write` again.
//! So `drain` waits until the queue is *empty*, where Python's returns
//! once it is below a low-water mark; and a stream dropped with bytes
//! still queued loses them, where Python's `writer.close()` sends them
//! first — drain before dropping.
//!
//! Needs: `tcp.rs` (the stream), `buffers.rs` (its queue), `source.rs`,
//! `reactor.rs` (`Direction`).

use super::tcp::TcpStream;
use crate::reactor::Direction;
use std::future::Future;
use std::io::{self, Write};
use std::net::Shutdown;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

impl TcpStream {
    /// Hands `data` to the kernel now, and queues whatever it refuses
    /// (Python: `writer.write(data)`). Never waits; call [`drain`] to wait
    /// until the queue is empty — as in Python, a writer that never drains
    /// can queue without bound.
    ///
    /// [`drain`]: Self::drain
    ///
    /// # Errors
    /// As `write(2)`, e.g. `EPIPE` when the peer is gone.
    pub fn write(&self, data: &[u8]) -> io::Result<()> {
        let mut outgoing = self.outgoing.borrow_mut();
        let mut rest = data;
        // Fast path: nothing queued ahead of `data`, so it may go straight
        // to the kernel; the queue is touched only for what is refused.
        if outgoing.is_empty() {
            while !rest.is_empty() && self.io.is_ready(Direction::Write) {
                match self.io.get_ref().write(rest) {
                    Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                    Ok(n) => {
                        self.io.note_transfer(Direction::Write, n, rest.len());
                        rest = &rest[n..];
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        self.io.clear_ready(Direction::Write);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        outgoing.extend(rest);
        Ok(())
    }

    /// Waits until every queued byte is in the kernel (Python: `await
    /// writer.drain()`, which waits only down to a low-water mark because
    /// its transport keeps flushing in the background; here nothing else
    /// would). Cancel-safe: unsent bytes stay queued.
    ///
    /// # Errors
    /// As `write(2)`; the unsent bytes stay queued until the stream drops.
    pub fn drain(&self) -> Drain<'_> {
        Drain { stream: self }
    }

    /// Writes all of `data` and waits until it is in the kernel (Python:
    /// `writer.write(data); await writer.drain()`). Cancel-safe in the
    /// sense of the module doc: from its first poll on, all of `data` is
    /// queued.
    ///
    /// # Errors
    /// As [`write`](Self::write) and [`drain`](Self::drain).
    pub async fn write_all(&self, data: &[u8]) -> io::Result<()> {
        self.write(data)?;
        self.drain().await
    }

    /// Closes the write half: the peer reads EOF (Python:
    /// `writer.write_eof()`).
    ///
    /// # Errors
    /// As `shutdown(2)`; `InvalidInput` while bytes are still queued (call
    /// [`drain`](Self::drain) first — Python's transport would send them
    /// before the EOF).
    pub fn shutdown_write(&self) -> io::Result<()> {
        let queued = self.write_buffer_size();
        if queued > 0 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{queued} bytes still queued: drain() before shutdown_write()"),
            ));
        }
        self.io.get_ref().shutdown(Shutdown::Write)
    }

    /// Bytes queued by `write` and not yet in the kernel (Python:
    /// `transport.get_write_buffer_size()`).
    pub fn write_buffer_size(&self) -> usize {
        self.outgoing.borrow().len()
    }
}

/// The future of [`TcpStream::drain`].
pub struct Drain<'a> {
    /// The stream whose queue is sent.
    stream: &'a TcpStream,
}

impl Future for Drain<'_> {
    type Output = io::Result<()>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let stream = self.stream;
        loop {
            let mut outgoing = stream.outgoing.borrow_mut();
            if outgoing.is_empty() {
                return Poll::Ready(Ok(()));
            }
            ready!(stream.io.poll_ready(Direction::Write, cx));
            match stream.io.get_ref().write(outgoing.as_slice()) {
                Ok(0) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Ok(n) => {
                    stream.io.note_transfer(Direction::Write, n, outgoing.len());
                    outgoing.consume(n);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    stream.io.clear_ready(Direction::Write);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}
