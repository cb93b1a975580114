//! A TCP echo server and a load generator, on the hand-rolled loop.
//!
//! ```text
//!   start_server ─▶ accept task ─▶ spawn(handle_echo(stream)) per client
//!   handle_echo:  loop { read_with(|bytes| write(bytes)); drain() }
//!   echo_load:    C client tasks × R round trips: write_all(msg); read_exact(reply)
//! ```
//!
//! The handler owns no buffer: `read_with` lends it the bytes of one
//! `read(2)` in the loop's shared buffer, `write` hands them straight back
//! to the kernel, and only what the kernel refuses is queued — after which
//! `drain` makes the handler wait (backpressure) before it reads more.
//!
//! ## What an idle connection costs
//! A connection waiting for its next message, byte by byte (64-bit Linux,
//! release build; `c10k_bytes_per_conn` in the bench measures the total
//! as RSS growth, ~275 bytes):
//!
//! | piece | bytes | where |
//! |---|---|---|
//! | the task's one allocation: `Rc` counts 16, task header 32 (number, cancel flag, name pointer, awaiter's waker), schedule callback 8, `RefCell` flag 8, the future 80 | 144 (a 160-byte malloc chunk) | `task.rs` |
//! | … of which the future: the `TcpStream` 56 (registration 24: loop id, slab key, `Rc` to its readiness, fd; two empty queues 2 × 16) + the parked `read_with` 16 + state 8 | 80 | `net/tcp.rs`, [`handler_future_size`] |
//! | its task-slab slot (`Rc<dyn Runnable>`, queued flag, generation) | 32 | `event_loop.rs` |
//! | its readiness record (`Rc` counts 16 + two flags and two wakers 40) | 56 (a 64-byte chunk) | `reactor.rs` |
//! | its reactor-slab slot (`Rc`, generation) | 16 | `reactor.rs` |
//! | its ready-queue slot, kept from the last time all were ready at once | 8 | `event_loop.rs` |
//! | slab and queue growth by doubling, amortised | ~0–40 | — |
//! | **user space, total** | **~280** | |
//! | kernel, outside RSS: the socket (`struct sock`, ~2 KiB), its epoll item (~128 B), and its receive/send buffers while they hold bytes | — | — |
//!
//! No read buffer (the loop's one 64 KiB buffer serves every connection),
//! no write buffer unless the kernel refused bytes. The handler is a plain
//! `fn` returning an `async move` block because an `async fn` would keep
//! its `TcpStream` argument twice (56 more bytes each).
//!
//! A client that disconnects abruptly (reset, or closed mid-message) ends
//! its handler's loop with EOF or an error; the handler returns, its
//! `TcpStream` drops, the fd leaves the epoll set and closes. The server
//! keeps accepting.
//!
//! Python equivalent (CPython's costs ~5.5 KB of RSS per idle connection:
//! a `StreamReader`, a `StreamWriter`, a transport, a protocol and a task
//! with its coroutine frame):
//! ```python
//! async def handle_echo(reader, writer):
//!     while data := await reader.read(16384):
//!         writer.write(data)
//!         await writer.drain()
//!     writer.close()
//! server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
//! ```
//! Twin: `twin/echo.rs`.
//!
//! Needs: `net/`, `context.rs` (`spawn`), `c10k.rs` (the fd limit).

use super::c10k::raise_fd_limit;
use crate::context::spawn;
use crate::net::{open_connection, start_server, Server, TcpStream};
use std::future::Future;
use std::io;
use std::net::SocketAddr;

/// Echoes until the client closes or fails.
///
/// A plain `fn` returning an `async move` block rather than an `async fn`:
/// an `async fn` keeps its argument twice in its future (the argument and
/// the local it is moved into, rust-lang/rust#62958), which would cost
/// every idle connection another copy of its `TcpStream`.
#[allow(clippy::manual_async_fn)]
pub fn handle_echo(stream: TcpStream) -> impl Future<Output = ()> {
    async move {
        loop {
            // The bytes land in the loop's shared buffer and go straight
            // back to the kernel; only what it refuses is copied (into the
            // stream's write queue).
            let echoed = stream.read_with(|data| !data.is_empty() && stream.write(data).is_ok());
            if !matches!(echoed.await, Ok(true)) {
                break;
            }
            // Backpressure: wait until the kernel took the refused bytes
            // before reading more, so a client that never reads costs at
            // most one read's worth of queue.
            if stream.drain().await.is_err() {
                break;
            }
        }
    }
}

/// The size of [`handle_echo`]'s future: what the task of one connection
/// stores besides its header, in this build (the function's return type,
/// measured without making one).
pub fn handler_future_size() -> usize {
    fn size_of_output<F: FnOnce(TcpStream) -> Fut, Fut>(_: F) -> usize {
        std::mem::size_of::<Fut>()
    }
    size_of_output(handle_echo)
}

/// Starts the echo server on `addr` (port 0 for any free port).
///
/// # Errors
/// Binding fails.
pub fn start_echo_server(addr: &str) -> io::Result<Server> {
    start_server(addr, handle_echo)
}

/// Serves the echo on `addr` until the process is killed (Python:
/// `await server.serve_forever()`). Raises the soft fd limit as far as the
/// hard limit allows, then prints `serving on ADDR` as its first line —
/// the line `c10k::ServerProcess` waits for.
///
/// # Errors
/// The fd limit cannot be read, or binding fails.
pub async fn serve(addr: &str) -> io::Result<()> {
    raise_fd_limit(u64::MAX)?;
    let server = start_echo_server(addr)?;
    println!("serving on {}", server.local_addr());
    server.serve_forever().await;
    Ok(())
}

/// One client: `requests` round trips of `payload` bytes; checks every
/// reply equals its request.
///
/// # Errors
/// A socket error, an early close, or a reply that differs (`InvalidData`).
pub async fn echo_client(addr: SocketAddr, requests: usize, payload: usize) -> io::Result<()> {
    let stream = open_connection(addr).await?;
    let message: Vec<u8> = (0..payload).map(|i| (i % 251) as u8).collect();
    let mut reply = vec![0u8; payload];
    for _ in 0..requests {
        stream.write_all(&message).await?;
        stream.read_exact(&mut reply).await?;
        if reply != message {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "echo differs"));
        }
    }
    Ok(())
}

/// `connections` clients at once, each making `requests` round trips;
/// returns the number of round trips completed.
///
/// # Errors
/// The first client error.
pub async fn echo_load(
    addr: SocketAddr,
    connections: usize,
    requests: usize,
    payload: usize,
) -> io::Result<usize> {
    let clients: Vec<_> = (0..connections)
        .map(|_| spawn(echo_client(addr, requests, payload)))
        .collect();
    for client in clients {
        client.await.map_err(io::Error::other)??;
    }
    Ok(connections * requests)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::size_of;

    /// The sizes the module doc's table quotes (the future's own size is
    /// checked in `tests/hostile_clients.rs`, on a real connection).
    #[test]
    fn the_idle_connection_table_holds() {
        assert_eq!(size_of::<crate::task::Header>(), 32);
        assert_eq!(
            size_of::<crate::waker::WakeTarget>(),
            8,
            "the schedule callback"
        );
        assert_eq!(size_of::<crate::reactor::SourceState>(), 40);
        assert_eq!(size_of::<TcpStream>(), 56);
        assert!(handler_future_size() <= 96, "{}", handler_future_size());
    }
}
