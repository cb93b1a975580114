//! The seed's snippet: two "fetches" that each wait 2 s, gathered, finish
//! together in about 2 s, not 4.
//!
//! ```text
//!   t=0 s  Fetching data...  (task 1)   Fetching data...  (task 2)
//!          ── both parked on timers; the loop sleeps in epoll_wait ──
//!   t=2 s  Data fetched!     (task 1)   Data fetched!     (task 2)
//! ```
//!
//! Python equivalent (the seed):
//! ```python
//! async def fetch_data():
//!     print("Fetching data...")
//!     await asyncio.sleep(2) # Simulates an I/O operation
//!     print("Data fetched!")
//! async def main():
//!     await asyncio.gather(fetch_data(), fetch_data())
//! asyncio.run(main())
//! ```
//! Twin: `twin/fetch_data.rs`.
//!
//! Needs: `combinators.rs` (`gather`), `sleep.rs`, `error.rs`.

use crate::combinators::gather;
use crate::error::TaskError;
use crate::sleep::sleep;
use std::time::Duration;

/// Prints, waits `latency` (the simulated I/O), prints again.
pub async fn fetch_data(latency: Duration) {
    fetch_data_logged(latency, print_line).await;
}

/// [`fetch_data`], with its two lines handed to `log` instead of printed
/// (so a test can check what the program says, and in which order).
pub async fn fetch_data_logged(latency: Duration, log: impl Fn(&'static str)) {
    log("Fetching data...");
    sleep(latency).await; // Simulates an I/O operation
    log("Data fetched!");
}

/// `await asyncio.gather(fetch_data(), fetch_data())`.
///
/// # Errors
/// A fetch task failed (it cannot, short of a bug).
pub async fn main(latency: Duration) -> Result<(), TaskError> {
    main_logged(latency, print_line).await
}

/// [`main`], with every line handed to `log`. Both fetches start in the
/// same tick, so the order is fixed: both "Fetching data..." lines, then
/// both "Data fetched!" — the waits overlap.
///
/// # Errors
/// As [`main`].
pub async fn main_logged<L>(latency: Duration, log: L) -> Result<(), TaskError>
where
    L: Fn(&'static str) + Clone + 'static,
{
    gather([
        fetch_data_logged(latency, log.clone()),
        fetch_data_logged(latency, log),
    ])
    .await?;
    Ok(())
}

/// The seed's `print`.
fn print_line(line: &'static str) {
    println!("{line}");
}
