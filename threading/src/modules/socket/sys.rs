//! # The system calls under Python's `socket` module, one safe wrapper each
//!
//! CPython's `Modules/socketmodule.c` calls the C library's socket
//! functions directly; so does this file, through `extern "C"`
//! declarations of functions the C library std links already provides (no
//! `libc` crate: the `threading` crate has no dependencies). Each wrapper
//! makes exactly ONE system call and returns `Err(errno)` when it fails:
//! retrying on `EINTR`, waiting with `poll(2)` and timeouts are policy, and
//! live one layer up in `timeout.rs`, as they live in CPython's
//! `sock_call_ex` rather than in its `sock_recv_impl`.
//!
//! ```text
//!   tcp.rs (Socket methods)  →  timeout.rs (poll + retry loop)  →  sys.rs (one syscall)
//! ```
//!
//! The wrappers are safe functions: they take a file descriptor number and
//! Rust slices, and the `unsafe` blocks inside only pass pointers to memory
//! the wrapper owns or borrows for the duration of the call. A wrong fd is
//! not memory-unsafe (the kernel answers `EBADF`, or acts on whatever file
//! has that number: the same hazard CPython has after a `close()` race).
//!
//! Platform: Linux with glibc or musl. The constants and struct layouts
//! are Linux's (the same on x86-64 and aarch64). Simplification: a port to
//! the BSDs or macOS would take different values (`SOL_SOCKET` is 0xffff
//! there, `sockaddr_in` has a length byte, `addrinfo` orders two fields
//! the other way round).

use std::ffi::{c_int, c_short, c_ulong, c_void};
use std::net::{Ipv4Addr, SocketAddrV4};

/// A file descriptor number, as C's `int`.
pub type RawFd = c_int;
/// An errno value, as the failed call left it.
pub type Errno = i32;

/// `AF_INET`: IPv4, the only family this leaf supports.
pub const AF_INET: i32 = 2;
/// `SOCK_STREAM`: TCP, the only type this leaf supports.
pub const SOCK_STREAM: i32 = 1;
/// `IPPROTO_TCP`: the protocol number `getaddrinfo` reports for TCP.
pub const IPPROTO_TCP: i32 = 6;
/// `SOL_SOCKET`: the option level of `SO_REUSEADDR` and `SO_ERROR`.
pub const SOL_SOCKET: i32 = 1;
/// `SO_REUSEADDR`: rebind a port whose old connections are in TIME_WAIT.
pub const SO_REUSEADDR: i32 = 2;
/// `SO_ERROR`: read (and clear) a socket's pending error, how the result
/// of a non-blocking `connect` is collected.
pub const SO_ERROR: i32 = 4;
/// `SHUT_RD`: no more receptions.
pub const SHUT_RD: i32 = 0;
/// `SHUT_WR`: no more transmissions; the peer reads end-of-file.
pub const SHUT_WR: i32 = 1;
/// `SHUT_RDWR`: both.
pub const SHUT_RDWR: i32 = 2;
/// `socket.SOMAXCONN` as CPython 3.11 on glibc 2.36 reports it.
pub const SOMAXCONN: i32 = 4096;

/// `SOCK_CLOEXEC`: created close-on-exec, so a child started by `exec`
/// does not inherit the socket (CPython's sockets are non-inheritable,
/// PEP 446).
const SOCK_CLOEXEC: c_int = 0o2_000_000;
/// `MSG_NOSIGNAL`: a send to a closed connection fails with `EPIPE`
/// instead of raising `SIGPIPE`. CPython does not pass it because it
/// ignores `SIGPIPE` at start-up; Rust's runtime does the same, but a
/// program that copies this file may not, so we ask per call.
const MSG_NOSIGNAL: c_int = 0x4000;
/// `FIONBIO`: the `ioctl` that switches `O_NONBLOCK`, what CPython's
/// `internal_setblocking` uses on Linux (one call; `fcntl` would take two).
const FIONBIO: c_ulong = 0x5421;

/// `poll` event: readable (data, end-of-file, or a pending connection).
pub const POLLIN: c_short = 0x001;
/// `poll` event: writable (or a non-blocking connect finished).
pub const POLLOUT: c_short = 0x004;
/// `poll` event: an error condition (reported even when not asked for).
pub const POLLERR: c_short = 0x008;

/// C's `struct sockaddr_in`: family, port and address in network byte
/// order, and eight bytes of padding.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SockaddrIn {
    /// `AF_INET`.
    pub sin_family: u16,
    /// The port, big-endian.
    pub sin_port: u16,
    /// The IPv4 address, big-endian (`struct in_addr`).
    pub sin_addr: u32,
    /// Padding up to the size of `struct sockaddr`.
    pub sin_zero: [u8; 8],
}

impl SockaddrIn {
    /// The C form of `addr`.
    pub fn from_addr(addr: SocketAddrV4) -> SockaddrIn {
        SockaddrIn {
            sin_family: AF_INET as u16,
            sin_port: addr.port().to_be(),
            sin_addr: u32::from_ne_bytes(addr.ip().octets()),
            sin_zero: [0; 8],
        }
    }

    /// The Rust form of this address.
    pub fn to_addr(self) -> SocketAddrV4 {
        let ip = Ipv4Addr::from(self.sin_addr.to_ne_bytes());
        SocketAddrV4::new(ip, u16::from_be(self.sin_port))
    }

    /// All-zero, for the kernel to fill in.
    fn empty() -> SockaddrIn {
        SockaddrIn::from_addr(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0))
    }
}

/// C's `socklen_t`.
type SockLen = u32;
/// The size of `struct sockaddr_in` as the calls want it.
const SOCKADDR_IN_LEN: SockLen = std::mem::size_of::<SockaddrIn>() as SockLen;

/// C's `struct pollfd`.
#[repr(C)]
struct PollFd {
    /// The descriptor to watch.
    fd: c_int,
    /// What to wait for (`POLLIN`, `POLLOUT`, ...).
    events: c_short,
    /// What happened, filled in by the kernel.
    revents: c_short,
}

extern "C" {
    fn socket(domain: c_int, kind: c_int, protocol: c_int) -> c_int;
    fn bind(fd: c_int, addr: *const SockaddrIn, len: SockLen) -> c_int;
    fn listen(fd: c_int, backlog: c_int) -> c_int;
    fn accept4(fd: c_int, addr: *mut SockaddrIn, len: *mut SockLen, flags: c_int) -> c_int;
    fn connect(fd: c_int, addr: *const SockaddrIn, len: SockLen) -> c_int;
    fn send(fd: c_int, buf: *const c_void, len: usize, flags: c_int) -> isize;
    fn recv(fd: c_int, buf: *mut c_void, len: usize, flags: c_int) -> isize;
    fn shutdown(fd: c_int, how: c_int) -> c_int;
    fn close(fd: c_int) -> c_int;
    fn setsockopt(
        fd: c_int,
        level: c_int,
        name: c_int,
        value: *const c_void,
        len: SockLen,
    ) -> c_int;
    fn getsockopt(
        fd: c_int,
        level: c_int,
        name: c_int,
        value: *mut c_void,
        len: *mut SockLen,
    ) -> c_int;
    fn getsockname(fd: c_int, addr: *mut SockaddrIn, len: *mut SockLen) -> c_int;
    fn getpeername(fd: c_int, addr: *mut SockaddrIn, len: *mut SockLen) -> c_int;
    fn poll(fds: *mut PollFd, nfds: c_ulong, timeout_ms: c_int) -> c_int;
    fn ioctl(fd: c_int, request: c_ulong, ...) -> c_int;
}

/// Turns a C status (`-1` = failed, errno set) into a `Result`.
fn check(status: c_int) -> Result<c_int, Errno> {
    if status == -1 {
        Err(last_errno())
    } else {
        Ok(status)
    }
}

/// The same for the `ssize_t` byte counts of `send`/`recv`.
fn check_len(count: isize) -> Result<usize, Errno> {
    usize::try_from(count).map_err(|_| last_errno())
}

/// This thread's `errno` (std reads it for us).
fn last_errno() -> Errno {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// `socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, protocol)`: a new TCP
/// socket, blocking, close-on-exec (`protocol` 0 lets the kernel choose,
/// which for TCP is 6).
pub fn new_tcp_socket(protocol: i32) -> Result<RawFd, Errno> {
    // SAFETY: no pointers; the kernel only allocates a descriptor.
    check(unsafe { socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, protocol) })
}

/// `bind(fd, addr)`.
pub fn bind_to(fd: RawFd, addr: SocketAddrV4) -> Result<(), Errno> {
    let c_addr = SockaddrIn::from_addr(addr);
    // SAFETY: `c_addr` is a valid `sockaddr_in` on our stack for the whole
    // call, and we pass its exact size.
    check(unsafe { bind(fd, &c_addr, SOCKADDR_IN_LEN) }).map(drop)
}

/// `listen(fd, backlog)`.
pub fn listen_on(fd: RawFd, backlog: i32) -> Result<(), Errno> {
    // SAFETY: no pointers.
    check(unsafe { listen(fd, backlog) }).map(drop)
}

/// `accept4(fd, &addr, SOCK_CLOEXEC)`: the new connection's descriptor
/// (blocking, close-on-exec) and the peer's address.
pub fn accept_one(fd: RawFd) -> Result<(RawFd, SocketAddrV4), Errno> {
    let mut c_addr = SockaddrIn::empty();
    let mut len = SOCKADDR_IN_LEN;
    // SAFETY: `c_addr` and `len` are writable locals that outlive the call;
    // `len` tells the kernel how many bytes `c_addr` has room for.
    let new_fd = check(unsafe { accept4(fd, &mut c_addr, &mut len, SOCK_CLOEXEC) })?;
    Ok((new_fd, c_addr.to_addr()))
}

/// `connect(fd, addr)`: `Err(EINPROGRESS)` on a non-blocking socket means
/// "started; poll for writability, then read `SO_ERROR`".
pub fn connect_to(fd: RawFd, addr: SocketAddrV4) -> Result<(), Errno> {
    let c_addr = SockaddrIn::from_addr(addr);
    // SAFETY: as in `bind_to`.
    check(unsafe { connect(fd, &c_addr, SOCKADDR_IN_LEN) }).map(drop)
}

/// `send(fd, data, MSG_NOSIGNAL)`: how many bytes the kernel took.
pub fn send_some(fd: RawFd, data: &[u8]) -> Result<usize, Errno> {
    // SAFETY: `data` is a live slice; the kernel reads at most `data.len()`
    // bytes from it during the call.
    check_len(unsafe { send(fd, data.as_ptr().cast(), data.len(), MSG_NOSIGNAL) })
}

/// `recv(fd, buf, 0)`: how many bytes arrived; 0 means end-of-file (or an
/// empty `buf`).
pub fn recv_some(fd: RawFd, buf: &mut [u8]) -> Result<usize, Errno> {
    // SAFETY: `buf` is a live, writable slice; the kernel writes at most
    // `buf.len()` bytes into it during the call.
    check_len(unsafe { recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0) })
}

/// `shutdown(fd, how)`; an invalid `how` fails with `EINVAL`.
pub fn shutdown_fd(fd: RawFd, how: i32) -> Result<(), Errno> {
    // SAFETY: no pointers.
    check(unsafe { shutdown(fd, how) }).map(drop)
}

/// `close(fd)`. Never retried on `EINTR`: on Linux the descriptor is gone
/// even then, and a retry could close a descriptor another thread just
/// opened (CPython's `sock_close` says the same).
pub fn close_fd(fd: RawFd) -> Result<(), Errno> {
    // SAFETY: no pointers.
    check(unsafe { close(fd) }).map(drop)
}

/// `setsockopt(fd, level, name, &value, sizeof(int))`.
pub fn set_int_option(fd: RawFd, level: i32, name: i32, value: i32) -> Result<(), Errno> {
    let size = std::mem::size_of::<c_int>() as SockLen;
    // SAFETY: `value` is a live `int` on our stack and `size` is its size.
    check(unsafe { setsockopt(fd, level, name, (&value as *const c_int).cast(), size) }).map(drop)
}

/// `getsockopt(fd, level, name)` for an `int` option.
pub fn get_int_option(fd: RawFd, level: i32, name: i32) -> Result<i32, Errno> {
    let mut value: c_int = 0;
    let mut size = std::mem::size_of::<c_int>() as SockLen;
    let value_ptr = (&mut value as *mut c_int).cast();
    // SAFETY: `value` and `size` are writable locals that outlive the call;
    // `size` says how many bytes `value` holds.
    check(unsafe { getsockopt(fd, level, name, value_ptr, &mut size) })?;
    Ok(value)
}

/// `getsockname(fd)`: the local address.
pub fn local_address(fd: RawFd) -> Result<SocketAddrV4, Errno> {
    let mut c_addr = SockaddrIn::empty();
    let mut len = SOCKADDR_IN_LEN;
    // SAFETY: as in `accept_one`.
    check(unsafe { getsockname(fd, &mut c_addr, &mut len) })?;
    Ok(c_addr.to_addr())
}

/// `getpeername(fd)`: the connected peer's address (`ENOTCONN` if none).
pub fn peer_address(fd: RawFd) -> Result<SocketAddrV4, Errno> {
    let mut c_addr = SockaddrIn::empty();
    let mut len = SOCKADDR_IN_LEN;
    // SAFETY: as in `accept_one`.
    check(unsafe { getpeername(fd, &mut c_addr, &mut len) })?;
    Ok(c_addr.to_addr())
}

/// `ioctl(fd, FIONBIO, &on)`: switch `O_NONBLOCK` on or off.
pub fn set_nonblocking(fd: RawFd, on: bool) -> Result<(), Errno> {
    let mut flag: c_int = c_int::from(on);
    // SAFETY: FIONBIO reads one `int` through the pointer, which points to
    // a live local for the duration of the call.
    check(unsafe { ioctl(fd, FIONBIO, &mut flag as *mut c_int) }).map(drop)
}

/// `poll` on one descriptor: `Ok(true)` if any of `events` (or an error or
/// hang-up) happened within `timeout_ms` milliseconds (`-1`: no limit),
/// `Ok(false)` if the time ran out.
pub fn poll_one(fd: RawFd, events: c_short, timeout_ms: i32) -> Result<bool, Errno> {
    let mut entry = PollFd {
        fd,
        events,
        revents: 0,
    };
    // SAFETY: `entry` is one writable `pollfd` that outlives the call, and
    // we say there is exactly one.
    let ready = check(unsafe { poll(&mut entry, 1, timeout_ms) })?;
    Ok(ready > 0)
}
