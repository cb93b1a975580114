//! `Listener` and `Client`: how processes that did not fork from each
//! other — a Rust program and a CPython one, on one machine or two — find
//! each other and get a [`Connection`], as CPython's
//! `multiprocessing.connection` does.
//!
//! ```text
//!   Listener::bind("127.0.0.1:0" | "/tmp/sock", authkey)      Client::connect(address, authkey)
//!        accept() ◀──────────── TCP or Unix stream socket ─────────── connect()
//!        deliver_challenge ───▶ ... ◀─── answer_challenge                 (auth.rs)
//!        answer_challenge  ◀─── ... ───▶ deliver_challenge
//!        = Connection (send/recv/send_bytes/recv_bytes, CPython's frames) =
//! ```
//!
//! Addresses are written as CPython's are printed: `host:port` for TCP (a
//! tuple in Python), a filesystem path for a Unix socket (a `str`). An empty
//! authkey means no handshake, as in CPython (`if authkey:`).
//!
//! Where we differ, and why:
//! - **The handshake has a deadline** ([`Listener::set_handshake_timeout`],
//!   10 s by default): CPython's `accept` waits forever for a client that
//!   connects and then stays silent, which stops the listener for everyone;
//!   here such a client gets `Err(Timeout)` and the next one is served.
//!   Every failed handshake (wrong key, oversized message, silence, hang-up)
//!   is an `Err` from `accept` that costs the listener nothing: call it again.
//! - **TCP_NODELAY** on TCP connections: a frame over 16 KiB goes out as a
//!   header write and a payload write, which Nagle's algorithm and delayed
//!   ACKs would stall for tens of milliseconds.
//!
//! Needs: `mod.rs` (`Connection`), `auth.rs`, `sys.rs`, `error.rs`.
//!
//! Python equivalent: `multiprocessing.connection.Listener`, `Client`.

use super::{auth, Connection};
use crate::error::{Error, Result};
use crate::sys;
use std::fmt;
use std::net::{TcpListener, TcpStream};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::time::Duration;

/// How long a handshake may take before `accept` gives up on that client.
const DEFAULT_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Where a listener listens: CPython's `('host', port)` tuple or path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    /// A TCP address, `host:port` (`port` 0: any free port).
    Tcp(String),
    /// A Unix-socket path.
    Unix(PathBuf),
}

impl Address {
    /// `host:port` is TCP; anything with a `/`, or without a `:`, a path.
    pub fn parse(text: &str) -> Address {
        if text.contains('/') || !text.contains(':') {
            Address::Unix(PathBuf::from(text))
        } else {
            Address::Tcp(text.to_owned())
        }
    }
}

impl From<&str> for Address {
    fn from(text: &str) -> Address {
        Address::parse(text)
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Address::Tcp(hostport) => f.write_str(hostport),
            Address::Unix(path) => write!(f, "{}", path.display()),
        }
    }
}

/// The listening socket.
#[derive(Debug)]
enum Socket {
    /// A TCP listener.
    Tcp(TcpListener),
    /// A Unix-socket listener and the path it created (removed on drop).
    Unix(UnixListener, PathBuf),
}

/// A server socket that hands out authenticated [`Connection`]s (Python's
/// `multiprocessing.connection.Listener`).
#[derive(Debug)]
pub struct Listener {
    /// The socket.
    socket: Socket,
    /// The shared key (empty: no handshake).
    authkey: Vec<u8>,
    /// The deadline for one client's handshake (`None`: none, as CPython).
    handshake_timeout: Option<Duration>,
}

impl Listener {
    /// Listens on `address` (`"127.0.0.1:0"`, `"/tmp/my.sock"`); clients
    /// must prove they know `authkey` (empty: no handshake).
    pub fn bind(address: impl Into<Address>, authkey: &[u8]) -> Result<Listener> {
        let socket = match address.into() {
            Address::Tcp(hostport) => Socket::Tcp(TcpListener::bind(hostport.as_str())?),
            Address::Unix(path) => Socket::Unix(UnixListener::bind(&path)?, path),
        };
        Ok(Listener {
            socket,
            authkey: authkey.to_vec(),
            handshake_timeout: Some(DEFAULT_HANDSHAKE_TIMEOUT),
        })
    }

    /// The address clients connect to (a TCP port 0 resolved to the real one).
    pub fn address(&self) -> Result<Address> {
        Ok(match &self.socket {
            Socket::Tcp(listener) => Address::Tcp(listener.local_addr()?.to_string()),
            Socket::Unix(_, path) => Address::Unix(path.clone()),
        })
    }

    /// Sets the handshake deadline (`None`: wait forever, as CPython).
    pub fn set_handshake_timeout(&mut self, timeout: Option<Duration>) {
        self.handshake_timeout = timeout;
    }

    /// Waits for a client and authenticates it both ways (Python's
    /// `accept`). An `Err` concerns that client only — wrong key
    /// (`AuthenticationError`), an oversized message (`TooLarge`), silence
    /// (`Timeout`), a hang-up (`Closed`) — and the listener keeps serving.
    pub fn accept(&self) -> Result<Connection> {
        let fd: OwnedFd = match &self.socket {
            Socket::Tcp(listener) => {
                let (stream, _) = listener.accept()?;
                stream.set_nodelay(true)?;
                stream.into()
            }
            Socket::Unix(listener, _) => listener.accept()?.0.into(),
        };
        let mut conn = Connection::from_fd(fd, true, true, true);
        if !self.authkey.is_empty() {
            handshake(&mut conn, self.handshake_timeout, |conn| {
                auth::deliver_challenge(conn, &self.authkey)?;
                auth::answer_challenge(conn, &self.authkey)
            })?;
        }
        Ok(conn)
    }

    /// The listening socket's fd (Python's `Listener._listener._socket`).
    pub fn fileno(&self) -> RawFd {
        match &self.socket {
            Socket::Tcp(listener) => listener.as_raw_fd(),
            Socket::Unix(listener, _) => listener.as_raw_fd(),
        }
    }
}

impl Drop for Listener {
    /// Removes the Unix socket's file, as CPython's `Listener.close` does.
    fn drop(&mut self) {
        if let Socket::Unix(_, path) = &self.socket {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Connects to a [`Listener`] (Python's `multiprocessing.connection.Client`).
#[derive(Debug)]
pub struct Client;

impl Client {
    /// Connects to `address` and authenticates both ways with `authkey`
    /// (empty: no handshake). A wrong key is `Err(AuthenticationError)`.
    pub fn connect(address: impl Into<Address>, authkey: &[u8]) -> Result<Connection> {
        let fd: OwnedFd = match address.into() {
            Address::Tcp(hostport) => {
                let stream = TcpStream::connect(hostport.as_str())?;
                stream.set_nodelay(true)?;
                stream.into()
            }
            Address::Unix(path) => UnixStream::connect(path)?.into(),
        };
        let mut conn = Connection::from_fd(fd, true, true, true);
        if !authkey.is_empty() {
            handshake(&mut conn, Some(DEFAULT_HANDSHAKE_TIMEOUT), |conn| {
                auth::answer_challenge(conn, authkey)?;
                auth::deliver_challenge(conn, authkey)
            })?;
        }
        Ok(conn)
    }
}

/// Runs `steps` with the socket's read and write timeouts set to `timeout`
/// (a stalled peer then surfaces as `Err(Timeout)`), then clears them.
fn handshake(
    conn: &mut Connection,
    timeout: Option<Duration>,
    steps: impl FnOnce(&mut Connection) -> Result<()>,
) -> Result<()> {
    sys::set_socket_timeouts(conn.fileno(), timeout)?;
    let result = steps(conn).map_err(|err| match err {
        Error::Io(io) if io.kind() == std::io::ErrorKind::WouldBlock => Error::Timeout,
        other => other,
    });
    sys::set_socket_timeouts(conn.fileno(), None)?;
    result
}
