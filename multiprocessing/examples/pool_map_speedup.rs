//! A CPU-bound `Pool.map` on 1 and on 2 workers: processes escape the GIL.
//!
//! ```text
//! cargo run --release -p multiprocessing --example pool_map_speedup
//! ```
//!
//! Python equivalent:
//! ```python
//! with Pool(workers) as pool:
//!     pool.map(count, [n // 8] * 8, chunksize=1)
//! ```
//! Each worker is a separate process with its own memory, so two workers
//! run two count-down loops at the same time; the speed-up on a 2-core
//! machine approaches 2 (CPython gets 1.5–1.9 here; threads get ~1.0).

use multiprocessing::Pool;
use std::time::Instant;

/// Total iterations, split into 8 tasks.
const TOTAL: u64 = 2_000_000_000;

/// The classic count-down loop (`while n > 0: n -= 1`).
fn count(n: u64) -> u64 {
    common::cpu::count(n)
}

/// Wall time of the map on `workers` workers.
fn run(workers: usize) -> multiprocessing::Result<f64> {
    let pool = Pool::new(workers)?;
    let tasks = vec![TOTAL / 8; 8];
    let start = Instant::now();
    let results = pool.map(count, tasks, Some(1))?;
    let elapsed = start.elapsed().as_secs_f64();
    let total: u64 = results.into_iter().map(|r| r.expect("count task")).sum();
    assert_eq!(total, TOTAL, "the pool's result equals the sequential one");
    println!("{workers} worker(s): {elapsed:.3} s for {TOTAL} iterations");
    Ok(elapsed)
}

fn main() -> multiprocessing::Result<()> {
    let one = run(1)?;
    let two = run(2)?;
    println!("speed-up with 2 workers: {:.2}x", one / two);
    Ok(())
}
