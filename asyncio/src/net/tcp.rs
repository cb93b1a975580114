//! Non-blocking TCP sockets registered with the loop's reactor.
//!
//! Every operation has the same shape (see `reactor::Async::io_op`):
//!
//! ```text
//!   read(buf):  readable bit set? ──no──▶ park waker, Pending ──(epoll edge)──┐
//!                   │ yes                                                     │
//!                   ▼                                              ◀──────────┘
//!               read(2) ── EWOULDBLOCK ──▶ clear readable bit, park again
//!                   │ n bytes / EOF / error
//!                   ▼
//!                 Ready
//! ```
//!
//! The sockets are std's, switched to non-blocking mode; `connect` is made
//! with nix because std has no non-blocking connect (it returns
//! `EINPROGRESS`, and completion is reported as writability, after which
//! `SO_ERROR` says whether it worked). `TCP_NODELAY` is set on every
//! connection, as asyncio does, so small request/response messages are not
//! held back by Nagle's algorithm.
//!
//! One reader and one writer at a time: the reactor keeps one waker per
//! direction per fd, so two tasks reading the same stream at once would
//! overwrite each other's waker (tokio's `TcpStream` has the same rule;
//! Python's `StreamReader` raises `RuntimeError` instead).
//!
//! Python equivalent: `socket.socket(...).setblocking(False)` plus
//! `loop.sock_recv` / `loop.sock_sendall` / `loop.sock_connect`.

use crate::reactor::{Async, READABLE, WRITABLE};
use nix::errno::Errno;
use nix::sys::socket::{self, AddressFamily, SockFlag, SockType, SockaddrStorage};
use std::cell::RefCell;
use std::future::poll_fn;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, ToSocketAddrs};
use std::os::fd::AsRawFd;

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
            io: Async::new(listener, 0)?,
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
        let (stream, peer) = self.io.io_op(READABLE, |l| l.accept()).await?;
        stream.set_nonblocking(true)?;
        stream.set_nodelay(true)?;
        // A fresh connection can take writes at once; reads wait for epoll.
        let stream = TcpStream {
            io: Async::new(stream, WRITABLE)?,
            ahead: RefCell::default(),
        };
        Ok((stream, peer))
    }
}

/// Bytes [`TcpStream::read_exact`] asks the kernel for at once.
const READ_AHEAD: usize = 16 * 1024;

/// Bytes read ahead by `read_exact` and not yet handed out.
#[derive(Default)]
struct ReadAhead {
    /// The buffer (allocated on first `read_exact`).
    data: Vec<u8>,
    /// Start of the unread bytes.
    start: usize,
    /// End of the unread bytes.
    end: usize,
}

impl ReadAhead {
    /// Copies buffered bytes into `out`; returns how many.
    fn take_into(&mut self, out: &mut [u8]) -> usize {
        let n = out.len().min(self.end - self.start);
        out[..n].copy_from_slice(&self.data[self.start..self.start + n]);
        self.start += n;
        n
    }
}

/// A connected socket with async reads and writes.
pub struct TcpStream {
    /// The std stream, registered with the reactor.
    io: Async<std::net::TcpStream>,
    /// Bytes `read_exact` read past what it needed (Python's
    /// `StreamReader` buffer): asking the kernel for a full buffer means a
    /// short read tells us the socket is drained, which saves an
    /// `EWOULDBLOCK` syscall per message (see `Async::io_len`).
    ahead: RefCell<ReadAhead>,
}

impl TcpStream {
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
        let io = Async::new(std::net::TcpStream::from(fd), 0)?;
        poll_fn(|cx| io.poll_ready(WRITABLE, cx)).await;
        if let Some(error) = io.get_ref().take_error()? {
            return Err(error);
        }
        io.get_ref().set_nodelay(true)?;
        Ok(TcpStream {
            io,
            ahead: RefCell::default(),
        })
    }

    /// Reads up to `buf.len()` bytes; `Ok(0)` means the peer closed
    /// (Python: `await reader.read(n)`).
    ///
    /// # Errors
    /// As `read(2)`, e.g. `ECONNRESET`.
    pub async fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        let buffered = self.ahead.borrow_mut().take_into(buf);
        if buffered > 0 {
            return Ok(buffered);
        }
        let requested = buf.len();
        self.io
            .io_len(READABLE, requested, |mut s| s.read(buf))
            .await
    }

    /// Reads exactly `buf.len()` bytes (Python: `readexactly(n)`). Reads
    /// ahead into an internal buffer of 16 KiB, like Python's
    /// `StreamReader`; later `read`s are served from it first.
    ///
    /// # Errors
    /// `UnexpectedEof` when the peer closes first (Python:
    /// `IncompleteReadError`), or a socket error.
    pub async fn read_exact(&self, buf: &mut [u8]) -> io::Result<()> {
        let mut filled = self.ahead.borrow_mut().take_into(buf);
        while filled < buf.len() {
            let n = if buf.len() - filled >= READ_AHEAD {
                self.read(&mut buf[filled..]).await?
            } else {
                let got = self
                    .io
                    .io_len(READABLE, READ_AHEAD, |mut s| {
                        let mut ahead = self.ahead.borrow_mut();
                        if ahead.data.len() < READ_AHEAD {
                            ahead.data.resize(READ_AHEAD, 0);
                        }
                        let got = s.read(&mut ahead.data)?;
                        (ahead.start, ahead.end) = (0, got);
                        Ok(got)
                    })
                    .await?;
                if got == 0 {
                    0
                } else {
                    self.ahead.borrow_mut().take_into(&mut buf[filled..])
                }
            };
            if n == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("peer closed after {filled} of {} bytes", buf.len()),
                ));
            }
            filled += n;
        }
        Ok(())
    }

    /// Writes some of `buf`; returns how much.
    ///
    /// # Errors
    /// As `write(2)`, e.g. `EPIPE` when the peer is gone.
    pub async fn write(&self, buf: &[u8]) -> io::Result<usize> {
        self.io
            .io_len(WRITABLE, buf.len(), |mut s| s.write(buf))
            .await
    }

    /// Writes all of `buf` (Python: `writer.write(buf); await
    /// writer.drain()`).
    ///
    /// # Errors
    /// As [`write`](Self::write); `WriteZero` if the kernel takes nothing.
    pub async fn write_all(&self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.write(buf).await? {
                0 => return Err(io::ErrorKind::WriteZero.into()),
                n => buf = &buf[n..],
            }
        }
        Ok(())
    }

    /// Closes the write half: the peer reads EOF (Python:
    /// `writer.write_eof()`).
    ///
    /// # Errors
    /// As `shutdown(2)`.
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.io.get_ref().shutdown(Shutdown::Write)
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
