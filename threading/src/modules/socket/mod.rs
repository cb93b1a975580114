//! # The system side of Python's `socket` module: TCP over IPv4
//!
//! What MiniPy's `socket` module needs from the operating system, as a
//! leaf: no interpreter types, std only, the C library's socket functions
//! through `extern "C"` declarations (`Modules/socketmodule.c` is the
//! CPython equivalent; `create_connection` is from `Lib/socket.py`).
//!
//! ```text
//!   Python                              Rust (this leaf)
//!   ─────────────────────────────────   ─────────────────────────────────────────
//!   socket.socket()                     Socket::new()
//!   s.bind(('', 8000))                  parse_address("", 8000, "bind")?.resolve()  → s.bind(addr)
//!   s.listen(5) / s.listen()            s.listen(Some(5)) / s.listen(None)
//!   conn, addr = s.accept()             s.accept()          → (Socket, SocketAddrV4)
//!   s.connect(('localhost', 8000))      parse_address(..)?.resolve() → s.connect(addr)
//!   s.connect_ex(addr)                  s.connect_ex(addr)  → errno or 0
//!   socket.create_connection(a, t)      create_connection(host, port, Some(t), None)
//!   s.send(b) / s.sendall(b)            s.send(&b) / s.sendall(&b)
//!   s.recv(n) / s.recv_into(buf)        s.recv(n) / s.recv_into(&mut buf)
//!   s.shutdown(socket.SHUT_WR)          s.shutdown(SHUT_WR)
//!   s.close() / with s: ...             s.close()   (and Drop)
//!   s.settimeout(0.05) / gettimeout()   s.settimeout(Timeout::from_seconds_f64(0.05)?) / s.gettimeout().as_seconds()
//!   s.setblocking(False)                s.setblocking(false)
//!   s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)   s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
//!   s.getsockname() / getpeername()     s.getsockname() / s.getpeername()
//!   s.fileno() / repr(s)                s.fileno() / s.python_repr()
//!   TimeoutError: timed out             SocketError::Timeout
//!   ConnectionRefusedError: [Errno 111] SocketError::Os(111)  (class and text: modules/errno.rs)
//!   socket.gaierror: [Errno -2] ...     SocketError::AddressLookup { code, message }
//! ```
//!
//! ## Files, bottom-up
//! | file | mechanism |
//! |---|---|
//! | `sys.rs` | one safe wrapper per system call; Linux constants and C structs |
//! | `error.rs` | `SocketError`: which Python exception, with CPython's text |
//! | `timeout.rs` | the three timeout modes and CPython's `sock_call_ex` poll-and-retry loop |
//! | `addr.rs` | `('host', port)` → `SocketAddrV4`, with `getaddrinfo` for names |
//! | `tcp.rs` | `Socket`: the fd, the mode, Python's methods |
//! | `create.rs` | `create_connection` |
//!
//! ## How the interpreter uses it
//! The Python `socket` object holds an `std::sync::Arc<Socket>`; each method converts
//! its Python arguments (ints, `bytes`, the address tuple), calls the
//! method here, inside the GIL-release helper for the methods `tcp.rs`
//! lists as blocking, and turns a `SocketError` into the exception its
//! `class_name()` names with `to_string()` as the message (`errno()` and
//! `strerror()` fill `e.errno` / `e.strerror`). Nothing here knows the
//! interpreter; nothing here sleeps to wait: waits are `poll(2)` with
//! CPython's deadlines.
//!
//! Needs std and the sibling leaf `modules/errno.rs` (reached as
//! `super::errno`, so a test that includes this module with `#[path]`
//! includes `errno.rs` beside it). Linux only (see `sys.rs`).

// The sibling leaf, visible to the files below as `super::errno`.
use super::errno;

pub mod addr;
pub mod create;
pub mod error;
pub mod sys;
pub mod tcp;
pub mod timeout;

pub use addr::{getaddrinfo_tcp, parse_address, AddrInfoEntry, Address};
pub use create::create_connection;
pub use error::{BuiltinClass, SocketError};
pub use sys::{
    AF_INET, IPPROTO_TCP, SHUT_RD, SHUT_RDWR, SHUT_WR, SOCK_STREAM, SOL_SOCKET, SOMAXCONN,
    SO_ERROR, SO_REUSEADDR,
};
pub use tcp::{python_address, Socket, DEFAULT_BACKLOG};
pub use timeout::Timeout;
