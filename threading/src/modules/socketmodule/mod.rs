//! # `socket`: TCP over IPv4, every blocking call with the GIL released
//!
//! The module a threading program imports to write an echo server or a
//! downloader: CPython's `_socket` (C) and `socket.py` (Python) in one
//! native module, over the std-only leaf `modules/socket/` that owns the
//! system calls and CPython's timeout and error rules.
//!
//! ```text
//!   import socket
//!   socket.socket()            object.rs   SOCKET: bind, listen, accept, connect,
//!                                          send, sendall, recv, shutdown, close, ...
//!   socket.create_connection   mod.rs      resolve + connect, GIL released
//!   socket.create_server       mod.rs      socket, SO_REUSEADDR, bind, listen
//!   socket.timeout, error,     errors.rs   CPython's classes, args and texts
//!     gaierror, herror
//!   AF_INET, SOCK_STREAM, ...  mod.rs      Linux's values
//! ```
//!
//! ## Files
//! | file | mechanism |
//! |---|---|
//! | `errors.rs` | leaf `SocketError` → the Python exception |
//! | `object.rs` | the `socket.socket` class; where the GIL is released |
//! | `mod.rs` | module functions and constants |
//!
//! Why one native module rather than CPython's two: the Python half
//! (`socket.py`) mostly re-wraps `accept` and adds `create_connection`,
//! whose loop the leaf already has in Rust (run in ONE GIL release); a
//! Python wrapper around every `recv` would add a Python call per
//! operation to the echo benchmark that measures the GIL, not wrappers.
//!
//! Python equivalent: `Modules/socketmodule.c` and `Lib/socket.py`.

pub mod errors;
pub mod object;

use crate::modules::socket::{
    create_connection, getaddrinfo_tcp, Socket, AF_INET, IPPROTO_TCP, SHUT_RD, SHUT_RDWR, SHUT_WR,
    SOCK_STREAM, SOL_SOCKET, SOMAXCONN, SO_ERROR, SO_REUSEADDR,
};
use crate::object::builtin_types::types;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::native::{outside_minipy, Args, ModuleInit, NativeModule, NativeSpec};
use crate::vm::ThreadCtx;
use errors::to_py_err;
use object::{address_arg, address_value, host_arg, socket_value, timeout_arg, SOCKET};

/// `TCP_NODELAY` (level `IPPROTO_TCP`): turn off Nagle's algorithm.
const TCP_NODELAY: i32 = 1;
/// `SO_KEEPALIVE`, `SO_SNDBUF`, `SO_RCVBUF`, `SO_REUSEPORT` (Linux).
const SO_KEEPALIVE: i32 = 9;
/// `SO_SNDBUF`: the send buffer size.
const SO_SNDBUF: i32 = 7;
/// `SO_RCVBUF`: the receive buffer size.
const SO_RCVBUF: i32 = 8;
/// `SO_REUSEPORT`: several listeners on one port.
const SO_REUSEPORT: i32 = 15;

/// `(host, port)` of `create_connection`/`getaddrinfo`: a host and a port
/// number (CPython also accepts a service name; MiniPy wants digits).
fn host_port(vm: &mut ThreadCtx, v: &Value, caller: &str) -> PyResult<(String, i64)> {
    let Value::Tuple(t) = v else {
        return Err(PyErr::type_error(format!(
            "{caller}(): address must be a (host, port) tuple, not {}",
            v.type_name()
        )));
    };
    let [host, port] = &t.items[..] else {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "not enough values to unpack (expected 2)",
        ));
    };
    Ok((host_arg(host)?, port_arg(vm, port)?))
}

/// A port for `getaddrinfo`: an int, `None` (0) or a string of digits.
fn port_arg(vm: &mut ThreadCtx, v: &Value) -> PyResult<i64> {
    match v {
        Value::None => Ok(0),
        Value::Str(s) => s
            .as_str()
            .parse()
            .map_err(|_| outside_minipy(&format!("a service name as port ({:?})", s.as_str()))),
        other => index_arg(vm, other),
    }
}

/// `create_connection(address, timeout=<default>, source_address=None)`:
/// the lookup and every connect attempt in one GIL release.
fn create_connection_fn(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [address, timeout, source] = args.bind(
        "create_connection",
        ["address", "timeout", "source_address"],
        1,
    )?;
    let (host, port) = host_port(vm, address.unwrap_or(&Value::None), "create_connection")?;
    // Omitted: the socket keeps its default (blocking); `None`: blocking
    // explicitly (the same thing without `setdefaulttimeout`).
    let timeout = match timeout {
        None => None,
        Some(v) => Some(timeout_arg(v)?),
    };
    let source = match source {
        None | Some(Value::None) => None,
        Some(v) => Some(address_arg(vm, v, "bind")?),
    };
    let sock = vm
        .blocking(|| create_connection(&host, port, timeout, source))
        .map_err(to_py_err)?;
    Ok(socket_value(sock))
}

/// `create_server(address, *, family=AF_INET, backlog=None,
/// reuse_port=False)`: a listening socket (`SO_REUSEADDR` set, as
/// CPython sets it on POSIX).
fn create_server(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [address, family, backlog, reuse_port, dualstack] = args.bind(
        "create_server",
        [
            "address",
            "family",
            "backlog",
            "reuse_port",
            "dualstack_ipv6",
        ],
        1,
    )?;
    if let Some(f) = family {
        if index_arg(vm, f)? != AF_INET as i64 {
            return Err(outside_minipy(
                "create_server() for a family other than AF_INET",
            ));
        }
    }
    if let Some(d) = dualstack {
        if vm.truthy(d)? {
            return Err(outside_minipy("create_server(dualstack_ipv6=True)"));
        }
    }
    let address = address_arg(vm, address.unwrap_or(&Value::None), "bind")?;
    let backlog = match backlog {
        None | Some(Value::None) => None,
        Some(b) => Some(index_arg(vm, b)?.clamp(0, i32::MAX as i64) as i32),
    };
    let reuse_port = match reuse_port {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    let sock = vm
        .blocking(|| -> Result<Socket, crate::modules::socket::SocketError> {
            let sock = Socket::new()?;
            sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)?;
            if reuse_port {
                sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)?;
            }
            sock.bind(address)?;
            sock.listen(backlog)?;
            Ok(sock)
        })
        .map_err(to_py_err)?;
    Ok(socket_value(sock))
}

/// `getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)`: the
/// IPv4 TCP answers as `(family, type, proto, canonname, (host, port))`.
fn getaddrinfo(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let [host, port, family, kind, _proto, _flags] = args.bind(
        "getaddrinfo",
        ["host", "port", "family", "type", "proto", "flags"],
        2,
    )?;
    for (value, allowed) in [(family, AF_INET), (kind, SOCK_STREAM)] {
        if let Some(v) = value {
            let n = index_arg(vm, v)?;
            if n != 0 && n != allowed as i64 {
                return Err(outside_minipy("getaddrinfo() beyond AF_INET/SOCK_STREAM"));
            }
        }
    }
    let host = match host {
        None | Some(Value::None) => "127.0.0.1".to_string(),
        Some(h) => host_arg(h)?,
    };
    let port = port_arg(vm, port.unwrap_or(&Value::None))?;
    let answers = vm
        .blocking(|| getaddrinfo_tcp(&host, port))
        .map_err(to_py_err)?;
    Ok(Value::list(
        answers
            .into_iter()
            .map(|a| {
                Value::tuple(vec![
                    Value::Int(AF_INET as i64),
                    Value::Int(SOCK_STREAM as i64),
                    Value::Int(a.protocol as i64),
                    Value::str(""),
                    address_value(a.addr),
                ])
            })
            .collect(),
    ))
}

/// `gethostname()`: the kernel's host name.
fn gethostname(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("gethostname", 0, 0)?;
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| "localhost".to_string());
    Ok(Value::string(name))
}

/// `getdefaulttimeout()`: always `None` (MiniPy has no
/// `setdefaulttimeout`: one process-wide setting would leak between the
/// runs of a library that hosts several interpreters).
fn getdefaulttimeout(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    args.arity("getdefaulttimeout", 0, 0)?;
    Ok(Value::None)
}

/// Constants and exception classes.
fn init(_vm: &mut ThreadCtx, m: &ModuleInit<'_>) -> PyResult<()> {
    for (name, value) in [
        ("AF_INET", AF_INET),
        ("SOCK_STREAM", SOCK_STREAM),
        ("SOL_SOCKET", SOL_SOCKET),
        ("SO_REUSEADDR", SO_REUSEADDR),
        ("SO_REUSEPORT", SO_REUSEPORT),
        ("SO_KEEPALIVE", SO_KEEPALIVE),
        ("SO_SNDBUF", SO_SNDBUF),
        ("SO_RCVBUF", SO_RCVBUF),
        ("SO_ERROR", SO_ERROR),
        ("IPPROTO_TCP", IPPROTO_TCP),
        ("TCP_NODELAY", TCP_NODELAY),
        ("SHUT_RD", SHUT_RD),
        ("SHUT_WR", SHUT_WR),
        ("SHUT_RDWR", SHUT_RDWR),
        ("SOMAXCONN", SOMAXCONN),
    ] {
        m.add(name, Value::Int(value as i64));
    }
    m.add("has_ipv6", Value::Bool(Flag(false)));
    m.add("error", Value::Type(types().exc(ExcKind::OSError).clone()));
    m.add(
        "timeout",
        Value::Type(types().exc(ExcKind::TimeoutError).clone()),
    );
    m.add("gaierror", Value::Type(errors::gaierror().clone()));
    m.add("herror", Value::Type(errors::herror().clone()));
    m.add("SocketType", Value::Type(SOCKET.class().clone()));
    Ok(())
}

/// The `socket` module.
pub static MODULE: NativeModule = NativeModule {
    name: "socket",
    functions: &[
        NativeSpec::function("create_connection", create_connection_fn),
        NativeSpec::function("create_server", create_server),
        NativeSpec::function("getaddrinfo", getaddrinfo),
        NativeSpec::function("gethostname", gethostname),
        NativeSpec::function("getdefaulttimeout", getdefaulttimeout),
    ],
    classes: &[&SOCKET],
    init: Some(init),
};
