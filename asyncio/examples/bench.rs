//! The asyncio benchmark: the hand-rolled loop against tokio's
//! `current_thread` runtime, async-std and CPython's asyncio, all measured
//! in this one run.
//!
//! ```text
//! cargo run --release -p asyncio --example bench -- --json
//! cargo run --release -p asyncio --example bench            # a readable table
//! cargo run --release -p asyncio --example bench -- --quick # smaller sizes
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

use common::measure::{median_of, python, rss};
use std::path::Path;
use std::time::{Duration, Instant};

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

const ECHO_CONNECTIONS: usize = 64;
const ECHO_PAYLOAD: usize = 1024;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child-sleepers") {
        let n = args
            .get(i + 1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(100_000);
        child_sleepers(n);
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
        figures.push(("spawn_await_ns", Some(spawn(&|| ours_spawn_await(n)))));
    }
    if wants("tokio_spawn_await_ns") {
        figures.push((
            "tokio_spawn_await_ns",
            Some(spawn(&|| tokio_spawn_await(n))),
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
        figures.push(("yield_ns", Some(ours_yield(sizes.yields))));
    }
    if wants("tokio_yield_ns") {
        figures.push(("tokio_yield_ns", Some(tokio_yield(sizes.yields))));
    }

    if wants("sleepers_100k") {
        let (wall, bytes) = sleepers_in_child(sizes.sleepers);
        figures.push(("sleepers_100k_wall_s", wall));
        figures.push(("sleepers_100k_bytes_per_task", bytes));
    }

    if wants("echo_req_per_s") {
        figures.push(("echo_req_per_s", Some(ours_echo(sizes.echo_requests))));
    }
    if wants("tokio_echo_req_per_s") {
        figures.push((
            "tokio_echo_req_per_s",
            Some(tokio_echo(sizes.echo_requests)),
        ));
    }
    if wants("async_std_echo_req_per_s") {
        figures.push((
            "async_std_echo_req_per_s",
            Some(async_std_echo(sizes.echo_requests)),
        ));
    }

    if wants("timer_overshoot_p99_us") {
        figures.push((
            "timer_overshoot_p99_us",
            Some(ours_overshoot_p99_us(sizes.overshoot_samples)),
        ));
    }

    let cpython = if wants("cpython") {
        cpython_peer(quick)
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

fn ours_spawn_await(n: u64) -> f64 {
    asyncio::run(async move {
        let start = Instant::now();
        let tasks: Vec<asyncio::Task<u64>> =
            (0..n).map(|i| asyncio::spawn(async move { i })).collect();
        let mut sum = 0;
        for task in tasks {
            sum += task.await.expect("trivial task");
        }
        assert_eq!(sum, n * (n - 1) / 2);
        start.elapsed().as_nanos() as f64 / n as f64
    })
    .expect("loop runs")
}

fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn tokio_spawn_await(n: u64) -> f64 {
    tokio_runtime().block_on(async move {
        let start = Instant::now();
        let tasks: Vec<_> = (0..n).map(|i| tokio::spawn(async move { i })).collect();
        let mut sum = 0;
        for task in tasks {
            sum += task.await.expect("trivial task");
        }
        assert_eq!(sum, n * (n - 1) / 2);
        start.elapsed().as_nanos() as f64 / n as f64
    })
}

fn ours_yield(n: u64) -> f64 {
    let timing = median_of(3, 1, || {
        asyncio::run(async move {
            for _ in 0..n {
                asyncio::sleep(Duration::ZERO).await;
            }
        })
        .expect("loop runs");
    });
    timing.median.as_nanos() as f64 / n as f64
}

fn tokio_yield(n: u64) -> f64 {
    let rt = tokio_runtime();
    let timing = median_of(3, 1, || {
        rt.block_on(async move {
            tokio::spawn(async move {
                for _ in 0..n {
                    tokio::task::yield_now().await;
                }
            })
            .await
            .expect("yield task");
        });
    });
    timing.median.as_nanos() as f64 / n as f64
}

/// Runs this binary again with `--child-sleepers n`, so the RSS growth is
/// measured in a process that did nothing else.
fn sleepers_in_child(n: usize) -> (Option<f64>, Option<f64>) {
    let Ok(exe) = std::env::current_exe() else {
        return (None, None);
    };
    let Ok(out) = std::process::Command::new(exe)
        .args(["--child-sleepers", &n.to_string()])
        .output()
    else {
        return (None, None);
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text.split_whitespace().map(|s| s.parse::<f64>().ok());
    (fields.next().flatten(), fields.next().flatten())
}

/// The child's half: `n` tasks sleeping 1 s; prints "wall bytes_per_task".
fn child_sleepers(n: usize) {
    let (wall, per_task) = asyncio::run(async move {
        let rss0 = rss::current_bytes().unwrap_or(0);
        let start = Instant::now();
        let tasks: Vec<asyncio::Task<usize>> = (0..n)
            .map(|id| {
                asyncio::spawn(asyncio::programs::sleepers::sleeper(
                    id,
                    Duration::from_secs(1),
                ))
            })
            .collect();
        asyncio::yield_now().await; // every task has run once and armed its timer
        let rss1 = rss::current_bytes().unwrap_or(0);
        for (id, task) in tasks.into_iter().enumerate() {
            assert_eq!(task.await, Ok(id));
        }
        let wall = start.elapsed().as_secs_f64();
        (wall, rss1.saturating_sub(rss0) as f64 / n as f64)
    })
    .expect("loop runs");
    println!("{wall} {per_task}");
}

fn ours_echo(requests: usize) -> f64 {
    asyncio::run(async move {
        let server = asyncio::programs::echo::start_echo_server("127.0.0.1:0").expect("bind");
        let addr = server.local_addr();
        let start = Instant::now();
        let done =
            asyncio::programs::echo::echo_load(addr, ECHO_CONNECTIONS, requests, ECHO_PAYLOAD)
                .await
                .expect("echo load");
        let rate = done as f64 / start.elapsed().as_secs_f64();
        server.close();
        rate
    })
    .expect("loop runs")
}

fn tokio_echo(requests: usize) -> f64 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    tokio_runtime().block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 16 * 1024];
                    loop {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => {
                                if stream.write_all(&buf[..n]).await.is_err() {
                                    break;
                                }
                            }
                        }
                    }
                });
            }
        });
        let start = Instant::now();
        let clients: Vec<_> = (0..ECHO_CONNECTIONS)
            .map(|_| {
                tokio::spawn(async move {
                    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
                    stream.set_nodelay(true).expect("nodelay");
                    let message: Vec<u8> = (0..ECHO_PAYLOAD).map(|i| (i % 251) as u8).collect();
                    let mut reply = vec![0u8; ECHO_PAYLOAD];
                    for _ in 0..requests {
                        stream.write_all(&message).await.expect("write");
                        stream.read_exact(&mut reply).await.expect("read");
                        assert_eq!(reply, message);
                    }
                })
            })
            .collect();
        for client in clients {
            client.await.expect("client");
        }
        let rate = (ECHO_CONNECTIONS * requests) as f64 / start.elapsed().as_secs_f64();
        server.abort();
        rate
    })
}

fn async_std_echo(requests: usize) -> f64 {
    use asyncio::twin::echo;
    async_std::task::block_on(async move {
        let addr = echo::start_echo_server("127.0.0.1:0").await.expect("bind");
        let start = Instant::now();
        let done = echo::echo_load(addr, ECHO_CONNECTIONS, requests, ECHO_PAYLOAD)
            .await
            .expect("echo load");
        done as f64 / start.elapsed().as_secs_f64()
    })
}

fn ours_overshoot_p99_us(samples: usize) -> f64 {
    let mut late: Vec<f64> = asyncio::run(async move {
        let mut late = Vec::with_capacity(samples);
        for _ in 0..samples {
            let start = Instant::now();
            asyncio::sleep(Duration::from_millis(1)).await;
            let overshoot = start.elapsed().saturating_sub(Duration::from_millis(1));
            late.push(overshoot.as_secs_f64() * 1e6);
        }
        late
    })
    .expect("loop runs");
    late.sort_by(f64::total_cmp);
    late[(late.len() * 99 / 100).min(late.len() - 1)]
}

/// Runs the CPython peer script; `(key, value)` pairs, empty when python3
/// is absent or the script fails.
fn cpython_peer(quick: bool) -> Vec<(String, f64)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/cpython_peer.py");
    let args: &[&str] = if quick { &["--quick"] } else { &[] };
    let Some(out) = python::run_script(&script, args) else {
        return Vec::new();
    };
    if !out.status.success() {
        eprintln!(
            "note: cpython_peer.py failed; CPython figures are null:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return Vec::new();
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(' ')?;
            Some((key.to_owned(), value.trim().parse().ok()?))
        })
        .collect()
}
