//! `n` tasks that each sleep `d`, all at once: the wall time is about one
//! `d`, not `n × d`, because a sleeping task is only a timer-heap entry
//! and a parked slab slot — no thread, no stack.
//!
//! ```text
//!   spawn ×n ─▶ each task: sleep(d) ─▶ timer heap holds n deadlines
//!   one epoll_wait until the first deadline ─▶ all n fire within ~d
//! ```
//!
//! Python equivalent:
//! ```python
//! async def sleeper(i, d):
//!     await asyncio.sleep(d)
//!     return i
//! async def main(n, d):
//!     return await asyncio.gather(*(sleeper(i, d) for i in range(n)))
//! ```
//! Twin: `twin/sleepers.rs`.
//!
//! Needs: `combinators.rs` (`gather`), `sleep.rs`, `runner.rs`, `error.rs`.

use crate::combinators::gather;
use crate::error::{Error, TaskError};
use crate::sleep::sleep;
use std::time::Duration;

/// One sleeper: waits `d`, returns its id.
pub async fn sleeper(id: usize, d: Duration) -> usize {
    sleep(d).await;
    id
}

/// Runs `n` sleepers concurrently; returns their ids in order.
///
/// # Errors
/// A sleeper task failed (it cannot, short of a bug).
pub async fn sleepers(n: usize, d: Duration) -> Result<Vec<usize>, TaskError> {
    gather((0..n).map(|id| sleeper(id, d))).await
}

/// `asyncio.run(main(n, d))`.
///
/// # Errors
/// The loop could not start, or a sleeper failed.
pub fn run_sleepers(n: usize, d: Duration) -> Result<Vec<usize>, Error> {
    Ok(crate::run(sleepers(n, d))??)
}
