//! Non-blocking TCP sockets on the reactor: `TcpListener`, and a
//! `TcpStream` that plays asyncio's `StreamReader` and `StreamWriter`.
//!
//! ```text
//!   reads                                     writes
//!   ─────                                     ──────
//!   read(buf)        some bytes               write(data)   never waits: to the
//!   read_exact(buf)  exactly buf.len()                      kernel now, the rest
//!   read_with(f)     f(&bytes) on the loop's                queued in `outgoing`
//!                    shared buffer: no copy   drain()       waits until `outgoing`
//!        ▲                                                  is empty
//!        └── `incoming` first: bytes a read   write_all(d)  write(d) + drain()
//!            took from the kernel but could
//!            not hand out yet
//! ```
//!
//! **Memory.** An idle stream owns no buffer: reads go through the
//! loop-wide buffer of `buffers.rs`, and the two [`ByteQueue`]s hold heap
//! memory only while they hold bytes. What a connection costs, byte by
//! byte, is written out in `programs/echo.rs`.
//!
//! **Cancel safety** (dropping the future at an `await`, as `wait_for` or
//! `task.cancel()` do). Python's streams are built so a cancelled
//! `readexactly` leaves its bytes in the reader's buffer; these are too:
//!
//! | operation | cancelled while waiting | why |
//! |---|---|---|
//! | `read`, `read_with` | nothing lost | bytes leave the kernel only in the poll that completes the call |
//! | `read_exact` | nothing lost: bytes read so far stay in `incoming`, and the next read returns them first | the caller's slice is written only when the read completes |
//! | `write` | — (never waits) | the data is in the kernel or `outgoing` when it returns |
//! | `drain` | nothing lost: unsent bytes stay queued for the next `drain`/`write_all` | |
//! | `write_all` | dropped before its first poll: nothing written; after: all of it queued, as `drain` | |
//! | `TcpListener::accept` | nothing lost: the connection waits in the kernel's backlog | |
//! | `TcpStream::connect` | the half-open socket is closed | nothing to resume |
//!
//! One reader and one writer at a time: the reactor keeps one waker per
//! direction per fd, so two tasks reading the same stream at once would
//! overwrite each other's waker (tokio's `TcpStream` has the same rule;
//! Python's `StreamReader` raises `RuntimeError` instead).
//!
//! The sockets are std's, switched to non-blocking mode; `connect` is made
//! with nix because std has no non-blocking connect (it returns
//! `EINPROGRESS`, and completion is reported as writability, after which
//! `SO_ERROR` says whether it worked). `TCP_NODELAY` is set on every
//! connection, as asyncio does, so small request/response messages are not
//! held back by Nagle's algorithm.
//!
//! Python equivalent: `asyncio.StreamReader` / `StreamWriter` over a
//! `_SelectorSocketTransport`. Simplification: nothing flushes `outgoing`
//! in the background — Python's transport does, from a writer callback;
//! here the bytes go out when the task calls `drain` (or `write` again).
//!
//! This file holds the sockets and the read side; the write side
//! (`write`, `drain`, `write_all`, `shutdown_write`) is in `writes.rs`.
//!
//! Needs: `source.rs` (registration), `buffers.rs`, `reactor.rs`
//! (`Direction`). `writes.rs` builds on this file to add the write side.

use super::buffers::{with_read_space, ByteQueue};
use super::source::Async;
use crate::reactor::Direction;
use nix::errno::Errno;
use nix::sys::socket::{self, AddressFamily, SockFlag, SockType, SockaddrStorage};
use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::io::{self, Read};
use std::net::{SocketAddr, ToSocketAddrs};
use std::os::fd::AsRawFd;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

/// A listening socket (Python: a server socket in non-blocking mode).
pub struct TcpListener {
    /// The std listener, registered with the reactor.
    io: Async<std::net::TcpListener>,
}

impl TcpListener {
    /// Binds to `addr` and starts listening (port 0 picks a free port).
    ///
    /// # Errors
    /// Binding fails, the address does not resolve, or there is no running
    /// loop to register with.
    pub fn bind(addr: impl ToSocketAddrs) -> io::Result<TcpListener> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        Ok(TcpListener {
            io: Async::new(listener, &[])?,
        })
    }

    /// The address the listener is bound to.
    ///
    /// # Errors
    /// As `getsockname(2)`.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().local_addr()
    }

    /// Waits for a connection (Python: `await loop.sock_accept(sock)`).
    ///
    /// # Errors
    /// As `accept4(2)`: e.g. `EMFILE` when the process is out of fds.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let (stream, peer) = self.io.io_op(Direction::Read, |l| l.accept()).await?;
        stream.set_nonblocking(true)?;
        stream.set_nodelay(true)?;
        // A fresh connection can take writes at once; reads wait for epoll.
        Ok((
            TcpStream::new(Async::new(stream, &[Direction::Write])?),
            peer,
        ))
    }
}

/// A connected socket with async reads and writes.
pub struct TcpStream {
    /// The std stream, registered with the reactor.
    pub(super) io: Async<std::net::TcpStream>,
    /// Bytes taken from the kernel and not yet handed out: read ahead by
    /// `read_exact`, or kept when it was cancelled (Python's
    /// `StreamReader._buffer`). Empty — and holding no memory — while idle.
    incoming: RefCell<ByteQueue>,
    /// Bytes `write` could not hand to the kernel yet (the transport's
    /// write buffer); `drain` sends them (see `writes.rs`).
    pub(super) outgoing: RefCell<ByteQueue>,
}

/// What one `read(2)` inside `read_exact` came to.
enum ReadStep {
    /// The read completed the request.
    Done,
    /// Bytes (or none, on `EWOULDBLOCK`) were queued; the request is not
    /// complete yet.
    Progress,
    /// The peer closed (no byte lost: what was read stays queued).
    Eof,
    /// The socket failed.
    Failed(io::Error),
}

impl TcpStream {
    /// Wraps a registered socket.
    fn new(io: Async<std::net::TcpStream>) -> TcpStream {
        TcpStream {
            io,
            incoming: RefCell::default(),
            outgoing: RefCell::default(),
        }
    }

    /// Connects to `addr` without blocking the loop (Python:
    /// `await loop.sock_connect(sock, addr)`).
    ///
    /// # Errors
    /// Connection refused, unreachable, or no running loop.
    pub async fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
        let family = if addr.is_ipv4() {
            AddressFamily::Inet
        } else {
            AddressFamily::Inet6
        };
        let fd = socket::socket(
            family,
            SockType::Stream,
            SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
            None,
        )?;
        match socket::connect(fd.as_raw_fd(), &SockaddrStorage::from(addr)) {
            Ok(()) | Err(Errno::EINPROGRESS) => {}
            Err(e) => return Err(e.into()),
        }
        let io = Async::new(std::net::TcpStream::from(fd), &[])?;
        poll_fn(|cx| io.poll_ready(Direction::Write, cx)).await;
        if let Some(error) = io.get_ref().take_error()? {
            return Err(error);
        }
        io.get_ref().set_nodelay(true)?;
        Ok(TcpStream::new(io))
    }

    // ─────────────────────────────── reads ───────────────────────────────

    /// Reads up to `buf.len()` bytes; `Ok(0)` means the peer closed
    /// (Python: `await reader.read(n)`). Bytes already in the stream's
    /// buffer come first. Cancel-safe.
    ///
    /// # Errors
    /// As `read(2)`, e.g. `ECONNRESET`.
    pub async fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        let buffered = self.incoming.borrow_mut().take_into(buf);
        if buffered > 0 {
            return Ok(buffered);
        }
        let requested = buf.len();
        self.io
            .io_len(Direction::Read, requested, |mut s| s.read(buf))
            .await
    }

    /// Waits for bytes and lends them to `f` — an empty slice means the
    /// peer closed — without copying them into a buffer of this stream:
    /// they are read into the loop's shared buffer, which `f` may only use
    /// synchronously. The zero-memory way to serve many idle connections.
    /// Cancel-safe.
    ///
    /// Python equivalent: a protocol's `data_received(data)`, which is
    /// called with the bytes of one `recv`.
    ///
    /// # Errors
    /// As `read(2)`; `f` is then not called.
    pub fn read_with<R, F: FnOnce(&[u8]) -> R>(&self, f: F) -> ReadWith<'_, F> {
        ReadWith {
            stream: self,
            f: Some(f),
        }
    }

    /// Reads exactly `buf.len()` bytes (Python: `readexactly(n)`).
    /// Cancel-safe: until it completes, the bytes it has read wait in the
    /// stream's buffer, where the next read finds them.
    ///
    /// Each `read(2)` asks for up to 64 KiB (into the loop's shared
    /// buffer): a short answer tells the loop the socket is drained, which
    /// saves an `EWOULDBLOCK` syscall per message. Bytes past `buf.len()`
    /// stay in the stream's buffer for the next read.
    ///
    /// # Errors
    /// `UnexpectedEof` when the peer closes first (Python:
    /// `IncompleteReadError`; the partial bytes stay readable), or a socket
    /// error.
    pub async fn read_exact(&self, buf: &mut [u8]) -> io::Result<()> {
        let wanted = buf.len();
        poll_fn(|cx| loop {
            {
                let mut incoming = self.incoming.borrow_mut();
                if incoming.len() >= wanted {
                    incoming.take_into(buf);
                    return Poll::Ready(Ok(()));
                }
            }
            ready!(self.io.poll_ready(Direction::Read, cx));
            let step = with_read_space(|space| match self.io.get_ref().read(space) {
                Ok(0) => ReadStep::Eof,
                Ok(n) => {
                    self.io.note_transfer(Direction::Read, n, space.len());
                    let mut incoming = self.incoming.borrow_mut();
                    if incoming.is_empty() && n >= wanted {
                        // Fast path: one read(2) holds the whole request;
                        // only the bytes past it are queued.
                        buf.copy_from_slice(&space[..wanted]);
                        incoming.extend(&space[wanted..n]);
                        ReadStep::Done
                    } else {
                        incoming.extend(&space[..n]);
                        ReadStep::Progress
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.io.clear_ready(Direction::Read);
                    ReadStep::Progress
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => ReadStep::Progress,
                Err(e) => ReadStep::Failed(e),
            });
            match step {
                ReadStep::Done => return Poll::Ready(Ok(())),
                ReadStep::Progress => {}
                ReadStep::Eof => {
                    let got = self.incoming.borrow().len();
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!("peer closed after {got} of {wanted} bytes"),
                    )));
                }
                ReadStep::Failed(e) => return Poll::Ready(Err(e)),
            }
        })
        .await
    }

    // ─────────────────────────────── state ───────────────────────────────

    /// Bytes read from the kernel and not yet handed out.
    pub fn read_buffer_size(&self) -> usize {
        self.incoming.borrow().len()
    }

    /// The local address.
    ///
    /// # Errors
    /// As `getsockname(2)`.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().local_addr()
    }

    /// The peer's address (Python: `writer.get_extra_info("peername")`).
    ///
    /// # Errors
    /// As `getpeername(2)`.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().peer_addr()
    }
}

// ─────────────── the future an idle connection parks in ───────────────
//
// `read_with` (like `drain`, in `writes.rs`) is a future written by hand
// rather than an `async fn`: a server task spends its idle life parked in
// it, so its size is part of what every idle connection costs. It is a
// reference to its stream and the closure — 16 bytes for the echo
// handler's — where an `async fn` would also store its locals.

/// The future of [`TcpStream::read_with`].
pub struct ReadWith<'a, F> {
    /// The stream read.
    stream: &'a TcpStream,
    /// The closure, until it has been called.
    f: Option<F>,
}

impl<F> Unpin for ReadWith<'_, F> {}

impl<R, F: FnOnce(&[u8]) -> R> Future for ReadWith<'_, F> {
    type Output = io::Result<R>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        let this = &mut *self;
        let stream = this.stream;
        // Bytes a `read_exact` left behind come first.
        if !stream.incoming.borrow().is_empty() {
            let leftover = stream.incoming.borrow_mut().take_all();
            let f = this.f.take().expect("ReadWith polled after it completed");
            return Poll::Ready(Ok(f(&leftover)));
        }
        loop {
            ready!(stream.io.poll_ready(Direction::Read, cx));
            let outcome = with_read_space(|space| match stream.io.get_ref().read(space) {
                Ok(n) => {
                    stream.io.note_transfer(Direction::Read, n, space.len());
                    let f = this.f.take().expect("ReadWith polled after it completed");
                    Some(Ok(f(&space[..n])))
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    stream.io.clear_ready(Direction::Read);
                    None
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => None,
                Err(e) => Some(Err(e)),
            });
            if let Some(result) = outcome {
                return Poll::Ready(result);
            }
        }
    }
}
