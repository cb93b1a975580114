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
//! - `timer_overshoot_p99_us`: 99th percentile of how late a 1 ms sleep
//!   wakes.
//!
//! CPython runs `asyncio/bench/cpython_peer.py`; its figures are `null`
//! when python3 is absent. Python equivalent: `timeit` around `asyncio.run`.

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
}

/// Echo connections (the issue's 64).
pub const ECHO_CONNECTIONS: usize = 64;
/// Echo message size (the issue's 1 KiB).
pub const ECHO_PAYLOAD: usize = 1024;

fn main() {
    let args: Vec<String> = std::env::args().collect();
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
        }
    } else {
        Sizes {
            spawn_tasks: 1_000_000,
            yields: 5_000_000,
            sleepers: 100_000,
            echo_requests: 1_000,
            overshoot_samples: 1_000,
        }
    };

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
        "timer_overshoot_p99_us",
    ];
    let value = |key: &str| -> Option<f64> {
        if key.starts_with("cpython_") {
            peer(key)
        } else {
            figures
                .iter()
                .find(|(k, _)| *k == key)
                .and_then(|&(_, v)| v)
        }
    };
    if json {
        let body: Vec<String> = order
            .iter()
            .map(|key| match value(key) {
                Some(v) if v.is_finite() => format!("  \"{key}\": {}", round(v)),
                _ => format!("  \"{key}\": null"),
            })
            .collect();
        println!("{{\n{}\n}}", body.join(",\n"));
    } else {
        for key in order {
            match value(key) {
                Some(v) => println!("{key:40} {}", round(v)),
                None => println!("{key:40} null"),
            }
        }
    }
}

/// Three significant decimals are plenty for a noisy 2-core machine.
fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}
