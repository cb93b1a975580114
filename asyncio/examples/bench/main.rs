//! The asyncio benchmark: the hand-rolled loop against tokio's
//! `current_thread` runtime, async-std and CPython's asyncio, all measured
//! in this one run.
//!
//! ```text
//! cargo run --release -p asyncio --example bench -- --json
//! cargo run --release -p asyncio --example bench            # a readable table
//! cargo run --release -p asyncio --example bench -- --quick # smaller sizes
//! cargo run --release -p asyncio --example bench -- --only tokio  # keys starting "tokio"
//! ```
//!
//! Figures (keys of the JSON object):
//! - `spawn_await_ns`, `tokio_spawn_await_ns`, `async_std_spawn_await_ns`:
//!   1M trivial tasks spawned, then awaited in order; ns per task.
//! - `yield_ns`, `tokio_yield_ns`, `cpython_yield_ns`: one `sleep(0)` /
//!   `yield_now` round trip through the loop.
//! - `sleepers_100k_wall_s`, `sleepers_100k_bytes_per_task` and the CPython
//!   pair: 100k tasks each sleeping 1 s, gathered; bytes = RSS growth while
//!   they sleep / tasks, measured in a fresh child process.
//! - `echo_req_per_s` and the tokio / async-std / CPython peers: 64
//!   connections × 1 KiB round trips, client and server in one process
//!   (on one loop, except async-std, whose executor is multi-threaded).
//! - `uvloop_echo_req_per_s`: the same echo on uvloop's loop.
//! - `timer_overshoot_p99_us`: 99th percentile of how late a 1 ms sleep
//!   wakes.
//! - `c10k_bytes_per_conn` and the `tokio_`, `async_std_`, `cpython_`,
//!   `uvloop_` peers: 10,000 idle connections from this process to an echo
//!   server in its own process; the server's RSS growth per connection
//!   (see `c10k.rs`). `c10k_req_per_s` and peers: the round-trip rate of
//!   the rounds of 1 KiB echoes that follow. `c10k_all_echoed`: every echo
//!   of every connection came back from our server.
//!
//! CPython runs `asyncio/bench/cpython_peer.py`; its figures are `null`
//! when python3 is absent, uvloop's when it cannot be installed. Python
//! equivalent: `timeit` around `asyncio.run`.

mod c10k;
mod ours;
mod peers;

use std::time::Instant;

/// Sizes of one run.
struct Sizes {
    /// Tasks spawned for spawn + await.
    spawn_tasks: u64,
    /// Yields timed.
    yields: u64,
    /// Sleeping tasks.
    sleepers: usize,
    /// Echo round trips per connection.
    echo_requests: usize,
    /// 1 ms sleeps timed for overshoot.
    overshoot_samples: usize,
    /// Idle connections for the C10K figures.
    c10k_connections: usize,
}

/// Echo connections (the issue's 64).
pub const ECHO_CONNECTIONS: usize = 64;
/// Echo message size (the issue's 1 KiB).
pub const ECHO_PAYLOAD: usize = 1024;

/// One figure of the JSON object.
#[derive(Clone, Copy)]
enum Figure {
    /// A measurement (`null` when it could not be taken).
    Number(Option<f64>),
    /// A yes/no fact (`null` when it could not be checked).
    Flag(Option<bool>),
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--serve") {
        c10k::serve(args.get(i + 1).map_or("ours", String::as_str));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--child-sleepers") {
        let n = args
            .get(i + 1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(100_000);
        ours::child_sleepers(n);
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let json = args.iter().any(|a| a == "--json");
    // `--only tokio` measures just the figures whose key starts with "tokio".
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1).cloned());
    let wants = |key: &str| only.as_ref().is_none_or(|o| key.starts_with(o.as_str()));
    let sizes = if quick {
        Sizes {
            spawn_tasks: 100_000,
            yields: 1_000_000,
            sleepers: 10_000,
            echo_requests: 100,
            overshoot_samples: 200,
            c10k_connections: 1_000,
        }
    } else {
        Sizes {
            spawn_tasks: 1_000_000,
            yields: 5_000_000,
            sleepers: 100_000,
            echo_requests: 1_000,
            overshoot_samples: 1_000,
            c10k_connections: asyncio::programs::c10k::DEFAULT_CONNECTIONS,
        }
    };

    // The C10K client holds one fd per connection.
    let _ = asyncio::programs::c10k::raise_fd_limit(sizes.c10k_connections as u64 + 100);
    let mut figures: Vec<(&str, Option<f64>)> = Vec::new();
    let spawn = |f: &dyn Fn() -> f64| {
        let mut samples: Vec<f64> = (0..3).map(|_| f()).collect();
        samples.sort_by(f64::total_cmp);
        samples[1]
    };
    let n = sizes.spawn_tasks;
    if wants("spawn_await_ns") {
        figures.push(("spawn_await_ns", Some(spawn(&|| ours::ours_spawn_await(n)))));
    }
    if wants("tokio_spawn_await_ns") {
        figures.push((
            "tokio_spawn_await_ns",
            Some(spawn(&|| peers::tokio_spawn_await(n))),
        ));
    }
    if wants("async_std_spawn_await_ns") {
        figures.push((
            "async_std_spawn_await_ns",
            Some(spawn(&|| {
                let start = Instant::now();
                let sum = asyncio::twin::sleepers::spawn_and_await(n);
                assert_eq!(sum, n * (n - 1) / 2);
                start.elapsed().as_nanos() as f64 / n as f64
            })),
        ));
    }

    if wants("yield_ns") {
        figures.push(("yield_ns", Some(ours::ours_yield(sizes.yields))));
    }
    if wants("tokio_yield_ns") {
        figures.push(("tokio_yield_ns", Some(peers::tokio_yield(sizes.yields))));
    }

    if wants("sleepers_100k") {
        let (wall, bytes) = ours::sleepers_in_child(sizes.sleepers);
        figures.push(("sleepers_100k_wall_s", wall));
        figures.push(("sleepers_100k_bytes_per_task", bytes));
    }

    if wants("echo_req_per_s") {
        figures.push(("echo_req_per_s", Some(ours::ours_echo(sizes.echo_requests))));
    }
    if wants("tokio_echo_req_per_s") {
        figures.push((
            "tokio_echo_req_per_s",
            Some(peers::tokio_echo(sizes.echo_requests)),
        ));
    }
    if wants("async_std_echo_req_per_s") {
        figures.push((
            "async_std_echo_req_per_s",
            Some(peers::async_std_echo(sizes.echo_requests)),
        ));
    }

    if wants("timer_overshoot_p99_us") {
        figures.push((
            "timer_overshoot_p99_us",
            Some(ours::ours_overshoot_p99_us(sizes.overshoot_samples)),
        ));
    }

    let uvloop = if wants("uvloop_echo_req_per_s") || wants("uvloop_c10k") {
        c10k::uvloop_path()
    } else {
        None
    };
    if wants("uvloop_echo_req_per_s") {
        let rate = uvloop
            .as_deref()
            .and_then(|path| peers::uvloop_echo(quick, path));
        figures.push(("uvloop_echo_req_per_s", rate));
    }

    let mut flags: Vec<(&str, Option<bool>)> = Vec::new();
    // Each server's command, built only when its figures are wanted.
    let c10k_servers: [(&str, &dyn Fn() -> Option<std::process::Command>); 5] = [
        ("c10k", &|| c10k::rust_server("ours")),
        ("tokio_c10k", &|| c10k::rust_server("tokio")),
        ("async_std_c10k", &|| c10k::rust_server("async_std")),
        ("cpython_c10k", &|| c10k::python_server(None)),
        ("uvloop_c10k", &|| {
            uvloop
                .as_deref()
                .and_then(|path| c10k::python_server(Some(path)))
        }),
    ];
    for (prefix, command) in c10k_servers {
        if !wants(prefix) {
            continue;
        }
        let report =
            command().and_then(|command| c10k::measure(prefix, command, sizes.c10k_connections));
        // A peer whose echoes did not all come back has no figure.
        let trusted = report.as_ref().filter(|r| r.all_echoed || prefix == "c10k");
        let (bytes_key, rate_key) = match prefix {
            "c10k" => ("c10k_bytes_per_conn", "c10k_req_per_s"),
            "tokio_c10k" => ("tokio_c10k_bytes_per_conn", "tokio_c10k_req_per_s"),
            "async_std_c10k" => ("async_std_c10k_bytes_per_conn", "async_std_c10k_req_per_s"),
            "cpython_c10k" => ("cpython_c10k_bytes_per_conn", "cpython_c10k_req_per_s"),
            _ => ("uvloop_c10k_bytes_per_conn", "uvloop_c10k_req_per_s"),
        };
        figures.push((bytes_key, trusted.map(|r| r.bytes_per_idle_connection)));
        figures.push((rate_key, trusted.map(|r| r.round_trips_per_s)));
        if prefix == "c10k" {
            flags.push(("c10k_all_echoed", report.map(|r| r.all_echoed)));
        }
    }

    let cpython = if wants("cpython") {
        peers::cpython_peer(quick)
    } else {
        Vec::new()
    };
    let peer = |key: &str| cpython.iter().find(|(k, _)| k == key).map(|&(_, v)| v);
    // Insert the CPython figures next to their peers, in the issue's order.
    let order = [
        "spawn_await_ns",
        "tokio_spawn_await_ns",
        "async_std_spawn_await_ns",
        "yield_ns",
        "tokio_yield_ns",
        "cpython_yield_ns",
        "sleepers_100k_wall_s",
        "sleepers_100k_bytes_per_task",
        "cpython_sleepers_100k_wall_s",
        "cpython_sleepers_100k_bytes_per_task",
        "echo_req_per_s",
        "tokio_echo_req_per_s",
        "async_std_echo_req_per_s",
        "cpython_echo_req_per_s",
        "uvloop_echo_req_per_s",
        "timer_overshoot_p99_us",
        "c10k_bytes_per_conn",
        "tokio_c10k_bytes_per_conn",
        "async_std_c10k_bytes_per_conn",
        "cpython_c10k_bytes_per_conn",
        "uvloop_c10k_bytes_per_conn",
        "c10k_all_echoed",
        "c10k_req_per_s",
        "tokio_c10k_req_per_s",
        "async_std_c10k_req_per_s",
        "cpython_c10k_req_per_s",
        "uvloop_c10k_req_per_s",
    ];
    let value = |key: &str| -> Figure {
        if let Some(&(_, flag)) = flags.iter().find(|(k, _)| *k == key) {
            return Figure::Flag(flag);
        }
        if key == "c10k_all_echoed" {
            return Figure::Flag(None);
        }
        if key.starts_with("cpython_") && !key.contains("c10k") {
            return Figure::Number(peer(key));
        }
        Figure::Number(
            figures
                .iter()
                .find(|(k, _)| *k == key)
                .and_then(|&(_, v)| v),
        )
    };
    let show = |figure: Figure| match figure {
        Figure::Number(Some(v)) if v.is_finite() => round(v).to_string(),
        Figure::Flag(Some(flag)) => flag.to_string(),
        _ => "null".to_owned(),
    };
    if json {
        let body: Vec<String> = order
            .iter()
            .map(|key| format!("  \"{key}\": {}", show(value(key))))
            .collect();
        println!("{{\n{}\n}}", body.join(",\n"));
    } else {
        for key in order {
            println!("{key:40} {}", show(value(key)));
        }
    }
}

/// Three significant decimals are plenty for a noisy 2-core machine.
fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}
