//! The hand-rolled loop's side of the benchmark (see `main.rs`); the Python
//! equivalent of each measurement is in `asyncio/bench/cpython_peer.py`.

use crate::{ECHO_CONNECTIONS, ECHO_PAYLOAD};
use common::measure::{median_of, rss};
use std::time::{Duration, Instant};

pub fn ours_spawn_await(n: u64) -> f64 {
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

pub fn ours_yield(n: u64) -> f64 {
    let timing = median_of(3, 1, || {
        // In a spawned task, as the tokio peer does: a task's round trip
        // is slab lookup + poll, not the main future's shortcut.
        asyncio::run(async move {
            asyncio::spawn(async move {
                for _ in 0..n {
                    asyncio::sleep(Duration::ZERO).await;
                }
            })
            .await
            .expect("yield task");
        })
        .expect("loop runs");
    });
    timing.median.as_nanos() as f64 / n as f64
}

/// Runs this binary again with `--child-sleepers n`, so the RSS growth is
/// measured in a process that did nothing else.
pub fn sleepers_in_child(n: usize) -> (Option<f64>, Option<f64>) {
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
pub fn child_sleepers(n: usize) {
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

pub fn ours_echo(requests: usize) -> f64 {
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

pub fn ours_overshoot_p99_us(samples: usize) -> f64 {
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
