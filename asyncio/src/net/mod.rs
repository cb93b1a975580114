//! Networking on the reactor: non-blocking TCP and asyncio's stream
//! helpers.
//!
//! | Rust | Python |
//! |---|---|
//! | [`TcpListener::bind`] + [`TcpListener::accept`] | `loop.create_server` / `sock_accept` |
//! | [`TcpStream::connect`], [`open_connection`] | `asyncio.open_connection` |
//! | [`start_server`] → [`Server`] | `asyncio.start_server` → `Server` |
//! | `read` / `read_exact` | `StreamReader.read(n)` / `readexactly(n)` |
//! | `read_with(f)` | a protocol's `data_received(data)` |
//! | `write` / `drain` / `write_all` | `StreamWriter.write(data)` / `await drain()` / both |
//! | `write_buffer_size` | `transport.get_write_buffer_size()` |
//!
//! Files, bottom-up: `buffers.rs` (the loop-wide read buffer and the
//! per-stream queues), `source.rs` (an fd registered with the running
//! loop's reactor), `tcp.rs` (the sockets and the read side),
//! `writes.rs` (the write side), `streams.rs` (server and client helpers).
//!
//! Needs: see each file; together, `context.rs`, `reactor.rs`, `slab.rs`,
//! `sleep.rs` and `task.rs` of the loop.

mod buffers;
mod source;
mod streams;
mod tcp;
mod writes;

pub use buffers::{buffer_stats, BufferStats, READ_BUFFER_SIZE};
pub use streams::{open_connection, start_server, Server, ACCEPT_RETRY_DELAY};
pub use tcp::{ReadWith, TcpListener, TcpStream};
pub use writes::Drain;
