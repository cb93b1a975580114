//! Producers and consumers on a bounded `Queue` (`crate::sync::Queue`).
//!
//! ```text
//!   producer 0 ─┐                      ┌─▶ consumer 0 ─┐
//!   producer 1 ─┼─▶ Queue(maxsize) ────┼─▶ consumer 1 ─┼─▶ sum of items
//!   producer 2 ─┘   (put waits when    └─▶ consumer 2 ─┘
//!                    full: backpressure)
//!   main: await producers; await queue.join(); cancel consumers
//! ```
//!
//! Python equivalent:
//! ```python
//! async def producer(q, items):
//!     for x in items:
//!         await q.put(x)
//! async def consumer(q, total):
//!     while True:
//!         x = await q.get()
//!         total[0] += x
//!         q.task_done()
//! async def main():
//!     q = asyncio.Queue(maxsize=4)
//!     ...
//!     await asyncio.gather(*producers)
//!     await q.join()
//!     for c in consumers: c.cancel()
//! ```
//! Twin: `twin/producer_consumer.rs`.
//!
//! Needs: `sync/` (`Queue`), `context.rs` (`spawn`), `error.rs`.

use crate::context::spawn;
use crate::error::TaskError;
use crate::sync::Queue;
use std::cell::Cell;
use std::rc::Rc;

/// Every producer puts its items; `consumers` tasks sum them. Returns the
/// sum, which must equal the sum of all inputs.
///
/// # Errors
/// A producer task failed.
pub async fn run_pipeline(
    inputs: Vec<Vec<u64>>,
    consumers: usize,
    maxsize: usize,
) -> Result<u64, TaskError> {
    let queue = Rc::new(Queue::new(maxsize));
    let total = Rc::new(Cell::new(0u64));
    let workers: Vec<_> = (0..consumers.max(1))
        .map(|_| {
            let (queue, total) = (Rc::clone(&queue), Rc::clone(&total));
            spawn(async move {
                loop {
                    let x: u64 = queue.get().await;
                    total.set(total.get() + x);
                    queue
                        .task_done()
                        .expect("one task_done per item got: the accounting cannot underflow");
                }
            })
        })
        .collect();
    let producers: Vec<_> = inputs
        .into_iter()
        .map(|items| {
            let queue = Rc::clone(&queue);
            spawn(async move {
                for x in items {
                    queue.put(x).await;
                }
            })
        })
        .collect();
    for producer in producers {
        producer.await?;
    }
    queue.join().await;
    for worker in &workers {
        worker.cancel();
    }
    Ok(total.get())
}
