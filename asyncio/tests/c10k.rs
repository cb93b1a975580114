//! C10K inside `cargo test`: 10,000 connections from this process to the
//! echo server in another, every echo counted, and the server's fd count
//! back at its baseline once they close.
//!
//! ```text
//!   this test (client)                     this test binary again, --serve (server)
//!   ServerProcess::spawn(self --serve) ──▶ serving on ADDR
//!   1 connection, echo, close          ──▶ "idle after 1 connections: fds F0 buffers 0"
//!   c10k_client: 10,000 connections, 1 echo each, 2 rounds, then all closed
//!                                      ──▶ "idle after 10002 connections: fds F1 buffers 0"
//!   assert F1 == F0, every echo came back
//! ```
//!
//! Why a second process: the server and the client each hold 10,000 fds,
//! and this machine's hard limit (`ulimit -Hn`, 20,000 here) does not fit
//! both in one process. Why `harness = false`: the test binary must also
//! be the server (`--serve`), which libtest has no place for. When the
//! hard limit is below 10,100 the test runs 2,000 connections instead and
//! says so.
//!
//! The server announces "idle" itself — when its count of open
//! connections drops to zero — so the test knows the server has closed
//! everything without polling or sleeping. A watchdog kills both
//! processes if anything hangs.

use asyncio::net::{buffer_stats, start_server, TcpStream};
use asyncio::programs::c10k::{self, ServerProcess};
use asyncio::programs::echo::handle_echo;
use std::cell::Cell;
use std::process::Command;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// The test's name, for `--list` and filters.
const NAME: &str = "c10k_every_echo_returns_and_server_fds_return_to_baseline";
/// Connections when the fd limit allows.
const CONNECTIONS: usize = 10_000;
/// Connections when it does not.
const FALLBACK_CONNECTIONS: usize = 2_000;
/// fds besides the connections (std streams, epoll, eventfd, listener...).
const SPARE_FDS: u64 = 100;
/// Timed echo rounds after the set-up echo.
const ROUNDS: usize = 2;
/// A regression guard, not the target (the bench measures that, ~10×
/// lower): a 16 KiB buffer per connection would blow through it.
const MAX_BYTES_PER_IDLE_CONNECTION: f64 = 4096.0;

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, Iterator::count)
}

/// The server side: the crate's echo handler, counting open connections;
/// every time the count drops to zero it prints what it still holds.
fn serve() {
    c10k::raise_fd_limit(u64::MAX).expect("fd limit");
    asyncio::run(async {
        let open = Rc::new(Cell::new(0usize));
        let served = Rc::new(Cell::new(0usize));
        let server = start_server("127.0.0.1:0", move |stream: TcpStream| {
            let (open, served) = (Rc::clone(&open), Rc::clone(&served));
            open.set(open.get() + 1);
            served.set(served.get() + 1);
            async move {
                handle_echo(stream).await;
                open.set(open.get() - 1);
                if open.get() == 0 {
                    println!(
                        "idle after {} connections: fds {} buffers {}",
                        served.get(),
                        open_fds(),
                        buffer_stats().bytes_held
                    );
                }
            }
        })
        .expect("bind");
        println!("serving on {}", server.local_addr());
        server.serve_forever().await;
    })
    .expect("server loop");
}

/// Reads the server's lines until the "idle" one after `served`
/// connections; returns its fd count, checking no buffer is held.
fn idle_fds(server: &mut ServerProcess, served: usize) -> usize {
    let prefix = format!("idle after {served} connections: ");
    loop {
        let line = server
            .next_line()
            .expect("server output")
            .expect("the server exited early");
        if let Some(rest) = line.strip_prefix(&prefix) {
            let fields: Vec<&str> = rest.split_whitespace().collect();
            assert_eq!(
                fields[2..],
                ["buffers", "0"],
                "idle server holds buffers: {line}"
            );
            return fields[1].parse().expect("fd count");
        }
    }
}

/// The client side; returns a description of what ran.
fn check(server_pid: &AtomicU32) -> String {
    let wanted = CONNECTIONS as u64 + SPARE_FDS;
    let limit = c10k::raise_fd_limit(wanted).expect("fd limit");
    let connections = if limit >= wanted {
        CONNECTIONS
    } else {
        FALLBACK_CONNECTIONS
    };
    let mut command = Command::new(std::env::current_exe().expect("test binary"));
    command.arg("--serve");
    let mut server = ServerProcess::spawn(command).expect("start the server process");
    server_pid.store(server.pid(), Ordering::Release);
    let addr = server.addr();

    asyncio::run(async move {
        let stream = asyncio::net::open_connection(addr).await.unwrap();
        stream.write_all(b"warm-up").await.unwrap();
        let mut reply = [0u8; 7];
        stream.read_exact(&mut reply).await.unwrap();
        assert_eq!(&reply, b"warm-up");
    })
    .unwrap();
    let baseline = idle_fds(&mut server, 1);

    let report = asyncio::run(c10k::c10k_client(&server, connections, ROUNDS, 1024))
        .unwrap()
        .unwrap();
    // `c10k_client` made one warm-up connection of its own; all of its
    // connections are closed now that it returned.
    let after = idle_fds(&mut server, 1 + 1 + connections);

    assert_eq!(report.echoes_ok, connections * (ROUNDS + 1));
    assert!(report.all_echoed);
    assert_eq!(
        after, baseline,
        "the server's fd count is back at its baseline"
    );
    assert!(
        report.bytes_per_idle_connection < MAX_BYTES_PER_IDLE_CONNECTION,
        "{:.0} bytes of server RSS per idle connection",
        report.bytes_per_idle_connection
    );
    format!(
        "{connections} connections (fd limit {limit}): {} echoes back, server fds {baseline} -> {after}, \
         {:.0} bytes of server RSS per idle connection (a debug build; the bench measures release)",
        report.echoes_ok, report.bytes_per_idle_connection
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--serve") {
        serve();
        return;
    }
    if args.iter().any(|a| a == "--list") {
        println!("{NAME}: test");
        return;
    }
    // libtest's filter: the first argument that is not a flag (or a flag's value).
    let mut filter = None;
    let mut skip_value = false;
    for arg in &args {
        if std::mem::take(&mut skip_value) {
            continue;
        }
        match arg.as_str() {
            "--test-threads" | "--skip" | "--format" | "--color" | "--logfile" => {
                skip_value = true;
            }
            a if a.starts_with('-') => {}
            a => filter = Some(a.to_owned()),
        }
    }
    if filter.is_some_and(|f| !NAME.contains(&f)) {
        println!("running 0 tests (filtered out)");
        return;
    }
    println!("running 1 test");
    let server_pid = Arc::new(AtomicU32::new(0));
    let (tx, rx) = mpsc::channel();
    let pid = Arc::clone(&server_pid);
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| check(&pid));
        let _ = tx.send(result.map_err(|_| ()));
    });
    match rx.recv_timeout(Duration::from_secs(300)) {
        Ok(Ok(summary)) => {
            println!("test {NAME} ... ok\n  {summary}");
        }
        Ok(Err(())) => {
            println!("test {NAME} ... FAILED (see the panic above)");
            std::process::exit(101);
        }
        Err(_) => {
            let pid = server_pid.load(Ordering::Acquire);
            if pid != 0 {
                let _ = nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(pid as i32),
                    nix::sys::signal::Signal::SIGKILL,
                );
            }
            println!("test {NAME} ... FAILED: watchdog, no result within 300 s");
            std::process::exit(101);
        }
    }
}
