//! A TCP echo server and a load generator, on the hand-rolled loop.
//!
//! ```text
//!   start_server ─▶ accept task ─▶ spawn(handle_echo(stream)) per client
//!   handle_echo:  loop { n = read(buf); if n == 0 { break }; write_all(buf[..n]) }
//!   echo_load:    C client tasks × R round trips: write_all(msg); read_exact(reply)
//! ```
//!
//! A client that disconnects abruptly (reset, or closed mid-message) ends
//! its handler's loop with `Ok(0)` or an error; the handler returns, its
//! `TcpStream` drops, the fd leaves the epoll set and closes. The server
//! keeps accepting.
//!
//! Python equivalent:
//! ```python
//! async def handle_echo(reader, writer):
//!     while data := await reader.read(16384):
//!         writer.write(data)
//!         await writer.drain()
//!     writer.close()
//! server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
//! ```
//! Twin: `twin/echo.rs`.

use super::c10k::raise_fd_limit;
use crate::context::spawn;
use crate::net::{open_connection, start_server, Server, TcpStream};
use std::io;
use std::net::SocketAddr;

/// Echoes until the client closes or fails.
pub async fn handle_echo(stream: TcpStream) {
    loop {
        // The bytes land in the loop's shared buffer and go straight back
        // to the kernel; only what it refuses is copied (into the stream's
        // write queue).
        let echoed = stream.read_with(|data| !data.is_empty() && stream.write(data).is_ok());
        if !matches!(echoed.await, Ok(true)) {
            break;
        }
        // Backpressure: wait until the kernel took the refused bytes before
        // reading more, so a client that never reads costs at most one
        // read's worth of queue.
        if stream.drain().await.is_err() {
            break;
        }
    }
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
