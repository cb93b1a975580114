//! The socket leaf (`src/modules/socket/`) on real loopback sockets.
//!
//! The leaf is compiled here on its own, with only its sibling
//! `errno.rs`, which proves it needs nothing else from the crate. Every
//! listener binds port 0; every wait that could hang has a socket timeout
//! of [`WATCHDOG`] that turns a hang into a failure. Facts only: bytes,
//! errnos, exception classes and texts, descriptor counts; never a time.
//!
//! The tests share one lock ([`serial`]) because one of them counts this
//! process's open descriptors, which the others would disturb.

#[allow(dead_code, unused_imports)]
#[path = "../src/modules/errno.rs"]
mod errno;
#[allow(dead_code, unused_imports)]
#[path = "../src/modules/socket/mod.rs"]
mod socket;

use socket::{create_connection, Socket, SocketError, Timeout, SHUT_WR, SOL_SOCKET, SO_REUSEADDR};
use std::net::{Ipv4Addr, SocketAddrV4};
use std::sync::{Mutex, MutexGuard};
use std::thread;

/// How long any single wait may take before the test fails instead of hanging.
const WATCHDOG: Timeout = Timeout::After(std::time::Duration::from_secs(60));

static SERIAL: Mutex<()> = Mutex::new(());

/// One test at a time (see the file header); a panicked test does not
/// poison the others.
fn serial() -> MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A listening socket on 127.0.0.1 and an ephemeral port.
fn listener() -> (Socket, SocketAddrV4) {
    let server = Socket::new().expect("socket()");
    server
        .bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))
        .expect("bind port 0");
    server.listen(None).expect("listen");
    server.settimeout(WATCHDOG).expect("settimeout");
    let addr = server.getsockname().expect("getsockname");
    (server, addr)
}

/// A connected pair: (client, server side).
fn connected_pair() -> (Socket, Socket) {
    let (server, addr) = listener();
    let client = Socket::new().expect("socket()");
    client.connect(addr).expect("connect");
    client.settimeout(WATCHDOG).expect("settimeout");
    let (conn, peer) = server.accept().expect("accept");
    assert_eq!(peer, client.getsockname().unwrap());
    conn.settimeout(WATCHDOG).expect("settimeout");
    (client, conn)
}

/// Reads until end-of-file.
fn read_to_eof(sock: &Socket) -> Vec<u8> {
    let mut all = Vec::new();
    loop {
        let chunk = sock.recv(4096).expect("recv");
        if chunk.is_empty() {
            return all;
        }
        all.extend_from_slice(&chunk);
    }
}

#[test]
fn loopback_echo_between_two_threads() {
    let _serial = serial();
    let (server, addr) = listener();
    let messages: Vec<Vec<u8>> = (0..50)
        .map(|i| format!("message {i} ").repeat(i + 1).into_bytes())
        .collect();
    let expected: Vec<u8> = messages.concat();
    thread::scope(|scope| {
        let echo = scope.spawn(|| {
            let (conn, _) = server.accept().expect("accept");
            conn.settimeout(WATCHDOG).unwrap();
            let mut echoed = 0;
            loop {
                let data = conn.recv(1024).expect("server recv");
                if data.is_empty() {
                    break; // the client shut down its sending side
                }
                conn.sendall(&data).expect("server sendall");
                echoed += data.len();
            }
            conn.close().expect("close");
            echoed
        });
        let client = create_connection("localhost", i64::from(addr.port()), Some(WATCHDOG), None)
            .expect("create_connection");
        assert_eq!(
            client.proto(),
            socket::IPPROTO_TCP,
            "proto comes from getaddrinfo"
        );
        // Send one message, read its echo back, then the next: the echo
        // travels through both threads fifty times.
        let mut received = Vec::new();
        let mut sent = 0;
        for message in &messages {
            client.sendall(message).expect("client sendall");
            sent += message.len();
            while received.len() < sent {
                let chunk = client.recv(512).expect("client recv");
                assert!(!chunk.is_empty(), "server closed early");
                received.extend_from_slice(&chunk);
            }
        }
        client.shutdown(SHUT_WR).expect("shutdown");
        received.extend(read_to_eof(&client));
        assert_eq!(received, expected, "every byte came back, in order");
        assert_eq!(echo.join().unwrap(), expected.len());
    });
}

#[test]
fn refused_connect_is_errno_111_with_cpythons_text() {
    let _serial = serial();
    // A port that is bound but not listening refuses connections, and
    // nobody else can take it while we hold it (a port merely closed
    // could, in theory, be reused by another process in between).
    let holder = Socket::new().unwrap();
    holder
        .bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))
        .unwrap();
    let addr = holder.getsockname().unwrap();
    for mode in [Timeout::Blocking, WATCHDOG] {
        let client = Socket::new().unwrap();
        client.settimeout(mode).unwrap();
        let error = client.connect(addr).expect_err("nothing listens there");
        assert_eq!(error, SocketError::Os(111), "mode {mode:?}");
        assert_eq!(error.class_name(), "ConnectionRefusedError");
        assert_eq!(error.to_string(), "[Errno 111] Connection refused");
        assert_eq!(error.errno(), Some(111));
        assert_eq!(error.strerror().as_deref(), Some("Connection refused"));
        assert_eq!(Socket::new().unwrap().connect_ex(addr), 111);
    }
    let error =
        create_connection("127.0.0.1", i64::from(addr.port()), None, None).expect_err("refused");
    assert_eq!(error.to_string(), "[Errno 111] Connection refused");
    // And a port just closed, as a Python program would find it.
    let (server, addr) = listener();
    server.close().unwrap();
    assert_eq!(Socket::new().unwrap().connect_ex(addr), 111);
}

#[test]
fn recv_on_a_silent_peer_times_out() {
    let _serial = serial();
    let (client, _silent_server_side) = connected_pair();
    client
        .settimeout(Timeout::from_seconds_f64(0.05).unwrap())
        .unwrap();
    assert_eq!(client.gettimeout().as_seconds(), Some(0.05));
    let error = client.recv(10).expect_err("the peer never sends");
    assert!(error.is_timeout());
    assert_eq!(error.class_name(), "TimeoutError");
    assert_eq!(error.to_string(), "timed out");
    assert_eq!(error.errno(), None, "a socket timeout has no errno");
    // The socket still works after a timeout.
    _silent_server_side.sendall(b"late").unwrap();
    client.settimeout(WATCHDOG).unwrap();
    assert_eq!(client.recv(10).unwrap(), b"late");
}

#[test]
fn non_blocking_calls_fail_at_once_with_blocking_io_error() {
    let _serial = serial();
    let (server, _) = listener();
    server.setblocking(false).unwrap();
    assert!(!server.getblocking());
    assert_eq!(server.gettimeout().as_seconds(), Some(0.0));
    let error = server.accept().expect_err("nobody is connecting");
    assert_eq!(error.class_name(), "BlockingIOError");
    assert_eq!(
        error.to_string(),
        "[Errno 11] Resource temporarily unavailable"
    );
    let (client, _conn) = connected_pair();
    client.settimeout(Timeout::NonBlocking).unwrap();
    assert_eq!(client.recv(1).unwrap_err(), SocketError::Os(11));
}

#[test]
fn eof_is_zero_bytes_and_shutdown_wr_half_closes() {
    let _serial = serial();
    let (client, conn) = connected_pair();
    client.sendall(b"request").unwrap();
    client.shutdown(SHUT_WR).unwrap();
    // The server sees the data, then end-of-file...
    assert_eq!(read_to_eof(&conn), b"request");
    assert_eq!(conn.recv(100).unwrap(), b"", "EOF stays EOF");
    // ...and can still answer on its own half, which the client reads.
    conn.sendall(b"reply").unwrap();
    conn.close().unwrap();
    assert_eq!(read_to_eof(&client), b"reply");
    // A send on the shut-down half is EPIPE: BrokenPipeError.
    let error = client.send(b"x").unwrap_err();
    assert_eq!(error.class_name(), "BrokenPipeError");
    assert_eq!(error.to_string(), "[Errno 32] Broken pipe");
}

#[test]
fn so_reuseaddr_lets_a_server_rebind_its_port() {
    let _serial = serial();
    let server = Socket::new().unwrap();
    assert_eq!(server.getsockopt(SOL_SOCKET, SO_REUSEADDR).unwrap(), 0);
    server.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1).unwrap();
    assert_ne!(server.getsockopt(SOL_SOCKET, SO_REUSEADDR).unwrap(), 0);
    server
        .bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))
        .unwrap();
    server.listen(Some(5)).unwrap();
    server.settimeout(WATCHDOG).unwrap();
    let addr = server.getsockname().unwrap();
    let client = Socket::new().unwrap();
    client.connect(addr).unwrap();
    let (conn, _) = server.accept().unwrap();
    // The server closes first, so its side of the connection lingers
    // (FIN_WAIT/TIME_WAIT) on `addr` after everything is closed.
    conn.close().unwrap();
    client.settimeout(WATCHDOG).unwrap();
    assert_eq!(client.recv(1).unwrap(), b"");
    client.close().unwrap();
    server.close().unwrap();

    let plain = Socket::new().unwrap();
    let error = plain
        .bind(addr)
        .expect_err("the old connection holds the port");
    assert_eq!(error.to_string(), "[Errno 98] Address already in use");
    assert_eq!(error.class_name(), "OSError");

    let reusing = Socket::new().unwrap();
    reusing.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1).unwrap();
    reusing.bind(addr).expect("SO_REUSEADDR rebinds");
    reusing.listen(None).unwrap();
    assert_eq!(reusing.getsockname().unwrap(), addr);
}

/// Open descriptors of this process, from /proc/self/fd.
fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .expect("/proc/self/fd is missing: this test needs Linux's /proc")
        .count()
}

/// Whether `fd` is close-on-exec, from /proc/self/fdinfo (O_CLOEXEC is
/// octal 02000000 in the `flags:` line).
fn is_cloexec(fd: i32) -> bool {
    let info = std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}"))
        .expect("/proc/self/fdinfo is missing: this test needs Linux's /proc");
    let flags = info
        .lines()
        .find_map(|line| line.strip_prefix("flags:"))
        .expect("a flags line");
    let flags = u32::from_str_radix(flags.trim(), 8).expect("octal flags");
    flags & 0o2_000_000 != 0
}

#[test]
fn descriptors_are_close_on_exec_and_all_released() {
    let _serial = serial();
    // Warm-up: the C library may keep a descriptor open across resolver
    // calls (nscd's socket, say); let that happen before the baseline.
    drop(create_connection("127.0.0.1", 0, None, None));
    let baseline = open_fds();
    for round in 0..40 {
        let (client, conn) = connected_pair();
        assert!(is_cloexec(client.fileno()), "socket() is close-on-exec");
        assert!(is_cloexec(conn.fileno()), "accept() is close-on-exec");
        let plain = Socket::new().unwrap();
        if round % 2 == 0 {
            // Half closed explicitly, half by Drop.
            client.close().unwrap();
            conn.close().unwrap();
            plain.close().unwrap();
            assert_eq!(plain.fileno(), -1);
            plain.close().expect("closing twice is fine");
        }
        let refused = create_connection("127.0.0.1", 0, None, None);
        assert!(refused.is_err(), "port 0 refuses");
    }
    assert_eq!(open_fds(), baseline, "every descriptor was closed");
}

#[test]
fn a_closed_socket_reports_ebadf_and_says_closed() {
    let _serial = serial();
    let sock = Socket::new().unwrap();
    sock.bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))
        .unwrap();
    let port = sock.getsockname().unwrap().port();
    let repr = sock.python_repr();
    assert!(repr.starts_with("<socket.socket fd="), "{repr}");
    assert!(
        repr.ends_with(&format!(
            ", family=2, type=1, proto=0, laddr=('127.0.0.1', {port})>"
        )),
        "{repr}"
    );
    sock.close().unwrap();
    assert_eq!(sock.fileno(), -1);
    assert_eq!(
        sock.python_repr(),
        "<socket.socket [closed] fd=-1, family=2, type=1, proto=0>"
    );
    let error = sock.recv(1).unwrap_err();
    assert_eq!(error.to_string(), "[Errno 9] Bad file descriptor");
    assert_eq!(sock.getpeername().unwrap_err(), SocketError::Os(9));
}

#[test]
fn sendall_pushes_megabytes_through_partial_sends() {
    let _serial = serial();
    let (client, conn) = connected_pair();
    let data: Vec<u8> = (0..4 << 20).map(|i: u32| (i % 251) as u8).collect();
    thread::scope(|scope| {
        let reader = scope.spawn(|| read_to_eof(&conn));
        client.sendall(&data).expect("sendall");
        client.shutdown(SHUT_WR).unwrap();
        assert!(reader.join().unwrap() == data, "all bytes arrive in order");
    });
}

#[test]
fn recv_into_fills_the_front_of_the_buffer() {
    let _serial = serial();
    let (client, conn) = connected_pair();
    conn.sendall(b"abc").unwrap();
    conn.shutdown(SHUT_WR).unwrap();
    let mut buf = [b'.'; 8];
    let mut got = 0;
    loop {
        let n = client.recv_into(&mut buf[got..]).unwrap();
        if n == 0 {
            break;
        }
        got += n;
    }
    assert_eq!(&buf, b"abc.....");
    assert_eq!(client.recv(0).unwrap(), b"");
}

/// Compile-time: the interpreter shares one `Socket` between threads (an
/// `Arc` in the Python object), so it must be `Send + Sync`.
const _: () = {
    const fn shared_between_threads<T: Send + Sync>() {}
    shared_between_threads::<Socket>();
};

#[test]
fn shutdown_from_another_thread_ends_a_blocked_recv() {
    let _serial = serial();
    let (client, _conn) = connected_pair();
    // The reader waits in poll(2) under the watchdog (in blocking mode it
    // would wait in recv(2), which shutdown wakes the same way, but with
    // no watchdog if it did not).
    thread::scope(|scope| {
        // Whether the reader is already waiting or not yet, the outcome
        // is the same: end-of-file.
        let reader = scope.spawn(|| client.recv(100));
        client.shutdown(socket::SHUT_RDWR).unwrap();
        assert_eq!(reader.join().unwrap(), Ok(Vec::new()));
    });
}
