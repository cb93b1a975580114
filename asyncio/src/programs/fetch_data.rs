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

use crate::combinators::gather;
use crate::error::TaskError;
use crate::sleep::sleep;
use std::time::Duration;

/// Prints, waits `latency` (the simulated I/O), prints again.
pub async fn fetch_data(latency: Duration) {
    println!("Fetching data...");
    sleep(latency).await; // Simulates an I/O operation
    println!("Data fetched!");
}

/// `await asyncio.gather(fetch_data(), fetch_data())`.
///
/// # Errors
/// A fetch task failed (it cannot, short of a bug).
pub async fn main(latency: Duration) -> Result<(), TaskError> {
    gather([fetch_data(latency), fetch_data(latency)]).await?;
    Ok(())
}
