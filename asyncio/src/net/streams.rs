//! `start_server` and `open_connection`: asyncio's stream helpers.
//!
//! ```text
//!   start_server(addr, handler)
//!     └─ accept task: loop { (stream, peer) = accept().await;
//!                            spawn(handler(stream)) }      one task per client
//!   server.close() ─▶ cancel the accept task ─▶ listener dropped (fd closed)
//! ```
//!
//! When `accept` fails because the process is out of fds or memory, the
//! accept task waits [`ACCEPT_RETRY_DELAY`] and tries again, as asyncio's
//! `_accept_connection` does; a connection aborted before it was accepted
//! is skipped. Either way the server keeps serving.
//!
//! Python equivalent: `asyncio.start_server(client_connected_cb, host,
//! port)` and `asyncio.open_connection(host, port)`. Simplification: one
//! [`TcpStream`] plays both `StreamReader` and `StreamWriter`.
//!
//! Needs: `tcp.rs`, `context.rs` (`spawn`), `sleep.rs`, `task.rs`.

use super::tcp::{TcpListener, TcpStream};
use crate::context::{spawn, spawn_named};
use crate::sleep::sleep;
use crate::task::Task;
use std::future::Future;
use std::io;
use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

/// How long the accept loop pauses after running out of fds (asyncio's
/// `constants.ACCEPT_RETRY_DELAY`).
pub const ACCEPT_RETRY_DELAY: Duration = Duration::from_secs(1);

/// A running server (Python: `asyncio.Server`). Dropping the handle does
/// not stop it — the accept task keeps serving until [`close`](Self::close)
/// or the end of `run`, as a Python server runs until `server.close()`.
pub struct Server {
    /// Where it listens.
    addr: SocketAddr,
    /// The accept loop; cancelling it closes the listener.
    acceptor: Task<()>,
}

impl Server {
    /// The listening address (with the real port when bound to port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting and closes the listening socket (Python:
    /// `server.close()`). Connections already accepted keep running.
    pub fn close(&self) {
        self.acceptor.cancel();
    }

    /// Waits until the server is closed (Python: `serve_forever()`).
    pub async fn serve_forever(self) {
        let _ = self.acceptor.await;
    }
}

/// Listens on `addr` and runs `handler(stream)` as a new task for every
/// connection (Python: `asyncio.start_server`).
///
/// # Errors
/// Binding fails, or there is no running loop.
pub fn start_server<H, Fut>(addr: impl ToSocketAddrs, handler: H) -> io::Result<Server>
where
    H: Fn(TcpStream) -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let listener = TcpListener::bind(addr)?;
    let addr = listener.local_addr()?;
    let acceptor = spawn_named("server-accept", async move {
        loop {
            match listener.accept().await {
                Ok((stream, _peer)) => {
                    drop(spawn(handler(stream)));
                }
                Err(e) if is_resource_exhaustion(&e) => sleep(ACCEPT_RETRY_DELAY).await,
                Err(_) => {} // ECONNABORTED and friends: skip that one client
            }
        }
    });
    Ok(Server { addr, acceptor })
}

/// EMFILE, ENFILE, ENOBUFS, ENOMEM: the process or system is out of
/// something; retrying at once would spin.
fn is_resource_exhaustion(e: &io::Error) -> bool {
    use nix::errno::Errno;
    matches!(
        e.raw_os_error().map(Errno::from_raw),
        Some(Errno::EMFILE | Errno::ENFILE | Errno::ENOBUFS | Errno::ENOMEM)
    )
}

/// Connects to `addr` (Python: `reader, writer = await
/// asyncio.open_connection(host, port)`), trying each resolved address in
/// turn.
///
/// Simplification: a host name is resolved with std's blocking resolver,
/// on the loop's thread; asyncio runs `getaddrinfo` in its executor. Pass
/// an IP address (or wrap the lookup in `to_thread`) to keep the loop free.
///
/// # Errors
/// The address does not resolve, or the connection fails.
pub async fn open_connection(addr: impl ToSocketAddrs) -> io::Result<TcpStream> {
    let mut last_error = io::Error::new(io::ErrorKind::InvalidInput, "address resolved to nothing");
    for candidate in addr.to_socket_addrs()? {
        match TcpStream::connect(candidate).await {
            Ok(stream) => return Ok(stream),
            Err(e) => last_error = e,
        }
    }
    Err(last_error)
}
