//! The seed's snippet: `gather` of two tasks that each sleep 2 s finishes
//! in about 2 s, not 4 — and the same program on async-std.
//!
//! ```text
//! cargo run -p asyncio --example fetch_data
//! ```
//!
//! Python (the seed):
//! ```python
//! import asyncio
//! async def fetch_data():
//!     print("Fetching data...")
//!     await asyncio.sleep(2) # Simulates an I/O operation
//!     print("Data fetched!")
//! async def main():
//!     await asyncio.gather(fetch_data(), fetch_data())
//! asyncio.run(main())
//! ```

use std::time::{Duration, Instant};

fn main() -> Result<(), asyncio::Error> {
    let latency = Duration::from_secs(2);

    println!("hand-rolled loop (asyncio::programs::fetch_data):");
    let start = Instant::now();
    asyncio::run(asyncio::programs::fetch_data::main(latency))??;
    let took = start.elapsed();
    println!(
        "two 2 s fetches took {:.2} s (sequentially: 4 s)\n",
        took.as_secs_f64()
    );

    println!("async-std twin (asyncio::twin::fetch_data):");
    let start = Instant::now();
    asyncio::twin::block_on(asyncio::twin::fetch_data::main(latency));
    println!(
        "two 2 s fetches took {:.2} s (sequentially: 4 s)",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
