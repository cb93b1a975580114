//! # `Socket`: one TCP/IPv4 socket, with Python's method set
//!
//! The system side of a Python `socket.socket(AF_INET, SOCK_STREAM)`: a
//! struct that owns a file descriptor (close-on-exec, closed on drop) and
//! the socket's timeout mode, with CPython's methods and CPython's
//! behaviour for each (`Modules/socketmodule.c`, `Lib/socket.py`).
//!
//! ```text
//!   Socket { fd: AtomicI32 (-1 once closed), timeout: AtomicI64, proto }
//! ```
//!
//! ## The GIL contract
//! Every method takes `&self` and touches nothing but the socket, so the
//! interpreter can keep the `Socket` in an `Arc` inside its Python object
//! and run a method inside its release-the-GIL helper, e.g.
//! `let data = gil.blocking(|| sock.recv(n))?;`, exactly where CPython has
//! `Py_BEGIN_ALLOW_THREADS … Py_END_ALLOW_THREADS`. Three groups:
//!
//! | group | methods | GIL |
//! |---|---|---|
//! | may wait in the kernel | `accept`, `connect`, `connect_ex`, `send`, `sendall`, `recv`, `recv_into`, `close` (`SO_LINGER`), and `create_connection`, `Address::resolve` | must be released |
//! | return at once, but CPython releases the GIL around the syscall | `new`, `bind`, `listen`, `shutdown`, `settimeout`, `setblocking`, `getsockname`, `getpeername` | release to mirror CPython's GIL traffic |
//! | no syscall, or CPython keeps the GIL | `setsockopt`, `getsockopt`, `fileno`, `gettimeout`, `getblocking`, `family`, `kind`, `proto`, `python_repr` | keep it |
//!
//! ## Why atomics
//! Two Python threads may use one socket at once: one blocked in `recv`
//! (GIL released) while another calls `close()` or `settimeout()`. The fd
//! and timeout are therefore atomics, read once at the start of each call,
//! as CPython reads `sock_fd`/`sock_timeout` once under the GIL. All
//! accesses are `Relaxed`: no other memory is published through them, and
//! the kernel orders the system calls themselves. A `close` racing a
//! blocked `recv` has CPython's outcome: the `recv` fails with `EBADF` or
//! returns, and the descriptor number may be reused (the same hazard
//! CPython documents; `shutdown` first is the clean way to wake a reader).
//!
//! Needs `sys.rs`, `timeout.rs`, `error.rs` and the sibling leaf
//! `modules/errno.rs`.

use super::errno::{ECONNRESET, EINPROGRESS, EINTR, EISCONN};
use super::error::{BuiltinClass, SocketError};
use super::sys::{self, RawFd};
use super::timeout::{call_with_timeout, Readiness, Timeout, Wait};
use std::net::SocketAddrV4;
use std::sync::atomic::{AtomicI32, AtomicI64, Ordering::Relaxed};
use std::time::Instant;

/// `listen()`'s default backlog in CPython 3.11: `min(SOMAXCONN, 128)`.
pub const DEFAULT_BACKLOG: i32 = if sys::SOMAXCONN < 128 {
    sys::SOMAXCONN
} else {
    128
};

/// A TCP/IPv4 socket. See the file header for the method groups and the
/// GIL contract.
#[derive(Debug)]
pub struct Socket {
    /// The descriptor, or -1 once closed (what `fileno()` returns).
    /// Swapped to -1 by `close`; read once by every other method.
    fd: AtomicI32,
    /// The timeout mode in `Timeout::to_code`'s encoding (-1 blocking,
    /// 0 non-blocking, otherwise nanoseconds). Written by `settimeout`.
    timeout: AtomicI64,
    /// The protocol number the socket was made with: 0 from
    /// `socket.socket()`, 6 from `create_connection` (which passes
    /// `getaddrinfo`'s answer on). Only `proto` and `repr` show it.
    proto: i32,
}

impl Socket {
    /// `socket.socket()` / `socket.socket(AF_INET, SOCK_STREAM)`: a new,
    /// blocking, close-on-exec TCP socket.
    pub fn new() -> Result<Socket, SocketError> {
        Socket::with_protocol(0)
    }

    /// `socket.socket(AF_INET, SOCK_STREAM, protocol)`.
    pub fn with_protocol(protocol: i32) -> Result<Socket, SocketError> {
        let fd = sys::new_tcp_socket(protocol).map_err(SocketError::Os)?;
        Ok(Socket::from_fd(fd, protocol))
    }

    /// Wraps a descriptor this `Socket` now owns, in blocking mode.
    fn from_fd(fd: RawFd, proto: i32) -> Socket {
        Socket {
            fd: AtomicI32::new(fd),
            timeout: AtomicI64::new(Timeout::Blocking.to_code()),
            proto,
        }
    }

    /// `fileno()`: the descriptor, or -1 after `close()`.
    pub fn fileno(&self) -> i32 {
        self.fd.load(Relaxed)
    }

    /// `family`: always `AF_INET` (2).
    pub fn family(&self) -> i32 {
        sys::AF_INET
    }

    /// `type`: always `SOCK_STREAM` (1).
    pub fn kind(&self) -> i32 {
        sys::SOCK_STREAM
    }

    /// `proto`: 0, or 6 for a socket from `create_connection`.
    pub fn proto(&self) -> i32 {
        self.proto
    }

    /// `gettimeout()` as a mode (`Timeout::as_seconds` gives Python's value).
    pub fn gettimeout(&self) -> Timeout {
        Timeout::from_code(self.timeout.load(Relaxed))
    }

    /// `settimeout(x)`: records the mode, then switches the descriptor's
    /// `O_NONBLOCK` to match (on a closed socket: `[Errno 9]`, with the
    /// mode recorded anyway, as CPython).
    pub fn settimeout(&self, mode: Timeout) -> Result<(), SocketError> {
        self.timeout.store(mode.to_code(), Relaxed);
        sys::set_nonblocking(self.fileno(), mode.fd_nonblocking()).map_err(SocketError::Os)
    }

    /// `setblocking(flag)`: `settimeout(None)` or `settimeout(0.0)`.
    pub fn setblocking(&self, flag: bool) -> Result<(), SocketError> {
        self.settimeout(if flag {
            Timeout::Blocking
        } else {
            Timeout::NonBlocking
        })
    }

    /// `getblocking()`: false only in non-blocking mode.
    pub fn getblocking(&self) -> bool {
        self.gettimeout().is_blocking()
    }

    /// `bind(address)` (resolve the tuple first with `addr.rs`).
    pub fn bind(&self, addr: SocketAddrV4) -> Result<(), SocketError> {
        sys::bind_to(self.fileno(), addr).map_err(SocketError::Os)
    }

    /// `listen([backlog])`: `None` is CPython's default
    /// ([`DEFAULT_BACKLOG`]); a negative backlog is raised to 0, as CPython.
    pub fn listen(&self, backlog: Option<i32>) -> Result<(), SocketError> {
        let backlog = backlog.unwrap_or(DEFAULT_BACKLOG).max(0);
        sys::listen_on(self.fileno(), backlog).map_err(SocketError::Os)
    }

    /// `accept()`: may block. The new socket is blocking (`timeout None`)
    /// whatever this one's mode, as `Lib/socket.py` makes it on Linux.
    pub fn accept(&self) -> Result<(Socket, SocketAddrV4), SocketError> {
        let fd = self.fileno();
        let wait = Wait::for_mode(self.gettimeout());
        let (new_fd, peer) =
            call_with_timeout(fd, Readiness::Readable, wait, || sys::accept_one(fd))?;
        Ok((Socket::from_fd(new_fd, 0), peer))
    }

    /// `connect(address)`: may block. In timeout mode the connection is
    /// started non-blocking (`EINPROGRESS`), waited for with `poll`, and
    /// its result read from `SO_ERROR` (CPython's `internal_connect`).
    pub fn connect(&self, addr: SocketAddrV4) -> Result<(), SocketError> {
        let fd = self.fileno();
        let mode = self.gettimeout();
        let errno = match sys::connect_to(fd, addr) {
            Ok(()) => return Ok(()),
            Err(errno) => errno,
        };
        let wait = match (errno, mode) {
            // Interrupted: the kernel goes on connecting in the background.
            // A blocking socket waits for it without a limit; a
            // non-blocking one reports InterruptedError.
            (EINTR, Timeout::Blocking) => Wait::Forever,
            (EINTR, Timeout::After(_)) => Wait::for_mode(mode),
            (EINPROGRESS, Timeout::After(_)) => Wait::for_mode(mode),
            _ => return Err(SocketError::Os(errno)),
        };
        call_with_timeout(fd, Readiness::ConnectDone, wait, || connect_result(fd))
    }

    /// `connect_ex(address)`: may block. 0 on success, else the errno
    /// (a timeout is `EWOULDBLOCK`, 11, as CPython's `SOCK_TIMEOUT_ERR`).
    pub fn connect_ex(&self, addr: SocketAddrV4) -> i32 {
        match self.connect(addr) {
            Ok(()) => 0,
            Err(SocketError::Os(errno)) => errno,
            Err(SocketError::Timeout) => super::errno::EWOULDBLOCK,
            // connect only fails with the two variants above.
            Err(other) => other.errno().unwrap_or(super::errno::EINVAL),
        }
    }

    /// `send(data)`: may block. How many bytes the kernel took (maybe
    /// fewer than `data.len()`).
    pub fn send(&self, data: &[u8]) -> Result<usize, SocketError> {
        let fd = self.fileno();
        let wait = Wait::for_mode(self.gettimeout());
        call_with_timeout(fd, Readiness::Writable, wait, || sys::send_some(fd, data))
    }

    /// `sendall(data)`: may block. Sends until all of `data` is gone; in
    /// timeout mode ONE deadline covers all the partial sends (CPython's
    /// `sock_sendall`). Like CPython's do-while, `sendall(b"")` still makes
    /// one (empty) send.
    pub fn sendall(&self, data: &[u8]) -> Result<(), SocketError> {
        let fd = self.fileno();
        let wait = Wait::for_mode(self.gettimeout());
        let mut rest = data;
        loop {
            if let Wait::Until(deadline) = wait {
                if Instant::now() >= deadline {
                    return Err(SocketError::Timeout);
                }
            }
            let sent =
                call_with_timeout(fd, Readiness::Writable, wait, || sys::send_some(fd, rest))?;
            rest = &rest[sent..];
            if rest.is_empty() {
                return Ok(());
            }
        }
    }

    /// `recv(bufsize)`: may block. At most `bufsize` bytes; empty at
    /// end-of-file. A negative size is CPython's `ValueError`; a size that
    /// cannot be allocated its `MemoryError`.
    pub fn recv(&self, bufsize: i64) -> Result<Vec<u8>, SocketError> {
        let size = usize::try_from(bufsize).map_err(|_| {
            SocketError::builtin(BuiltinClass::ValueError, "negative buffersize in recv")
        })?;
        let mut buf = Vec::new();
        buf.try_reserve_exact(size)
            .map_err(|_| SocketError::builtin(BuiltinClass::MemoryError, ""))?;
        buf.resize(size, 0);
        let received = self.recv_into(&mut buf)?;
        buf.truncate(received);
        buf.shrink_to_fit();
        Ok(buf)
    }

    /// `recv_into(buffer)`: may block. Fills the front of `buf`; returns
    /// the count (0 at end-of-file).
    pub fn recv_into(&self, buf: &mut [u8]) -> Result<usize, SocketError> {
        let fd = self.fileno();
        let wait = Wait::for_mode(self.gettimeout());
        call_with_timeout(fd, Readiness::Readable, wait, || sys::recv_some(fd, buf))
    }

    /// `shutdown(how)` with `SHUT_RD`, `SHUT_WR` or `SHUT_RDWR`; anything
    /// else is the kernel's `EINVAL`. After `SHUT_WR` the peer's `recv`
    /// returns `b''`.
    pub fn shutdown(&self, how: i32) -> Result<(), SocketError> {
        sys::shutdown_fd(self.fileno(), how).map_err(SocketError::Os)
    }

    /// `close()`: releases the descriptor; later calls fail with
    /// `[Errno 9] Bad file descriptor` and `fileno()` is -1. Closing twice
    /// is fine, and `ECONNRESET` from the kernel is ignored (bpo-30319),
    /// as CPython does.
    pub fn close(&self) -> Result<(), SocketError> {
        let fd = self.fd.swap(-1, Relaxed);
        if fd < 0 {
            return Ok(());
        }
        match sys::close_fd(fd) {
            Ok(()) | Err(ECONNRESET) => Ok(()),
            Err(errno) => Err(SocketError::Os(errno)),
        }
    }

    /// `setsockopt(level, option, value)` for an int value, e.g.
    /// `(SOL_SOCKET, SO_REUSEADDR, 1)`.
    pub fn setsockopt(&self, level: i32, option: i32, value: i32) -> Result<(), SocketError> {
        sys::set_int_option(self.fileno(), level, option, value).map_err(SocketError::Os)
    }

    /// `getsockopt(level, option)` for an int option.
    pub fn getsockopt(&self, level: i32, option: i32) -> Result<i32, SocketError> {
        sys::get_int_option(self.fileno(), level, option).map_err(SocketError::Os)
    }

    /// `getsockname()`: `('0.0.0.0', 0)` before `bind`.
    pub fn getsockname(&self) -> Result<SocketAddrV4, SocketError> {
        sys::local_address(self.fileno()).map_err(SocketError::Os)
    }

    /// `getpeername()`: `[Errno 107] Transport endpoint is not connected`
    /// before `connect`/`accept`.
    pub fn getpeername(&self) -> Result<SocketAddrV4, SocketError> {
        sys::peer_address(self.fileno()).map_err(SocketError::Os)
    }

    /// `repr(sock)` as CPython 3.11's `socket.__repr__` writes it:
    /// `<socket.socket fd=3, family=2, type=1, proto=0, laddr=('127.0.0.1', 5000)>`.
    pub fn python_repr(&self) -> String {
        let fd = self.fileno();
        let closed = if fd < 0 { " [closed]" } else { "" };
        let mut text = format!(
            "<socket.socket{closed} fd={fd}, family={}, type={}, proto={}",
            self.family(),
            self.kind(),
            self.proto
        );
        if fd >= 0 {
            if let Ok(local) = self.getsockname() {
                text.push_str(&format!(", laddr={}", python_address(local)));
            }
            if let Ok(peer) = self.getpeername() {
                text.push_str(&format!(", raddr={}", python_address(peer)));
            }
        }
        text.push('>');
        text
    }
}

impl Drop for Socket {
    /// A socket nobody closed is closed here (CPython does the same in its
    /// finaliser, with a `ResourceWarning` MiniPy does not print).
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// `repr` of an address tuple: `('127.0.0.1', 5000)`.
pub fn python_address(addr: SocketAddrV4) -> String {
    format!("('{}', {})", addr.ip(), addr.port())
}

/// CPython's `sock_connect_impl`: the result of a connect that was in
/// progress, read (and cleared) from `SO_ERROR`.
fn connect_result(fd: RawFd) -> Result<(), i32> {
    match sys::get_int_option(fd, sys::SOL_SOCKET, sys::SO_ERROR)? {
        0 | EISCONN => Ok(()),
        errno => Err(errno),
    }
}
