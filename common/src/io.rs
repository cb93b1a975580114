//! I/O-bound workloads: waiting, not computing.
//!
//! Two shapes, each with a sequential reference that does the waits one after
//! another — the baseline every concurrent model must beat by overlapping them:
//!
//! - [`SleepSpec`]: `tasks` tasks that each wait `latency` (Python:
//!   `time.sleep(d)` / `await asyncio.sleep(d)`). Sequential wall time is
//!   `tasks × latency`; a perfect concurrent model takes about one `latency`.
//! - [`EchoSpec`]: `connections` loopback TCP clients that each make
//!   `requests` round trips of `payload` bytes against an echo server
//!   ([`EchoServer`]). The result is an order-independent digest of every
//!   echoed byte, so a concurrent client can be checked against
//!   [`EchoSpec::expected_digest`] whatever order its replies came in.
//!
//! [`EchoServer`] is deliberately the simplest correct server — one OS
//! thread per connection, blocking reads — because it is the *peer*, not a
//! model under test. Simplification: it has no connection limit; a
//! production server would cap threads or use an event loop (which is what
//! the `asyncio` crate teaches).

use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// `tasks` independent waits of `latency` each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SleepSpec {
    /// How many tasks wait.
    pub tasks: usize,
    /// How long each one waits.
    pub latency: Duration,
}

impl SleepSpec {
    /// What every model must return: each task's id, in task order.
    pub fn expected(&self) -> Vec<usize> {
        (0..self.tasks).collect()
    }

    /// The sequential reference: one wait after another. Returns the ids in
    /// the order the waits finished (which, sequentially, is task order).
    pub fn run_sequential(&self) -> Vec<usize> {
        (0..self.tasks)
            .inspect(|_| thread::sleep(self.latency))
            .collect()
    }
}

/// When the clients of an echo workload start their round trips.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EchoStart {
    /// Each client starts as soon as it has connected, so early clients may
    /// finish before late ones connect (`echo_few`, `echo_many`).
    OnConnect,
    /// Every client connects, then waits at a gate until all `connections`
    /// are open (or have failed to open) before its first round trip: the
    /// workload holds that many connections open at one instant (C10K).
    AllConnected,
}

/// `connections` clients × `requests` round trips × `payload` bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EchoSpec {
    /// How many client connections.
    pub connections: usize,
    /// Round trips per connection.
    pub requests: usize,
    /// Bytes per request (and per reply).
    pub payload: usize,
}

impl EchoSpec {
    /// The bytes connection `conn` sends on request `req`: deterministic, and
    /// different for every (conn, req), so a reply delivered to the wrong
    /// request changes the digest.
    pub fn payload_for(&self, conn: usize, req: usize) -> Vec<u8> {
        let seed = (conn as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (req as u64);
        (0..self.payload)
            .map(|i| (seed.wrapping_add(i as u64).wrapping_mul(31) >> 3) as u8)
            .collect()
    }

    /// The digest of one echoed reply. Digests are summed (wrapping), so the
    /// total does not depend on the order replies arrive in.
    pub fn reply_digest(conn: usize, req: usize, reply: &[u8]) -> u64 {
        // FNV-1a over (conn, req, bytes).
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in (conn as u64)
            .to_le_bytes()
            .into_iter()
            .chain((req as u64).to_le_bytes())
            .chain(reply.iter().copied())
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    }

    /// The digest a correct run produces, computed without any network.
    pub fn expected_digest(&self) -> u64 {
        let mut total = 0u64;
        for conn in 0..self.connections {
            for req in 0..self.requests {
                let digest = Self::reply_digest(conn, req, &self.payload_for(conn, req));
                total = total.wrapping_add(digest);
            }
        }
        total
    }

    /// The sequential reference: one connection at a time, one round trip at
    /// a time, against the echo server at `addr`.
    pub fn run_sequential(&self, addr: SocketAddr) -> std::io::Result<u64> {
        let mut total = 0u64;
        for conn in 0..self.connections {
            let mut stream = TcpStream::connect(addr)?;
            stream.set_nodelay(true)?;
            let mut reply = vec![0u8; self.payload];
            for req in 0..self.requests {
                stream.write_all(&self.payload_for(conn, req))?;
                stream.read_exact(&mut reply)?;
                total = total.wrapping_add(Self::reply_digest(conn, req, &reply));
            }
        }
        Ok(total)
    }
}

/// A blocking, thread-per-connection TCP echo server on `127.0.0.1:0`.
///
/// With a `reply_latency` it waits that long before echoing each read —
/// a stand-in for a slow backend, which is what makes echo *I/O-bound*:
/// without it, loopback round trips are so fast that clients are limited by
/// their own CPU and no concurrency model can overlap anything.
///
/// Dropping it stops accepting, wakes the accept loop and joins it.
/// Connections already open end when their client closes.
pub struct EchoServer {
    /// Where the server listens (an ephemeral loopback port).
    addr: SocketAddr,
    /// Set by `drop` to tell the accept loop to stop.
    stopping: Arc<AtomicBool>,
    /// The accept loop's thread, joined on drop.
    acceptor: Option<JoinHandle<()>>,
}

impl EchoServer {
    /// Binds to an ephemeral loopback port and starts accepting; replies
    /// are immediate.
    pub fn start() -> std::io::Result<EchoServer> {
        EchoServer::with_latency(Duration::ZERO)
    }

    /// Like [`start`](Self::start), but every reply waits `reply_latency`.
    pub fn with_latency(reply_latency: Duration) -> std::io::Result<EchoServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        widen_backlog(&listener)?;
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stopping);
        let acceptor = thread::Builder::new()
            .name("echo-acceptor".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    // Acquire pairs with the Release store in `drop`, which
                    // happens before the wake-up connection is made.
                    if stop.load(Ordering::Acquire) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let _ = thread::Builder::new()
                        .name("echo-conn".into())
                        .spawn(move || echo(stream, reply_latency));
                }
            })?;
        Ok(EchoServer {
            addr,
            stopping,
            acceptor: Some(acceptor),
        })
    }

    /// The address clients connect to.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

/// Raises the listen backlog from std's fixed 128 to the system maximum
/// (`net.core.somaxconn`, usually 4096).
///
/// Why: a client that opens hundreds of connections in one burst — which an
/// event loop does — overflows a 128-entry accept queue, the kernel drops
/// the extra SYNs, and each dropped client waits a full second for its SYN
/// retransmit. That second would be charged to the client's concurrency
/// model when it is the server's queue. Calling `listen` again on a
/// listening socket only updates its backlog.
pub(crate) fn widen_backlog(listener: &TcpListener) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: the fd is a valid, open, listening socket owned by `listener`
    // for the duration of the call; `listen` neither takes ownership of it
    // nor touches memory.
    let rc = unsafe { libc::listen(listener.as_raw_fd(), libc::SOMAXCONN) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Echoes until the client closes or an error occurs, waiting
/// `reply_latency` before each reply.
fn echo(mut stream: TcpStream, reply_latency: Duration) {
    let _ = stream.set_nodelay(true);
    let mut buf = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if !reply_latency.is_zero() {
                    thread::sleep(reply_latency);
                }
                if stream.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
}

impl Drop for EchoServer {
    fn drop(&mut self) {
        // Release pairs with the Acquire load in the accept loop.
        self.stopping.store(true, Ordering::Release);
        // Wake the blocking accept() with one last connection. Simplification:
        // a production server would use a non-blocking listener and a wake fd.
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_echo_matches_expected_digest() {
        let server = EchoServer::start().unwrap();
        let spec = EchoSpec {
            connections: 3,
            requests: 4,
            payload: 100,
        };
        assert_eq!(
            spec.run_sequential(server.addr()).unwrap(),
            spec.expected_digest()
        );
    }

    #[test]
    fn sleep_reference_returns_ids_in_order() {
        let spec = SleepSpec {
            tasks: 5,
            latency: Duration::ZERO,
        };
        assert_eq!(spec.run_sequential(), spec.expected());
    }
}
