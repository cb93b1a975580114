//! Producers and consumers on a bounded queue — hand-rolled `Queue` with
//! `task_done`/`join`, then the async-std twin on a bounded channel.
//!
//! ```text
//! cargo run -p asyncio --example producer_consumer
//! ```
//!
//! Python equivalent:
//! ```python
//! q = asyncio.Queue(maxsize=4)
//! producers = [asyncio.create_task(producer(q, items)) for items in inputs]
//! consumers = [asyncio.create_task(consumer(q)) for _ in range(3)]
//! await asyncio.gather(*producers); await q.join()
//! for c in consumers: c.cancel()
//! ```

use asyncio::{programs, twin};

fn main() -> Result<(), asyncio::Error> {
    let inputs: Vec<Vec<u64>> = (0..4u64)
        .map(|p| (0..1_000).map(|i| p * 1_000 + i).collect())
        .collect();
    let expected: u64 = inputs.iter().flatten().sum();

    let ours = asyncio::run(programs::producer_consumer::run_pipeline(
        inputs.clone(),
        3,
        4,
    ))??;
    println!("hand-rolled Queue(maxsize=4), 4 producers, 3 consumers: sum {ours}");

    let theirs = twin::block_on(twin::producer_consumer::run_pipeline(inputs, 3, 4));
    println!("async-std bounded(4) channel, same shape:                sum {theirs}");

    assert_eq!(ours, expected);
    assert_eq!(theirs, expected);
    println!("both equal the sequential sum {expected}");
    Ok(())
}
