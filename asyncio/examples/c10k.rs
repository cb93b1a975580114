//! C10K: ten thousand idle connections from this process to an echo
//! server in another, then rounds of 1 KiB echoes; prints what each idle
//! connection costs the server (RSS) and the round-trip rate.
//!
//! ```text
//! cargo run --release -p asyncio --example c10k
//! cargo run --release -p asyncio --example c10k -- --connections 2000 --rounds 3
//! ```
//!
//! The server is this same binary started again with `--serve` — the echo
//! server of `programs/echo.rs`, exactly what `--example echo_server --
//! --serve` runs. The bench (`--example bench`) drives the same client
//! against tokio's, async-std's, CPython's and uvloop's servers. Both
//! processes raise their soft fd limit as far as the hard limit allows
//! (`ulimit -Hn`; 10,000 connections need a little over 10,000 on each
//! side).
//!
//! Python equivalent: an `asyncio.open_connection` client opening ten
//! thousand connections to a `start_server` server in another process.

use asyncio::programs::c10k::{self, ServerProcess, DEFAULT_CONNECTIONS};
use asyncio::programs::echo;
use std::process::Command;

/// The value after `flag`, parsed, or `default`.
fn arg<T: std::str::FromStr>(args: &[String], flag: &str, default: T) -> T {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--serve") {
        let addr: String = arg(&args, "--addr", "127.0.0.1:0".to_owned());
        asyncio::run(async move { echo::serve(&addr).await })??;
        return Ok(());
    }
    let connections: usize = arg(&args, "--connections", DEFAULT_CONNECTIONS);
    let rounds: usize = arg(&args, "--rounds", 5);
    let payload: usize = arg(&args, "--payload", 1024);
    let limit = c10k::raise_fd_limit(connections as u64 + 100)?;
    if limit < connections as u64 + 100 {
        eprintln!("note: the fd limit is {limit}; fewer than {connections} connections will fit");
    }
    let mut server = Command::new(std::env::current_exe()?);
    server.args(["--serve", "--addr", "127.0.0.1:0"]);
    let server = ServerProcess::spawn(server)?;
    println!(
        "server: pid {} serving on {} (this example, --serve)",
        server.pid(),
        server.addr()
    );
    let report = asyncio::run(c10k::c10k_client(&server, connections, rounds, payload))??;
    println!(
        "{} connections idle: {:.0} bytes of server RSS each (the task's future: {} bytes)",
        report.connections,
        report.bytes_per_idle_connection,
        echo::handler_future_size()
    );
    println!(
        "{} rounds of {payload}-byte echoes: {:.0} round trips/s; every echo came back: {}",
        report.rounds, report.round_trips_per_s, report.all_echoed
    );
    Ok(())
}
