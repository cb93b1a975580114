//! # `socket.create_connection`: resolve, then try each address in turn
//!
//! CPython writes `create_connection` in Python (`Lib/socket.py`); its
//! steps are system calls, so the leaf has them in Rust:
//!
//! ```text
//!   for each answer of getaddrinfo(host, port, SOCK_STREAM):
//!       sock = socket(answer)            (proto 6, from the answer)
//!       sock.settimeout(timeout)         (unless the default was kept)
//!       sock.bind(source_address)        (if one was given)
//!       sock.connect(answer.address)  →  success: return sock
//!       failure: remember the error, close sock, try the next answer
//!   no answer connected: raise the LAST error remembered
//! ```
//!
//! The whole function may block (a DNS lookup, then one connect per
//! answer): the interpreter runs it with the GIL released, in one piece.
//! Simplification: CPython retakes the GIL between the lookup and each
//! connect; nothing a Python program observes depends on that.
//! IPv4 only: where CPython would also try `::1` for `'localhost'`, this
//! tries 127.0.0.1 alone (see `addr.rs`).
//!
//! Needs `addr.rs`, `tcp.rs`, `timeout.rs` and `error.rs`.

use super::addr::getaddrinfo_tcp;
use super::error::{BuiltinClass, SocketError};
use super::tcp::Socket;
use super::timeout::Timeout;
use std::net::SocketAddrV4;

/// `socket.create_connection((host, port), timeout, source_address)`.
/// `timeout: None` keeps the default (a blocking socket), as omitting the
/// argument does in Python; `Some(Timeout::Blocking)` is an explicit
/// `timeout=None`. `source` is an already resolved `source_address`.
pub fn create_connection(
    host: &str,
    port: i64,
    timeout: Option<Timeout>,
    source: Option<SocketAddrV4>,
) -> Result<Socket, SocketError> {
    let mut last_error = None;
    for answer in getaddrinfo_tcp(host, port)? {
        match connect_one(answer.addr, answer.protocol, timeout, source) {
            Ok(sock) => return Ok(sock),
            // The failed socket was closed when `connect_one` dropped it.
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| {
        SocketError::builtin(BuiltinClass::OSError, "getaddrinfo returns an empty list")
    }))
}

/// One attempt of the loop: a new socket, set up and connected.
fn connect_one(
    addr: SocketAddrV4,
    protocol: i32,
    timeout: Option<Timeout>,
    source: Option<SocketAddrV4>,
) -> Result<Socket, SocketError> {
    let sock = Socket::with_protocol(protocol)?;
    if let Some(mode) = timeout {
        sock.settimeout(mode)?;
    }
    if let Some(source) = source {
        sock.bind(source)?;
    }
    sock.connect(addr)?;
    Ok(sock)
}
