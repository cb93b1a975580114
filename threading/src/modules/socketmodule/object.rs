//! # `socket.socket`: the Python object over the leaf's `Socket`
//!
//! Each method converts its Python arguments, calls the leaf
//! (`modules/socket/tcp.rs`) and converts the answer back. The point of
//! the file is *where the GIL is released*: exactly where CPython's
//! `Modules/socketmodule.c` has `Py_BEGIN_ALLOW_THREADS`.
//!
//! ```text
//!   conn.recv(1024)
//!     │ GIL held: check the receiver, convert 1024
//!     ├─ blocking_call ─▶ register with rt.interrupts (woken at exit)
//!     │                   vm.blocking(|| sock.recv(1024))  ◀── GIL released:
//!     │                                                        other threads run;
//!     │                                                        the timeline lane
//!     │                                                        shows Blocked
//!     │ GIL held again: bytes object, or the exception of errors.rs
//! ```
//!
//! | methods | GIL |
//! |---|---|
//! | `accept connect connect_ex send sendall recv recv_into close` | released around the call (may wait) |
//! | `bind listen shutdown settimeout setblocking getsockname getpeername`, `socket()` | released around the call (never waits; CPython releases, so the GIL traffic is the same) |
//! | `setsockopt getsockopt fileno gettimeout getblocking family type proto __repr__` | kept |
//!
//! A thread blocked here holds no lock of the hub, so the deadlock
//! detector counts it as live but never as waiting: blocked on I/O is not
//! deadlocked (another thread, or another process, may still send).
//!
//! Simplifications: TCP over IPv4 only (`socket(AF_INET6)` says so);
//! `family`, `type` are plain ints (CPython's are `IntEnum`s: same
//! value, same `print`, another `repr`); `flags` arguments must be 0;
//! no `makefile`, `dup`, `detach`, `sendto`/`recvfrom`.
//!
//! Needs the leaf `modules/socket/`, `errors.rs` and the VM's native API.

use super::errors::to_py_err;
use crate::modules::socket::{
    parse_address, Address, Socket, SocketError, Timeout, AF_INET, SHUT_RDWR, SOCK_STREAM,
};
use crate::object::bytes::{ByteArray, Bytes};
use crate::object::refcount::Arc;
use crate::object::value::Flag;
use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::index_arg;
use crate::vm::interrupts::Interrupt;
use crate::vm::native::{outside_minipy, Args, NativeClass, NativeSpec};
use crate::vm::ThreadCtx;
use std::net::SocketAddrV4;

/// A `socket.socket` instance's native state.
pub struct SocketObject {
    /// The system socket. Shared (`Arc`) with any call blocked on it, so
    /// the Python object can be freed while a call is in progress.
    pub sock: std::sync::Arc<Socket>,
}

impl Interrupt for Socket {
    /// Interpreter exit: `shutdown` wakes `accept`, `recv` and `send`
    /// blocked on this socket (Linux returns `EINVAL` from a woken
    /// `accept`, end-of-file from `recv`, `EPIPE` from `send`).
    fn interrupt(&self) {
        let _ = self.shutdown(SHUT_RDWR);
    }
}

/// The class `socket.socket`.
pub static SOCKET: NativeClass = NativeClass::new(
    "socket",
    "socket",
    &[
        NativeSpec::staticmethod("__new__", socket_new),
        NativeSpec::method("__init__", socket_init),
        NativeSpec::method("__repr__", socket_repr),
        NativeSpec::method("__enter__", socket_enter),
        NativeSpec::method("__exit__", socket_exit),
        NativeSpec::method("bind", socket_bind),
        NativeSpec::method("listen", socket_listen),
        NativeSpec::method("accept", socket_accept),
        NativeSpec::method("connect", socket_connect),
        NativeSpec::method("connect_ex", socket_connect_ex),
        NativeSpec::method("send", socket_send),
        NativeSpec::method("sendall", socket_sendall),
        NativeSpec::method("recv", socket_recv),
        NativeSpec::method("recv_into", socket_recv_into),
        NativeSpec::method("shutdown", socket_shutdown),
        NativeSpec::method("close", socket_close),
        NativeSpec::method("settimeout", socket_settimeout),
        NativeSpec::method("gettimeout", socket_gettimeout),
        NativeSpec::method("setblocking", socket_setblocking),
        NativeSpec::method("getblocking", socket_getblocking),
        NativeSpec::method("setsockopt", socket_setsockopt),
        NativeSpec::method("getsockopt", socket_getsockopt),
        NativeSpec::method("getsockname", socket_getsockname),
        NativeSpec::method("getpeername", socket_getpeername),
        NativeSpec::method("fileno", socket_fileno),
        NativeSpec::getter("family", socket_family),
        NativeSpec::getter("type", socket_type),
        NativeSpec::getter("proto", socket_proto),
        NativeSpec::getter("timeout", socket_gettimeout),
    ],
)
.subclassable();

/// A new `socket.socket` object owning `sock`.
pub fn socket_value(sock: Socket) -> Value {
    SOCKET.instance(SocketObject {
        sock: std::sync::Arc::new(sock),
    })
}

/// The receiver's socket.
fn me(args: &Args, method: &str) -> PyResult<std::sync::Arc<Socket>> {
    Ok(args
        .native_self::<SocketObject>(&SOCKET, method)?
        .sock
        .clone())
}

/// Runs `call` on `sock` with the GIL released, registered so that the
/// interpreter's exit can interrupt it (`vm/interrupts.rs`). A daemon
/// thread woken that way unwinds silently (`PyErr::Finalizing`).
pub fn blocking_call<R>(
    vm: &mut ThreadCtx,
    sock: &std::sync::Arc<Socket>,
    call: impl FnOnce(&Socket) -> R,
) -> PyResult<R> {
    let rt = vm.rt.clone();
    let Some(registration) = rt.interrupts.register(sock.clone()) else {
        return Err(PyErr::Finalizing);
    };
    let result = vm.blocking(|| call(sock));
    drop(registration);
    if rt.is_finalizing() {
        return Err(PyErr::Finalizing);
    }
    Ok(result)
}

/// [`blocking_call`] for a leaf method that returns a `SocketError`.
fn wait<R>(
    vm: &mut ThreadCtx,
    sock: &std::sync::Arc<Socket>,
    call: impl FnOnce(&Socket) -> Result<R, SocketError>,
) -> PyResult<R> {
    blocking_call(vm, sock, call)?.map_err(to_py_err)
}

/// An `(host, port)` tuple for `caller` (`bind`, `connect`, ...),
/// checked as CPython's `getsockaddrarg` checks it; a host name is looked
/// up with the GIL released.
pub fn address_arg(vm: &mut ThreadCtx, v: &Value, caller: &str) -> PyResult<SocketAddrV4> {
    let Value::Tuple(t) = v else {
        return Err(PyErr::type_error(format!(
            "{caller}(): AF_INET address must be tuple, not {}",
            v.type_name()
        )));
    };
    let [host, port] = &t.items[..] else {
        return Err(PyErr::type_error(
            "AF_INET address must be a pair (host, port)",
        ));
    };
    let host = host_arg(host)?;
    let port = match port {
        // Out of i64: CPython's port message, not index's.
        Value::BigInt(_) => -1,
        other => index_arg(vm, other)?,
    };
    let address = parse_address(&host, port, caller).map_err(to_py_err)?;
    resolve(vm, address)
}

/// A host: `str`, `bytes` or `bytearray`, as CPython's `idna_converter`.
pub fn host_arg(v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(&b.data).into_owned()),
        Value::ByteArray(b) => Ok(String::from_utf8_lossy(&b.lock()).into_owned()),
        other => Err(PyErr::type_error(format!(
            "str, bytes or bytearray expected, not {}",
            other.type_name()
        ))),
    }
}

/// The final address; a name lookup releases the GIL (it may wait on DNS).
fn resolve(vm: &mut ThreadCtx, address: Address) -> PyResult<SocketAddrV4> {
    if address.needs_lookup() {
        vm.blocking(|| address.resolve()).map_err(to_py_err)
    } else {
        address.resolve().map_err(to_py_err)
    }
}

/// `('127.0.0.1', 5000)` as a Python tuple.
pub fn address_value(addr: SocketAddrV4) -> Value {
    Value::tuple(vec![
        Value::string(addr.ip().to_string()),
        Value::Int(addr.port() as i64),
    ])
}

/// A `flags` argument: only 0 is in MiniPy.
fn no_flags(vm: &mut ThreadCtx, flags: Option<&Value>, method: &str) -> PyResult<()> {
    match flags {
        None => Ok(()),
        Some(v) if index_arg(vm, v)? == 0 => Ok(()),
        Some(_) => Err(outside_minipy(&format!("socket.{method}() with flags"))),
    }
}

/// The bytes of a bytes-like argument (`bytes`, `bytearray`).
fn with_data<R>(v: &Value, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
    match v {
        Value::Bytes(b) => Ok(f(&b.data)),
        // Copied out: the cell's guard must not be held with the GIL released.
        Value::ByteArray(b) => {
            let copy = b.lock().clone();
            Ok(f(&copy))
        }
        other => Err(PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
    }
}

/// `socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None)`.
fn socket_new(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let (cls, rest) = args.split_self();
    let [family, kind, proto, fileno] =
        rest.bind("socket", ["family", "type", "proto", "fileno"], 0)?;
    let mut int_or = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None => Ok(default),
            Some(v) => index_arg(vm, v),
        }
    };
    // CPython's default -1 means "AF_INET / SOCK_STREAM".
    let family = int_or(family, AF_INET as i64)?;
    let kind = int_or(kind, SOCK_STREAM as i64)?;
    let proto = int_or(proto, 0)?;
    if family != AF_INET as i64 && family != -1 {
        return Err(outside_minipy(&format!(
            "socket family {family} (MiniPy has TCP over IPv4 only)"
        )));
    }
    if kind != SOCK_STREAM as i64 && kind != -1 {
        return Err(outside_minipy(&format!(
            "socket type {kind} (MiniPy has TCP over IPv4 only)"
        )));
    }
    if fileno.is_some_and(|f| !matches!(f, Value::None)) {
        return Err(outside_minipy("socket(fileno=...)"));
    }
    let proto = i32::try_from(proto.max(0)).map_err(|_| {
        PyErr::new(
            ExcKind::OverflowError,
            "signed integer is greater than maximum",
        )
    })?;
    let sock = vm
        .blocking(|| Socket::with_protocol(proto))
        .map_err(to_py_err)?;
    let state = SocketObject {
        sock: std::sync::Arc::new(sock),
    };
    Ok(match cls {
        Some(Value::Type(cls)) => NativeClass::instance_of(cls, state),
        _ => SOCKET.instance(state),
    })
}

/// `__init__`: the work was done by `__new__` (a subclass may call it).
fn socket_init(_vm: &mut ThreadCtx, _args: Args) -> PyResult {
    Ok(Value::None)
}

fn socket_repr(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::string(me(&args, "__repr__")?.python_repr()))
}

fn socket_enter(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    me(&args, "__enter__")?;
    Ok(args.positional()[0].clone())
}

/// `__exit__`: close, and let any exception propagate.
fn socket_exit(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "__exit__")?;
    wait(vm, &sock, Socket::close)?;
    Ok(Value::None)
}

fn socket_bind(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "bind")?;
    let [address] = args.split_self().1.bind("bind", ["address"], 1)?;
    let address = address_arg(vm, address.unwrap_or(&Value::None), "bind")?;
    wait(vm, &sock, |s| s.bind(address))?;
    Ok(Value::None)
}

fn socket_listen(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "listen")?;
    let (_, rest) = args.split_self();
    rest.arity("listen", 0, 1)?;
    let backlog = match rest.get(0) {
        Some(v) => Some(index_arg(vm, v)?.clamp(i32::MIN as i64, i32::MAX as i64) as i32),
        None => None,
    };
    wait(vm, &sock, |s| s.listen(backlog))?;
    Ok(Value::None)
}

/// `accept()` → `(socket, (host, port))`; the new socket is blocking.
fn socket_accept(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "accept")?;
    args.split_self().1.arity("accept", 0, 0)?;
    let (conn, peer) = wait(vm, &sock, Socket::accept)?;
    Ok(Value::tuple(vec![socket_value(conn), address_value(peer)]))
}

fn socket_connect(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "connect")?;
    let [address] = args.split_self().1.bind("connect", ["address"], 1)?;
    let address = address_arg(vm, address.unwrap_or(&Value::None), "connect")?;
    wait(vm, &sock, |s| s.connect(address))?;
    Ok(Value::None)
}

fn socket_connect_ex(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "connect_ex")?;
    let [address] = args.split_self().1.bind("connect_ex", ["address"], 1)?;
    let address = address_arg(vm, address.unwrap_or(&Value::None), "connect_ex")?;
    let errno = blocking_call(vm, &sock, |s| s.connect_ex(address))?;
    Ok(Value::Int(errno as i64))
}

/// `send(data[, flags])` → how many bytes the kernel took.
fn socket_send(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "send")?;
    let [data, flags] = args.split_self().1.bind("send", ["data", "flags"], 1)?;
    no_flags(vm, flags, "send")?;
    let sent = with_data(data.unwrap_or(&Value::None), |bytes| {
        wait(vm, &sock, |s| s.send(bytes))
    })??;
    Ok(Value::Int(sent as i64))
}

/// `sendall(data[, flags])`: everything, or an exception.
fn socket_sendall(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "sendall")?;
    let [data, flags] = args.split_self().1.bind("sendall", ["data", "flags"], 1)?;
    no_flags(vm, flags, "sendall")?;
    with_data(data.unwrap_or(&Value::None), |bytes| {
        wait(vm, &sock, |s| s.sendall(bytes))
    })??;
    Ok(Value::None)
}

/// `recv(bufsize[, flags])` → at most `bufsize` bytes, `b''` at EOF.
fn socket_recv(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "recv")?;
    let [bufsize, flags] = args.split_self().1.bind("recv", ["bufsize", "flags"], 1)?;
    let size = index_arg(vm, bufsize.unwrap_or(&Value::None))?;
    no_flags(vm, flags, "recv")?;
    let data = wait(vm, &sock, |s| s.recv(size))?;
    Ok(Value::Bytes(Arc::new(Bytes::new(data))))
}

/// `recv_into(buffer[, nbytes[, flags]])` for a `bytearray`.
fn socket_recv_into(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "recv_into")?;
    let [buffer, nbytes, flags] =
        args.split_self()
            .1
            .bind("recv_into", ["buffer", "nbytes", "flags"], 1)?;
    let Some(Value::ByteArray(target)) = buffer else {
        return Err(PyErr::type_error(format!(
            "recv_into() argument 'buffer' must be read-write bytes-like object, not {}",
            buffer
                .map(|b| b.type_name().to_string())
                .unwrap_or_default()
        )));
    };
    no_flags(vm, flags, "recv_into")?;
    let capacity = target.lock().len();
    let wanted = match nbytes {
        None => capacity,
        Some(n) => match index_arg(vm, n)? {
            0 => capacity,
            n if n < 0 => {
                return Err(PyErr::new(
                    ExcKind::ValueError,
                    "negative buffersize in recv_into",
                ))
            }
            n if n as usize > capacity => {
                return Err(PyErr::new(
                    ExcKind::ValueError,
                    "buffer too small for requested bytes",
                ))
            }
            n => n as usize,
        },
    };
    // Received into a buffer of our own, copied in with the GIL held.
    let mut scratch = vec![0u8; wanted];
    let got = wait(vm, &sock, |s| s.recv_into(&mut scratch))?;
    copy_into(target, &scratch[..got]);
    Ok(Value::Int(got as i64))
}

/// Writes `data` over the front of `target` (which may have shrunk).
fn copy_into(target: &ByteArray, data: &[u8]) {
    let mut bytes = target.lock();
    let n = data.len().min(bytes.len());
    bytes[..n].copy_from_slice(&data[..n]);
}

fn socket_shutdown(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "shutdown")?;
    let [how] = args.split_self().1.bind("shutdown", ["how"], 1)?;
    let how = index_arg(vm, how.unwrap_or(&Value::None))?;
    let how = i32::try_from(how).unwrap_or(-1);
    wait(vm, &sock, |s| s.shutdown(how))?;
    Ok(Value::None)
}

fn socket_close(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "close")?;
    args.split_self().1.arity("close", 0, 0)?;
    wait(vm, &sock, Socket::close)?;
    Ok(Value::None)
}

/// A timeout argument: `None`, an int or a float (CPython's checks).
pub fn timeout_arg(v: &Value) -> PyResult<Timeout> {
    let mode = match v {
        Value::None => Ok(Timeout::Blocking),
        Value::Float(f) => Timeout::from_seconds_f64(*f),
        Value::Int(i) => Timeout::from_seconds_i64(*i),
        Value::Bool(Flag(b)) => Timeout::from_seconds_i64(*b as i64),
        Value::BigInt(_) => {
            return Err(PyErr::new(
                ExcKind::OverflowError,
                Timeout::INT_OVERFLOW_MESSAGE,
            ))
        }
        other => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    mode.map_err(to_py_err)
}

fn socket_settimeout(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "settimeout")?;
    let [value] = args.split_self().1.bind("settimeout", ["value"], 1)?;
    let mode = timeout_arg(value.unwrap_or(&Value::None))?;
    wait(vm, &sock, |s| s.settimeout(mode))?;
    Ok(Value::None)
}

fn socket_gettimeout(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "gettimeout")?;
    Ok(match sock.gettimeout().as_seconds() {
        Some(seconds) => Value::Float(seconds),
        None => Value::None,
    })
}

fn socket_setblocking(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "setblocking")?;
    let [flag] = args.split_self().1.bind("setblocking", ["flag"], 1)?;
    let flag = vm.truthy(flag.unwrap_or(&Value::None))?;
    wait(vm, &sock, |s| s.setblocking(flag))?;
    Ok(Value::None)
}

fn socket_getblocking(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Bool(Flag(me(&args, "getblocking")?.getblocking())))
}

/// An int argument that must fit C's `int`.
fn c_int_arg(vm: &mut ThreadCtx, v: Option<&Value>) -> PyResult<i32> {
    let n = index_arg(vm, v.unwrap_or(&Value::None))?;
    i32::try_from(n).map_err(|_| {
        PyErr::new(
            ExcKind::OverflowError,
            if n < 0 {
                "signed integer is less than minimum"
            } else {
                "signed integer is greater than maximum"
            },
        )
    })
}

/// `setsockopt(level, option, value)` for an int value.
fn socket_setsockopt(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "setsockopt")?;
    let (_, rest) = args.split_self();
    rest.arity("setsockopt", 3, 3)?;
    let level = c_int_arg(vm, rest.get(0))?;
    let option = c_int_arg(vm, rest.get(1))?;
    let value = match rest.get(2) {
        Some(Value::Bytes(_) | Value::ByteArray(_)) => {
            return Err(outside_minipy("setsockopt() with a bytes value"))
        }
        other => c_int_arg(vm, other)?,
    };
    sock.setsockopt(level, option, value).map_err(to_py_err)?;
    Ok(Value::None)
}

/// `getsockopt(level, option)` for an int option.
fn socket_getsockopt(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "getsockopt")?;
    let (_, rest) = args.split_self();
    rest.arity("getsockopt", 2, 2)?;
    let level = c_int_arg(vm, rest.get(0))?;
    let option = c_int_arg(vm, rest.get(1))?;
    let value = sock.getsockopt(level, option).map_err(to_py_err)?;
    Ok(Value::Int(value as i64))
}

fn socket_getsockname(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "getsockname")?;
    let addr = wait(vm, &sock, Socket::getsockname)?;
    Ok(address_value(addr))
}

fn socket_getpeername(vm: &mut ThreadCtx, args: Args) -> PyResult {
    let sock = me(&args, "getpeername")?;
    let addr = wait(vm, &sock, Socket::getpeername)?;
    Ok(address_value(addr))
}

fn socket_fileno(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(me(&args, "fileno")?.fileno() as i64))
}

fn socket_family(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(me(&args, "family")?.family() as i64))
}

fn socket_type(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(me(&args, "type")?.kind() as i64))
}

fn socket_proto(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    Ok(Value::Int(me(&args, "proto")?.proto() as i64))
}
