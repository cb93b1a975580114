//! The seed's snippet on async-std (twin of `programs/fetch_data.rs`).
//!
//! async-std has no `gather` (and its `join` combinator is behind the
//! `unstable` feature), so the idiom is to spawn both fetches and await
//! the handles; the waits overlap just the same. Python equivalent: see
//! `programs/fetch_data.rs`.

use async_std::task;
use std::time::Duration;

/// Prints, waits `latency` (the simulated I/O), prints again.
pub async fn fetch_data(latency: Duration) {
    println!("Fetching data...");
    task::sleep(latency).await; // Simulates an I/O operation
    println!("Data fetched!");
}

/// Both fetches at once.
pub async fn main(latency: Duration) {
    let first = task::spawn(fetch_data(latency));
    let second = task::spawn(fetch_data(latency));
    first.await;
    second.await;
}
