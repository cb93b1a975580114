//! The sleepers program on async-std (twin of `programs/sleepers.rs`).
//!
//! The shape is the same; what differs is hidden in the library: async-std
//! runs tasks on a multi-threaded executor (so futures must be `Send`),
//! and its timers live in `async-io`'s reactor thread. There is no
//! `gather`; spawning and awaiting the handles in order is the idiom.
//!
//! Python equivalent: see `programs/sleepers.rs`.
//!
//! Needs: async-std only.

use async_std::task;
use std::time::Duration;

/// One sleeper: waits `d`, returns its id.
pub async fn sleeper(id: usize, d: Duration) -> usize {
    task::sleep(d).await;
    id
}

/// Runs `n` sleepers concurrently; returns their ids in order.
pub async fn sleepers(n: usize, d: Duration) -> Vec<usize> {
    let handles: Vec<_> = (0..n).map(|id| task::spawn(sleeper(id, d))).collect();
    let mut ids = Vec::with_capacity(n);
    for handle in handles {
        ids.push(handle.await);
    }
    ids
}

/// `block_on(sleepers(n, d))`.
pub fn run_sleepers(n: usize, d: Duration) -> Vec<usize> {
    task::block_on(sleepers(n, d))
}

/// Spawns `n` trivial tasks, then awaits them all; returns the sum of
/// their results (the bench's spawn + await measurement).
pub fn spawn_and_await(n: u64) -> u64 {
    task::block_on(async move {
        let handles: Vec<_> = (0..n).map(|i| task::spawn(async move { i })).collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await;
        }
        sum
    })
}
