//! The echo server and load generator on async-std (twin of
//! `programs/echo.rs`).
//!
//! Differences the library hides: `TcpStream` is `Clone` (reads and writes
//! go through `&TcpStream` with the `ReadExt`/`WriteExt` traits), handlers
//! run on a multi-threaded executor (so they must be `Send`), and the
//! reactor is `async-io`'s, driven by whichever thread blocks in
//! `block_on` or by its own "async-io" thread.
//!
//! **What an idle connection holds.** The hand-rolled server reads into
//! its loop's one shared buffer and keeps nothing per connection between
//! messages. async-std's `TcpStream` has no "wait until readable, then try
//! a read" API (its reactor handle is private), so a read must own its
//! buffer across the `await`. The handler gets close with `peek`: it
//! waits for data with a 1-byte probe, and only then allocates the read
//! buffer, which it frees once the bytes are echoed — an idle connection
//! holds no buffer. The price: one extra `recv(MSG_PEEK)` syscall and one
//! malloc per message (Python's `sock.recv(n)` pays the malloc too).
//!
//! Python equivalent: see `programs/echo.rs`.
//!
//! Needs: async-std only.

use async_std::io::{ReadExt, WriteExt};
use async_std::net::{TcpListener, TcpStream};
use async_std::task;
use std::io;
use std::net::SocketAddr;

/// Bytes read per `read` call in the server.
pub const BUFFER: usize = 16 * 1024;

/// Echoes until the client closes or fails; holds no buffer while waiting.
pub async fn handle_echo(mut stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let mut probe = [0u8; 1];
    loop {
        // Wait for bytes without a buffer: peek leaves them in the kernel.
        match stream.peek(&mut probe).await {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        // Bytes are there: a buffer for this message only.
        let mut buf = vec![0u8; BUFFER];
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if stream.write_all(&buf[..n]).await.is_err() {
                    break;
                }
            }
        }
    }
}

/// Binds `addr` and spawns the accept loop; returns the bound address.
///
/// # Errors
/// Binding fails.
pub async fn start_echo_server(addr: &str) -> io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    task::spawn(async move {
        loop {
            if let Ok((stream, _)) = listener.accept().await {
                task::spawn(handle_echo(stream));
            }
        }
    });
    Ok(local)
}

/// One client: `requests` round trips of `payload` bytes, checked.
///
/// # Errors
/// A socket error, an early close, or a reply that differs.
pub async fn echo_client(addr: SocketAddr, requests: usize, payload: usize) -> io::Result<()> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
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

/// `connections` clients at once; returns round trips completed.
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
        .map(|_| task::spawn(echo_client(addr, requests, payload)))
        .collect();
    for client in clients {
        client.await?;
    }
    Ok(connections * requests)
}
