//! The seed's snippet on async-std (twin of `programs/fetch_data.rs`).
//!
//! async-std has no `gather` (and its `join` combinator is behind the
//! `unstable` feature), so the idiom is to spawn both fetches and await
//! the handles; the waits overlap just the same. Python equivalent: see
//! `programs/fetch_data.rs`.
//!
//! Needs: async-std only.

use async_std::task;
use std::time::Duration;

/// Prints, waits `latency` (the simulated I/O), prints again.
pub async fn fetch_data(latency: Duration) {
    fetch_data_logged(latency, print_line).await;
}

/// [`fetch_data`], with its two lines handed to `log` instead of printed.
pub async fn fetch_data_logged(latency: Duration, log: impl Fn(&'static str)) {
    log("Fetching data...");
    task::sleep(latency).await; // Simulates an I/O operation
    log("Data fetched!");
}

/// Both fetches at once.
pub async fn main(latency: Duration) {
    main_logged(latency, print_line).await;
}

/// [`main`], with every line handed to `log`. The tasks run on
/// async-std's thread pool, so — unlike the hand-rolled twin — the
/// interleaving of the two fetches' lines is up to the scheduler.
pub async fn main_logged<L>(latency: Duration, log: L)
where
    L: Fn(&'static str) + Clone + Send + 'static,
{
    let first = task::spawn(fetch_data_logged(latency, log.clone()));
    let second = task::spawn(fetch_data_logged(latency, log));
    first.await;
    second.await;
}

/// The seed's `print`.
fn print_line(line: &'static str) {
    println!("{line}");
}
