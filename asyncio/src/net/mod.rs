//! Networking on the reactor: non-blocking TCP and asyncio's stream
//! helpers.
//!
//! | Rust | Python |
//! |---|---|
//! | [`TcpListener::bind`] + [`TcpListener::accept`] | `loop.create_server` / `sock_accept` |
//! | [`TcpStream::connect`], [`open_connection`] | `asyncio.open_connection` |
//! | [`start_server`] → [`Server`] | `asyncio.start_server` → `Server` |
//! | `read` / `read_exact` | `StreamReader.read(n)` / `readexactly(n)` |
//! | `write_all` | `StreamWriter.write(data); await drain()` |
//!
//! Files: `tcp.rs` (the sockets), `streams.rs` (server and client helpers).

mod streams;
mod tcp;

pub use streams::{open_connection, start_server, Server};
pub use tcp::{TcpListener, TcpStream};
