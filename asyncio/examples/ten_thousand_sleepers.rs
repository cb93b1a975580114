//! Ten thousand tasks sleep 1 s at once on one thread: about 1 s of wall
//! time and a few hundred bytes each — on the hand-rolled loop and on
//! async-std.
//!
//! ```text
//! cargo run --release -p asyncio --example ten_thousand_sleepers
//! ```
//!
//! Python equivalent:
//! ```python
//! async def sleeper(i):
//!     await asyncio.sleep(1)
//!     return i
//! async def main():
//!     ids = await asyncio.gather(*(sleeper(i) for i in range(10_000)))
//! ```

use std::time::{Duration, Instant};

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn main() -> Result<(), asyncio::Error> {
    const N: usize = 10_000;
    let d = Duration::from_secs(1);

    let before = rss_kib();
    let start = Instant::now();
    let ids = asyncio::run(async move {
        let tasks: Vec<_> = (0..N)
            .map(|id| asyncio::spawn(asyncio::programs::sleepers::sleeper(id, d)))
            .collect();
        asyncio::yield_now().await; // every task is now parked on its timer
        let stats = asyncio::loop_stats();
        println!(
            "hand-rolled: {} tasks parked, {} timers in the heap, RSS +{} KiB",
            stats.tasks,
            stats.timers_active,
            rss_kib().saturating_sub(before)
        );
        let mut ids = Vec::with_capacity(N);
        for t in tasks {
            ids.push(t.await.expect("a sleeper cannot fail"));
        }
        ids
    })?;
    assert_eq!(ids, (0..N).collect::<Vec<_>>());
    println!(
        "hand-rolled: {N} sleeps of 1 s took {:.3} s",
        start.elapsed().as_secs_f64()
    );

    let start = Instant::now();
    let ids = asyncio::twin::sleepers::run_sleepers(N, d);
    assert_eq!(ids.len(), N);
    println!(
        "async-std:   {N} sleeps of 1 s took {:.3} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
