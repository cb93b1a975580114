//! C10K: ten thousand connections from a client process to a server
//! process, held idle, then rounds of 1 KiB echoes — and what each idle
//! connection costs the server, read from its RSS.
//!
//! ```text
//!   client process (this loop)                    server process (any echo server
//!                                                  that prints "serving on ADDR")
//!   ServerProcess::spawn(cmd) ───── fork/exec ───▶ serving on 127.0.0.1:41237
//!   warm-up: 1 connection, 1 echo, closed          (its one-off buffers allocated)
//!   rss0 = VmRSS of the server ◀─── /proc/PID/status
//!   open N connections, 1 echo each ──────────────▶ N tasks, then idle
//!   rss1 = VmRSS of the server    bytes per idle connection = (rss1 - rss0) / N
//!   R rounds: every connection echoes 1 KiB ──────▶ round trips per second
//!   drop ServerProcess: SIGKILL + wait (the server's sockets close first,
//!                       so TIME_WAIT lands on its side, not on the client's ports)
//! ```
//!
//! The first echo of every connection is what proves the server accepted
//! it and its task exists (a completed `connect` only means the kernel
//! queued it); after it the connection is idle, which for a server that
//! keeps no buffer between reads is the same state as never used.
//! Connects are made in batches of [`CONNECT_BATCH`], so the server's
//! listen backlog never overflows (a dropped SYN is retried by the kernel
//! only after a second).
//!
//! Python equivalent: a `asyncio.open_connection` client against a
//! `start_server` server in another process, with
//! `resource.setrlimit(RLIMIT_NOFILE, ...)` on both sides.
//!
//! Needs: `net/`, `combinators.rs` (`gather`); `nix` for the fd limit.

use crate::combinators::gather;
use crate::net::{open_connection, TcpStream};
use std::io::{self, BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::rc::Rc;
use std::time::Instant;

/// The connections the C10K example and the bench open by default.
pub const DEFAULT_CONNECTIONS: usize = 10_000;

/// Connections opened at once while setting up.
pub const CONNECT_BATCH: usize = 500;

/// Raises this process's soft limit on open fds to `wanted`, or to the
/// hard limit when that is lower; returns the soft limit now in force
/// (Python: `resource.setrlimit(resource.RLIMIT_NOFILE, ...)`).
///
/// # Errors
/// As `getrlimit(2)` / `setrlimit(2)`.
pub fn raise_fd_limit(wanted: u64) -> io::Result<u64> {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE)?;
    let target = wanted.min(hard);
    if target > soft {
        setrlimit(Resource::RLIMIT_NOFILE, target, hard)?;
        return Ok(target);
    }
    Ok(soft)
}

/// An echo server running in its own process: started from a command
/// whose first line of output is `serving on ADDR`; killed and reaped on
/// drop.
pub struct ServerProcess {
    /// The server.
    child: Child,
    /// Where it listens (parsed from its first line).
    addr: SocketAddr,
    /// The rest of its standard output, for callers that expect more lines.
    stdout: BufReader<ChildStdout>,
}

impl ServerProcess {
    /// Starts `command` with its standard output piped and waits for its
    /// `serving on ADDR` line.
    ///
    /// # Errors
    /// The command cannot start, or exits (or prints something else)
    /// before announcing its address.
    pub fn spawn(mut command: Command) -> io::Result<ServerProcess> {
        let mut child = command.stdout(Stdio::piped()).spawn()?;
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout was piped"));
        let mut line = String::new();
        stdout.read_line(&mut line)?;
        let addr = line
            .trim()
            .strip_prefix("serving on ")
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|addr| addr.parse().ok());
        match addr {
            Some(addr) => Ok(ServerProcess {
                child,
                addr,
                stdout,
            }),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("the server's first line was {line:?}, not \"serving on ADDR\""),
                ))
            }
        }
    }

    /// Where the server listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's resident set size (`VmRSS` in `/proc/PID/status`).
    ///
    /// # Errors
    /// The process is gone, or `/proc` is not Linux's.
    pub fn rss_bytes(&self) -> io::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .map(|kib| kib * 1024)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no VmRSS line"))
    }

    /// The next line the server prints after its first (for servers that
    /// report more), without the newline; `None` at end of output.
    ///
    /// # Errors
    /// As reading a pipe.
    pub fn next_line(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end().to_owned()))
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one C10K run measured.
#[derive(Clone, Debug, PartialEq)]
pub struct C10kReport {
    /// Connections held open at once.
    pub connections: usize,
    /// The server's RSS growth per idle connection, in bytes.
    pub bytes_per_idle_connection: f64,
    /// Echo rounds timed (every connection echoes once per round).
    pub rounds: usize,
    /// Round trips per second over the timed rounds.
    pub round_trips_per_s: f64,
    /// Echoes that came back byte for byte, the set-up echo included.
    pub echoes_ok: usize,
    /// True when every echo of every connection came back right.
    pub all_echoed: bool,
}

/// One round trip of `message` on `stream`; `true` when the reply is the
/// same bytes.
async fn echo_once(stream: &TcpStream, message: &[u8]) -> io::Result<bool> {
    stream.write_all(message).await?;
    let mut reply = vec![0u8; message.len()];
    stream.read_exact(&mut reply).await?;
    Ok(reply == message)
}

/// One echo on every stream at once; how many came back right.
async fn echo_round(streams: &[Rc<TcpStream>], message: &Rc<[u8]>) -> io::Result<usize> {
    let replies = gather(streams.iter().map(|stream| {
        let (stream, message) = (Rc::clone(stream), Rc::clone(message));
        async move { echo_once(&stream, &message).await }
    }))
    .await
    .map_err(io::Error::other)?;
    let mut ok = 0;
    for reply in replies {
        ok += usize::from(reply?);
    }
    Ok(ok)
}

/// The client's side of C10K against `server` (see the module doc):
/// `connections` connections, then `rounds` timed rounds of `payload`-byte
/// echoes. Run it inside `asyncio::run`, after raising the fd limit.
///
/// # Errors
/// A connection or an echo fails, or the server's RSS cannot be read.
pub async fn c10k_client(
    server: &ServerProcess,
    connections: usize,
    rounds: usize,
    payload: usize,
) -> io::Result<C10kReport> {
    let message: Rc<[u8]> = (0..payload).map(|i| (i % 251) as u8).collect();
    let addr = server.addr();
    // Warm-up: the server's one-off allocations (its read buffer, its
    // first slab slots) happen before the baseline.
    {
        let warm = open_connection(addr).await?;
        echo_once(&warm, &message).await?;
    }
    let rss_before = server.rss_bytes()?;
    let mut streams: Vec<Rc<TcpStream>> = Vec::with_capacity(connections);
    let mut echoes_ok = 0;
    while streams.len() < connections {
        let batch = CONNECT_BATCH.min(connections - streams.len());
        let opened = gather((0..batch).map(|_| open_connection(addr)))
            .await
            .map_err(io::Error::other)?;
        let opened: Vec<Rc<TcpStream>> = opened
            .into_iter()
            .map(|stream| stream.map(Rc::new))
            .collect::<io::Result<_>>()?;
        echoes_ok += echo_round(&opened, &message).await?;
        streams.extend(opened);
    }
    let rss_idle = server.rss_bytes()?;
    let started = Instant::now();
    for _ in 0..rounds {
        echoes_ok += echo_round(&streams, &message).await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    Ok(C10kReport {
        connections,
        bytes_per_idle_connection: rss_idle.saturating_sub(rss_before) as f64
            / connections.max(1) as f64,
        rounds,
        round_trips_per_s: (connections * rounds) as f64 / elapsed,
        echoes_ok,
        all_echoed: echoes_ok == connections * (rounds + 1),
    })
}
