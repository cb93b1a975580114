//! An echo server for ten thousand connections: one thread, epoll.
//!
//! [`EchoServer`](crate::EchoServer) gives every connection an OS thread.
//! That is the simplest correct server, and fine for hundreds of clients;
//! at C10K it is itself the problem the row is about — ten thousand server
//! threads beside the client's, a process-id space shared with the whole
//! machine, and an accept loop that spawns a thread per connection, far
//! slower than a client can connect. Its accept queue (4,096 entries at
//! most) overflows, the kernel drops SYNs, and each dropped client waits a
//! full second for its retransmit: seconds charged to the client's model
//! that belong to the server.
//!
//! This server does the same job with one thread:
//!
//! ```text
//!   epoll_wait(timeout = next reply due) ─▶ listener readable: accept until EAGAIN
//!        ▲                                ├▶ connection readable: read until EAGAIN;
//!        │                                │     each chunk queued, due now + latency
//!        │                                ├▶ connection writable: flush what is left
//!        └──── send every reply now due ◀─┴▶ waker readable: stop
//! ```
//!
//! Replies leave in the order their requests arrived, each `reply_latency`
//! after its read, as the threaded server's `sleep` then `write` does.
//!
//! Ten thousand connections can still arrive faster than one thread
//! accepts them: a client on the event loop issues all its connects within
//! milliseconds, and a listening socket queues at most `somaxconn` (4,096)
//! finished handshakes. So the server listens on [`LISTENERS`] sockets
//! bound to the same port with `SO_REUSEPORT`; the kernel spreads incoming
//! connections across them by address hash, and together they queue four
//! times as many. (Raising `net.core.somaxconn` would do too, but it is a
//! machine-wide setting a benchmark has no business changing.)
//! Simplification: `epoll_wait` counts its timeout in whole milliseconds,
//! so a reply may leave up to a millisecond late; a production server would
//! use a `timerfd` for finer timers.
//!
//! Python equivalent: a `selectors.DefaultSelector` loop with a heap of
//! `(due, conn, data)` — the mechanism `asyncio` wraps.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::net::UnixStream;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Listening sockets sharing the port (see the module notes).
pub const LISTENERS: usize = 4;
/// The waker's epoll token (a byte written to it stops the loop).
const WAKER: u64 = u64::MAX;
/// Listener `i`'s epoll token is `LISTENER_BASE + i`; connections count up
/// from 0 and never get near.
const LISTENER_BASE: u64 = u64::MAX - 1 - LISTENERS as u64;
/// Events handled per `epoll_wait`.
const BATCH: usize = 1024;

/// One client connection.
struct Connection {
    /// The non-blocking socket.
    stream: TcpStream,
    /// Chunks read and not yet echoed, oldest first, each with the instant
    /// it is due back.
    pending: VecDeque<(Instant, Vec<u8>)>,
    /// Bytes of a due reply the socket would not take yet.
    unsent: Vec<u8>,
}

/// The loop's state, owned by its thread.
struct EventLoop {
    /// The epoll instance.
    epoll: OwnedFd,
    /// The listening sockets, sharing one port (non-blocking).
    listeners: Vec<TcpListener>,
    /// Read end of the stop signal.
    waker: UnixStream,
    /// Open connections by token.
    connections: HashMap<u64, Connection>,
    /// The next token to hand out.
    next_token: u64,
    /// `(due, token)` for every pending chunk, earliest first.
    due: BinaryHeap<Reverse<(Instant, u64)>>,
    /// How long each reply waits.
    reply_latency: Duration,
}

/// A single-threaded, epoll-driven echo server on `127.0.0.1:0`.
///
/// Dropping it stops the loop (through a socket pair it watches), joins the
/// thread, and closes every connection still open.
pub struct EventEchoServer {
    /// Where the server listens.
    addr: SocketAddr,
    /// Write end of the stop signal.
    stop: UnixStream,
    /// The loop's thread, joined on drop.
    thread: Option<JoinHandle<()>>,
}

impl EventEchoServer {
    /// Binds an ephemeral loopback port and starts the loop; every reply
    /// waits `reply_latency`.
    pub fn with_latency(reply_latency: Duration) -> std::io::Result<EventEchoServer> {
        let first = reuseport_listener(0)?;
        let addr = first.local_addr()?;
        let mut listeners = vec![first];
        for _ in 1..LISTENERS {
            listeners.push(reuseport_listener(addr.port())?);
        }
        let (stop, waker) = UnixStream::pair()?;
        waker.set_nonblocking(true)?;
        // SAFETY: epoll_create1 takes no pointers; its result is checked
        // below before it is used.
        let epfd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if epfd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: `epfd` is a new, valid descriptor that nothing else owns.
        let epoll = unsafe { OwnedFd::from_raw_fd(epfd) };
        let event_loop = EventLoop {
            epoll,
            listeners,
            waker,
            connections: HashMap::new(),
            next_token: 0,
            due: BinaryHeap::new(),
            reply_latency,
        };
        for (i, listener) in event_loop.listeners.iter().enumerate() {
            let token = LISTENER_BASE + i as u64;
            event_loop.watch(listener.as_raw_fd(), token, libc::EPOLL_CTL_ADD, false)?;
        }
        event_loop.watch(
            event_loop.waker.as_raw_fd(),
            WAKER,
            libc::EPOLL_CTL_ADD,
            false,
        )?;
        let thread = std::thread::Builder::new()
            .name("echo-events".into())
            .spawn(move || event_loop.run())?;
        Ok(EventEchoServer {
            addr,
            stop,
            thread: Some(thread),
        })
    }

    /// The address clients connect to.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for EventEchoServer {
    fn drop(&mut self) {
        let _ = self.stop.write_all(b"x");
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A non-blocking listening socket on `127.0.0.1:port` (0: any free port)
/// with `SO_REUSEPORT` set before `bind`, which std's `TcpListener::bind`
/// cannot do, and the system's largest backlog.
fn reuseport_listener(port: u16) -> std::io::Result<TcpListener> {
    let check = |rc: libc::c_int| {
        if rc < 0 {
            Err(std::io::Error::last_os_error())
        } else {
            Ok(rc)
        }
    };
    // SAFETY: socket takes no pointers; the result is checked.
    let fd = check(unsafe {
        libc::socket(
            libc::AF_INET,
            libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            0,
        )
    })?;
    // SAFETY: `fd` is a new socket nothing else owns; from here the
    // listener closes it, whatever happens below.
    let listener = unsafe { TcpListener::from_raw_fd(fd) };
    let one: libc::c_int = 1;
    // SAFETY: `one` lives across the call and its size is passed with it.
    check(unsafe {
        libc::setsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_REUSEPORT,
            (&one as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    })?;
    let address = libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: port.to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from_ne_bytes([127, 0, 0, 1]),
        },
        sin_zero: [0; 8],
    };
    // SAFETY: `address` is a valid sockaddr_in that lives across the call,
    // and its size is passed with it.
    check(unsafe {
        libc::bind(
            fd,
            (&address as *const libc::sockaddr_in).cast(),
            std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t,
        )
    })?;
    // SAFETY: `fd` is a bound socket; listen takes no pointers.
    check(unsafe { libc::listen(fd, libc::SOMAXCONN) })?;
    Ok(listener)
}

impl EventLoop {
    /// Adds or modifies `fd` in the epoll set: readable always, writable
    /// too when `writable`.
    fn watch(&self, fd: RawFd, token: u64, op: libc::c_int, writable: bool) -> std::io::Result<()> {
        let mut flags = libc::EPOLLIN | libc::EPOLLRDHUP;
        if writable {
            flags |= libc::EPOLLOUT;
        }
        let mut event = libc::epoll_event {
            events: flags as u32,
            u64: token,
        };
        // SAFETY: `self.epoll` and `fd` are open descriptors; `event` is a
        // valid epoll_event that epoll_ctl only reads during the call.
        let rc = unsafe { libc::epoll_ctl(self.epoll.as_raw_fd(), op, fd, &mut event) };
        if rc < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }

    /// The loop: wait for readiness or the next due reply, handle both.
    fn run(mut self) {
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; BATCH];
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let timeout_ms = match self.due.peek() {
                None => -1,
                Some(Reverse((at, _))) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    // Round up, so a reply never leaves early.
                    wait.as_micros().div_ceil(1_000).min(60_000) as libc::c_int
                }
            };
            // SAFETY: `events` has room for BATCH entries, which the kernel
            // fills; `self.epoll` is open.
            let n = unsafe {
                libc::epoll_wait(
                    self.epoll.as_raw_fd(),
                    events.as_mut_ptr(),
                    BATCH as libc::c_int,
                    timeout_ms,
                )
            };
            if n < 0 {
                if std::io::Error::last_os_error().kind() == ErrorKind::Interrupted {
                    continue;
                }
                return;
            }
            for event in &events[..n as usize] {
                let (token, flags) = (event.u64, event.events);
                match token {
                    WAKER => return,
                    t if t >= LISTENER_BASE => self.accept_all((t - LISTENER_BASE) as usize),
                    _ => {
                        if flags & libc::EPOLLOUT as u32 != 0 {
                            self.flush(token);
                        }
                        if flags
                            & (libc::EPOLLIN | libc::EPOLLRDHUP | libc::EPOLLERR | libc::EPOLLHUP)
                                as u32
                            != 0
                        {
                            self.read_all(token, &mut buf);
                        }
                    }
                }
            }
            self.send_due();
        }
    }

    /// Accepts every connection waiting on listener `which`.
    fn accept_all(&mut self, which: usize) {
        loop {
            match self.listeners[which].accept() {
                Ok((stream, _)) => {
                    let token = self.next_token;
                    self.next_token += 1;
                    let ready = stream
                        .set_nonblocking(true)
                        .and_then(|()| stream.set_nodelay(true));
                    if ready.is_err()
                        || self
                            .watch(stream.as_raw_fd(), token, libc::EPOLL_CTL_ADD, false)
                            .is_err()
                    {
                        continue; // dropped: the client sees a reset
                    }
                    self.connections.insert(
                        token,
                        Connection {
                            stream,
                            pending: VecDeque::new(),
                            unsent: Vec::new(),
                        },
                    );
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                // WouldBlock: the queue is drained. Other errors (EMFILE,
                // a connection reset before accept) end this round; the
                // listener stays readable and is retried next time.
                Err(_) => return,
            }
        }
    }

    /// Reads everything `token` has sent, queueing each chunk's echo; closes
    /// the connection at end of stream or on an error.
    fn read_all(&mut self, token: u64, buf: &mut [u8]) {
        let Some(conn) = self.connections.get_mut(&token) else {
            return;
        };
        loop {
            match conn.stream.read(buf) {
                Ok(0) => break,
                Ok(n) => {
                    let at = Instant::now() + self.reply_latency;
                    conn.pending.push_back((at, buf[..n].to_vec()));
                    self.due.push(Reverse((at, token)));
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        // End of stream or an error: the client is done. Dropping the
        // stream closes it and takes it out of the epoll set.
        self.connections.remove(&token);
    }

    /// Sends every reply whose time has come, in arrival order.
    fn send_due(&mut self) {
        let now = Instant::now();
        while let Some(Reverse((at, token))) = self.due.peek().copied() {
            if at > now {
                return;
            }
            self.due.pop();
            let Some(conn) = self.connections.get_mut(&token) else {
                continue; // closed meanwhile
            };
            if let Some((_, chunk)) = conn.pending.pop_front() {
                conn.unsent.extend_from_slice(&chunk);
            }
            self.flush(token);
        }
    }

    /// Writes what `token` has unsent; watches for writability while some
    /// is left.
    fn flush(&mut self, token: u64) {
        let Some(conn) = self.connections.get_mut(&token) else {
            return;
        };
        let was_blocked = !conn.unsent.is_empty();
        let mut written = 0;
        let mut failed = false;
        while written < conn.unsent.len() {
            match conn.stream.write(&conn.unsent[written..]) {
                Ok(0) => break,
                Ok(n) => written += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(_) => {
                    failed = true;
                    break;
                }
            }
        }
        conn.unsent.drain(..written);
        let blocked = !conn.unsent.is_empty();
        let fd = conn.stream.as_raw_fd();
        if failed {
            self.connections.remove(&token);
        } else if blocked || was_blocked {
            let _ = self.watch(fd, token, libc::EPOLL_CTL_MOD, blocked);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EchoSpec;

    #[test]
    fn echoes_every_client_with_the_sequential_reference_digest() {
        let server = EventEchoServer::with_latency(Duration::from_millis(1)).unwrap();
        let spec = EchoSpec {
            connections: 3,
            requests: 4,
            payload: 3000,
        };
        assert_eq!(
            spec.run_sequential(server.addr()).unwrap(),
            spec.expected_digest()
        );
    }

    #[test]
    fn holds_many_connections_open_at_once() {
        let server = EventEchoServer::with_latency(Duration::ZERO).unwrap();
        let mut streams: Vec<TcpStream> = (0..200)
            .map(|_| TcpStream::connect(server.addr()).unwrap())
            .collect();
        for (i, s) in streams.iter_mut().enumerate() {
            s.write_all(&[i as u8; 10]).unwrap();
        }
        for (i, s) in streams.iter_mut().enumerate() {
            let mut reply = [0u8; 10];
            s.read_exact(&mut reply).unwrap();
            assert_eq!(reply, [i as u8; 10]);
        }
    }
}
