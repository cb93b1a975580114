//! Producers and consumers on async-std's bounded channel (twin of
//! `programs/producer_consumer.rs`).
//!
//! async-std has no `Queue` with `task_done`/`join`; its `channel::bounded`
//! gives the same backpressure, and closing the channel (dropping every
//! sender) replaces `join` + cancelling the consumers: each consumer's
//! `recv` fails once the channel is empty and closed.
//!
//! Python equivalent: see `programs/producer_consumer.rs`.
//!
//! Needs: async-std only.

use async_std::channel;
use async_std::task;

/// Every producer sends its items; `consumers` tasks sum them.
pub async fn run_pipeline(inputs: Vec<Vec<u64>>, consumers: usize, capacity: usize) -> u64 {
    let (sender, receiver) = channel::bounded::<u64>(capacity.max(1));
    let workers: Vec<_> = (0..consumers.max(1))
        .map(|_| {
            let receiver = receiver.clone();
            task::spawn(async move {
                let mut sum = 0u64;
                while let Ok(x) = receiver.recv().await {
                    sum += x;
                }
                sum
            })
        })
        .collect();
    let producers: Vec<_> = inputs
        .into_iter()
        .map(|items| {
            let sender = sender.clone();
            task::spawn(async move {
                for x in items {
                    // Fails only if every receiver is gone; they are not.
                    let _ = sender.send(x).await;
                }
            })
        })
        .collect();
    drop(sender);
    for producer in producers {
        producer.await;
    }
    let mut total = 0;
    for worker in workers {
        total += worker.await;
    }
    total
}
