//! # asyncio: one thread, thousands of waiting tasks
//!
//! A hand-rolled event loop (std + nix: epoll, eventfd, timerfd) with
//! Python's asyncio API, next to the same programs written on async-std so
//! the two read side by side.
//!
//! ```
//! use std::time::{Duration, Instant};
//!
//! async fn fetch_data() -> &'static str {
//!     asyncio::sleep(Duration::from_millis(20)).await; // simulated I/O
//!     "data"
//! }
//!
//! let started = Instant::now();
//! let results = asyncio::run(async {
//!     asyncio::gather(vec![fetch_data(), fetch_data()]).await
//! })
//! .unwrap()
//! .unwrap();
//! assert_eq!(results, vec!["data", "data"]);
//! // The two 20 ms waits overlapped: nowhere near 2 × 20 ms of work.
//! # let _ = started.elapsed();
//! ```
//!
//! ## Module map
//! | module | mechanism | Python equivalent |
//! |---|---|---|
//! | `event_loop` | ready queue, one tick of `_run_once` | `asyncio.base_events` |
//! | `runner` | `run`, `Runner` | `asyncio.run`, `asyncio.Runner` |
//! | `task` | spawned futures, cancellation, panics | `asyncio.Task` |
//! | `waker` | wakers as packed task ids; cross-thread inbox | `call_soon`, `call_soon_threadsafe` |
//! | `slab` | generation-checked slots | — |
//! | `timers` | binary heap with lazy cancellation | `loop.call_later` |
//! | `sleep` | `sleep`, `yield_now` | `asyncio.sleep` |
//! | `reactor` | epoll, per-fd readiness, timerfd | `selectors.EpollSelector` |
//! | `combinators` | `gather`, `as_completed`, `wait`, `wait_for`/`timeout` | `asyncio.tasks` |
//! | `task_group` | structured concurrency | `asyncio.TaskGroup` |
//! | `to_thread` | blocking closures on a thread pool | `asyncio.to_thread` |
//! | `sync` | `Lock`, `Event`, `Semaphore`, `Condition`, `Queue` | `asyncio.locks`, `asyncio.queues` |
//! | `net` | non-blocking TCP, `start_server`, `open_connection` | `asyncio.streams` |
//! | `debug` | slow-poll warnings, task timeline | debug mode |
//! | `programs` / `twin` | the same programs, hand-rolled / on async-std | — |

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

mod combinators;
mod debug;
mod error;
mod event_loop;
pub mod net;
pub mod programs;
mod reactor;
mod runner;
mod slab;
mod sleep;
pub mod sync;
mod task;
mod task_group;
mod timers;
mod to_thread;
pub mod twin;
mod waker;

pub use combinators::{
    as_completed, gather, gather_return_exceptions, timeout, wait, wait_for, wait_for_task,
    wait_timeout, AsCompleted, ReturnWhen, Timeout,
};
pub use debug::{render_timeline, Config, SlowPoll, TaskLane};
pub use error::{Error, TaskError, TimeoutError};
pub use event_loop::{loop_stats, LoopStats};
pub use runner::{run, Runner};
pub use sleep::{sleep, yield_now, Sleep};
pub use task::{create_task, spawn, spawn_named, Task};
pub use task_group::TaskGroup;
pub use to_thread::{to_thread, MAX_WORKERS};
